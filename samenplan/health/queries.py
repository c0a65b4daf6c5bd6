"""Reads of health data that depend on who asks."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.plans.models import Membership
from samenplan.plans.sections import may_read

from . import measurements
from .actions import AGENDA, feed_hash
from .constants import ResultKind, Visibility
from .models import CalendarFeed, LogEntry, Measurement


def visible_log_entries(membership):
    """The logbook entries of this member's plan that they may see: their own, those for
    everyone in the plan, and those the author shared with them (M7)."""
    return (
        LogEntry.objects.filter(plan_id=membership.plan_id)
        .filter(
            Q(author_member=membership)
            | Q(visibility=Visibility.TEAM)
            | Q(visibility=Visibility.CHOSEN, shared_with=membership)
        )
        .distinct()
    )


def own_log_entry(membership, pk):
    """An entry this member wrote, or None: only the author changes or removes it."""
    return LogEntry.objects.filter(plan_id=membership.plan_id, author_member=membership,
                                   pk=pk).first()


def medicines_in_use_and_stopped(membership, today=None):
    """The plan's medicines in use and stopped, each with the side effects from the
    logbook entries this member may see (M9)."""
    side_effects = {}
    for entry in visible_log_entries(membership).exclude(medication=None):
        side_effects.setdefault(entry.medication_id, []).append(entry)
    items = [(m, side_effects.get(m.pk, [])) for m in membership.plan.medications.all()]
    today = today or timezone.localdate()
    return ([(m, s) for m, s in items if m.until is None or m.until >= today],
            [(m, s) for m, s in items if m.until is not None and m.until < today])


def _results_by_test(results):
    """Per test name, its results (newest first); numbers oldest first for the trend."""
    tests = {}
    for result in results:
        tests.setdefault(result.name, []).append(result)
    return [
        {"name": name, "results": rows,
         "trend": [(r.taken_on, float(r.value)) for r in reversed(rows) if r.value is not None]}
        for name, rows in tests.items()
    ]


def results_by_kind(plan):
    """Per kind of result that the plan has (M10): its label and its tests."""
    all_results = list(plan.results.all())
    groups = [
        (label, _results_by_test([r for r in all_results if r.kind == kind]))
        for kind, label in ResultKind.choices
    ]
    return [(label, tests) for label, tests in groups if tests]


def coming_and_past_appointments(plan):
    now = timezone.now()
    appointments = plan.appointments.select_related("with_member__user", "with_contact")
    return (list(appointments.filter(starts_at__gte=now)),
            list(appointments.filter(starts_at__lt=now).order_by("-starts_at", "-pk")))


def plan_of_calendar_feed(token):
    """The plan whose private calendar address this is, or None: unknown, stopped, or made
    by someone who no longer takes part or may no longer see the agenda."""
    feed = CalendarFeed.objects.filter(token_hash=feed_hash(token), revoked_at=None).first()
    if feed is None:
        return None
    maker = Membership.objects.filter(plan_id=feed.plan_id, user_id=feed.created_by_id,
                                      removed_at=None).first()
    return feed.plan if may_read(maker, AGENDA) else None


def active_calendar_feed(plan):
    return CalendarFeed.objects.filter(plan=plan, revoked_at=None).first()


@dataclass
class Point:
    """One value of a kind of measurement: a measurement, or a coded lab result."""

    moment: datetime.datetime | datetime.date
    value: Decimal
    second_value: Decimal | None
    by: str  # who measured it, or "the lab"
    measurement: Measurement | None = None  # None for a lab result


def measurement_points(plan, kind, with_results=True):
    """Every value of this kind in the plan, newest first: the measurements and (for a
    member who may see the results) the lab results coded as this measurement (D1, M10)."""
    points = [
        Point(m.measured_at, m.value, m.second_value, m.author.name, m)
        for m in plan.measurements.filter(kind=kind).select_related("author")
    ]
    if with_results:
        points += [
            Point(r.taken_on, r.value, None, _("het lab"))
            for r in plan.results.filter(measurement_kind=kind).exclude(value=None)
        ]
    return sorted(points, key=lambda p: _sort_key(p.moment), reverse=True)


def points_by_kind(plan, with_results=True):
    """Per kind of measurement, its values newest first, as `measurement_points` gives
    them but without who measured them: all kinds in two queries (the consult view)."""
    points = {}
    measured = plan.measurements.order_by("-measured_at", "-pk")
    for kind, moment, value, second in measured.values_list(
            "kind", "measured_at", "value", "second_value"):
        points.setdefault(kind, []).append(Point(moment, value, second, ""))
    if with_results:
        for kind, day, value in (plan.results.exclude(value=None).exclude(measurement_kind="")
                                 .order_by("-taken_on", "name", "pk")
                                 .values_list("measurement_kind", "taken_on", "value")):
            points.setdefault(kind, []).append(Point(day, value, None, str(_("het lab"))))
    for values in points.values():
        values.sort(key=lambda p: _sort_key(p.moment), reverse=True)
    return points


def _sort_key(moment):
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).replace(tzinfo=None)
    return datetime.datetime.combine(moment, datetime.time(12))


def current_targets(plan, today=None):
    """Per kind of measurement, the target that holds today (the latest that started)."""
    today = today or timezone.localdate()
    current = {}
    for target in plan.targets.filter(valid_from__lte=today).order_by("valid_from", "pk"):
        current[target.kind] = target
    return current


def agreed_targets(plan, kind):
    """Every target agreed for this kind of measurement, the newest start first."""
    return plan.targets.filter(kind=kind)


def latest_values(plan, with_results=True):
    """Per kind of measurement, its newest Point (a measurement or a coded lab result)."""
    latest = {}
    for m in plan.measurements.select_related("author").order_by("measured_at", "pk"):
        latest[m.kind] = Point(m.measured_at, m.value, m.second_value, m.author.name, m)
    results = plan.results.none() if not with_results else plan.results
    for r in results.exclude(measurement_kind="").exclude(value=None).order_by("taken_on"):
        known = latest.get(r.measurement_kind)
        if known is None or _sort_key(r.taken_on) >= _sort_key(known.moment):
            latest[r.measurement_kind] = Point(r.taken_on, r.value, None, _("het lab"))
    return latest


def summary(kind, point, target):
    """What a page shows of one kind of measurement: the newest value and the target, in
    words, and where the value lies against the target."""
    return {
        "kind": kind,
        "point": point,
        "value": measurements.format_value(kind, point.value, point.second_value)
        if point else "",
        "target": target,
        "target_text": measurements.format_target(target) if target else "",
        "position": measurements.position(target, point.value, point.second_value)
        if point and target else None,
    }


def measurement_summaries(plan, with_results=True):
    """Per kind of measurement (in the order of measurements.TYPES), its summary."""
    latest, targets = latest_values(plan, with_results), current_targets(plan)
    return {key: summary(kind, latest.get(key), targets.get(key))
            for key, kind in measurements.TYPES.items()}


def own_measurement(membership, pk):
    """A measurement this member added, or None: only they change or remove it."""
    return Measurement.objects.filter(plan_id=membership.plan_id, author_member=membership,
                                      pk=pk).first()
