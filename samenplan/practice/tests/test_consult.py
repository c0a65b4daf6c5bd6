"""The consult view: for a provider, one screen with the person's questions and what
changed since the last appointment; the patient's sharing choices hold; every part shown
is an audit read."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.health.models import Appointment, LogEntry, Measurement, Target
from samenplan.plans.constants import Access, Assignee
from samenplan.plans.models import Action, Goal, Plan
from samenplan.plans.tests.conftest import actor_of, membership_of
from samenplan.reminders.actions import do_answer_check_in
from samenplan.reminders.constants import Score


def url(plan):
    return reverse("consult:view", args=[plan.pk])


def weight(plan, patient, days_ago, value):
    return Measurement.objects.create(
        plan=plan, kind="weight", measured_at=timezone.now() - timedelta(days=days_ago),
        value=value, loinc="29463-7", unit="kg", author=patient,
        author_member=membership_of(patient, plan))


def test_it_shows_what_a_ten_minute_consult_needs(plan, patient, provider, as_user):
    now = timezone.now()
    Appointment.objects.create(plan=plan, starts_at=now - timedelta(days=30), purpose="Controle")
    Appointment.objects.create(plan=plan, starts_at=now + timedelta(days=2),
                               purpose="Suikercontrole", questions="Mag ik minder pillen?")
    weight(plan, patient, 40, 84)  # before the last consult: only the one to compare to
    weight(plan, patient, 10, 82)
    weight(plan, patient, 3, 81)
    Target.objects.create(plan=plan, kind="weight", high=80, loinc="29463-7", unit="kg",
                          valid_from=timezone.localdate() - timedelta(days=60),
                          agreed_by="Anna en Karin", author=provider)
    for days, intensity in ((5, 4), (4, 7), (45, 9)):
        LogEntry.objects.create(plan=plan, kind="pain", intensity=intensity,
                                occurred_at=now - timedelta(days=days), author=patient,
                                author_member=membership_of(patient, plan))
    goal = Goal.objects.create(plan=plan, text="Weer naar de markt lopen", created_by=patient)
    do_answer_check_in(actor_of(patient, plan), goal, Score.GOOD, "Twee keer gelukt")
    Action.objects.create(plan=plan, what="Elke dag 20 minuten wandelen", when="elke dag",
                          assignee=Assignee.PATIENT, proposed_by=patient,
                          patient_confirmed_by=patient, patient_confirmed_at=now)
    page = as_user(provider).get(url(plan)).content.decode()
    assert "Mag ik minder pillen?" in page
    assert "81 kg" in page and "lager dan de meting ervoor" in page
    assert "Hoger dan de streefwaarde" in page
    assert "2 metingen" in page  # the two since the last consult
    assert "Pijn: 2 keer, het ergst: 7 van 10" in page  # not the one from before
    assert "Weer naar de markt lopen" in page
    assert "Check-in: Goed" in page and "Twee keer gelukt" in page
    assert "Wacht op uw akkoord" in page and "Elke dag 20 minuten wandelen" in page
    read = set(AuditEvent.objects.filter(plan_id=plan.pk, user=provider, kind=AuditEvent.READ)
               .values_list("section", flat=True))
    assert {"agenda", "measurements", "logbook", "goals", "actions"} <= read


def test_a_part_the_patient_does_not_share_is_left_out(plan, patient, provider, as_user):
    LogEntry.objects.create(plan=plan, kind="pain", intensity=8, occurred_at=timezone.now(),
                            text="Geheim", author=patient,
                            author_member=membership_of(patient, plan))
    membership = membership_of(provider, plan)
    membership.section_access = {"logbook": Access.HIDDEN}
    membership.save()
    page = as_user(provider).get(url(plan)).content.decode()
    assert "Uit het logboek" not in page and "Pijn" not in page
    assert not AuditEvent.objects.filter(plan_id=plan.pk, user=provider, section="logbook",
                                         kind=AuditEvent.READ).exists()


def test_only_providers_of_the_plan_use_it(plan, patient, naaste, outsider, as_user):
    assert as_user(patient).get(url(plan)).status_code == 403
    assert as_user(naaste).get(url(plan)).status_code == 403
    assert as_user(outsider).get(url(plan)).status_code == 404


def test_karin_sees_annas_questions_measurements_and_targets(db, as_user):
    call_command("load_demo", "--force", stdout=StringIO())
    anna = Plan.objects.get(memberships__user__email="anna@example.org",
                            memberships__role="patient")
    karin = anna.memberships.get(user__email="karin@example.org").user
    coming = anna.appointments.filter(starts_at__gte=timezone.now()).order_by("starts_at")[0]
    page = as_user(karin).get(url(anna)).content.decode()
    assert coming.purpose in page
    for line in filter(None, coming.questions.splitlines()):
        assert line.strip().replace("'", "&#x27;") in page
    assert "Bloeddruk" in page and "bovendruk tot en met 140 mmHg" in page
    assert "Binnen de streefwaarde" in page or "Hoger dan de streefwaarde" in page
    assert "Check-in: Goed" in page and "Tot de bakker gelopen zonder te stoppen." in page
