"""The worker: it sends what is due, once, through a real SMTP server on loopback; two
workers never send the same reminder; a crashed claim is taken again after the timeout; a
stopped check-in sends nothing; the next round is scheduled."""

import os
import signal
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from samenplan.reminders.actions import do_stop_check_ins
from samenplan.reminders.models import CheckInPlan, Reminder
from samenplan.reminders.sending import CLAIM_TIMEOUT, claim, claimable, process_due, send_one

from .conftest import actor_of


def make_due(check_ins, ago=timedelta(minutes=1)):
    """Move the scheduled round into the past: it is due."""
    reminder = Reminder.objects.get(plan=check_ins.plan, sent_at=None)
    reminder.due_at = timezone.now() - ago
    reminder.save()
    return reminder


def test_starting_check_ins_schedules_one_round_at_ten_local(check_ins):
    reminder = Reminder.objects.get(plan=check_ins.plan)
    assert reminder.kind == "checkin"
    assert timezone.localtime(reminder.due_at).hour == 10
    assert reminder.due_at > timezone.now()


def test_a_round_not_yet_due_is_not_sent(check_ins, smtp):
    assert process_due("w1") == 0
    assert smtp.messages == []


def test_once_sends_exactly_the_due_ones_to_the_patient(check_ins, smtp, other_plan, outsider,
                                                        capsys):
    due = make_due(check_ins)
    # Another plan's round, not due yet.
    Reminder.objects.create(plan=other_plan, kind="checkin",
                            due_at=timezone.now() + timedelta(hours=1))
    call_command("run_reminders", "--once", "--worker", "cron")
    assert capsys.readouterr().out.strip() == "1 sent"
    (message,) = smtp.wait_for(1)
    assert message.rcpt_tos == ["patient@example.org"]
    due.refresh_from_db()
    assert due.sent_at is not None and due.claimed_by == "cron" and due.attempts == 1
    call_command("run_reminders", "--once")
    assert len(smtp.messages) == 1


def test_the_mail_has_the_links_and_no_health_details(check_ins, smtp, plan):
    make_due(check_ins)
    process_due("w1")
    (body,) = smtp.bodies()
    assert f"https://samenplan.example/plan/{plan.pk}/doelen/hoe-gaat-het/" in body
    assert f"https://samenplan.example/plan/{plan.pk}/doelen/check-in/stoppen/" in body
    assert "Hoe gaat het met uw doelen?" in body
    for secret in ("wandelen", "suiker", "Anna"):
        assert secret not in body
    assert "Subject: Hoe gaat het met uw doelen?" in body


def test_after_sending_the_next_round_is_scheduled(check_ins, smtp):
    due = make_due(check_ins)
    process_due("w1")
    following = Reminder.objects.get(plan=check_ins.plan, sent_at=None)
    assert following.due_at > timezone.now()
    assert timezone.localtime(following.due_at).hour == 10
    assert following.due_at - due.due_at >= timedelta(days=6)


def test_two_workers_claiming_the_same_reminder_only_one_gets_it(check_ins):
    due = make_due(check_ins)
    now = timezone.now()
    assert [claim(due.pk, "w1", now), claim(due.pk, "w2", now)] == [True, False]


def test_two_workers_interleaved_send_each_reminder_once(check_ins, smtp, other_plan, outsider):
    make_due(check_ins)
    Reminder.objects.create(plan=other_plan, kind="checkin",
                            due_at=timezone.now() - timedelta(minutes=5))
    CheckInPlan.objects.create(plan=other_plan, active=True, frequency="weekly",
                               started_at=timezone.now())
    now = timezone.now()
    # Both workers list the same due rows before either claims one.
    listed = list(claimable(now).values_list("pk", flat=True))
    assert len(listed) == 2
    sent = 0
    for reminder_id in listed:
        for worker in ("w1", "w2"):
            if claim(reminder_id, worker, now):
                sent += send_one(Reminder.objects.get(pk=reminder_id), now)
    assert sent == 2
    assert sorted(m.rcpt_tos[0] for m in smtp.wait_for(2)) == [
        "bert@example.org", "patient@example.org"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'",
                    reason="SQLite has one writer at a time: no real race to run there")
def test_two_worker_threads_never_send_the_same_reminder_twice(check_ins, smtp):
    for n in range(10):
        Reminder.objects.create(plan=check_ins.plan, kind="checkin",
                                due_at=timezone.now() - timedelta(minutes=n + 2))
    start = threading.Barrier(2)
    counts = {}

    def work(name):
        start.wait()
        try:
            counts[name] = process_due(name)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts.values()) == 10
    assert len(smtp.wait_for(10)) == 10
    assert Reminder.objects.filter(plan=check_ins.plan).exclude(sent_at=None).count() == 10


def test_a_crashed_claim_is_taken_again_after_the_timeout(check_ins, smtp):
    due = make_due(check_ins, ago=timedelta(hours=1))
    crashed_at = timezone.now() - CLAIM_TIMEOUT + timedelta(minutes=1)
    Reminder.objects.filter(pk=due.pk).update(claimed_at=crashed_at, claimed_by="gone",
                                              attempts=1)
    assert process_due("w2") == 0  # still claimed by the crashed worker
    assert process_due("w2", now=crashed_at + CLAIM_TIMEOUT + timedelta(seconds=1)) == 1
    due.refresh_from_db()
    assert due.claimed_by == "w2" and due.attempts == 2 and due.sent_at is not None
    assert len(smtp.wait_for(1)) == 1


def test_a_stopped_check_in_sends_nothing(check_ins, smtp, patient, plan):
    make_due(check_ins)
    do_stop_check_ins(actor_of(patient, plan))
    assert process_due("w1") == 0
    assert smtp.messages == []
    assert not Reminder.objects.filter(plan=plan, sent_at=None, skipped_at=None).exists()


def test_a_round_claimed_before_the_stop_is_skipped_not_sent(check_ins, smtp, patient, plan):
    due = make_due(check_ins)
    now = timezone.now()
    assert claim(due.pk, "w1", now)
    do_stop_check_ins(actor_of(patient, plan))
    assert send_one(Reminder.objects.get(pk=due.pk), now) is False
    due.refresh_from_db()
    assert due.skipped_at is not None and due.sent_at is None
    assert smtp.messages == []
    assert not Reminder.objects.filter(plan=plan, sent_at=None, skipped_at=None).exists()


def test_a_failed_send_is_kept_and_tried_again_later(check_ins, settings):
    due = make_due(check_ins)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nobody listens there
    settings.EMAIL_TIMEOUT = 2
    assert process_due("w1") == 0
    due.refresh_from_db()
    assert due.sent_at is None and due.last_error and due.attempts == 1
    later = timezone.now() + CLAIM_TIMEOUT + timedelta(seconds=1)
    assert claimable(later).filter(pk=due.pk).exists()


def test_the_loop_stops_on_sigterm(check_ins, smtp):
    make_due(check_ins)
    timer = threading.Timer(0.5, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    call_command("run_reminders", "--interval", "0.1")
    timer.join()
    assert len(smtp.wait_for(1)) == 1
