"""The logbook (M7): the patient or a naaste writes; per entry the author chooses who sees
it; bad input saves nothing; every read and write is in the audit log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.health.actions import do_save_log_entry
from samenplan.health.constants import LogKind, Visibility
from samenplan.health.models import LogEntry
from samenplan.plans.tests.conftest import actor_of, membership_of

YESTERDAY = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
GOOD = {"kind": "pain", "occurred_at": YESTERDAY, "intensity": "4",
        "text": "Pijn in mijn knie", "visibility": "team"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def write(user, plan, text, visibility=Visibility.TEAM, shared_with=()):
    entry = LogEntry(kind=LogKind.PAIN, occurred_at=timezone.now(), intensity=5, text=text,
                     visibility=visibility)
    return do_save_log_entry(actor_of(user, plan), entry,
                             [membership_of(u, plan) for u in shared_with])


def logbook_text(client, plan, **params):
    return client.get(reverse("health:logbook", args=[plan.pk]), params).content.decode()


# --- who sees what -----------------------------------------------------------------------

def test_an_entry_for_only_me_is_invisible_to_the_naaste_and_the_provider(
    plan, patient, naaste, provider, as_user
):
    write(patient, plan, "Alleen voor mij", Visibility.ONLY_ME)
    write(patient, plan, "Voor iedereen")

    assert "Alleen voor mij" in logbook_text(as_user(patient), plan)
    for other in (naaste, provider):
        text = logbook_text(as_user(other), plan)
        assert "Voor iedereen" in text
        assert "Alleen voor mij" not in text


def test_an_entry_shared_with_chosen_members_is_seen_by_them_only(
    plan, patient, naaste, bystander, provider, as_user
):
    write(patient, plan, "Voor Sanne en Karin", Visibility.CHOSEN, [naaste, provider])

    assert "Voor Sanne en Karin" in logbook_text(as_user(naaste), plan)
    assert "Voor Sanne en Karin" in logbook_text(as_user(provider), plan)
    assert "Voor Sanne en Karin" not in logbook_text(as_user(bystander), plan)


def test_a_naaste_writes_an_entry_that_the_patient_sees(plan, patient, bystander, as_user):
    response = as_user(bystander).post(reverse("health:add_log_entry", args=[plan.pk]),
                                       {**GOOD, "text": "Mama was benauwd"})

    assert response.status_code == 302
    assert "Mama was benauwd" in logbook_text(as_user(patient), plan)
    assert "geschreven door Henk Buur" in logbook_text(as_user(patient), plan)


def test_a_provider_reads_but_does_not_write_the_logbook(plan, provider, as_user):
    client = as_user(provider)
    assert client.get(reverse("health:logbook", args=[plan.pk])).status_code == 200
    response = client.post(reverse("health:add_log_entry", args=[plan.pk]), GOOD)
    assert response.status_code == 403
    assert not LogEntry.objects.exists()


def test_only_the_author_changes_or_removes_an_entry(plan, patient, naaste, as_user):
    entry = write(patient, plan, "Van Anna")
    edit = reverse("health:edit_log_entry", args=[plan.pk, entry.pk])
    delete = reverse("health:delete_log_entry", args=[plan.pk, entry.pk])

    assert as_user(naaste).post(edit, {**GOOD, "text": "Door Sanne"}).status_code == 404
    assert as_user(naaste).post(delete).status_code == 404
    entry.refresh_from_db()
    assert entry.text == "Van Anna"

    assert as_user(patient).post(edit, {**GOOD, "text": "Anders"}).status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Anders"
    assert as_user(patient).post(delete).status_code == 302
    assert not LogEntry.objects.exists()


def test_it_refuses_to_share_with_someone_outside_the_plan(
    plan, patient, outsider, as_user
):
    stranger = outsider.memberships.get()
    response = as_user(patient).post(reverse("health:add_log_entry", args=[plan.pk]),
                                      {**GOOD, "visibility": "chosen",
                                       "shared_with": [stranger.pk]})
    assert response.status_code == 200
    assert "Kies een van de mogelijkheden." in response.content.decode()
    assert not LogEntry.objects.exists()


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize("changes, field, message", [
    ({"intensity": "11"}, "intensity", "Dit mag hooguit 10 zijn."),
    ({"intensity": "-1"}, "intensity", "Vul 0 of meer in."),
    ({"intensity": "", "text": ""}, "text", "Schrijf iets op, of vul in hoe erg het is."),
    ({"visibility": "chosen"}, "shared_with", "Kies met wie u dit deelt."),
    ({"occurred_at": "gisteren"}, "occurred_at",
     "Dit is geen goede datum en tijd. Kies een dag en een tijd."),
    ({"kind": "weather"}, "kind", "Kies een van de mogelijkheden."),
])
def test_it_refuses_bad_input_with_a_clear_message_and_saves_nothing(
    plan, patient, as_user, changes, field, message
):
    response = as_user(patient).post(reverse("health:add_log_entry", args=[plan.pk]),
                                     {**GOOD, **changes})

    assert response.status_code == 200
    assert message in [str(e) for e in response.context["form"].errors[field]]
    assert not LogEntry.objects.exists()


def test_it_refuses_a_moment_in_the_future(plan, patient, as_user):
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = as_user(patient).post(reverse("health:add_log_entry", args=[plan.pk]),
                                     {**GOOD, "occurred_at": tomorrow})
    assert response.context["form"].errors["occurred_at"] == [
        "Dit tijdstip ligt in de toekomst. Kies een ander."]
    assert not LogEntry.objects.exists()


# --- the list, filters, chart and audit --------------------------------------------------

def test_it_filters_by_kind_and_period(plan, patient, as_user):
    write(patient, plan, "Knie vandaag")
    old = write(patient, plan, "Knie lang geleden")
    LogEntry.objects.filter(pk=old.pk).update(occurred_at=timezone.now() - timedelta(days=200))
    sleep = LogEntry(kind=LogKind.SLEEP, occurred_at=timezone.now(), text="Vaak wakker")
    do_save_log_entry(actor_of(patient, plan), sleep)
    client = as_user(patient)

    default = logbook_text(client, plan)  # the last three months
    assert "Knie vandaag" in default and "Vaak wakker" in default
    assert "Knie lang geleden" not in default
    assert "Knie lang geleden" in logbook_text(client, plan, periode="365")
    only_sleep = logbook_text(client, plan, soort="sleep", periode="all")
    assert "Vaak wakker" in only_sleep and "Knie" not in only_sleep
    # Nonsense in the address: the defaults, and no error messages.
    nonsense = logbook_text(client, plan, soort="weer", periode="1000")
    assert "Knie vandaag" in nonsense and "Vul dit in." not in nonsense


def test_the_chart_is_an_svg_image_with_its_data_as_a_table(plan, patient, as_user):
    write(patient, plan, "Knie")
    client = as_user(patient)

    page = logbook_text(client, plan)
    assert "<figure" in page and "De cijfers als tabel" in page
    response = client.get(reverse("health:logbook_chart", args=[plan.pk]))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<title" in response.content and b"<script" not in response.content


def test_the_chart_shows_only_what_the_reader_may_see(plan, patient, naaste, as_user):
    write(patient, plan, "Geheim", Visibility.ONLY_ME)
    response = as_user(naaste).get(reverse("health:logbook_chart", args=[plan.pk]))
    page = logbook_text(as_user(naaste), plan)
    assert "<figure" not in page
    assert b"Pijn" not in response.content


def test_every_read_and_write_is_in_the_audit_log(plan, patient, as_user):
    client = as_user(patient)
    client.post(reverse("health:add_log_entry", args=[plan.pk]), GOOD)
    client.get(reverse("health:logbook", args=[plan.pk]))
    entry = LogEntry.objects.get()

    events = AuditEvent.objects.filter(plan_id=plan.pk, section="logbook")
    assert events.filter(kind=AuditEvent.CREATE, object_id=str(entry.pk)).exists()
    assert events.filter(kind=AuditEvent.READ, user=patient).exists()
