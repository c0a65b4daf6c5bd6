"""Bad input gets a clear message in B1 Dutch next to the field, keeps what was typed, and
saves nothing (not half). Text is stored as typed and always shown escaped."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samenplan.plans.actions import do_change_action, do_propose_action
from samenplan.plans.constants import Assignee
from samenplan.plans.models import (
    Action,
    Contact,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Indication,
    Invitation,
    Plan,
    Profile,
)

from .conftest import actor_of, membership_of

TOO_LONG = "Dit is te lang. Gebruik hooguit %d tekens (nu %d)."
NOT_A_DATE = "Dit is geen goede datum. Schrijf de datum zo: 31-12-2026."
IN_FUTURE = "Deze datum ligt in de toekomst. Kies een andere datum."


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.pk, *args])


def assert_error_next_to(response, field, message):
    """The form is shown again, with this message on this field, tied to it for screen
    readers."""
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert f'id="id_{field}_error">{message}</p>' in response.content.decode()


# --- too long -----------------------------------------------------------------------------

def test_it_refuses_an_overlong_goal_and_keeps_what_was_typed(plan, patient, as_user):
    typed = "Ik wil weer " + "heel " * 200 + "ver lopen."
    assert len(typed) > 1000

    response = as_user(patient).post(url("add_goal", plan), {"text": typed, "why": "Omdat."})

    assert_error_next_to(response, "text", TOO_LONG % (1000, len(typed)))
    page = response.content.decode()
    assert typed in page
    assert "Omdat." in page
    assert not Goal.objects.exists()


def test_it_refuses_an_overlong_domain_text_and_saves_nothing_of_it(plan, patient, as_user):
    typed = "a" * 4001

    response = as_user(patient).post(
        url("edit_domain", plan, "body"),
        {"what_matters": typed, "support_needs": "Hulp bij de trap", "score": "6"})

    assert_error_next_to(response, "what_matters", TOO_LONG % (4000, 4001))
    assert typed in response.content.decode()
    assert not DomainNote.objects.exists()
    assert not DomainScore.objects.exists()


def test_it_saves_no_evaluation_when_one_review_is_too_long(plan, patient, provider, as_user):
    goal = Goal.objects.create(plan=plan, text="Weer lopen", created_by=patient)

    response = as_user(provider).post(url("add_evaluation", plan), {
        "held_on": "2026-01-10", "participants": "Anna en Karin",
        f"doel-{goal.pk}-how_it_went": "Goed",
        f"doel-{goal.pk}-next_step": "x" * 4001,
    })

    assert response.status_code == 200
    review_form = response.context["review_forms"][0][1]
    assert review_form.errors["next_step"] == [TOO_LONG % (4000, 4001)]
    assert not Evaluation.objects.exists()
    assert not GoalReview.objects.exists()


# --- script is text -----------------------------------------------------------------------

SCRIPT = '<script>alert("Samenplan")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;Samenplan&quot;)&lt;/script&gt;"

# (where it is typed, what is typed, where it is stored, pages that show it to everyone)
TYPED = {
    "goal": ("add_goal", [], {"text": SCRIPT, "why": SCRIPT},
             lambda plan: Goal.objects.get(plan=plan).text,
             [("goals", []), ("overview", []), ("history", [])]),
    "domain": ("edit_domain", ["body"], {"what_matters": SCRIPT},
               lambda plan: DomainNote.objects.get(plan=plan).text,
               [("domains", []), ("history", [])]),
    "contact": ("add_contact", [], {"kind": "naaste", "name": SCRIPT,
                                    "role_or_relation": SCRIPT},
                lambda plan: Contact.objects.get(plan=plan).name,
                [("profile", []), ("history", [])]),
    "name": ("edit_profile", [], {"name": SCRIPT, "language_needs": SCRIPT,
                                     "pronoun": "she"},
             lambda plan: Profile.objects.get(plan=plan).name,
             [("profile", []), ("history", [])]),
    "action": ("add_action", [], {"what": SCRIPT, "assignee": "patient", "when": SCRIPT},
               lambda plan: Action.objects.get(plan=plan).what,
               [("actions", []), ("history", [])]),
    "evaluation": ("add_evaluation", [], {"held_on": "2026-01-10", "participants": SCRIPT},
                   lambda plan: Evaluation.objects.get(plan=plan).participants,
                   [("evaluations", []), ("history", [])]),
    "invitation": ("members", [], {"name": SCRIPT, "email": "piet@example.org",
                                   "role": "naaste", "relation": SCRIPT},
                   lambda plan: Invitation.objects.get(plan=plan).name,
                   [("members", []), ("history", [])]),
}


@pytest.mark.parametrize("case", TYPED)
def test_it_stores_script_as_text_and_shows_it_escaped(plan, patient, provider, as_user, case):
    name, args, data, stored, pages = TYPED[case]
    response = as_user(patient).post(url(name, plan, *args), data)
    assert response.status_code == 302
    assert stored(plan) == SCRIPT

    for viewer in (patient, provider):
        client = as_user(viewer)
        for page_name, page_args in pages:
            page = client.get(url(page_name, plan, *page_args)).content.decode()
            # The base page has no script at all, so any "<script" came from the data.
            assert "<script" not in page, (viewer, page_name)
            assert ESCAPED in page, (viewer, page_name)


# --- dates --------------------------------------------------------------------------------

INDICATION = {"law": "wmo", "kind_of_care": "Hulp in het huishouden", "start": "2026-01-01",
              "decided_by": "De gemeente"}


def test_it_refuses_a_date_that_does_not_exist(plan, provider, as_user):
    response = as_user(provider).post(url("add_indication", plan),
                                      {**INDICATION, "start": "2026-02-30"})
    assert_error_next_to(response, "start", NOT_A_DATE)
    assert 'value="2026-02-30"' in response.content.decode()
    assert not Indication.objects.exists()


def test_it_refuses_an_end_before_the_start(plan, provider, as_user):
    response = as_user(provider).post(url("add_indication", plan),
                                      {**INDICATION, "end": "2025-12-31"})
    assert_error_next_to(response, "end",
                         "De einddatum ligt voor de begindatum. Kijk het nog eens na.")
    assert not Indication.objects.exists()


def test_it_refuses_a_date_of_birth_in_the_future(plan, patient, as_user):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = as_user(patient).post(url("edit_profile", plan),
                                     {"name": "Anna Bakker", "date_of_birth": tomorrow})

    assert_error_next_to(response, "date_of_birth", IN_FUTURE)
    profile = Profile.objects.get(plan=plan)
    assert (profile.name, profile.date_of_birth) == ("Anna de Vries", None)


def test_it_refuses_a_future_date_of_birth_when_starting_a_plan(plan, provider, as_user):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = as_user(provider).post(reverse("plans:start"), {
        "name": "Jan Smit", "email": "jan@example.org", "date_of_birth": tomorrow})
    assert_error_next_to(response, "date_of_birth", IN_FUTURE)
    assert Plan.objects.count() == 1


def test_it_refuses_an_evaluation_in_the_future(plan, provider, as_user):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = as_user(provider).post(url("add_evaluation", plan),
                                      {"held_on": tomorrow, "participants": "Anna en Karin"})
    assert_error_next_to(response, "held_on", IN_FUTURE)
    assert not Evaluation.objects.exists()


# --- scores -------------------------------------------------------------------------------

@pytest.mark.parametrize("score, message", [
    ("11", "Dit mag hooguit 10 zijn."),
    ("-1", "Vul 0 of meer in."),
    ("zeven", "Vul een heel getal in, zoals 7."),
])
def test_it_refuses_a_score_outside_0_to_10(plan, patient, as_user, score, message):
    response = as_user(patient).post(url("edit_domain", plan, "body"),
                                     {"score": score, "what_matters": "Wandelen"})
    assert_error_next_to(response, "score", message)
    assert not DomainScore.objects.exists()
    assert not DomainNote.objects.exists()


# --- who does an action -------------------------------------------------------------------

def test_it_asks_which_provider_does_it(plan, patient, provider, as_user):
    response = as_user(patient).post(url("add_action", plan), {
        "what": "Bloeddruk meten", "assignee": "provider", "when": "elke maand"})
    assert_error_next_to(response, "assignee_member", "Kies welke zorgverlener dit doet.")
    assert "Bloeddruk meten" in response.content.decode()
    assert not Action.objects.exists()


def test_it_refuses_a_provider_action_without_a_provider_in_the_action_too(plan, patient):
    action = Action(what="Bloeddruk meten", assignee=Assignee.PROVIDER, when="elke maand")
    with pytest.raises(ValidationError) as error:
        do_propose_action(actor_of(patient, plan), action)
    assert error.value.message_dict == {"assignee_member": ["Kies welke zorgverlener dit doet."]}
    assert not Action.objects.exists()


def test_it_refuses_someone_of_another_plan_as_assignee(plan, patient, other_plan, as_user):
    stranger = other_plan.memberships.get(role="naaste")
    response = as_user(patient).post(url("add_action", plan), {
        "what": "Boodschappen doen", "assignee": "naaste", "assignee_member": stranger.pk,
        "when": "elke week"})
    assert_error_next_to(response, "assignee_member", "Kies een van de mogelijkheden.")
    assert not Action.objects.exists()


def test_it_refuses_someone_of_another_plan_as_assignee_in_the_action_too(
    plan, patient, naaste, provider, other_plan
):
    stranger = other_plan.memberships.get(role="naaste")
    action = Action(what="Boodschappen doen", assignee=Assignee.NAASTE, when="elke week",
                    assignee_member=stranger)
    with pytest.raises(ValidationError):
        do_propose_action(actor_of(patient, plan), action)
    assert not Action.objects.exists()

    # Nor can an existing action be moved to them.
    action = do_propose_action(actor_of(patient, plan), Action(
        what="Boodschappen doen", assignee=Assignee.NAASTE, when="elke week",
        assignee_member=membership_of(naaste, plan)))
    action.assignee_member = stranger
    with pytest.raises(ValidationError):
        do_change_action(actor_of(provider, plan), action)
    action.refresh_from_db()
    assert action.assignee_member == membership_of(naaste, plan)


def test_it_refuses_a_line_break_in_a_one_line_field(plan, patient, as_user):
    # Only a crafted request sends one; in a name it could end up in an e-mail header.
    response = as_user(patient).post(url("edit_profile", plan), {
        "name": "Anna\r\nBcc: iemand@example.org", "pronoun": "name"})
    assert_error_next_to(response, "name", "Schrijf dit op één regel.")
    plan.profile.refresh_from_db()
    assert plan.profile.name == "Anna de Vries"
