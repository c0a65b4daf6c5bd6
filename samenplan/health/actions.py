"""Every write to health data: `do_<verb>_<noun>()`, atomic, with history and audit event."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import require_write, save_form_instance
from samenplan.plans.sections import NOT_SHARED, may_read

from . import measurements
from .constants import Visibility
from .models import CalendarFeed

LOGBOOK = "logbook"


def _require_in_plan(actor, *objects):
    if any(obj is not None and obj.plan_id != actor.plan.pk for obj in objects):
        raise PermissionDenied("object of another plan")


def _require_author(actor, entry):
    if entry.pk and entry.author_member_id != actor.membership.pk:
        raise PermissionDenied("only the author changes a logbook entry")


@transaction.atomic
def do_save_log_entry(actor, entry, shared_with=()):
    """Add or change a logbook entry. `shared_with` counts only when the author chose
    "Alleen de mensen die ik kies"; they must be members of this plan."""
    require_write(actor, LOGBOOK)
    _require_author(actor, entry)
    if not entry.pk:
        entry.author, entry.author_member = actor.user, actor.membership
    chosen = list(shared_with) if entry.visibility == Visibility.CHOSEN else []
    _require_in_plan(actor, entry.medication, *chosen)
    save_form_instance(actor, entry, LOGBOOK)
    entry.shared_with.set(chosen)
    return entry


@transaction.atomic
def do_delete_log_entry(actor, entry):
    require_write(actor, LOGBOOK)
    _require_author(actor, entry)
    entry._history_user = actor.user
    do_record_event(actor.user, AuditEvent.DELETE, LOGBOOK, plan=actor.plan,
                    membership=actor.membership, obj=entry, source=actor.source)
    entry.delete()


# --- agenda (M8) -------------------------------------------------------------------------

AGENDA = "agenda"


@transaction.atomic
def do_save_appointment(actor, appointment):
    require_write(actor, AGENDA)
    _require_in_plan(actor, appointment.with_member, appointment.with_contact)
    return save_form_instance(actor, appointment, AGENDA)


@transaction.atomic
def do_delete_appointment(actor, appointment):
    require_write(actor, AGENDA)
    _require_in_plan(actor, appointment)
    appointment._history_user = actor.user
    do_record_event(actor.user, AuditEvent.DELETE, AGENDA, plan=actor.plan,
                    membership=actor.membership, obj=appointment, source=actor.source)
    appointment.delete()


def _require_patient_side(actor):
    # The private calendar address is the patient's choice (or a naaste acting for them
    # who may see the agenda).
    if not actor.membership.acts_for_patient:
        raise PermissionDenied("only the patient side manages the calendar address")
    if not may_read(actor.membership, AGENDA):
        raise PermissionDenied(NOT_SHARED)


@transaction.atomic
def do_start_calendar_feed(actor):
    """A new private calendar address; an older one stops working. Returns its secret,
    which is shown once and never stored."""
    _require_patient_side(actor)
    do_stop_calendar_feed(actor)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(plan=actor.plan, token_hash=feed_hash(token),
                                       created_by=actor.user)
    do_record_event(actor.user, AuditEvent.CREATE, AGENDA, plan=actor.plan,
                    membership=actor.membership, obj=feed, source=actor.source)
    return token


@transaction.atomic
def do_stop_calendar_feed(actor):
    _require_patient_side(actor)
    for feed in CalendarFeed.objects.filter(plan=actor.plan, revoked_at=None):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        do_record_event(actor.user, AuditEvent.UPDATE, AGENDA, plan=actor.plan,
                        membership=actor.membership, obj=feed, source=actor.source)


def feed_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


# --- medicines (M9) ----------------------------------------------------------------------

MEDICINES, MEDICINE_NOTES = "medicines", "medicine_notes"


@transaction.atomic
def do_save_medication(actor, medication):
    """Add a medicine, change it, or stop it (by setting `until`); providers only."""
    require_write(actor, MEDICINES)
    return save_form_instance(actor, medication, MEDICINES)


@transaction.atomic
def do_save_medication_note(actor, medication):
    """The patient's own note with a medicine: the one part the patient side writes."""
    require_write(actor, MEDICINE_NOTES)
    return save_form_instance(actor, medication, MEDICINE_NOTES)


# --- results (M10) -----------------------------------------------------------------------

RESULTS = "results"


@transaction.atomic
def do_save_result(actor, result):
    require_write(actor, RESULTS)
    kind = measurements.TYPES.get(result.measurement_kind)
    if kind and result.value is not None:
        _require_possible(kind, [("value", result.value, kind.parts[0])])
    result.loinc = kind.loinc if kind else ""
    return save_form_instance(actor, result, RESULTS)


# --- measurements and target values (D1) -------------------------------------------------

MEASUREMENTS, TARGETS = "measurements", "targets"


def _require_possible(kind, pairs):
    """The rule behind the forms, for every caller: no value that cannot be."""
    errors = {}
    for field, value, part in pairs:
        if value is not None and (problem := measurements.value_problem(kind, part, value)):
            errors[field] = problem
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_save_measurement(actor, measurement):
    """Add or change a measurement; only whoever measured it changes it. Its LOINC code
    and UCUM unit come with it."""
    require_write(actor, MEASUREMENTS)
    if measurement.pk and measurement.author_member_id != actor.membership.pk:
        raise PermissionDenied("only whoever added a measurement changes it")
    kind = measurements.TYPES[measurement.kind]
    values = (measurement.value, measurement.second_value if kind.has_two_parts else None)
    _require_possible(kind, zip(("value", "second_value"), values, kind.parts, strict=False))
    if problem := measurements.pair_problem(kind, *values):
        raise ValidationError({"second_value": problem})
    if not measurement.pk:
        measurement.author, measurement.author_member = actor.user, actor.membership
    measurement.second_value = values[1]
    measurement.loinc, measurement.unit = kind.loinc, kind.unit
    return save_form_instance(actor, measurement, MEASUREMENTS)


@transaction.atomic
def do_delete_measurement(actor, measurement):
    require_write(actor, MEASUREMENTS)
    _require_in_plan(actor, measurement)
    if measurement.author_member_id != actor.membership.pk:
        raise PermissionDenied("only whoever added a measurement removes it")
    measurement._history_user = actor.user
    do_record_event(actor.user, AuditEvent.DELETE, MEASUREMENTS, plan=actor.plan,
                    membership=actor.membership, obj=measurement, source=actor.source)
    measurement.delete()


@transaction.atomic
def do_save_target(actor, target):
    """Record a target value agreed together, from a date on (D1)."""
    require_write(actor, TARGETS)
    kind = measurements.TYPES[target.kind]
    bounds = [("low", target.low), ("high", target.high), ("second_low", target.second_low),
              ("second_high", target.second_high)][:2 * len(kind.parts)]
    _require_possible(kind, [(field, value, kind.parts[i // 2])
                             for i, (field, value) in enumerate(bounds)])
    if all(value is None for _field, value in bounds):
        raise ValidationError({"high": _("Vul een getal in.")})
    if not target.pk:
        target.author = actor.user
    target.loinc, target.unit = kind.loinc, kind.unit
    return save_form_instance(actor, target, TARGETS)
