"""'Wie heeft mijn gegevens bekeken': the patient sees who looked at what and when; no
one else may read it; reading it is logged too."""

import pytest
from django.urls import reverse

from samenplan.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(plan):
    return reverse("audit:accesses", args=[plan.pk])


def test_the_patient_sees_that_the_provider_looked_at_the_logbook(plan, patient, provider,
                                                                  as_user):
    as_user(provider).get(reverse("health:logbook", args=[plan.pk]))
    response = as_user(patient).get(url(plan))
    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index("Karin Jansen"):]
    assert "Karin Jansen (zorgverlener, Huisartsenpraktijk Test)" in page
    assert "Mijn logboek" in row[:400] and "bekeken" in row[:400]


def test_the_patients_own_visits_are_left_out(plan, patient, as_user):
    client = as_user(patient)
    client.get(reverse("health:logbook", args=[plan.pk]))
    page = client.get(url(plan)).content.decode()
    assert "In deze periode heeft niemand anders het plan bekeken." in page


def test_reading_who_looked_is_logged_too(plan, patient, as_user):
    as_user(patient).get(url(plan))
    assert AuditEvent.objects.filter(plan_id=plan.pk, section="audit_log", user=patient,
                                     kind=AuditEvent.READ).exists()


def test_a_naaste_who_acts_for_the_patient_may_read_it_others_may_not(
        plan, naaste, bystander, provider, outsider, as_user):
    assert as_user(naaste).get(url(plan)).status_code == 200
    assert as_user(bystander).get(url(plan)).status_code == 403
    assert as_user(provider).get(url(plan)).status_code == 403
    assert as_user(outsider).get(url(plan)).status_code == 404


def test_it_requires_login(plan, client):
    assert client.get(url(plan)).status_code == 302


def test_the_patient_sees_a_refused_attempt_in_plain_words(plan, patient, outsider, as_user):
    assert as_user(outsider).get(reverse("plans:goals", args=[plan.pk])).status_code == 404
    assert as_user(outsider).get(reverse("plans:edit_goal", args=[plan.pk, 1])).status_code \
        == 404
    page = as_user(patient).get(url(plan)).content.decode()
    assert "Bert Visser" in page and "geprobeerd, maar geen toegang" in page
    assert "Mijn doelen" in page and "plans:" not in page
