"""Reads that depend on who is asking. A plan is visible only to its active members;
anyone else gets a 404, so they cannot even learn that the plan exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenplan.audit.actions import client_address, do_record_event
from samenplan.audit.models import AuditEvent

from .actions import Actor
from .constants import PlanStatus, Role, domains_for
from .models import DomainNote, Membership
from .sections import NOT_SHARED, SECTIONS, may_read


def active_memberships(user):
    return (
        Membership.objects.filter(user=user, removed_at=None)
        .exclude(plan__status=PlanStatus.DECLINED, role=Role.PATIENT)
        .select_related("plan", "plan__profile")
        .order_by("plan__profile__name")
    )


def get_membership(user, plan_id):
    """The user's active membership of this plan, or 404."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("plan", "plan__profile", "user")
        .filter(plan_id=plan_id, user=user, removed_at=None)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def actor_for(request, plan_id, section=None):
    """Authorise the request for this plan and log the read of `section`. A section the
    patient does not share with this member is refused (403, logged as refused)."""
    membership = get_membership(request.user, plan_id)
    if section in SECTIONS and not may_read(membership, section):
        raise PermissionDenied(NOT_SHARED)
    actor = Actor(request.user, membership, client_address(request))
    if section:
        do_record_event(request.user, AuditEvent.READ, section, plan=membership.plan,
                        membership=membership, source=actor.source)
    return actor


def get_in_plan(queryset, plan, pk):
    """An object of this plan by its id, or 404 (never an object of another plan)."""
    obj = queryset.filter(plan=plan, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def domain_rows(plan):
    """Per life domain of the plan: what matters, the support needs and the scores."""
    notes = {(n.domain, n.section): n for n in plan.domain_notes.all()}
    scores = {}
    for score in plan.domain_scores.all():
        scores.setdefault(score.domain, []).append(score)
    return [
        {
            "code": code,
            "name": name,
            "help": help_text,
            "what_matters": notes.get((code, DomainNote.WHAT_MATTERS)),
            "support_needs": notes.get((code, DomainNote.SUPPORT_NEEDS)),
            "scores": scores.get(code, []),
        }
        for code, name, help_text in domains_for(plan.domain_set)
    ]
