"""The reminder to prepare a consult (issue 8, D4): some days before an appointment the
patient gets an e-mail asking what they want to discuss. Like the check-in e-mail it holds
no health details: not what the appointment is for, nor with whom."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samenplan.health.models import Appointment
from samenplan.plans.constants import PlanStatus
from samenplan.practice.consults import PREPARE_DAYS

from .constants import ReminderKind
from .models import Reminder
from .schedule import at_local_hour, local_date


def due_for(appointment):
    """When to ask: PREPARE_DAYS before the appointment's day, at the local hour."""
    return at_local_hour(local_date(appointment.starts_at) - timedelta(days=PREPARE_DAYS))


def plan_ahead(now):
    """A reminder for every appointment of an active plan in the coming PREPARE_DAYS that
    has none yet. The due moment follows from the appointment, so planning again, by any
    number of workers, adds nothing."""
    coming = Appointment.objects.filter(
        starts_at__gt=now, starts_at__lte=now + timedelta(days=PREPARE_DAYS),
        plan__status=PlanStatus.ACTIVE)
    for appointment in coming:
        try:
            with transaction.atomic():
                Reminder.objects.get_or_create(plan_id=appointment.plan_id,
                                               kind=ReminderKind.PREPARE,
                                               due_at=due_for(appointment))
        except IntegrityError:
            pass  # another worker planned it at the same moment


def wanted(reminder):
    """Still an appointment to prepare, in an active plan."""
    window_end = reminder.due_at + timedelta(days=PREPARE_DAYS + 1)
    return reminder.plan.status == PlanStatus.ACTIVE and reminder.plan.appointments.filter(
        starts_at__gt=reminder.due_at, starts_at__lte=window_end).exists()


def message(reminder, to):
    context = {"link": settings.SITE_URL + reverse("consult:prepare", args=[reminder.plan_id])}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("reminders/email/prepare_subject.txt",
                                            context).split())
        body = render_to_string("reminders/email/prepare.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])
