"""Invitations (C3, D6, D7): the patient invites a naaste or a provider by e-mail; the link
works once, expires and can be revoked; a provider can start a plan for a patient, who
accepts (the plan becomes theirs) or declines (and the provider sees why)."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.conftest import PASSWORD, make_user
from samenplan.plans.actions import do_create_own_plan, do_save_goal
from samenplan.plans.constants import DeclineReason, PlanStatus, Role
from samenplan.plans.models import Goal, Invitation, Membership, Plan, Profile

from .conftest import actor_of, membership_of

SIGNUP = {"name": "Piet de Vries", "password1": "Lange-wandeling-7", "password2":
          "Lange-wandeling-7"}


def invite(client, plan, email="piet@example.org", **fields):
    data = {"name": "Piet de Vries", "email": email, "role": "naaste", "relation": "zoon",
            **fields}
    return client.post(reverse("plans:members", args=[plan.pk]), data)


def link_in(message):
    """The invitation path in an e-mail."""
    return re.search(r"(/uitnodiging/[\w-]+/)", message.body).group(1)


@pytest.fixture
def invited(plan, patient, as_user):
    """The patient has invited Piet; returns the link from the e-mail."""
    response = invite(as_user(patient), plan)
    assert response.status_code == 302
    return link_in(mail.outbox[-1])


# --- the patient invites a naaste ---------------------------------------------------------

def test_it_mails_a_link_to_the_invited_person(plan, patient, as_user):
    response = invite(as_user(patient), plan, may_act="on")
    assert response.status_code == 302
    invitation = Invitation.objects.get(plan=plan)
    assert (invitation.email, invitation.role, invitation.relation) == (
        "piet@example.org", Role.NAASTE, "zoon")
    assert invitation.may_act_for_patient
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["piet@example.org"]
    assert "Anna de Vries" in message.subject
    assert "/uitnodiging/" in message.body
    # Only a hash of the token is stored.
    token = link_in(message).split("/")[-2]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_the_subject_shows_the_name_as_it_is_written(plan, patient, as_user):
    Profile.objects.filter(plan=plan).update(name="Jan 't Hart & co")
    invite(as_user(patient), plan)
    assert mail.outbox[0].subject == "Uitnodiging voor het plan van Jan 't Hart & co"


def test_it_makes_an_account_and_a_membership_from_the_link(plan, invited):
    client = Client()
    page = client.get(invited)
    assert page.status_code == 200
    assert "Maak een account" in page.content.decode()

    response = client.post(invited, SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("plans:overview", args=[plan.pk])
    user = User.objects.get(email="piet@example.org")
    assert user.name == "Piet de Vries"
    membership = membership_of(user, plan)
    assert (membership.role, membership.relation) == (Role.NAASTE, "zoon")
    assert not membership.may_act_for_patient
    assert Invitation.objects.get(plan=plan).accepted_by == user
    # They are logged in and can see the plan.
    assert client.get(response.url).status_code == 200


def test_it_keeps_a_signup_with_mistakes_on_the_page(plan, invited):
    client = Client()
    response = client.post(invited, {**SIGNUP, "password2": "iets-anders-7"})
    assert response.status_code == 200
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
    assert not User.objects.filter(email="piet@example.org").exists()
    assert not Membership.objects.filter(plan=plan, user__email="piet@example.org").exists()


def test_it_asks_someone_with_an_account_to_log_in_and_then_accepts(plan, invited):
    piet = make_user("piet@example.org", "Piet de Vries")
    client = Client()
    page = client.get(invited)
    assert "Log eerst in" in page.content.decode()
    assert client.post(invited, SIGNUP).status_code == 200
    assert not Membership.objects.filter(plan=plan, user=piet).exists()

    login = client.post(f"{reverse('accounts:login')}?next={invited}",
                        {"username": "piet@example.org", "password": PASSWORD})
    assert login.status_code == 302
    assert login.url == invited
    assert "Ja, ik doe mee" in client.get(invited).content.decode()

    response = client.post(invited)

    assert response.status_code == 302
    assert membership_of(piet, plan).role == Role.NAASTE
    assert User.objects.filter(email="piet@example.org").count() == 1


def test_it_lets_the_link_work_once(plan, invited):
    client = Client()
    client.post(invited, SIGNUP)
    piet = User.objects.get(email="piet@example.org")
    before = Invitation.objects.get(plan=plan).accepted_at

    again = client.get(invited)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert client.post(invited).status_code == 410

    assert Membership.objects.filter(plan=plan, user=piet).count() == 1
    assert Invitation.objects.get(plan=plan).accepted_at == before


def test_it_refuses_an_expired_link(plan, invited):
    Invitation.objects.filter(plan=plan).update(expires_at=timezone.now() - timedelta(minutes=1))
    piet = make_user("piet@example.org", "Piet de Vries")
    client = Client()
    client.force_login(piet)

    page = client.get(invited)
    assert page.status_code == 410
    assert "verlopen" in page.content.decode()
    assert client.post(invited).status_code == 410
    assert not Membership.objects.filter(plan=plan, user=piet).exists()


def test_it_refuses_a_revoked_link(plan, patient, invited, as_user):
    invitation = Invitation.objects.get(plan=plan)
    response = as_user(patient).post(
        reverse("plans:revoke_invitation", args=[plan.pk, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    piet = make_user("piet@example.org", "Piet de Vries")
    client = Client()
    client.force_login(piet)
    page = client.get(invited)
    assert page.status_code == 410
    assert "ingetrokken" in page.content.decode()
    assert client.post(invited).status_code == 410
    assert not Membership.objects.filter(plan=plan, user=piet).exists()


def test_it_refuses_someone_logged_in_with_another_email(plan, bystander, invited, as_user):
    members_before = Membership.objects.filter(plan=plan).count()
    client = as_user(bystander)
    page = client.get(invited)
    assert page.status_code == 200
    assert "U bent nu ingelogd met een ander e-mailadres" in page.content.decode()
    assert "Ja, ik doe mee" not in page.content.decode()

    response = client.post(invited)

    assert response.status_code == 409
    assert "Deze uitnodiging is voor piet@example.org" in response.content.decode()
    assert Membership.objects.filter(plan=plan).count() == members_before
    assert Invitation.objects.get(plan=plan).is_open


def test_it_refuses_a_second_invitation_for_the_same_email(plan, patient, invited, as_user):
    response = invite(as_user(patient), plan, email="Piet@Example.org")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Deze persoon heeft al een uitnodiging gekregen."]
    assert Invitation.objects.filter(plan=plan).count() == 1
    assert len(mail.outbox) == 1


def test_it_invites_again_once_the_first_invitation_expired(plan, patient, invited, as_user):
    Invitation.objects.filter(plan=plan).update(expires_at=timezone.now() - timedelta(days=1))
    assert invite(as_user(patient), plan).status_code == 302
    assert Invitation.objects.filter(plan=plan).count() == 2


def test_it_refuses_to_invite_someone_who_already_takes_part(plan, patient, naaste, as_user):
    response = invite(as_user(patient), plan, email="naaste@example.org")
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Deze persoon doet al mee met dit plan."]
    assert not Invitation.objects.filter(plan=plan).exists()
    assert mail.outbox == []


def test_it_never_lets_a_provider_act_for_the_patient(plan, patient, as_user):
    invite(as_user(patient), plan, role="provider", may_act="on")
    assert not Invitation.objects.get(plan=plan).may_act_for_patient


# --- removing a member --------------------------------------------------------------------

def test_it_shuts_a_removed_member_out_at_once(plan, patient, naaste, as_user):
    naaste_client = as_user(naaste)
    overview = reverse("plans:overview", args=[plan.pk])
    assert naaste_client.get(overview).status_code == 200
    membership = membership_of(naaste, plan)

    response = as_user(patient).post(
        reverse("plans:remove_member", args=[plan.pk, membership.pk]))

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.removed_at is not None
    assert membership.removed_by == patient
    assert naaste_client.get(overview).status_code == 404


def test_it_ignores_a_goal_from_a_removed_member(plan, patient, naaste, as_user):
    naaste_client = as_user(naaste)
    as_user(patient).post(
        reverse("plans:remove_member", args=[plan.pk, membership_of(naaste, plan).pk]))

    response = naaste_client.post(reverse("plans:add_goal", args=[plan.pk]),
                                  {"text": "Iets van mij"})

    assert response.status_code == 404
    assert not Goal.objects.filter(plan=plan).exists()


def test_it_refuses_an_actor_whose_membership_was_removed_meanwhile(plan, patient, naaste):
    # The naaste's request began before the patient removed them.
    stale = actor_of(naaste, plan)
    membership = membership_of(naaste, plan)
    membership.removed_at = timezone.now()
    membership.save()

    with pytest.raises(PermissionDenied):
        do_save_goal(stale, Goal(plan=plan, text="Iets van mij"))
    assert not Goal.objects.filter(plan=plan).exists()


def test_it_does_not_remove_the_patient(plan, patient, as_user):
    membership = membership_of(patient, plan)
    as_user(patient).post(reverse("plans:remove_member", args=[plan.pk, membership.pk]))
    membership.refresh_from_db()
    assert membership.is_active


# --- a provider starts a plan for a patient (D6, D7) --------------------------------------

@pytest.fixture
def started(provider, as_user):
    """A provider has started a plan for Jan; returns (plan, link from the e-mail)."""
    response = as_user(provider).post(
        reverse("plans:start"),
        {"name": "Jan Smit", "email": "jan@example.org", "date_of_birth": "1950-03-01"})
    assert response.status_code == 302
    plan = Plan.objects.get(profile__name="Jan Smit")
    assert response.url == reverse("plans:overview", args=[plan.pk])
    return plan, link_in(mail.outbox[-1])


def test_it_starts_an_invited_plan_and_mails_the_patient(provider, started, as_user):
    plan, _link = started
    assert plan.status == PlanStatus.INVITED
    assert plan.created_by == provider
    assert membership_of(provider, plan).role == Role.PROVIDER
    assert not plan.memberships.filter(role=Role.PATIENT).exists()
    message = mail.outbox[-1]
    assert message.to == ["jan@example.org"]
    assert message.subject == "Uitnodiging voor uw eigen plan in Samenplan"
    page = as_user(provider).get(reverse("plans:overview", args=[plan.pk]))
    assert "Jan Smit heeft de uitnodiging nog niet aangenomen" in page.content.decode()


def test_it_lets_only_providers_start_a_plan_for_someone(plan, patient, as_user):
    client = as_user(patient)
    assert client.get(reverse("plans:start")).status_code == 404
    response = client.post(reverse("plans:start"), {"name": "Jan", "email": "jan@example.org"})
    assert response.status_code == 404
    assert Plan.objects.count() == 1


def test_it_makes_the_plan_the_patients_once_they_accept(started):
    plan, link = started
    client = Client()
    response = client.post(link, {**SIGNUP, "name": "Jan Smit"})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    jan = User.objects.get(email="jan@example.org")
    assert membership_of(jan, plan).role == Role.PATIENT
    page = client.get(reverse("plans:overview", args=[plan.pk]))
    assert page.context["is_patient"]


def test_it_respects_a_patient_who_declines(provider, started, as_user):
    plan, link = started
    client = Client()
    assert "liever-niet" in client.get(link).content.decode()
    decline = link + "liever-niet/"

    response = client.post(decline, {"reason": DeclineReason.NOT_BUSY_WITH_ILLNESS,
                                      "note": "Ik ben net verhuisd."})

    assert response.status_code == 200
    assert "Uw keuze is bewaard" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DECLINED
    assert plan.decline_reason == DeclineReason.NOT_BUSY_WITH_ILLNESS
    assert plan.decline_note == "Ik ben net verhuisd."
    assert plan.declined_at is not None
    assert not plan.memberships.filter(role=Role.PATIENT).exists()
    # The provider sees the choice and the reason on the plan page.
    page = as_user(provider).get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert "Jan Smit wil nu liever geen plan." in page
    assert "Ik wil nu niet veel met mijn ziekte bezig zijn" in page
    assert "Ik ben net verhuisd." in page
    # The link is used up.
    assert client.get(link).status_code == 410
    assert client.post(link, SIGNUP).status_code == 410


def test_it_lets_only_the_patient_decline_a_plan(plan, invited):
    response = Client().post(invited + "liever-niet/", {"reason": "other"})
    assert response.status_code == 410
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE


def test_it_gives_everyone_one_plan_of_their_own(provider, as_user):
    # Bert starts his own plan after the provider invited him (C3).
    bert = User.objects.create_user("bert.later@example.org", "Samenplan-test-2026",
                                     name="Bert Visser")
    response = as_user(provider).post(
        reverse("plans:start"), {"name": "Bert Visser", "email": bert.email})
    assert response.status_code == 302
    plan = Plan.objects.get(profile__name="Bert Visser", status=PlanStatus.INVITED)
    do_create_own_plan(bert)

    response = as_user(bert).post(link_in(mail.outbox[-1]))

    assert response.status_code == 409
    assert "U heeft al een eigen plan" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.INVITED
    assert not plan.memberships.filter(user=bert).exists()
    assert Membership.objects.filter(user=bert, role=Role.PATIENT).count() == 1


def test_a_provider_cannot_start_a_second_plan_for_someone_who_has_one(
    plan, patient, provider, as_user
):
    response = as_user(provider).post(
        reverse("plans:start"), {"name": "Anna de Vries", "email": patient.email.upper()}
    )

    assert response.status_code == 200
    assert "Deze persoon heeft al een plan" in response.content.decode()
    assert Plan.objects.count() == 1
