"""The e-mail to prepare a consult: planned from the appointments coming up, sent once
over SMTP, with no health details, and not when the appointment is gone."""

from datetime import timedelta

from django.utils import timezone

from samenplan.health.models import Appointment
from samenplan.practice.consults import PREPARE_DAYS
from samenplan.reminders.constants import ReminderKind
from samenplan.reminders.models import Reminder
from samenplan.reminders.preparation import due_for
from samenplan.reminders.schedule import local_date
from samenplan.reminders.sending import process_due


def coming(plan, days, purpose="Controle van mijn suiker"):
    return Appointment.objects.create(plan=plan, starts_at=timezone.now() + timedelta(days=days),
                                      purpose=purpose, questions="Mag ik minder pillen?")


def test_an_appointment_soon_gives_one_e_mail_to_prepare_it(plan, smtp):
    coming(plan, 2)
    assert process_due("w1") == 1
    assert process_due("w2") == 0  # planned again, nothing new
    (message,) = smtp.wait_for(1)
    body = message.content.decode()
    assert message.rcpt_tos == ["patient@example.org"]
    assert f"https://samenplan.example/plan/{plan.pk}/agenda/voorbereiden/" in body
    assert "suiker" not in body and "pillen" not in body  # no health details
    assert Reminder.objects.filter(plan=plan, kind=ReminderKind.PREPARE).count() == 1


def test_it_is_due_some_days_before_at_ten_local_time(plan):
    appointment = coming(plan, 4)
    due = timezone.localtime(due_for(appointment))
    assert (due.hour, due.minute) == (10, 0)
    assert local_date(appointment.starts_at) - due.date() == timedelta(days=PREPARE_DAYS)


def test_an_appointment_far_away_is_not_planned_yet(plan, smtp):
    coming(plan, PREPARE_DAYS + 3)
    assert process_due("w1") == 0
    assert not Reminder.objects.filter(plan=plan, kind=ReminderKind.PREPARE).exists()


def test_a_removed_appointment_sends_nothing(plan, smtp):
    appointment = coming(plan, 8)
    Reminder.objects.create(plan=plan, kind=ReminderKind.PREPARE,
                            due_at=timezone.now() - timedelta(minutes=1))
    appointment.delete()
    assert process_due("w1") == 0
    assert smtp.messages == []
