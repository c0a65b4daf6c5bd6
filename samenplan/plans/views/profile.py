"""Mijn gegevens (M1): my data, indication, data about the plan, contacts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions
from ..forms import (
    ContactForm,
    IndicationForm,
    PlanDataForm,
    ProfileForm,
)
from ..history import last_change
from ..models import Contact, Indication
from ..queries import actor_for, get_in_plan
from .common import (
    edit_form,
    existing_or_new,
    render_plan_page,
    require_write,
)

# --- profile (M1) ----------------------------------------------------------------------


@login_required
def profile(request, plan_id):
    actor = actor_for(request, plan_id, "personal")
    plan = actor.plan
    return render_plan_page(
        request,
        "plans/profile.html",
        actor,
        "personal",
        profile=plan.profile,
        indications=plan.indications.all(),
        contacts=plan.contacts.all(),
        members=plan.memberships.filter(removed_at=None).select_related("user")
        .prefetch_related("user__organisations"),
        last=last_change(plan),
    )


@login_required
def edit_profile(request, plan_id):
    actor = actor_for(request, plan_id)
    form = ProfileForm(request.POST or None, instance=actor.plan.profile)
    response = edit_form(
        request,
        actor,
        "personal",
        form,
        lambda f: actions.do_update_profile(actor, f.instance),
        _("Uw gegevens zijn bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_plan_data(request, plan_id):
    actor = actor_for(request, plan_id)
    form = PlanDataForm(request.POST or None, instance=actor.plan)
    response = edit_form(
        request,
        actor,
        "plan_data",
        form,
        lambda f: actions.do_update_plan_data(actor, f.instance),
        _("Bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_indication(request, plan_id, indication_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Indication, actor, indication_id)
    form = IndicationForm(request.POST or None, instance=instance)
    response = edit_form(
        request,
        actor,
        "indication",
        form,
        lambda f: actions.do_save_indication(actor, f.instance),
        _("De indicatie is bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_contact(request, plan_id, contact_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Contact, actor, contact_id)
    form = ContactForm(request.POST or None, instance=instance)
    response = edit_form(
        request,
        actor,
        "contacts",
        form,
        lambda f: actions.do_save_contact(actor, f.instance),
        _("Het contact is bewaard."),
        current="personal",
        delete_url=reverse("plans:delete_contact", args=[plan_id, contact_id]) if contact_id
        else None,
        delete_text=_("Dit contact verwijderen"),
    )
    return response or redirect("plans:profile", plan_id)


@login_required
@require_POST
def delete_contact(request, plan_id, contact_id):
    actor = actor_for(request, plan_id)
    contact = get_in_plan(Contact.objects, actor.plan, contact_id)
    require_write(actor, "contacts")
    actions.do_delete_contact(actor, contact)
    messages.success(request, _("Het contact is verwijderd."))
    return redirect("plans:profile", plan_id)
