"""What every plan page shares: the menu, the labels per section, and the edit flow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..constants import Role
from ..queries import get_in_plan
from ..sections import SECTIONS, label, may_write, title

NAV = [
    "overview",
    "personal",
    "what_matters",
    "goals",
    "actions",
    "evaluations",
    "members",
    "history",
]


def _plan_title(membership, name):
    if membership.role == Role.PATIENT:
        return _("Mijn plan")
    return _("Het plan van %(name)s") % {"name": name}


def _nav_title(key, membership, profile):
    if key == "overview":
        return _plan_title(membership, profile.name)
    if key == "history":
        return _("Wat is er veranderd")
    return title(key, membership, profile)


def _nav_url(key):
    return {"overview": "plans:overview", "history": "plans:history"}.get(
        key, SECTIONS.get(key).url_name if key in SECTIONS else None
    )


def plan_context(actor, current, **extra):
    """What every plan page needs: the plan, who is looking, the menu, and per section
    its title, who fills it in, and whether this user may write it."""
    membership = actor.membership
    profile = actor.plan.profile
    name = profile.name
    sections = {
        key: {
            "key": key,
            "title": title(key, membership, profile),
            "label": label(key, membership, name),
            "may_write": may_write(membership, key),
        }
        for key in SECTIONS
    }
    nav = [
        {
            "key": key,
            "title": _nav_title(key, membership, profile),
            "url": reverse(_nav_url(key), args=[actor.plan.pk]),
            "current": key == current,
        }
        for key in NAV
    ]
    return {
        "plan": actor.plan,
        "membership": membership,
        "patient_name": name,
        "plan_title": _plan_title(membership, name),
        "is_patient": membership.role == Role.PATIENT,
        "sections": sections,
        "nav": nav,
        "current": current,
        **extra,
    }


def render_plan_page(request, template, actor, current, **extra):
    return render(request, template, plan_context(actor, current, **extra))


def existing_or_new(model, actor, pk):
    """The object of this plan with this id (404 if it is not in this plan), or a new one."""
    if pk is None:
        return model(plan=actor.plan)
    return get_in_plan(model.objects, actor.plan, pk)


def require_write(actor, section):
    if not may_write(actor.membership, section):
        raise PermissionDenied


def edit_form(
    request, actor, section, form, save, success, template="plans/form.html", heading=None, **extra
):
    """The shared edit flow: check the right to write, validate, save, or show errors
    with everything that was typed."""
    require_write(actor, section)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        else:
            messages.success(request, success)
            return None
    context = plan_context(actor, extra.pop("current", section), form=form, **extra)
    context.update(
        s=context["sections"][section],
        heading=heading or context["sections"][section]["title"],
        back_url=reverse(SECTIONS[section].url_name, args=[actor.plan.pk]),
    )
    return render(request, template, context)
