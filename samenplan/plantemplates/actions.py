"""Writes for conditions and templates: atomic, each with its audit event.

The rules that keep a plan whole:
- A plan has one list of conditions. Applying a template adds its condition to the same
  plan (once per name); it never creates a plan.
- Nothing is deleted or overwritten. The domain set changes only when the plan has no
  domain notes or scores yet; notes of another set stay stored and come back when the
  plan switches back.
- Targets are agreed together, so a template never creates one: the page shows its
  targets as suggestions with a link to agree on them. Example goals likewise become a
  goal only when the person takes one over, written by them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import (
    do_choose_domain_set,
    do_save_goal,
    do_tailor_plan,
    require_write,
)
from samenplan.plans.constants import Role
from samenplan.plans.models import Goal
from samenplan.plans.sections import PARTS, may_write

from .models import PlanCondition, PlanTemplate, TemplateManager

# Conditions belong to "Over dit plan", so the audit page names that part.
SECTION = "plan_data"


def _log(actor, kind, obj):
    do_record_event(actor.user, kind, SECTION, plan=actor.plan, membership=actor.membership,
                    obj=obj, source=actor.source)


@transaction.atomic
def do_apply_template(actor, template, use_domain_set=True):
    """Add the template's condition to this plan. Returns the condition (None for a
    template without a condition, such as the blank plan). The template's domain set is
    taken only when asked and when the plan has no domain notes or scores yet."""
    require_write(actor, "plan_data")
    plan = actor.plan
    has_domain_entries = plan.domain_notes.exists() or plan.domain_scores.exists()
    if (use_domain_set and template.domain_set != plan.domain_set and not has_domain_entries
            and may_write(actor.membership, "what_matters")):
        do_choose_domain_set(actor, template.domain_set)
    _show_template_sections(actor, template)
    name = template.condition
    if not name:
        return None
    condition = PlanCondition.objects.filter(plan=plan, name__iexact=name).first()
    if condition is not None:
        return condition
    condition = PlanCondition.objects.create(plan=plan, template=template, name=name,
                                             added_by=actor.user)
    _log(actor, AuditEvent.CREATE, condition)
    return condition


def _show_template_sections(actor, template):
    """A template's sections shown become the plan's parts on the menu, the first time
    only (the plan has not been tailored yet) and only when the patient side applies it:
    the parts are the patient's choice (Mijn plan op maat). Nothing is hidden from access
    and nothing is deleted."""
    plan = actor.plan
    if not template.shown_sections or plan.hidden_parts or not actor.membership.acts_for_patient:
        return
    shown = set(template.shown_sections)
    hidden = [part for part, keys in PARTS.items() if not shown & set(keys)]
    do_tailor_plan(actor, plan.light, hidden)


@transaction.atomic
def do_tag_entries(actor, condition, goals, actions, measurements):
    """Set which goals, actions and measurements belong to this condition."""
    require_write(actor, "plan_data")
    if condition.plan_id != actor.plan.pk:
        raise PermissionDenied("condition of another plan")
    for entries in (goals, actions, measurements):
        if any(e.plan_id != actor.plan.pk for e in entries):
            raise PermissionDenied("entry of another plan")
    condition.goals.set(goals)
    condition.actions.set(actions)
    condition.measurements.set(measurements)
    _log(actor, AuditEvent.UPDATE, condition)
    return condition


@transaction.atomic
def do_take_over_goal(actor, condition, text):
    """Make an example goal of the condition's template the person's own goal."""
    if condition.plan_id != actor.plan.pk:
        raise PermissionDenied("condition of another plan")
    examples = condition.template.example_goals if condition.template else []
    if text not in examples:
        raise ValidationError(_("Dit voorbeeld hoort niet bij deze aandoening."))
    goal = do_save_goal(actor, Goal(plan=actor.plan, text=text))
    condition.goals.add(goal)
    _log(actor, AuditEvent.UPDATE, condition)
    return goal


def managed_organisations(user):
    """The organisations whose templates this user manages: a provider who is staff, or
    who has a TemplateManager row, for organisations they belong to."""
    if not user.is_provider:
        return user.organisations.none()
    if user.is_staff:
        return user.organisations.all()
    ids = TemplateManager.objects.filter(user=user).values("organisation_id")
    return user.organisations.filter(pk__in=ids)


@transaction.atomic
def do_save_template(user, template):
    if template.organisation_id is None or not managed_organisations(user).filter(
            pk=template.organisation_id).exists():
        raise PermissionDenied("not a manager of this organisation")
    kind = AuditEvent.UPDATE if template.pk else AuditEvent.CREATE
    template.save()
    do_record_event(user, kind, "templates", obj=template)
    return template


def templates_for_plan(plan):
    """Active templates for this plan: built in, and those of its providers' organisations."""
    org_ids = plan.memberships.filter(role=Role.PROVIDER, removed_at=None).values(
        "user__organisations")
    return PlanTemplate.objects.filter(active=True).filter(
        Q(organisation=None) | Q(organisation__in=org_ids))
