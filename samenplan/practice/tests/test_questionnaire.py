"""The experience questionnaire (D10): asked of the patient at the start and after 11
months, once per moment; "Sla over" counts as an answer, so it is not asked again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership
from samenplan.practice.experience import due_moment
from samenplan.practice.models import ExperienceAnswer

ANSWERS = {"helps": "4", "in_control": "5", "recognised": "3", "note": "Fijn zo."}


def url(plan):
    return reverse("indicators:questionnaire", args=[plan.pk])


def overview(client, plan):
    return client.get(reverse("plans:overview", args=[plan.pk])).content.decode()


def test_it_asks_the_patient_at_the_start(plan, patient, as_user):
    client = as_user(patient)
    assert url(plan) in overview(client, plan)
    page = client.get(url(plan)).content.decode()
    assert "Helpt het plan u?" in page
    assert "Beslist u zelf over uw leven en uw zorg?" in page
    assert "Is het plan echt van u? Herkent u zich erin?" in page
    assert 'type="radio"' in page and "Sla over" in page


def test_it_saves_the_answers_and_does_not_ask_again(plan, patient, as_user):
    client = as_user(patient)
    response = client.post(url(plan), ANSWERS)
    assert response.status_code == 302
    answer = ExperienceAnswer.objects.get(plan=plan)
    assert (answer.moment, answer.helps, answer.in_control, answer.recognised, answer.note,
            answer.skipped) == ("start", 4, 5, 3, "Fijn zo.", False)
    assert answer.membership.user == patient
    assert AuditEvent.objects.filter(kind=AuditEvent.CREATE, section="experience",
                                     plan_id=plan.pk).count() == 1
    assert url(plan) not in overview(client, plan)
    assert "Er zijn nu geen vragen voor u." in client.get(url(plan)).content.decode()
    client.post(url(plan), ANSWERS)
    assert ExperienceAnswer.objects.filter(plan=plan).count() == 1


def test_a_missing_answer_gets_a_plain_message_and_nothing_is_saved(plan, patient, as_user):
    response = as_user(patient).post(url(plan), {**ANSWERS, "in_control": ""})
    assert response.status_code == 200
    assert "Kies een antwoord bij deze vraag." in response.content.decode()
    assert not ExperienceAnswer.objects.exists()


def test_a_value_off_the_scale_is_refused(plan, patient, as_user):
    response = as_user(patient).post(url(plan), {**ANSWERS, "helps": "9"})
    assert response.status_code == 200
    assert not ExperienceAnswer.objects.exists()


def test_skipping_is_kept_and_not_asked_again(plan, patient, as_user):
    client = as_user(patient)
    assert client.post(url(plan), {"sla_over": "1"}).status_code == 302
    answer = ExperienceAnswer.objects.get(plan=plan)
    assert answer.skipped and answer.helps is None
    assert url(plan) not in overview(client, plan)


def test_after_eleven_months_it_asks_about_the_year(plan, patient, as_user):
    membership = Membership.objects.get(plan=plan, role=Role.PATIENT)
    ExperienceAnswer.objects.create(plan=plan, membership=membership, moment="start",
                                    answered_at=timezone.now(), skipped=True)
    assert due_moment(membership) is None
    Membership.objects.filter(pk=membership.pk).update(
        joined_at=timezone.now() - timedelta(days=340))
    membership.refresh_from_db()
    assert due_moment(membership) == "year"
    client = as_user(patient)
    assert "ongeveer een jaar" in client.get(url(plan)).content.decode()
    client.post(url(plan), ANSWERS)
    assert ExperienceAnswer.objects.get(plan=plan, moment="year").helps == 4
    assert due_moment(membership) is None


def test_only_ten_months_in_it_is_still_the_start(plan, patient):
    membership = Membership.objects.get(plan=plan, role=Role.PATIENT)
    Membership.objects.filter(pk=membership.pk).update(
        joined_at=timezone.now() - timedelta(days=300))
    membership.refresh_from_db()
    assert due_moment(membership) == "start"


@pytest.mark.parametrize("who", ["naaste", "provider"])
def test_only_the_patient_answers(plan, naaste, provider, as_user, who):
    client = as_user({"naaste": naaste, "provider": provider}[who])
    assert url(plan) not in overview(client, plan)
    assert client.get(url(plan)).status_code == 403
    assert client.post(url(plan), ANSWERS).status_code == 403
    assert not ExperienceAnswer.objects.exists()


def test_it_refuses_a_member_of_another_plan(plan, outsider, as_user):
    client = as_user(outsider)
    assert client.get(url(plan)).status_code == 404
    assert client.post(url(plan), ANSWERS).status_code == 404
    assert not ExperienceAnswer.objects.exists()


def test_it_requires_login(plan, client):
    response = client.get(url(plan))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
