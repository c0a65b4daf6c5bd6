"""What a provider needs for a 10-minute consult (D4): the person's questions, what
changed since the last consult, and what waits for a decision.

"Since the last consult" is since the start of the latest appointment that has begun,
or the last CONSULT_DAYS days when there was none. Every part is shown only when the
patient shares it with this provider, with what this provider may see of it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from samenplan.health import measurements
from samenplan.health.constants import LogKind
from samenplan.health.queries import current_targets, points_by_kind, visible_log_entries
from samenplan.plans.constants import ActionStatus, GoalStatus
from samenplan.plans.sections import may_read, may_write
from samenplan.reminders.queries import answers_since

CONSULT_DAYS = 90


@dataclass
class Change:
    """One kind of measurement since the last consult: the newest value against its
    target, and which way it went from the value before it."""

    kind: object
    value: str
    moment: object
    position: object
    direction: str  # "higher", "lower", "same", or "" when there is one value
    target_text: str
    count: int


@dataclass
class Consult:
    since: datetime.datetime
    last_appointment: object
    next_appointment: object
    shown: set = field(default_factory=set)  # the parts of the plan on the page
    log_summary: list = field(default_factory=list)  # (kind label, count, highest)
    changes: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    open_actions: list = field(default_factory=list)
    waiting_for_me: list = field(default_factory=list)


def _since(plan, now):
    last = plan.appointments.filter(starts_at__lt=now).order_by("-starts_at").first()
    return (last.starts_at if last else now - datetime.timedelta(days=CONSULT_DAYS)), last


def _direction(points):
    """Which way the newest value went from the one before (for two numbers, the first)."""
    if len(points) < 2:
        return ""
    newest, before = points[0].value, points[1].value
    return "higher" if newest > before else "lower" if newest < before else "same"


def _changes(plan, membership, since):
    with_results = may_read(membership, "results")
    targets = current_targets(plan)
    changes = []
    points_of = points_by_kind(plan, with_results)
    for key, kind in measurements.TYPES.items():
        points = points_of.get(key, [])
        recent = [p for p in points if _moment(p.moment) >= since]
        if not recent:
            continue
        newest, target = points[0], targets.get(key)
        changes.append(Change(
            kind, measurements.format_value(kind, newest.value, newest.second_value),
            newest.moment, measurements.position(target, newest.value, newest.second_value),
            _direction(points), measurements.format_target(target) if target else "",
            len(recent)))
    return changes


def _moment(moment):
    if isinstance(moment, datetime.datetime):
        return moment
    return timezone.make_aware(datetime.datetime.combine(moment, datetime.time(12)))


def consult_for(actor, now=None):
    """The consult view of this plan for this provider."""
    plan, membership = actor.plan, actor.membership
    now = now or timezone.now()
    since, last = _since(plan, now)
    consult = Consult(since, last, None)
    if may_read(membership, "agenda"):
        consult.shown.add("agenda")
        consult.next_appointment = plan.appointments.filter(starts_at__gte=now).order_by(
            "starts_at").select_related("with_member__user", "with_contact").first()
    if may_read(membership, "logbook"):
        consult.shown.add("logbook")
        summary = (visible_log_entries(membership).filter(occurred_at__gte=since)
                   .order_by().values("kind").annotate(count=Count("id", distinct=True),
                                                      highest=Max("intensity")))
        labels = dict(LogKind.choices)
        consult.log_summary = sorted(
            ((labels[row["kind"]], row["count"], row["highest"]) for row in summary),
            key=lambda row: -row[1])
    if may_read(membership, "measurements"):
        consult.shown.add("measurements")
        consult.changes = _changes(plan, membership, since)
    if may_read(membership, "goals"):
        consult.shown.add("goals")
        reviews = {}
        for evaluation in plan.evaluations.prefetch_related("reviews").order_by("held_on"):
            for review in evaluation.reviews.all():
                reviews[review.goal_id] = (evaluation, review)
        answers = {}
        for answer in answers_since(plan, since):  # newest first
            answers.setdefault(answer.goal_id, []).append(answer)
        consult.goals = [(goal, reviews.get(goal.pk), answers.get(goal.pk, []))
                         for goal in plan.goals.filter(status=GoalStatus.ACTIVE)]
    if may_read(membership, "actions"):
        consult.shown.add("actions")
        open_actions = list(plan.actions.filter(status=ActionStatus.OPEN).select_related(
            "goal", "assignee_member__user"))
        consult.waiting_for_me = [a for a in open_actions
                                  if not a.is_agreed and not a.provider_confirmed_at]
        consult.open_actions = [a for a in open_actions if a.is_agreed]
    return consult


PREPARE_DAYS = 5  # how long before an appointment the person is asked to prepare it


def appointment_to_prepare(plan, membership, now=None):
    """The next appointment within PREPARE_DAYS, for whoever fills in the agenda on the
    patient's side; None otherwise."""
    if not (membership.acts_for_patient and may_write(membership, "agenda")):
        return None
    now = now or timezone.now()
    return plan.appointments.filter(
        starts_at__gte=now, starts_at__lte=now + datetime.timedelta(days=PREPARE_DAYS)
    ).order_by("starts_at").first()
