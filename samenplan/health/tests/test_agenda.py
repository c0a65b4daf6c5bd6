"""The agenda (M8): appointments with whom, where, when and what for, and the patient's
own questions; .ics per appointment and a private calendar address the patient can stop."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samenplan.audit.models import AuditEvent
from samenplan.health.actions import do_save_appointment
from samenplan.health.models import Appointment
from samenplan.health.views.overviews import FEED_URL_KEY
from samenplan.plans.tests.conftest import actor_of, membership_of

SOON = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add(user, plan, purpose, days=3, questions=""):
    return do_save_appointment(actor_of(user, plan), Appointment(
        starts_at=timezone.now() + timedelta(days=days), purpose=purpose,
        where="De Linde", questions=questions))


def page_of(client, plan):
    return client.get(reverse("health:agenda", args=[plan.pk])).content.decode()


def test_the_provider_plans_and_the_patient_writes_questions(plan, patient, provider, as_user):
    url = reverse("health:add_appointment", args=[plan.pk])
    provider_form = as_user(provider).get(url).content.decode()
    assert 'name="questions"' not in provider_form  # the questions are the patient's own

    response = as_user(provider).post(url, {
        "starts_at": SOON, "purpose": "Controle van mijn suiker", "where": "De Linde",
        "with_member": membership_of(provider, plan).pk})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    edit = reverse("health:edit_appointment", args=[plan.pk, appointment.pk])
    as_user(patient).post(edit, {"starts_at": SOON, "purpose": "Controle van mijn suiker",
                                 "with_member": membership_of(provider, plan).pk,
                                 "questions": "Mag ik de puffer ook 's avonds nemen?"})

    text = page_of(as_user(provider), plan)
    assert "Controle van mijn suiker" in text and "Karin Jansen" in text
    assert "Wat Anna de Vries wil vragen" in text
    assert "Mag ik de puffer ook &#x27;s avonds nemen?" in text


def test_it_shows_what_comes_and_what_has_been(plan, patient, as_user):
    add(patient, plan, "Griepprik", days=-30)
    add(patient, plan, "Controle", days=5)

    text = page_of(as_user(patient), plan)
    assert text.index("Wat komt er") < text.index("Controle") < text.index("Wat is geweest")
    assert text.index("Wat is geweest") < text.index("Griepprik")


def test_a_naaste_who_may_not_act_reads_but_does_not_plan(plan, bystander, as_user):
    client = as_user(bystander)
    assert client.get(reverse("health:agenda", args=[plan.pk])).status_code == 200
    response = client.post(reverse("health:add_appointment", args=[plan.pk]),
                           {"starts_at": SOON, "purpose": "Iets"})
    assert response.status_code == 403
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("changes, field, message", [
    ({"purpose": ""}, "purpose", "Vul dit in."),
    ({"starts_at": "morgen"}, "starts_at",
     "Dit is geen goede datum en tijd. Kies een dag en een tijd."),
    ({"with_member": "987654"}, "with_member", "Kies een van de mogelijkheden."),
])
def test_it_refuses_bad_input_and_saves_nothing(plan, patient, as_user, changes, field,
                                                message):
    response = as_user(patient).post(reverse("health:add_appointment", args=[plan.pk]),
                                     {"starts_at": SOON, "purpose": "Controle", **changes})
    assert message in response.context["form"].errors[field]
    assert not Appointment.objects.exists()


def test_it_refuses_a_member_and_a_contact_at_once(plan, patient, provider, as_user):
    from samenplan.plans.models import Contact

    contact = Contact.objects.create(plan=plan, kind="provider", name="Dokter Bakker",
                                     role_or_relation="huisarts")
    response = as_user(patient).post(reverse("health:add_appointment", args=[plan.pk]), {
        "starts_at": SOON, "purpose": "Controle",
        "with_member": membership_of(provider, plan).pk, "with_contact": contact.pk})
    assert response.context["form"].errors["with_contact"] == [
        "Kies iemand uit het plan of een contact, niet allebei."]
    assert not Appointment.objects.exists()


def test_an_appointment_downloads_as_icalendar_without_the_questions(plan, patient, as_user):
    appointment = add(patient, plan, "Controle van mijn suiker", questions="Geheime vraag")
    response = as_user(patient).get(
        reverse("health:appointment_ics", args=[plan.pk, appointment.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Controle van mijn suiker"
    assert str(events[0]["LOCATION"]) == "De Linde"
    assert events[0].decoded("DTSTART") == appointment.starts_at.replace(microsecond=0)
    assert b"Geheime vraag" not in response.content


def test_the_patient_starts_and_stops_a_private_calendar_address(plan, patient, client,
                                                                 as_user):
    add(patient, plan, "Controle")
    add(patient, plan, "Griepprik", days=-10)
    patient_client = as_user(patient)
    patient_client.post(reverse("health:start_calendar_feed", args=[plan.pk]))
    url = patient_client.session[FEED_URL_KEY]
    assert url in page_of(patient_client, plan)  # shown once
    assert url not in page_of(patient_client, plan)

    response = client.get(url)  # a calendar app, not logged in
    assert response.status_code == 200
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert summaries == {"Controle", "Griepprik"}
    assert AuditEvent.objects.filter(plan_id=plan.pk, section="agenda", kind="read",
                                     user=None).exists()

    patient_client.post(reverse("health:stop_calendar_feed", args=[plan.pk]))
    assert client.get(url).status_code == 404


def test_a_new_address_stops_the_old_one(plan, patient, client, as_user):
    patient_client = as_user(patient)
    patient_client.post(reverse("health:start_calendar_feed", args=[plan.pk]))
    old = patient_client.session[FEED_URL_KEY]
    page_of(patient_client, plan)
    patient_client.post(reverse("health:start_calendar_feed", args=[plan.pk]))
    new = patient_client.session[FEED_URL_KEY]

    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_only_the_patient_side_makes_a_calendar_address(plan, provider, bystander, as_user):
    for user in (provider, bystander):
        response = as_user(user).post(reverse("health:start_calendar_feed", args=[plan.pk]))
        assert response.status_code == 403
    assert "agenda-app" not in page_of(as_user(provider), plan)


def test_an_unknown_calendar_address_is_not_found(db, client):
    assert client.get(reverse("health:calendar_feed", args=["verzonnen"])).status_code == 404
