"""A plan is visible only to its active members. Everyone else gets a 404 on every plan
URL, so they cannot even learn that the plan exists, and nothing changes.

The URLs come from the plan apps' urls modules themselves, so a URL added later is
covered too.

A GET on a POST-only URL (confirming an action, say) gives 405 to everyone, member or not,
before any plan is looked up; that tells nothing, so there we check that the answer is the
same as for a plan that does not exist."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samenplan.audit import urls as audit_urls
from samenplan.audit.models import AuditEvent
from samenplan.booklet import urls as booklet_urls
from samenplan.conftest import add_member, make_user
from samenplan.fhirapi import access_urls
from samenplan.fhirapi import urls as fhir_urls
from samenplan.health import urls as health_urls
from samenplan.health.models import Appointment, LogEntry, Measurement, Medication, Result
from samenplan.plans import urls
from samenplan.plans.actions import do_remove_member, do_save_goal
from samenplan.plans.constants import Access, Assignee, Role
from samenplan.plans.models import Action, Contact, Goal, Indication, Invitation
from samenplan.plans.sections import PARTS
from samenplan.plantemplates import urls as template_urls
from samenplan.practice import caseload_urls, consult_urls, indicator_urls
from samenplan.reminders import urls as reminder_urls
from samenplan.security.tests.attempts import leaked, tried

from .conftest import actor_of, membership_of

PATTERNS = {
    f"{module.app_name}:{p.name}": p
    for module in (urls, health_urls, audit_urls, booklet_urls, access_urls, fhir_urls,
                   reminder_urls, caseload_urls, indicator_urls, consult_urls, template_urls)
    for p in module.urlpatterns
}
PLAN_URLS = [name for name, p in PATTERNS.items() if "plan_id" in p.pattern.converters]
# URLs that point at one object inside the plan, by its id.
OBJECT_URLS = [
    name for name in PLAN_URLS
    if any(k.endswith("_id") and k != "plan_id" for k in PATTERNS[name].pattern.converters)
]


def fill_plan(plan, author):
    """One object of every kind a plan URL can point at; returns the URL arguments."""
    goal = Goal.objects.create(plan=plan, text="Weer naar de markt lopen", created_by=author)
    action = Action.objects.create(plan=plan, goal=goal, what="Elke dag lopen",
                                   assignee=Assignee.PATIENT, when="elke dag",
                                   proposed_by=author)
    contact = Contact.objects.create(plan=plan, kind="provider", name="Dokter Bakker",
                                     role_or_relation="huisarts")
    indication = Indication.objects.create(plan=plan, law="wmo", kind_of_care="Huishouden",
                                           start=timezone.localdate(), decided_by="Gemeente")
    helper = make_user(f"helper{plan.pk}@example.org", "Hans Helper")
    membership = add_member(plan, helper, Role.NAASTE, relation="buurman")
    invitation = Invitation.objects.create(
        plan=plan, email=f"invited{plan.pk}@example.org", name="Ilse", role=Role.NAASTE,
        token_hash=f"hash-{plan.pk}", invited_by=author,
        expires_at=timezone.now() + timedelta(days=14),
    )
    entry = LogEntry.objects.create(
        plan=plan, kind="pain", intensity=4, occurred_at=timezone.now(), author=author,
        author_member=membership_of(author, plan))
    appointment = Appointment.objects.create(plan=plan, starts_at=timezone.now(),
                                             purpose="Controle")
    medication = Medication.objects.create(plan=plan, name="Metformine", dose="1 tablet",
                                           purpose="Voor de suiker.", since=timezone.localdate())
    result = Result.objects.create(plan=plan, kind="lab", name="HbA1c", value=53,
                                   unit="mmol/mol", taken_on=timezone.localdate())
    measurement = Measurement.objects.create(
        plan=plan, kind="weight", measured_at=timezone.now(), value=80, loinc="29463-7",
        unit="kg", author=author, author_member=membership_of(author, plan))
    return {
        "plan_id": plan.pk, "goal_id": goal.pk, "action_id": action.pk, "entry_id": entry.pk,
        "appointment_id": appointment.pk, "medication_id": medication.pk,
        "result_id": result.pk, "measurement_id": measurement.pk, "kind": "weight",
        "contact_id": contact.pk, "indication_id": indication.pk,
        "membership_id": membership.pk, "invitation_id": invitation.pk, "domain": "body",
    }


def url_for(name, ids):
    converters = PATTERNS[name].pattern.converters
    missing = set(converters) - set(ids)
    assert not missing, f"fill_plan() makes no object for {missing} of {name}"
    return reverse(name, kwargs={k: ids[k] for k in converters})


def snapshot():
    """Every row of every plan and health model, history included."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for app in ("plans", "health") for model in apps.get_app_config(app).get_models()
    }


# Enough valid-looking data that a POST would change something if it got through.
POST_DATA = {
    "name": "Indringer", "text": "Overgenomen", "what": "Overgenomen", "assignee": "patient",
    "when": "nu", "status": "done", "email": "indringer@example.org", "role": "naaste",
    "kind": "provider", "role_or_relation": "huisarts", "law": "wmo", "kind_of_care": "x",
    "start": "2026-01-01", "decided_by": "x", "what_matters": "x", "score": "3",
    "held_on": "2026-01-01", "participants": "x", "domain_set": "life_areas",
    "drawn_up_by": "x", "occurred_at": "2026-01-01T10:00", "intensity": "3",
    "visibility": "team", "purpose": "x", "starts_at": "2026-01-01T10:00", "dose": "x",
    "since": "2026-01-01", "patient_note": "x", "taken_on": "2026-01-01", "value": "5",
    "unit": "x", "measured_at": "2026-01-01T10:00", "high": "60", "valid_from": "2026-01-01",
    "agreed_by": "x",
}


NOWHERE = dict.fromkeys(
    ["plan_id", "goal_id", "action_id", "contact_id", "indication_id", "membership_id",
     "invitation_id", "entry_id", "appointment_id", "medication_id",
     "result_id", "measurement_id"], 987654,
) | {"domain": "body", "kind": "weight"}


def refusals(plan_id):
    return AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan_id).count()


def assert_refused(client, name, ids, part):
    """GET and POST give what a plan that does not exist gives: 404 (or 405, see above);
    each 404 is an audit event of a refused attempt. Counted for the attack suite."""
    url = url_for(name, ids)
    before = refusals(ids["plan_id"])
    response = client.get(url)
    posted = client.post(url, POST_DATA)
    tried(part, 2)
    if response.status_code not in (404, 405) or posted.status_code != 404:
        leaked(part)
    assert response.status_code in (404, 405), name
    assert response.status_code == client.get(url_for(name, NOWHERE)).status_code, name
    assert posted.status_code == 404, name
    assert refusals(ids["plan_id"]) - before == (response.status_code == 404) + 1, name


@pytest.fixture
def ids(plan, patient):
    return fill_plan(plan, patient)


def test_it_finds_the_plan_urls():
    assert {"plans:overview", "plans:edit_goal", "plans:confirm_action", "plans:history",
            "health:logbook", "health:edit_log_entry"} <= set(PLAN_URLS)


@pytest.mark.parametrize("name", PLAN_URLS)
def test_it_refuses_a_member_of_another_plan(ids, outsider, as_user, name):
    before = snapshot()
    assert_refused(as_user(outsider), name, ids, "IDOR: a member of another plan")
    assert snapshot() == before


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_it_refuses_an_object_of_another_plan_inside_your_own(
    plan, patient, ids, other_plan, outsider, as_user, name
):
    foreign = fill_plan(other_plan, outsider)
    mixed = {**foreign, "plan_id": plan.pk, "domain": "body"}
    client = as_user(patient)
    before = snapshot()
    assert_refused(client, name, mixed, "IDOR: an object of another plan")
    assert snapshot() == before
    # With an object of the patient's own plan the same URL does exist.
    assert client.get(url_for(name, ids)).status_code != 404


# What a member sees of a plan with nothing shared: its frame, empty of content (see
# test_sharing.py).
FRAME = {"plans:overview", "plans:history"}


@pytest.mark.parametrize("role", ["naaste", "bystander", "provider"])
def test_it_refuses_a_member_every_part_the_patient_does_not_share(
    plan, ids, naaste, bystander, provider, as_user, role
):
    """Each role, with nothing shared, lacks the right to every part: GET and POST on every
    URL are refused (403, or 404 where the object is not theirs, 405 for a GET on a
    POST-only URL), nothing changes, and each refusal is in the audit log."""
    user = {"naaste": naaste, "bystander": bystander, "provider": provider}[role]
    membership = membership_of(user, plan)
    membership.section_access = dict.fromkeys(PARTS, Access.HIDDEN)
    membership.save()
    client = as_user(user)
    before = snapshot()
    part = "IDOR: a role without the right"
    for name in sorted(set(PLAN_URLS) - FRAME):
        url = url_for(name, ids)
        refused = refusals(plan.pk)
        answers = [client.get(url).status_code, client.post(url, POST_DATA).status_code]
        tried(part, 2)
        if not (answers[0] in (403, 404, 405) and answers[1] in (403, 404)):
            leaked(part)
        assert answers[0] in (403, 404, 405) and answers[1] in (403, 404), (name, answers)
        assert refusals(plan.pk) - refused == (answers[0] != 405) + 1, name
    assert snapshot() == before


def test_it_refuses_a_domain_that_is_not_in_the_plan(plan, patient, as_user):
    # "housing" belongs to the other set of life domains than this plan uses.
    url = reverse("plans:edit_domain", args=[plan.pk, "housing"])
    assert as_user(patient).get(url).status_code == 404


def test_it_refuses_a_removed_member_at_once(plan, patient, naaste, ids, as_user):
    client = as_user(naaste)
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 200
    do_remove_member(actor_of(patient, plan), membership_of(naaste, plan))
    before = snapshot()
    for name in PLAN_URLS:
        assert_refused(client, name, ids, "IDOR: a member just removed")
    assert snapshot() == before


@pytest.mark.parametrize("name", PLAN_URLS)
def test_it_sends_anonymous_visitors_to_the_login_page(client, ids, name):
    url = url_for(name, ids)
    before = snapshot()
    for response in (client.get(url), client.post(url, POST_DATA)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login") + "?next=")
    assert snapshot() == before


def test_an_action_refuses_an_object_of_another_plan(plan, patient, outsider):
    foreign = Goal.objects.create(plan=outsider.memberships.get().plan, text="Van Bert",
                                  created_by=outsider)
    foreign.text = "Door Anna veranderd"
    with pytest.raises(PermissionDenied):
        do_save_goal(actor_of(patient, plan), foreign)
    foreign.refresh_from_db()
    assert foreign.text == "Van Bert"
