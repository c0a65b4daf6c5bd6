"""Mass assignment: a form saves the fields it shows, and nothing that is sent besides.

Every edit form of the plan (found by reading every plan URL of the URL conf as the
patient, a naaste who may act for them and a provider, and taking the form that posts to
the page itself) is sent back with valid data plus planted fields: another plan, another
member of this plan as author, creator, proposer or confirmer, a confirmation time, and
the flags and roles that give rights (role, may_act_for_patient, is_provider, is_staff,
...). Then, against a snapshot of every row:

- a changed row is in this plan and only columns of the form changed (an edit form sent
  back unchanged changes nothing but its time stamp);
- a new row is in this plan, every person it names is the one who sent it (or nobody),
  unless the form itself asks who, and no planted time or flag is in it;
- nothing was removed, no account and no membership changed.

The POST-only URLs that take a field (confirming an action, letting a naaste act for the
patient) and the forms outside a plan that make an account or a plan are attacked the
same way, one by one."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samenplan.conftest import PASSWORD, client_for
from samenplan.plans.constants import Role
from samenplan.plans.models import Action, Invitation, Membership, Plan

from .attempts import leaked, tried
from .world import APPS, VALID, edit_forms, plan_urls, sha256

PART = "mass assignment (forms x people)"
PLANTED_AT = "2001-02-03T04:05"
PLANTED_DAY = datetime.date(2001, 2, 3)
# POST-only plan URLs. The first two take a field and are attacked below; the rest take
# none: they remove, revoke, or start or stop the calendar address.
POST_ONLY = {"plans:confirm_action", "plans:set_may_act", "plans:delete_contact",
             "plans:revoke_invitation", "health:delete_log_entry", "health:delete_appointment",
             "health:delete_measurement", "health:start_calendar_feed",
             "health:stop_calendar_feed"}


def planted(world, poster):
    """Fields no form of ours has, pointing at someone else: another member of this plan
    (a forged author or confirmation hurts most there) and another plan."""
    victim = world.provider if poster != world.provider else world.patient
    victim_member = world.membership(victim)
    people = dict.fromkeys(
        ["author", "author_id", "created_by", "created_by_id", "proposed_by", "updated_by",
         "invited_by", "accepted_by", "removed_by", "patient_confirmed_by",
         "provider_confirmed_by", "user", "user_id"], victim.pk)
    return {
        **people,
        "author_member": victim_member.pk, "author_member_id": victim_member.pk,
        "plan": world.other_plan.pk, "plan_id": world.other_plan.pk,
        "patient_confirmed_at": PLANTED_AT, "provider_confirmed_at": PLANTED_AT,
        "created_at": PLANTED_AT, "proposed_at": PLANTED_AT, "joined_at": PLANTED_AT,
        "removed_at": PLANTED_AT, "accepted_at": PLANTED_AT, "declined_at": PLANTED_AT,
        "role": Role.PATIENT, "may_act_for_patient": "on", "is_provider": "on",
        "is_staff": "on", "is_superuser": "on", "is_active": "on", "status": "closed",
        "token_hash": sha256("planted"), "section_access": "{}", "id": "999", "pk": "999",
    }


# --- rows before and after -------------------------------------------------------------


def rows():
    """Every row of every model of the three apps but their history: {label: {pk: row}}."""
    return {
        model._meta.label: {row["id"]: row for row in model.objects.values()}
        for label in APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if not model.__name__.startswith("Historical")
    }


def _model(label):
    return apps.get_model(label)


def _columns(model, form_fields):
    """The columns a form with these fields may set."""
    names = set()
    for f in model._meta.concrete_fields:
        if f.name in form_fields or f.attname in form_fields:
            names.add(f.attname)
        if getattr(f, "auto_now", False):
            names.add(f.attname)
    return names


def _people(model):
    """Columns that name a person: (column, 'user' or 'membership')."""
    user_model = get_user_model()
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is user_model:
            yield f, "user"
        elif f.is_relation and f.related_model is Membership:
            yield f, "membership"


def _plan_of(label, row, ours):
    if label == "plans.Plan":
        return row["id"]
    if "plan_id" in row:
        return row["plan_id"]
    if label == "plans.GoalReview":
        return apps.get_model("plans.Evaluation").objects.get(pk=row["evaluation_id"]).plan_id
    return ours if label.endswith("shared_with") else None


def problems(before, after, form_fields, world, poster):
    """What changed that the form did not ask for."""
    ours = world.plan.pk
    mine = world.membership(poster).pk
    found = []
    for label, old_rows in before.items():
        model, new_rows = _model(label), after[label]
        allowed = _columns(model, form_fields)
        found += [f"{label} {pk} removed" for pk in old_rows.keys() - new_rows.keys()]
        for pk in old_rows.keys() & new_rows.keys():
            old, new = old_rows[pk], new_rows[pk]
            changed = {c for c in old if old[c] != new[c]}
            if not changed:
                continue
            if label in ("accounts.User", "plans.Membership") or _plan_of(label, new, ours) != ours:
                found.append(f"{label} {pk} changed: {sorted(changed)}")
            elif changed - allowed:
                found.append(f"{label} {pk}: {sorted(changed - allowed)} changed")
        for pk in new_rows.keys() - old_rows.keys():
            found += _new_row_problems(label, model, new_rows[pk], form_fields, ours, poster,
                                       mine)
    return found


def _new_row_problems(label, model, row, form_fields, ours, poster, mine):
    found = []
    plan = _plan_of(label, row, ours)
    if plan is not None and plan != ours:
        found.append(f"new {label} in plan {plan}")
    for f, kind in _people(model):
        if f.name in form_fields:
            continue  # the form asks who (who does it, with whom)
        value = row[f.attname]
        if value not in (None, poster.pk if kind == "user" else mine):
            found.append(f"new {label}.{f.name} is {kind} {value}, not whoever sent it")
    for f in model._meta.concrete_fields:
        value = row[f.attname]
        if isinstance(f, models.BooleanField) and f.name not in form_fields and (
                value != f.get_default()):
            found.append(f"new {label}.{f.name} is {value}")
        if isinstance(value, datetime.datetime | datetime.date) and (
                value == PLANTED_DAY or getattr(value, "date", lambda: None)() == PLANTED_DAY):
            found.append(f"new {label}.{f.name} is the planted time")
    return found


# --- the forms ------------------------------------------------------------------------


def fill_in(form, has_object):
    """What a person sends: the form as shown. A form for something new is filled in
    where it is empty: radio buttons with their first choice, other fields from VALID."""
    data = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    if not has_object:
        for name, choices in form["radios"].items():
            data.setdefault(name, [choices[0]])
        for name in form["names"]:
            if not any(data.get(name, [])) and name in VALID and name not in form["checkboxes"]:
                data[name] = [VALID[name]]
    return data


@pytest.mark.parametrize("who", ["patient", "naaste", "provider"])
def test_no_plan_form_saves_a_field_it_does_not_show(world, who):
    poster = world.members[who]
    client, forms = edit_forms(world, who)
    assert len(forms) >= {"patient": 15, "naaste": 12, "provider": 10}[who]
    extra = planted(world, poster)
    found = []
    after = rows()
    for name, url, form, has_object in forms:
        data = fill_in(form, has_object)
        form_fields = set(form["names"])
        before = after  # nothing else writes to these tables in between
        tried(PART)
        response = client.post(url, {**{k: v for k, v in extra.items() if k not in data},
                                     **data})
        if response.status_code != 302:
            after = rows()
            errors = getattr(response.context.get("form"), "errors", None) if (
                response.context) else None
            found.append(f"{name}: not saved ({response.status_code}) {errors}")
            continue
        after = rows()
        wrong = problems(before, after, form_fields, world, poster)
        if wrong:
            leaked(PART)
            found += [f"{name}: {w}" for w in wrong]
    assert found == []


def test_it_knows_every_post_only_url_of_the_plan(world):
    client = client_for(world.patient)
    post_only = {name for name, params in plan_urls()
                 if client.get(world.url(name, params)).status_code == 405}
    assert post_only == POST_ONLY


def test_confirming_an_action_confirms_for_whoever_sends_it_and_nothing_else(world):
    action = Action.objects.get(pk=world.ids["action_id"])
    before = rows()["plans.Action"][action.pk]
    url = world.url("plans:confirm_action", ["plan_id", "action_id"])
    tried(PART)
    client_for(world.provider).post(url, planted(world, world.provider)
                                    | {"patient_confirmed_by": world.naaste.pk})
    action.refresh_from_db()
    after = rows()["plans.Action"][action.pk]
    changed = {c for c in before if before[c] != after[c]}
    if changed != {"provider_confirmed_by_id", "provider_confirmed_at"}:
        leaked(PART)
    assert changed == {"provider_confirmed_by_id", "provider_confirmed_at"}
    assert action.provider_confirmed_by == world.provider
    assert timezone.now() - action.provider_confirmed_at < datetime.timedelta(minutes=1)


def test_letting_a_naaste_act_changes_only_that(world):
    helper = Membership.objects.get(pk=world.ids["membership_id"])
    before = rows()["plans.Membership"][helper.pk]
    url = world.url("plans:set_may_act", ["plan_id", "membership_id"])
    tried(PART)
    client_for(world.patient).post(url, {**planted(world, world.patient), "may_act": "1",
                                         "relation": "baas", "role": Role.PROVIDER})
    after = rows()["plans.Membership"][helper.pk]
    changed = {c for c in before if before[c] != after[c]}
    if changed != {"may_act_for_patient"}:
        leaked(PART)
    assert changed == {"may_act_for_patient"}


def test_an_account_made_from_an_invitation_gets_no_more_than_the_invitation(world):
    """A new account from an invitation link: the address, role and rights are the
    invitation's, whatever else is sent."""
    url = reverse("plans:invitation", args=[world.tokens["plans:invitation"]])
    tried(PART)
    response = Client().post(url, {
        **planted(world, world.patient), "name": "Ilse", "password1": "Een-nieuw-wachtwoord-77",
        "password2": "Een-nieuw-wachtwoord-77", "email": "baas@attack.example",
        "profession": "huisarts", "relation": "baas"})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ilse@attack.example")
    membership = Membership.objects.get(user=user)
    got = (user.is_staff, user.is_superuser, user.is_provider, user.profession,
           membership.plan_id, membership.role, membership.may_act_for_patient,
           membership.relation)
    expected = (False, False, False, "", world.plan.pk, Role.NAASTE, False, "vriendin")
    if got != expected:
        leaked(PART)
    assert got == expected
    assert not get_user_model().objects.filter(email="baas@attack.example").exists()


def test_a_provider_starting_a_plan_gets_no_more_than_a_provider(world):
    tried(PART)
    response = client_for(world.provider).post(reverse("plans:start"), {
        **planted(world, world.provider), "name": "Nieuw Mens", "email": "nieuw@attack.example",
        "created_by": world.patient.pk})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="nieuw@attack.example")
    plan = invitation.plan
    got = (plan.created_by_id, plan.status, invitation.role, invitation.invited_by_id,
           invitation.may_act_for_patient,
           list(plan.memberships.values_list("user_id", "role", "may_act_for_patient")))
    expected = (world.provider.pk, "invited", Role.PATIENT, world.provider.pk, False,
                [(world.provider.pk, Role.PROVIDER, False)])
    if got != expected:
        leaked(PART)
    assert got == expected


def test_changing_the_password_changes_no_flag(world):
    user = world.patient
    client = client_for(user)
    before = rows()["accounts.User"][user.pk]
    tried(PART)
    response = client.post(reverse("accounts:password_change"), {
        **planted(world, user), "old_password": PASSWORD,
        "new_password1": "Een-nieuw-wachtwoord-77", "new_password2": "Een-nieuw-wachtwoord-77",
        "email": "baas@attack.example", "name": "Baas"})
    assert response.status_code == 302
    after = rows()["accounts.User"][user.pk]
    changed = {c for c in before if before[c] != after[c]}
    if changed != {"password"}:
        leaked(PART)
    assert changed == {"password"}
    assert not Plan.objects.filter(pk=world.other_plan.pk, status="closed").exists()


def test_the_check_finds_a_planted_field_that_got_through(world):
    """The check itself: rows changed as a mass assignment would change them."""
    from samenplan.plans.models import Goal

    before = rows()
    Goal.objects.create(plan=world.plan, text="Van een ander", created_by=world.provider)
    Goal.objects.create(plan=world.other_plan, text="Elders", created_by=world.patient)
    Membership.objects.filter(pk=world.ids["membership_id"]).update(role=Role.PROVIDER)
    Invitation.objects.filter(pk=world.ids["invitation_id"]).update(
        may_act_for_patient=True)
    found = problems(before, rows(), {"text"}, world, world.patient)
    assert any("plans.Goal.created_by is user" in p for p in found)
    assert any("new plans.Goal in plan" in p for p in found)
    assert any(p.startswith("plans.Membership") for p in found)
    assert any("may_act_for_patient" in p and "Invitation" in p for p in found)
