"""Reads for the provider's day. The caseload ("Mijn patiënten") is one query over the
provider's own active memberships, each annotated with what the list shows, so a page
costs the same few queries with 20 patients or 2,000."""

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.health.constants import Visibility
from samenplan.health.models import Appointment, LogEntry
from samenplan.plans.constants import Access, ActionStatus, PlanStatus, Role
from samenplan.plans.models import Action, Evaluation, Membership
from samenplan.plans.sections import PART_OF
from samenplan.reminders.models import CheckInAnswer

# What the caseload writes in the audit log for each plan it lists. A visit of the plan
# itself is any other read; seeing a name in the list is not a visit.
CASELOAD = "caseload"
# Without an earlier visit, "new" means: of the last two weeks.
NEW_WITHOUT_VISIT = timedelta(days=14)
# An active plan needs looking back together at least once a year (M6).
EVALUATION_EVERY = timedelta(days=365)


def _hidden(part):
    """True where the patient does not share this part of the plan with the member."""
    return Q(**{f"section_access__{PART_OF[part]}": Access.HIDDEN})


def _shown(part, value, output_field, empty=None):
    """The value, or `empty` where the patient does not share this part."""
    return Case(When(_hidden(part), then=Value(empty)), default=value,
                output_field=output_field)


def _count(queryset):
    """A correlated COUNT over `queryset` as a subquery (one per row of the outer query)."""
    return Coalesce(Subquery(
        queryset.order_by().values("plan_id").annotate(n=Count("pk", distinct=True))
        .values("n")[:1], output_field=IntegerField()), 0)


def caseload(user, now=None):
    """The provider's patients: their active provider memberships (never another plan),
    each with the patient's name and, where the patient shares that part with them:

    - `next_appointment`: the first appointment from now on (agenda);
    - `last_evaluation` and `evaluation_due` (no evaluation in the last 12 months of an
      active plan) (evaluations);
    - `new_log_entries`: logbook entries written since `last_visit`, the latest time this
      provider read the plan before today (their audit log), or in the last 14 days when
      they never did; only entries they may see: for the whole plan or shared with them;
    - `new_check_ins`: check-in answers about the goals since `last_visit` (goals);
    - `waiting`: open actions without a provider's agreement yet (actions).
    A part the patient does not share is None (or 0 for the counts)."""
    now = now or timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0,
                                                    microsecond=0)
    year_ago = timezone.localdate(now) - EVALUATION_EVERY
    plan = OuterRef("plan_id")
    last_visit = (
        AuditEvent.objects.filter(user=user, plan_id=plan, kind=AuditEvent.READ,
                                  at__lt=start_of_today)
        .exclude(section=CASELOAD).order_by("-at").values("at")[:1]
    )
    since = Coalesce(F("last_visit"), Value(now - NEW_WITHOUT_VISIT),
                     output_field=DateTimeField())
    new_entries = LogEntry.objects.filter(plan_id=plan, created_at__gt=OuterRef("since")).filter(
        Q(visibility=Visibility.TEAM) | Q(visibility=Visibility.CHOSEN, shared_with=OuterRef("pk"))
    )
    new_answers = CheckInAnswer.objects.filter(plan_id=plan, answered_at__gt=OuterRef("since"))
    waiting = Action.objects.filter(plan_id=plan, status=ActionStatus.OPEN,
                                    provider_confirmed_at=None)
    next_appointment = (Appointment.objects.filter(plan_id=plan, starts_at__gte=now)
                        .order_by("starts_at").values("starts_at")[:1])
    last_evaluation = (Evaluation.objects.filter(plan_id=plan).order_by("-held_on")
                       .values("held_on")[:1])
    return (
        Membership.objects.filter(user=user, role=Role.PROVIDER, removed_at=None)
        .select_related("plan", "plan__profile")
        .annotate(
            name=F("plan__profile__name"),
            last_visit=Subquery(last_visit, output_field=DateTimeField()),
            since=since,
            next_appointment=_shown("agenda", Subquery(next_appointment), DateTimeField()),
            last_evaluation=_shown("evaluations", Subquery(last_evaluation), DateField()),
            new_log_entries=_shown("logbook", _count(new_entries), IntegerField(), 0),
            new_check_ins=_shown("goals", _count(new_answers), IntegerField(), 0),
            waiting=_shown("actions", _count(waiting), IntegerField(), 0),
        )
        .annotate(
            evaluation_due=Case(
                When(_hidden("evaluations"), then=Value(False)),
                When(Q(plan__status=PlanStatus.ACTIVE)
                     & (Q(last_evaluation=None) | Q(last_evaluation__lt=year_ago)),
                     then=Value(True)),
                default=Value(False), output_field=BooleanField(),
            ),
            new_activity=F("new_log_entries") + F("new_check_ins") + F("waiting"),
        )
    )


# The orders the page offers: (code, order_by). Ties go by name, then by plan.
SORTS = {
    "naam": ["name", "plan_id"],
    "afspraak": [F("next_appointment").asc(nulls_last=True), "name", "plan_id"],
    "evaluatie": ["-evaluation_due", F("last_evaluation").asc(nulls_first=True), "name",
                  "plan_id"],
    "nieuw": ["-new_activity", "name", "plan_id"],
}


def filtered_caseload(user, *, search="", evaluation_due=False, waiting=False, sort="naam",
                      now=None):
    rows = caseload(user, now)
    if search:
        rows = rows.filter(name__icontains=search)
    if evaluation_due:
        rows = rows.filter(evaluation_due=True)
    if waiting:
        rows = rows.filter(waiting__gt=0)
    return rows.order_by(*SORTS.get(sort, SORTS["naam"]))
