"""Person-centred outcome indicators (D9, D10) for one organisation: only counts, shares
and means, never who. The exact definitions are in docs/indicators.md; in short:

- The plans *of an organisation* are the plans in which at least one provider who works
  for that organisation (User.organisations) is an active member (Membership with role
  provider, not removed). A plan with providers of two organisations counts for both.
- *Invited*: all those plans, whatever their status (declined ones included).
  *Started*: those with status active. Every indicator below the funnel is over the
  started plans, except the reasons for declining (over the declined ones).
- *Active in the last 90 days*: a started plan with a change in its history (a
  django-simple-history row) from `today` − 90 days 00:00 to the end of `today`, of a
  goal, action, evaluation, domain note or score, logbook entry or measurement.
  *Still active after 12 months*: of those, the plans created on or before the day 12
  months before `today`.
- *Written by the patient*: a goal whose `created_by` is the plan's patient, or a naaste
  of that plan who may act for the patient (by a membership of the plan, also one that
  has ended since).
- *Last 12 months*: from the day 12 months before `today` up to `today`, both included.
- *Change in domain scores*: per plan and domain with scores on at least two days, the
  score of the latest day minus that of the first (the newest score of a day counts);
  per domain the mean over those plans, overall the mean over all such plan-domain pairs.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.health.models import LogEntry, Measurement
from samenplan.plans.constants import DOMAINS, DeclineReason, GoalStatus, PlanStatus, Role
from samenplan.plans.models import (
    Action,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    Membership,
    Plan,
)

from .constants import QUESTIONS, SCALE, Moment
from .models import ExperienceAnswer

ACTIVE_DAYS = 90
# Whose history counts as "the plan is used": what the people of the plan write.
ACTIVITY_MODELS = (Goal, Action, Evaluation, DomainNote, DomainScore, LogEntry, Measurement)


def months_before(day, months):
    """The same day `months` calendar months earlier (31 March − 1 month: 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return day.replace(year=year, month=month, day=min(day.day, (following - datetime.timedelta(
        days=1)).day))


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def mean(values):
    return round(sum(values) / len(values), 2) if values else None


@dataclass
class Row:
    """One indicator: its name, its value (a number, a percentage or a mean), the count
    it is made of and, for a share or a mean, what it is out of."""

    key: str
    name: str
    value: float | int | None
    count: int
    out_of: int | None = None
    unit: str = ""  # "%" for a share, "" otherwise


@dataclass
class Indicators:
    organisation: object
    today: datetime.date
    funnel: list = field(default_factory=list)
    declined: list = field(default_factory=list)
    plan_rows: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    experience: list = field(default_factory=list)

    @property
    def rows(self):
        """Every indicator as one row, in the order of the page and the CSV."""
        experience = [row for block in self.experience for row in block["rows"]]
        return self.funnel + self.declined + self.plan_rows + self.domains + experience


def organisation_plans(organisation):
    return Plan.objects.filter(Exists(Membership.objects.filter(
        plan=OuterRef("pk"), role=Role.PROVIDER, removed_at=None,
        user__organisations=organisation)))


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _active_plan_ids(plans, today):
    """The plans with a change from `today` − 90 days 00:00 up to the end of `today`."""
    since = _start_of(today - datetime.timedelta(days=ACTIVE_DAYS))
    until = _start_of(today + datetime.timedelta(days=1))
    active = set()
    for model in ACTIVITY_MODELS:
        active.update(model.history.filter(plan_id__in=plans.values("pk"),
                                           history_date__gte=since, history_date__lt=until)
                      .values_list("plan_id", flat=True).distinct())
    return active


def _funnel(plans, started, today):
    year_ago = months_before(today, 12)
    counts = plans.aggregate(
        invited=Count("pk"),
        started=Count("pk", filter=Q(status=PlanStatus.ACTIVE)),
        declined=Count("pk", filter=Q(status=PlanStatus.DECLINED)),
    )
    active = _active_plan_ids(started, today)
    old = set(started.filter(created_at__date__lte=year_ago).values_list("pk", flat=True))
    invited = counts["invited"]
    rows = [
        Row("invited", _("Uitgenodigd of gestart"), invited, invited),
        Row("started", _("Doet mee (plan actief)"), share(counts["started"], invited),
            counts["started"], invited, "%"),
        Row("active_90_days", _("Gebruikt in de laatste 90 dagen"),
            share(len(active), invited), len(active), invited, "%"),
        Row("active_after_12_months", _("Na 12 maanden nog in gebruik"),
            share(len(active & old), len(old)), len(active & old), len(old), "%"),
        Row("declined", _("Wil liever geen plan"), share(counts["declined"], invited),
            counts["declined"], invited, "%"),
    ]
    return rows, counts["declined"]


def _declined(plans, declined):
    by_reason = dict(plans.filter(status=PlanStatus.DECLINED).values_list("decline_reason")
                     .annotate(n=Count("pk")).values_list("decline_reason", "n"))
    return [Row(f"declined_{reason.value}", _("Reden: %(reason)s") % {"reason": reason.label},
                share(by_reason.get(reason.value, 0), declined), by_reason.get(reason.value, 0),
                declined, "%")
            for reason in DeclineReason]


def _plan_rows(started, today):
    by_patient = Membership.objects.filter(
        Q(role=Role.PATIENT) | Q(role=Role.NAASTE, may_act_for_patient=True),
        plan=OuterRef("plan"), user=OuterRef("created_by"))
    goals = Goal.objects.filter(plan__in=started).annotate(
        patient_wrote=Exists(by_patient)).aggregate(
        total=Count("pk"), by_patient=Count("pk", filter=Q(patient_wrote=True)),
        achieved=Count("pk", filter=Q(status=GoalStatus.ACHIEVED)))
    actions = Action.objects.filter(plan__in=started).aggregate(
        total=Count("pk"), agreed=Count("pk", filter=Q(
            patient_confirmed_at__isnull=False, provider_confirmed_at__isnull=False)))
    n_started = started.count()
    evaluated = (Evaluation.objects.filter(plan__in=started, held_on__gte=months_before(today, 12),
                                           held_on__lte=today)
                 .values("plan_id").distinct().count())
    return [
        Row("goals", _("Doelen"), goals["total"], goals["total"]),
        Row("goals_by_patient", _("Doelen die de patiënt zelf schreef"),
            share(goals["by_patient"], goals["total"]), goals["by_patient"], goals["total"], "%"),
        Row("goals_achieved", _("Doelen die bereikt zijn"),
            share(goals["achieved"], goals["total"]), goals["achieved"], goals["total"], "%"),
        Row("actions_agreed", _("Afspraken waar beide kanten akkoord op gaven"),
            share(actions["agreed"], actions["total"]), actions["agreed"], actions["total"], "%"),
        Row("evaluated_12_months", _("Plannen met samen terugkijken in de laatste 12 maanden"),
            share(evaluated, n_started), evaluated, n_started, "%"),
    ]


def domain_changes(started):
    """Per domain code, the change (latest day − first day) of each plan with scores on
    at least two days. One query, in order: the last score of a day wins."""
    first, latest = {}, {}
    rows = (DomainScore.objects.filter(plan__in=started).order_by("scored_on", "pk")
            .values_list("plan_id", "domain", "scored_on", "score"))
    for plan_id, domain, day, score in rows.iterator(chunk_size=5000):
        key = (plan_id, domain)
        if key not in first or first[key][0] == day:
            first[key] = (day, score)
        latest[key] = (day, score)
    changes = defaultdict(list)
    for key, (day, score) in latest.items():
        if day != first[key][0]:
            changes[key[1]].append(score - first[key][1])
    return changes


def _domains(started):
    changes = domain_changes(started)
    names = {code: name for domains in DOMAINS.values() for code, name, _help in domains}
    rows = [Row(f"domain_{code}", _("Verandering in cijfer: %(domain)s") % {"domain": name},
                mean(changes[code]), len(changes[code]))
            for code, name in names.items() if code in changes]
    every = [change for values in changes.values() for change in values]
    rows.append(Row("domain_overall", _("Verandering in cijfer: alle levensgebieden"),
                    mean(every), len(every)))
    return rows


def _experience(plans):
    answers = ExperienceAnswer.objects.filter(plan__in=plans).values_list(
        "moment", "skipped", *(name for name, _q, _short in QUESTIONS))
    by_moment = defaultdict(list)
    for moment, skipped, *scores in answers:
        by_moment[moment].append((skipped, scores))
    blocks = []
    for moment in Moment:
        given = [scores for skipped, scores in by_moment[moment.value] if not skipped]
        skipped = len(by_moment[moment.value]) - len(given)
        rows = [Row(f"experience_{moment.value}_answered", _("%(moment)s: ingevuld") % {
                    "moment": moment.label}, len(given), len(given)),
                Row(f"experience_{moment.value}_skipped", _("%(moment)s: overgeslagen") % {
                    "moment": moment.label}, skipped, skipped)]
        questions = []
        for index, (name, question, short) in enumerate(QUESTIONS):
            values = [scores[index] for scores in given if scores[index] is not None]
            per_value = [(value, label, values.count(value)) for value, label in SCALE]
            rows.append(Row(f"experience_{moment.value}_{name}_mean",
                            _("%(moment)s: %(question)s (gemiddeld, 1 tot 5)") % {
                                "moment": moment.label, "question": short},
                            mean(values), len(values)))
            rows += [Row(f"experience_{moment.value}_{name}_{value}",
                         _("%(moment)s: %(question)s: %(answer)s") % {
                             "moment": moment.label, "question": short, "answer": label},
                         n, n) for value, label, n in per_value]
            questions.append({"name": name, "question": question, "short": short,
                              "mean": mean(values), "count": len(values),
                              "per_value": per_value})
        blocks.append({"moment": moment, "answered": len(given), "skipped": skipped,
                       "questions": questions, "rows": rows})
    return blocks


def indicators_for(organisation, today=None):
    """All indicators for this organisation, counted on `today` (local date by default)."""
    today = today or timezone.localdate()
    plans = organisation_plans(organisation)
    started = plans.filter(status=PlanStatus.ACTIVE)
    result = Indicators(organisation, today)
    result.funnel, declined = _funnel(plans, started, today)
    result.declined = _declined(plans, declined)
    result.plan_rows = _plan_rows(started, today)
    result.domains = _domains(started)
    result.experience = _experience(started)
    return result
