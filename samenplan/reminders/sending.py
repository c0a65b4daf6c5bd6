"""The reminder worker's work: find due reminders, claim each with a conditional UPDATE,
send it by e-mail, and schedule the next round.

The claim rule: a worker may take a reminder that is due, not sent, not skipped, tried
fewer than MAX_ATTEMPTS times, and either unclaimed or claimed more than CLAIM_TIMEOUT ago
(a worker that crashed, or a send that failed: it is tried again after the timeout). The
claim is one UPDATE with those conditions in its WHERE clause; the database runs it for
one worker at a time, so when two workers race for the same row only one sees "1 row
updated" and sends. A restart loses nothing: what was due and not sent is still due.

A worker that crashes between sending and writing sent_at sends that one again after the
timeout: at least once, never twice at the same time."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from samenplan.plans.constants import PlanStatus, Role

from . import preparation
from .actions import schedule_next_check_in
from .constants import ReminderKind
from .models import CheckInPlan, Reminder

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=15)
MAX_ATTEMPTS = 5
BATCH = 100


def patient_email(plan):
    membership = plan.memberships.filter(role=Role.PATIENT, removed_at=None).select_related(
        "user").first()
    return membership.user.email if membership else ""


# --- the kinds of reminder ----------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """What one kind of reminder does. `wanted(reminder)` says whether it should still go
    out, `message(reminder)` builds the e-mail, `after_sent(reminder, now)` schedules
    what comes next, and `plan_ahead(now)`, if any, makes the reminders that follow from
    other data (an appointment coming up)."""

    wanted: object
    message: object
    after_sent: object
    plan_ahead: object = None


def _check_in_plan(reminder):
    return CheckInPlan.objects.filter(plan_id=reminder.plan_id).first()


def _check_in_wanted(reminder):
    check_in_plan = _check_in_plan(reminder)
    return (check_in_plan is not None and check_in_plan.active
            and reminder.plan.status == PlanStatus.ACTIVE)


def _check_in_message(reminder):
    plan_id = reminder.plan_id
    context = {
        "link": settings.SITE_URL + reverse("reminders:check_in", args=[plan_id]),
        "stop_link": settings.SITE_URL + reverse("reminders:stop", args=[plan_id]),
    }
    # No health details: no goal, no name of an illness, only the links (issue 8).
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("reminders/email/check_in_subject.txt",
                                            context).split())
        body = render_to_string("reminders/email/check_in.txt", context)
    return EmailMessage(subject=subject, body=body, to=[patient_email(reminder.plan)])


def _check_in_after_sent(reminder, now):
    check_in_plan = _check_in_plan(reminder)
    if check_in_plan is not None:
        # After the later of the two: a worker that was down for weeks sends one e-mail,
        # not one per missed round.
        schedule_next_check_in(check_in_plan, max(reminder.due_at, now))


KINDS = {
    ReminderKind.CHECKIN: Kind(_check_in_wanted, _check_in_message, _check_in_after_sent),
    ReminderKind.PREPARE: Kind(
        preparation.wanted,
        lambda reminder: preparation.message(reminder, patient_email(reminder.plan)),
        lambda reminder, now: None, preparation.plan_ahead),
}


# --- claiming and sending -----------------------------------------------------------------

def claimable(now):
    """The reminders a worker may claim at `now` (see the claim rule above)."""
    return Reminder.objects.filter(
        Q(claimed_at=None) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        due_at__lte=now, sent_at=None, skipped_at=None, attempts__lt=MAX_ATTEMPTS,
    )


def claim(reminder_id, worker, now):
    """Claim one reminder for this worker: True if this worker got it."""
    return claimable(now).filter(pk=reminder_id).update(
        claimed_at=now, claimed_by=worker[:100], attempts=F("attempts") + 1) == 1


def _skip(reminder, now, why):
    Reminder.objects.filter(pk=reminder.pk).update(skipped_at=now, last_error=why)


def send_one(reminder, now):
    """Send one claimed reminder; True if an e-mail went out."""
    kind = KINDS[reminder.kind]
    if not kind.wanted(reminder):
        _skip(reminder, now, "stopped")
        return False
    message = kind.message(reminder)
    if not any(message.to):
        _skip(reminder, now, "no e-mail address")
        return False
    try:
        message.send()
    except Exception as error:  # noqa: BLE001  (any failure: try again after the timeout)
        log.warning("reminder %s not sent: %s", reminder.pk, type(error).__name__)
        Reminder.objects.filter(pk=reminder.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:500])
        return False
    with transaction.atomic():
        Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now(), last_error="")
        kind.after_sent(reminder, now)
    return True


def process_due(worker, now=None):
    """Claim and send every reminder due at `now`; the number of e-mails sent."""
    now = now or timezone.now()
    for kind in KINDS.values():
        if kind.plan_ahead:
            kind.plan_ahead(now)
    sent = 0
    # Each pass claims or loses every row it lists, so the next pass lists new ones only.
    while ids := list(claimable(now).order_by("due_at", "pk")
                      .values_list("pk", flat=True)[:BATCH]):
        for reminder_id in ids:
            if not claim(reminder_id, worker, now):
                continue  # another worker was first
            reminder = Reminder.objects.select_related("plan").get(pk=reminder_id)
            sent += send_one(reminder, now)
    return sent
