"""Taalhulp (F2b): when a provider writes text the patient will read, the form gives a
friendly B1 hint; it never blocks the save. The patient's own writing is not checked."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from samenplan.plans.models import Action, Evaluation, Goal

from .conftest import actor_of

JARGON_TEXT = "Evaluatie van de medicatie bij de POH."
PLAIN_TEXT = "Elke dag twintig minuten lopen."
LONG_SENTENCE = ("We spreken af dat u elke ochtend na het ontbijt en voor u de deur uit gaat "
                 "uw bloedsuiker meet en dat u de waarde in het boekje schrijft.")


def action_post(what, check=False):
    data = {"what": what, "assignee": "patient", "when": "elke dag"}
    if check:
        data["taalhulp"] = "1"
    return data


def test_checking_the_text_shows_hints_and_saves_nothing(plan, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]),
                                      action_post(JARGON_TEXT, check=True))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tip voor leesbare taal" in page
    assert "Schrijf liever &#x27;medicijnen&#x27; in plaats van &#x27;medicatie&#x27;." in page
    assert "terugkijken" in page
    assert JARGON_TEXT in page  # what was typed is kept
    assert not Action.objects.exists()


def test_checking_the_text_does_not_call_missing_fields_errors(plan, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]),
                                      {"what": JARGON_TEXT, "taalhulp": "1"})

    page = response.content.decode()
    assert "Tip voor leesbare taal" in page
    assert "Vul dit in." not in page
    assert "Er ging iets mis" not in page


def test_it_hints_at_a_long_sentence(plan, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]),
                                      action_post(LONG_SENTENCE, check=True))

    assert "Deze zin is lang (29 woorden)" in response.content.decode()


def test_a_hint_never_blocks_the_save(plan, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]),
                                      action_post(JARGON_TEXT))

    assert response.status_code == 302
    assert Action.objects.get().what == JARGON_TEXT
    tips = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "info"]
    assert len(tips) == 1 and "medicijnen" in tips[0]


def test_plain_text_checks_out_without_hints(plan, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]),
                                      action_post(PLAIN_TEXT, check=True))

    page = response.content.decode()
    assert "Nagekeken: geen lange zinnen en geen moeilijke woorden gevonden." in page
    assert "Tip voor leesbare taal" not in page
    assert not Action.objects.exists()


def test_the_patient_gets_no_language_check(plan, patient, as_user):
    page = as_user(patient).get(reverse("plans:add_action", args=[plan.pk])).content.decode()
    assert "Tekst nakijken" not in page

    response = as_user(patient).post(reverse("plans:add_action", args=[plan.pk]),
                                     action_post(JARGON_TEXT, check=True))
    assert response.status_code == 302  # saved as usual, no hints
    assert Action.objects.get().what == JARGON_TEXT


def test_a_provider_sees_the_button_on_an_action_but_not_on_a_goal(plan, provider, as_user):
    client = as_user(provider)
    assert "Tekst nakijken" in client.get(
        reverse("plans:add_action", args=[plan.pk])).content.decode()
    # Goals are the patient's own words; a provider does not write them.
    assert client.get(reverse("plans:add_goal", args=[plan.pk])).status_code == 403


@pytest.fixture
def goal(plan, patient):
    from samenplan.plans.actions import do_save_goal

    return do_save_goal(actor_of(patient, plan), Goal(plan=plan, text="Weer naar de markt"))


def test_it_hints_on_an_evaluation_and_its_goal_reviews(plan, provider, goal, as_user):
    response = as_user(provider).post(reverse("plans:add_evaluation", args=[plan.pk]), {
        "held_on": "2026-01-10", "participants": "Anna, Karin",
        "illness_note": "Geen exacerbatie gehad.",
        f"doel-{goal.pk}-next_step": "Therapietrouw blijven.",
        "taalhulp": "1",
    })

    page = response.content.decode()
    assert "longaanval" in page
    assert "uw medicijnen innemen zoals afgesproken" in page
    assert not Evaluation.objects.exists()
