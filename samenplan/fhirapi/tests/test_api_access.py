"""api_access and require_scope, called directly with RequestFactory requests: the
bearer token is checked, and so is the membership it was given through, on every
request."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from oauth2_provider.models import AccessToken

from samenplan.audit.models import AuditEvent
from samenplan.fhirapi.auth import ApiAccess, ApiRefused, api_access, require_scope
from samenplan.fhirapi.models import PlanGrant
from samenplan.plans.actions import Actor, do_remove_member, do_set_may_act, do_set_sharing
from samenplan.plans.constants import Access
from samenplan.plans.sections import PARTS, may_read, may_write

from .access import access_with, app_fixture, bearer, connect, membership_of  # noqa: F401


def refusal(request):
    with pytest.raises(ApiRefused) as refused:
        api_access(request)
    return refused.value


@pytest.fixture
def token(plan, patient, as_user, app):
    return connect(as_user(patient), app, "patient/*.read patient/*.write")["access_token"]


def test_it_gives_who_asks_for_which_patient(plan, patient, token):
    access = access_with(token)
    assert isinstance(access, ApiAccess) and isinstance(access.actor, Actor)
    assert access.actor.membership == membership_of(patient, plan)
    assert access.actor.source == "127.0.0.1"
    assert access.scopes == frozenset({"patient/*.read", "patient/*.write"})
    assert access.patient_id == str(plan.pk)


def test_without_a_token_it_asks_for_one(db):
    for request in (RequestFactory().get("/fhir/Patient"),
                    RequestFactory().get("/fhir/Patient", HTTP_AUTHORIZATION="Basic abc"),
                    RequestFactory().get("/fhir/Patient", HTTP_AUTHORIZATION="Bearer ")):
        refused = refusal(request)
        assert (refused.status, refused.code) == (401, "login")
        # RFC 6750 §3.1: no error code when the request had no token at all.
        assert refused.headers == {"WWW-Authenticate": 'Bearer realm="samenplan"'}


def test_a_token_in_the_url_is_not_taken(token):
    refused = refusal(RequestFactory().get(f"/fhir/Patient?access_token={token}"))
    assert refused.status == 401


def test_an_unknown_token_is_refused(db):
    refused = refusal(bearer("not-a-token"))
    assert (refused.status, refused.code) == (401, "login")
    assert refused.headers["WWW-Authenticate"] == 'Bearer realm="samenplan", error="invalid_token"'
    assert refused.message


def test_an_expired_token_is_refused(token):
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    refused = refusal(bearer(token))
    assert (refused.status, refused.code) == (401, "expired")
    assert 'error="invalid_token"' in refused.headers["WWW-Authenticate"]


def test_a_stopped_app_is_refused_at_once(plan, patient, token):
    from samenplan.fhirapi.grants import do_revoke_app

    do_revoke_app(Actor(patient, membership_of(patient, plan)), PlanGrant.objects.get())
    assert refusal(bearer(token)).status == 401


def test_a_grant_stopped_without_its_tokens_is_refused_too(token):
    PlanGrant.objects.update(revoked_at=timezone.now())
    assert refusal(bearer(token)).status == 401


def test_a_removed_member_is_refused_at_once(plan, patient, naaste, as_user, app):
    token = connect(as_user(naaste), app)["access_token"]
    access_with(token)
    do_remove_member(Actor(patient, membership_of(patient, plan)), membership_of(naaste, plan))
    before = AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count()
    refused = refusal(bearer(token))
    assert (refused.status, refused.code) == (403, "forbidden")
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk, user=naaste,
                                     section="fhir_api").count() == before + 1


def test_a_closed_account_is_refused(plan, patient, token):
    patient.is_active = False
    patient.save()
    assert refusal(bearer(token)).status == 403


def test_the_token_obeys_what_the_patient_shares_as_it_is_now(plan, patient, naaste, as_user,
                                                              app):
    token = connect(as_user(naaste), app, "patient/*.read patient/*.write")["access_token"]
    assert may_write(access_with(token).actor.membership, "goals")
    me = Actor(patient, membership_of(patient, plan))
    do_set_sharing(me, membership_of(naaste, plan),
                   {**dict.fromkeys(PARTS, Access.WRITE), "goals": Access.HIDDEN})
    membership = access_with(token).actor.membership
    assert not may_read(membership, "goals") and may_read(membership, "actions")
    # No longer allowed to act for the patient: the app, like the naaste, only reads.
    do_set_may_act(me, membership_of(naaste, plan), False)
    membership = access_with(token).actor.membership
    assert may_read(membership, "actions") and not may_write(membership, "actions")


def test_each_use_is_noted_as_last_used(token):
    assert PlanGrant.objects.get().last_used_at is None
    access_with(token)
    assert PlanGrant.objects.get().last_used_at is not None


def test_require_scope_lets_a_scope_it_has_through(token):
    access = access_with(token)
    require_scope(access, "patient/*.read")
    require_scope(access, "patient/*.write")


def test_require_scope_refuses_what_the_token_lacks(plan, patient, as_user, app):
    token = connect(as_user(patient), app, "patient/*.read")["access_token"]
    with pytest.raises(ApiRefused) as refused:
        require_scope(access_with(token), "patient/*.write")
    assert (refused.value.status, refused.value.code) == (403, "forbidden")
    assert 'error="insufficient_scope"' in refused.value.headers["WWW-Authenticate"]
