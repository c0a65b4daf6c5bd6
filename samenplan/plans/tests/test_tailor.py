"""Mijn plan op maat (issue 9): a light plan shows only what matters, goals and the agenda;
a hidden part leaves the menu and the overview but its page still opens and nothing is
lost; the patient side chooses, the others may only look."""

import re

import pytest
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import DomainSet
from samenplan.plans.models import DomainNote, DomainScore, Goal, Plan

from .conftest import actor_of


def menu(response):
    """The keys of the plan menu, read from its links."""
    nav = re.search(r'<nav class="sp-plannav".*?</nav>', response.content.decode(), re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0))


def url(name, plan):
    return reverse(name, args=[plan.pk])


def tailor(client, plan, kind="full", shown=()):
    return client.post(url("plans:tailor", plan), {"kind": kind, "shown_parts": list(shown)})


ALL_PARTS = ["personal", "what_matters", "goals", "actions", "evaluations", "logbook",
             "agenda", "medicines", "results", "measurements", "members"]


@pytest.fixture
def filled(plan, patient):
    DomainNote.objects.create(plan=plan, domain="body", section=DomainNote.WHAT_MATTERS,
                              text="Fietsen met mijn kleinzoon", updated_by=patient)
    DomainScore.objects.create(plan=plan, domain="body", score=6, scored_on="2026-05-01",
                               author=patient)
    Goal.objects.create(plan=plan, text="Elke dag een half uur wandelen", created_by=patient)
    return plan


def counts(plan):
    return (plan.domain_notes.count(), plan.domain_scores.count(), plan.goals.count())


def test_a_light_plan_menu_has_only_what_matters_goals_and_the_agenda(plan, patient, as_user):
    client = as_user(patient)
    response = tailor(client, plan, "light", ALL_PARTS)
    assert response.status_code == 302
    page = client.get(url("plans:overview", plan))
    assert menu(page) == [url("plans:overview", plan), url("plans:domains", plan),
                          url("plans:goals", plan), url("health:agenda", plan)]
    # The way back to everything (and to Mijn gegevens) stays on the overview.
    assert url("plans:tailor", plan) in page.content.decode()


def test_a_hidden_part_leaves_the_menu_and_the_overview_but_its_page_still_opens(
        filled, patient, as_user):
    plan = filled
    client = as_user(patient)
    tailor(client, plan, "full", [p for p in ALL_PARTS if p != "goals"])
    overview = client.get(url("plans:overview", plan))
    assert url("plans:goals", plan) not in menu(overview)
    assert "Elke dag een half uur wandelen" not in overview.content.decode()
    goals = client.get(url("plans:goals", plan))
    assert goals.status_code == 200
    text = goals.content.decode()
    assert "Dit deel staat uit in uw plan. U kunt het weer aanzetten." in text
    assert "Elke dag een half uur wandelen" in text


def test_growing_back_into_the_full_plan_shows_everything_and_nothing_was_deleted(
        filled, patient, as_user):
    plan = filled
    client = as_user(patient)
    before = counts(plan)
    full_menu = menu(client.get(url("plans:overview", plan)))
    tailor(client, plan, "light", ["goals"])
    assert counts(plan) == before
    tailor(client, plan, "full", ALL_PARTS)
    plan.refresh_from_db()
    assert (plan.light, plan.hidden_parts) == (False, [])
    overview = client.get(url("plans:overview", plan))
    assert menu(overview) == full_menu
    assert "Elke dag een half uur wandelen" in overview.content.decode()
    assert counts(plan) == before


def test_a_change_is_kept_in_the_history_and_the_audit_log(plan, patient, as_user):
    tailor(as_user(patient), plan, "light", ALL_PARTS)
    assert plan.history.first().light is True
    assert AuditEvent.objects.filter(plan_id=plan.pk, section="plan_data",
                                     kind=AuditEvent.UPDATE).exists()


def test_hiding_is_not_access_a_provider_still_reads_a_hidden_part(
        filled, patient, provider, as_user):
    plan = filled
    tailor(as_user(patient), plan, "light", [])
    response = as_user(provider).get(url("plans:actions", plan))
    assert response.status_code == 200
    assert "Dit deel staat uit in het plan. Anna de Vries kan het weer aanzetten." in (
        response.content.decode())


def test_a_naaste_who_acts_for_the_patient_may_tailor(plan, naaste, as_user):
    assert tailor(as_user(naaste), plan, "light", ALL_PARTS).status_code == 302
    plan.refresh_from_db()
    assert plan.light


def test_a_provider_may_look_but_not_change(plan, provider, as_user):
    client = as_user(provider)
    assert client.get(url("plans:tailor", plan)).status_code == 200
    assert tailor(client, plan, "light", ALL_PARTS).status_code == 403
    plan.refresh_from_db()
    assert not plan.light


def test_a_bystander_may_not_change(plan, bystander, as_user):
    assert tailor(as_user(bystander), plan, "light").status_code == 403


def test_it_refuses_a_member_of_another_plan(plan, outsider, as_user):
    client = as_user(outsider)
    assert client.get(url("plans:tailor", plan)).status_code == 404
    assert tailor(client, plan, "light").status_code == 404
    assert not Plan.objects.get(pk=plan.pk).light


def test_it_requires_login(plan, client):
    response = client.get(url("plans:tailor", plan))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_action_refuses_an_unknown_part(plan, patient):
    from django.core.exceptions import ValidationError

    from samenplan.plans.actions import do_tailor_plan

    with pytest.raises(ValidationError):
        do_tailor_plan(actor_of(patient, plan), False, ["nonsense"])


def test_switching_the_domain_set_keeps_every_entry(filled, patient, as_user):
    plan = filled
    client = as_user(patient)
    before = counts(plan)
    for domain_set in (DomainSet.LIFE_AREAS, DomainSet.POSITIVE_HEALTH):
        response = client.post(url("plans:domain_set", plan), {"domain_set": domain_set})
        assert response.status_code == 302
        assert counts(plan) == before
    page = client.get(url("plans:domains", plan)).content.decode()
    assert "Fietsen met mijn kleinzoon" in page
