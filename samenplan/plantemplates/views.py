"""The conditions of a plan, with the suggestions of their templates, and the page where
an organisation's administrators manage their templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenplan.health.measurements import TYPES
from samenplan.plans.constants import DomainSet
from samenplan.plans.queries import actor_for, get_in_plan
from samenplan.plans.sections import SECTIONS, may_write
from samenplan.plans.views.common import render_plan_page

from . import actions
from .forms import ApplyTemplateForm, TagForm, TemplateForm
from .models import PlanCondition, PlanTemplate

READ_SECTION = "plan_data"


def _target_text(target):
    kind = TYPES.get(target.get("kind"))
    if kind is None:
        return ""
    parts = []
    if target.get("low") is not None:
        parts.append(_("niet lager dan %(value)s") % {"value": target["low"]})
    if target.get("high") is not None:
        high = target["high"]
        if target.get("second_high") is not None:
            high = f"{high}/{target['second_high']}"
        parts.append(_("niet hoger dan %(value)s") % {"value": high})
    return f"{kind.name}: {', '.join(parts)} {kind.unit_label}"


def _suggestions(condition, agreed):
    """What the condition's template suggests; `agreed` are the kinds of measurement the
    plan has a target for. The condition comes with its goals (prefetched)."""
    template = condition.template
    if template is None:
        return None
    taken = {goal.text for goal in condition.goals.all()}
    return {
        "measurements": [TYPES[k] for k in template.measurement_kinds if k in TYPES],
        "targets": [
            {"kind": TYPES[t["kind"]], "text": _target_text(t), "agreed": t["kind"] in agreed}
            for t in template.targets if t.get("kind") in TYPES
        ],
        "goals": [
            {"index": i, "text": text, "taken": text in taken}
            for i, text in enumerate(template.example_goals)
        ],
        "sections": [SECTIONS[k].title_own for k in template.shown_sections if k in SECTIONS],
    }


@login_required
@require_http_methods(["GET", "POST"])
def conditions(request, plan_id):
    actor = actor_for(request, plan_id, READ_SECTION)
    plan = actor.plan
    has_domain_entries = plan.domain_notes.exists() or plan.domain_scores.exists()
    form = ApplyTemplateForm(request.POST or None, plan=plan,
                             initial={"domain_set": not has_domain_entries})
    if request.method == "POST":
        if not may_write(actor.membership, "plan_data"):
            raise PermissionDenied("plan_data")
        if form.is_valid():
            template = form.cleaned_data["template"]
            condition = actions.do_apply_template(
                actor, template, use_domain_set=form.cleaned_data["domain_set"])
            if condition is None:
                messages.success(request, _("U begint zelf. Er is niets veranderd."))
            else:
                messages.success(request, _("%(name)s staat nu in het plan.")
                                 % {"name": condition.name})
            return redirect("plantemplates:conditions", plan.pk)
    agreed = set(plan.targets.values_list("kind", flat=True))
    rows = [
        {"condition": c, "suggestions": _suggestions(c, agreed)}
        for c in plan.conditions.select_related("template").prefetch_related(
            "goals", "actions", "measurements")
    ]
    return render_plan_page(
        request, "plantemplates/conditions.html", actor, "personal", rows=rows, form=form,
        may_add=may_write(actor.membership, "plan_data"),
        may_take_goals=may_write(actor.membership, "goals"),
        domain_set_name=DomainSet(plan.domain_set).label)


@login_required
@require_http_methods(["GET", "POST"])
def tag(request, plan_id):
    """Which goals, actions and measurements belong to which condition: one form per
    condition, each posting here."""
    actor = actor_for(request, plan_id, READ_SECTION)
    plan = actor.plan
    if request.method == "POST":
        if not may_write(actor.membership, "plan_data"):
            raise PermissionDenied("plan_data")
        condition = get_in_plan(PlanCondition.objects, plan, request.POST.get("condition"))
        form = TagForm(request.POST, plan=plan, condition=condition)
        if form.is_valid():
            actions.do_tag_entries(actor, condition, form.cleaned_data["goals"],
                                   form.cleaned_data["actions"],
                                   form.cleaned_data["measurements"])
            messages.success(request, _("Bewaard."))
            return redirect("plantemplates:conditions", plan.pk)
    choices = TagForm.choices_for(plan)
    forms = [TagForm(plan=plan, condition=c, choices=choices)
             for c in plan.conditions.prefetch_related("goals", "actions", "measurements")]
    return render_plan_page(request, "plantemplates/tag.html", actor, "personal",
                            forms=forms, may_add=may_write(actor.membership, "plan_data"))


@login_required
@require_http_methods(["GET", "POST"])
def take_over_goal(request, plan_id):
    """Make an example goal one's own. A GET only leads back to the page."""
    actor = actor_for(request, plan_id, READ_SECTION if request.method == "GET" else None)
    if request.method == "POST":
        condition = get_in_plan(PlanCondition.objects.select_related("template"),
                                actor.plan, request.POST.get("condition"))
        try:
            actions.do_take_over_goal(actor, condition, request.POST.get("text", ""))
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Het doel staat nu bij uw doelen. U kunt het "
                                        "veranderen."))
    return redirect("plantemplates:conditions", actor.plan.pk)


# --- the templates of an organisation ------------------------------------------------------

def _require_manager(request):
    organisations = actions.managed_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied("not a template manager")
    return organisations


def _id_param(request, name):
    value = request.GET.get(name)
    if value is None:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def manage(request):
    """Every provider sees the templates; administrators of an organisation also make and
    change that organisation's own."""
    if not request.user.is_provider:
        raise PermissionDenied("not a provider")
    organisations = actions.managed_organisations(request.user)
    own = PlanTemplate.objects.filter(organisation__in=organisations).select_related(
        "organisation")
    built_in = PlanTemplate.objects.filter(organisation=None)
    return render(request, "plantemplates/manage.html", {
        "own": own, "built_in": built_in, "is_manager": organisations.exists()})


@login_required
@require_http_methods(["GET", "POST"])
def edit_template(request):
    organisations = _require_manager(request)
    template_id = _id_param(request, "sjabloon")
    copy_of = _id_param(request, "kopie")
    if template_id is not None:
        instance = PlanTemplate.objects.filter(pk=template_id,
                                               organisation__in=organisations).first()
        if instance is None:
            raise Http404
    else:
        instance = PlanTemplate()
        if copy_of is not None:
            source = get_object_or_404(PlanTemplate, pk=copy_of, organisation=None)
            for field in TemplateForm.Meta.fields:
                setattr(instance, field, getattr(source, field))
            instance.name = _("%(name)s (kopie)") % {"name": source.name}
    form = TemplateForm(request.POST or None, instance=instance, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        actions.do_save_template(request.user, form.instance)
        messages.success(request, _("Het sjabloon is bewaard."))
        return redirect("plantemplates:manage")
    return render(request, "plantemplates/edit_template.html",
                  {"form": form, "is_new": instance.pk is None})
