"""The medicines (M9): providers enter, change and stop them, with what each is for in
plain words; the patient adds own notes; side effects from the logbook show with them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.health.actions import do_save_log_entry, do_save_medication
from samenplan.health.constants import LogKind, Visibility
from samenplan.health.models import LogEntry, Medication
from samenplan.plans.tests.conftest import actor_of

METFORMINE = {"name": "Metformine", "strength": "500 mg", "dose": "2 keer per dag 1 tablet",
              "purpose": "Dit verlaagt uw bloedsuiker.", "since": "2024-03-01"}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def metformine(plan, provider):
    return do_save_medication(actor_of(provider, plan), Medication(
        name="Metformine", strength="500 mg", dose="2 keer per dag 1 tablet",
        purpose="Dit verlaagt uw bloedsuiker.", since=timezone.localdate() - timedelta(days=400)))


def page_of(client, plan):
    return client.get(reverse("health:medicines", args=[plan.pk])).content.decode()


def test_a_provider_enters_a_medicine_that_everyone_reads(plan, provider, patient, naaste,
                                                         as_user):
    response = as_user(provider).post(reverse("health:add_medication", args=[plan.pk]),
                                      METFORMINE)
    assert response.status_code == 302
    for user in (patient, naaste, provider):
        text = page_of(as_user(user), plan)
        assert "Metformine 500 mg" in text and "Dit verlaagt uw bloedsuiker." in text


def test_the_patient_does_not_enter_medicines_but_writes_own_notes(plan, patient, metformine,
                                                                   as_user):
    client = as_user(patient)
    response = client.post(reverse("health:add_medication", args=[plan.pk]), METFORMINE)
    assert response.status_code == 403
    note = reverse("health:edit_medication_note", args=[plan.pk, metformine.pk])
    assert client.post(note, {"patient_note": "Ik neem hem bij het ontbijt."}).status_code == 302
    metformine.refresh_from_db()
    assert metformine.patient_note == "Ik neem hem bij het ontbijt."
    assert metformine.dose == "2 keer per dag 1 tablet"


def test_stopping_and_changing_keep_history(plan, provider, metformine, as_user):
    edit = reverse("health:edit_medication", args=[plan.pk, metformine.pk])
    client = as_user(provider)
    client.post(edit, {**METFORMINE, "dose": "1 keer per dag 1 tablet"})
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    client.post(edit, {**METFORMINE, "dose": "1 keer per dag 1 tablet", "until": yesterday})

    metformine.refresh_from_db()
    assert [h.dose for h in metformine.history.order_by("history_date")] == [
        "2 keer per dag 1 tablet", "1 keer per dag 1 tablet", "1 keer per dag 1 tablet"]
    text = page_of(client, plan)
    assert text.index("Gestopt") < text.index("Metformine")


@pytest.mark.parametrize("changes, field, message", [
    ({"purpose": "Een. Twee. Drie."}, "purpose", "Schrijf hooguit twee korte zinnen."),
    ({"until": "2024-01-01"}, "until", "Deze datum ligt voor de startdatum. Kies een latere."),
    ({"name": ""}, "name", "Vul dit in."),
    ({"since": "2024-02-30"}, "since", "Dit is geen goede datum. Schrijf de datum zo: 31-12-2026."),
])
def test_it_refuses_bad_input_and_saves_nothing(plan, provider, as_user, changes, field,
                                                message):
    response = as_user(provider).post(reverse("health:add_medication", args=[plan.pk]),
                                      {**METFORMINE, **changes})
    assert message in response.context["form"].errors[field]
    assert not Medication.objects.exists()


def test_the_provider_gets_taalhulp_on_the_explanation(plan, provider, as_user):
    response = as_user(provider).post(reverse("health:add_medication", args=[plan.pk]), {
        **METFORMINE, "purpose": "Medicatie tegen hyperglykemie.", "taalhulp": "1"})
    page = response.content.decode()
    assert "medicijnen" in page and "te hoge suiker" in page
    assert not Medication.objects.exists()


def test_side_effects_from_the_logbook_show_with_the_medicine_for_who_may_see_them(
    plan, patient, naaste, metformine, as_user
):
    for text, visibility in [("Last van mijn maag", Visibility.TEAM),
                             ("Misselijk, alleen voor mij", Visibility.ONLY_ME)]:
        do_save_log_entry(actor_of(patient, plan), LogEntry(
            kind=LogKind.SIDE_EFFECT, occurred_at=timezone.now(), intensity=3, text=text,
            medication=metformine, visibility=visibility))

    own, others = page_of(as_user(patient), plan), page_of(as_user(naaste), plan)
    assert "Last van mijn maag" in own and "Misselijk, alleen voor mij" in own
    assert "Last van mijn maag" in others and "Misselijk, alleen voor mij" not in others


def test_a_logbook_entry_names_a_medicine_only_for_a_side_effect(plan, patient, metformine,
                                                                 as_user):
    url = reverse("health:add_log_entry", args=[plan.pk])
    when = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    base = {"occurred_at": when, "intensity": "3", "visibility": "team",
            "medication": metformine.pk}
    as_user(patient).post(url, {**base, "kind": "pain", "text": "Knie"})
    as_user(patient).post(url, {**base, "kind": "side_effect", "text": "Maag"})

    assert LogEntry.objects.get(text="Knie").medication is None
    assert LogEntry.objects.get(text="Maag").medication == metformine
