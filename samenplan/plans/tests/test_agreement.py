"""The agreement rule (C2): an action is agreed (afgesproken) once the patient side (the
patient, or a naaste who may act for them) and a provider have both confirmed it. Each
confirmation keeps who and when; changing what, who or when starts the agreement over."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samenplan.plans.actions import do_change_action, do_confirm_action, do_propose_action
from samenplan.plans.constants import ActionStatus, Assignee
from samenplan.plans.models import Action

from .conftest import actor_of, membership_of

WALK = {"what": "Elke dag 20 minuten lopen", "assignee": "patient", "when": "elke dag"}


def propose(user, plan):
    return do_propose_action(actor_of(user, plan), Action(
        what=WALK["what"], assignee=Assignee.PATIENT, when=WALK["when"]))


def confirm_url(action):
    return reverse("plans:confirm_action", args=[action.plan_id, action.pk])


@pytest.fixture
def agreed(plan, patient, provider):
    """Proposed by the provider, confirmed by the patient."""
    action = propose(provider, plan)
    return do_confirm_action(actor_of(patient, plan), action)


# --- through the actions ------------------------------------------------------------------

def test_it_counts_a_proposal_as_the_proposers_confirmation(plan, provider):
    action = propose(provider, plan)
    action.refresh_from_db()
    assert not action.is_agreed
    assert action.proposed_by == provider
    assert action.provider_confirmed_by == provider
    assert action.provider_confirmed_at is not None
    assert action.patient_confirmed_by is None
    assert action.patient_confirmed_at is None


def test_it_agrees_once_the_patient_confirms(plan, patient, provider):
    action = propose(provider, plan)
    do_confirm_action(actor_of(patient, plan), action)
    action.refresh_from_db()
    assert action.is_agreed
    assert action.patient_confirmed_by == patient
    assert action.provider_confirmed_by == provider
    assert action.patient_confirmed_at >= action.provider_confirmed_at


def test_it_agrees_once_a_provider_confirms_a_proposal_of_the_patient(plan, patient, provider):
    action = propose(patient, plan)
    assert not action.is_agreed
    do_confirm_action(actor_of(provider, plan), action)
    action.refresh_from_db()
    assert action.is_agreed
    assert (action.patient_confirmed_by, action.provider_confirmed_by) == (patient, provider)


def test_it_lets_a_naaste_who_may_act_confirm_for_the_patient(plan, naaste, provider):
    action = propose(provider, plan)
    do_confirm_action(actor_of(naaste, plan), action)
    action.refresh_from_db()
    assert action.is_agreed
    assert action.patient_confirmed_by == naaste


def test_it_refuses_a_confirmation_from_a_bystander(plan, bystander, provider):
    action = propose(provider, plan)
    with pytest.raises(PermissionDenied):
        do_confirm_action(actor_of(bystander, plan), action)
    action.refresh_from_db()
    assert not action.is_agreed
    assert action.patient_confirmed_by is None


@pytest.mark.parametrize("second", ["provider", "naaste"])
def test_it_refuses_the_same_side_confirming_twice(request, plan, patient, naaste, provider,
                                                   second):
    """The provider who proposed cannot confirm again; once the patient confirmed, neither
    can a naaste acting for the patient."""
    action = propose(provider, plan)
    if second == "naaste":
        action = do_confirm_action(actor_of(patient, plan), action)
    before = Action.objects.get(pk=action.pk)

    with pytest.raises(ValidationError) as error:
        do_confirm_action(actor_of(request.getfixturevalue(second), plan), action)

    assert error.value.messages == ["U heeft deze afspraak al bevestigd."]
    after = Action.objects.get(pk=action.pk)
    assert (after.patient_confirmed_by_id, after.patient_confirmed_at) == (
        before.patient_confirmed_by_id, before.patient_confirmed_at)
    assert (after.provider_confirmed_by_id, after.provider_confirmed_at) == (
        before.provider_confirmed_by_id, before.provider_confirmed_at)


def test_it_starts_over_when_the_patient_changes_what(plan, patient, agreed):
    agreed.what = "Elke dag 30 minuten lopen"
    do_change_action(actor_of(patient, plan), agreed)
    agreed.refresh_from_db()
    assert not agreed.is_agreed
    assert agreed.patient_confirmed_by == patient
    assert agreed.provider_confirmed_by is None
    assert agreed.provider_confirmed_at is None


def test_it_keeps_the_agreement_when_only_the_status_changes(plan, patient, agreed):
    before = Action.objects.get(pk=agreed.pk)
    agreed.status = ActionStatus.DONE
    do_change_action(actor_of(patient, plan), agreed)
    after = Action.objects.get(pk=agreed.pk)
    assert after.is_agreed
    assert after.status == ActionStatus.DONE
    assert after.patient_confirmed_at == before.patient_confirmed_at
    assert after.provider_confirmed_at == before.provider_confirmed_at


# --- through the web ----------------------------------------------------------------------

def test_it_agrees_through_the_pages(plan, patient, provider, as_user):
    response = as_user(provider).post(reverse("plans:add_action", args=[plan.pk]), WALK)
    assert response.status_code == 302
    action = Action.objects.get(plan=plan)
    assert not action.is_agreed
    assert action.provider_confirmed_by == provider

    patient_client = as_user(patient)
    waiting = patient_client.get(reverse("plans:overview", args=[plan.pk]))
    assert [a.pk for a in waiting.context["waiting"]] == [action.pk]

    response = patient_client.post(confirm_url(action), follow=True)

    assert "Afgesproken! U bent het allebei eens." in response.content.decode()
    action.refresh_from_db()
    assert action.is_agreed
    assert action.patient_confirmed_by == patient
    page = patient_client.get(reverse("plans:actions", args=[plan.pk])).content.decode()
    assert "Namens Anna de Vries: Anna de Vries," in page
    assert "Zorgverlener: Karin Jansen," in page


def test_it_lets_a_naaste_who_may_act_confirm_through_the_pages(plan, naaste, provider,
                                                                 as_user):
    action = propose(provider, plan)
    assert as_user(naaste).post(confirm_url(action)).status_code == 302
    action.refresh_from_db()
    assert action.is_agreed
    assert action.patient_confirmed_by == naaste


def test_it_gives_a_bystander_403_on_confirm(plan, bystander, provider, as_user):
    action = propose(provider, plan)
    assert as_user(bystander).post(confirm_url(action)).status_code == 403
    action.refresh_from_db()
    assert action.patient_confirmed_at is None


def test_it_says_so_when_the_same_side_confirms_twice(plan, provider, as_user):
    action = propose(provider, plan)
    confirmed_at = action.provider_confirmed_at

    response = as_user(provider).post(confirm_url(action), follow=True)

    assert "U heeft deze afspraak al bevestigd." in response.content.decode()
    action.refresh_from_db()
    assert action.provider_confirmed_at == confirmed_at
    assert not action.is_agreed


@pytest.mark.parametrize("change", [
    {"what": "Elke dag 30 minuten lopen"},
    {"when": "drie keer per week"},
    {"assignee": "naaste", "assignee_member": "naaste"},
])
@pytest.mark.parametrize("changer, other", [("patient", "provider"), ("provider", "patient")])
def test_it_asks_the_other_side_again_after_a_change(request, plan, naaste, agreed, as_user,
                                                     change, changer, other):
    user = request.getfixturevalue(changer)
    data = {**WALK, "status": "open", **change}
    if "assignee_member" in data:
        data["assignee_member"] = membership_of(naaste, plan).pk

    response = as_user(user).post(reverse("plans:edit_action", args=[plan.pk, agreed.pk]), data)

    assert response.status_code == 302
    agreed.refresh_from_db()
    assert not agreed.is_agreed
    assert getattr(agreed, f"{changer}_confirmed_by") == user
    assert getattr(agreed, f"{other}_confirmed_by") is None
    assert getattr(agreed, f"{other}_confirmed_at") is None


def test_it_keeps_the_agreement_when_only_the_status_changes_through_the_pages(
    plan, provider, agreed, as_user
):
    before = Action.objects.get(pk=agreed.pk)
    data = {**WALK, "status": "done"}

    response = as_user(provider).post(
        reverse("plans:edit_action", args=[plan.pk, agreed.pk]), data)

    assert response.status_code == 302
    after = Action.objects.get(pk=agreed.pk)
    assert after.status == ActionStatus.DONE
    assert after.is_agreed
    assert (after.patient_confirmed_by_id, after.patient_confirmed_at) == (
        before.patient_confirmed_by_id, before.patient_confirmed_at)
    assert (after.provider_confirmed_by_id, after.provider_confirmed_at) == (
        before.provider_confirmed_by_id, before.provider_confirmed_at)


def test_it_shows_both_confirmations_in_the_history(plan, patient, agreed, as_user):
    response = as_user(patient).get(reverse("plans:history", args=[plan.pk]))

    changes = {(c.label, c.new) for e in response.context["entries"] for c in e.changes}
    assert ("Akkoord van de zorgverlener gegeven door", "Karin Jansen") in changes
    assert ("Akkoord van de patiënt (of naaste) gegeven door", "Anna de Vries") in changes
    whens = {label for label, _new in changes}
    assert {"Akkoord van de zorgverlener op", "Akkoord van de patiënt op"} <= whens
    # As the page reads, tags left out.
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "Akkoord van de zorgverlener gegeven door: nu Karin Jansen" in text
    assert "Akkoord van de patiënt (of naaste) gegeven door: nu Anna de Vries" in text
