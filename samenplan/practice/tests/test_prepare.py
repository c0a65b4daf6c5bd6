"""Preparing a consult: a few days before an appointment the patient is asked, on the
plan's start page, what they want to discuss, and gives their own scores."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samenplan.health.models import Appointment
from samenplan.plans.models import DomainScore


def appointment(plan, days):
    return Appointment.objects.create(plan=plan, starts_at=timezone.now() + timedelta(days=days),
                                      purpose="Suikercontrole")


def prepare_url(plan):
    return reverse("consult:prepare", args=[plan.pk])


def test_the_patient_is_asked_to_prepare_and_does_it(plan, patient, as_user):
    coming = appointment(plan, 3)
    client = as_user(patient)
    overview = client.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert "Binnenkort: Suikercontrole" in overview and prepare_url(plan) in overview
    assert client.get(prepare_url(plan)).status_code == 200
    response = client.post(prepare_url(plan), {"questions": "Mag ik minder pillen?",
                                               "cijfer-body": "6", "cijfer-mind": ""})
    assert response.status_code == 302
    coming.refresh_from_db()
    assert coming.questions == "Mag ik minder pillen?"
    assert list(DomainScore.objects.filter(plan=plan).values_list("domain", "score")) == [
        ("body", 6)]


def test_no_prompt_for_an_appointment_far_away(plan, patient, as_user):
    appointment(plan, 20)
    client = as_user(patient)
    overview = client.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert "Binnenkort" not in overview
    assert client.get(prepare_url(plan)).status_code == 302


def test_a_score_that_cannot_be_is_refused_and_nothing_saved(plan, patient, as_user):
    coming = appointment(plan, 2)
    page = as_user(patient).post(prepare_url(plan), {"questions": "Vraag",
                                                     "cijfer-body": "11"}).content.decode()
    assert "Dit mag hooguit 10 zijn." in page
    coming.refresh_from_db()
    assert coming.questions == "" and not DomainScore.objects.exists()


def test_only_the_patient_side_prepares(plan, provider, naaste, outsider, as_user):
    appointment(plan, 2)
    assert as_user(provider).get(prepare_url(plan)).status_code == 403
    assert as_user(naaste).get(prepare_url(plan)).status_code == 200  # may act for Anna
    assert as_user(outsider).get(prepare_url(plan)).status_code == 404
