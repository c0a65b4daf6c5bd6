""""Gekoppelde apps" under Mijn gegevens: which apps may use the plan, since when, what
they may do and when they were last used, and a button to stop each one at once."""

import pytest
from django.urls import reverse
from oauth2_provider.models import AccessToken, Grant, RefreshToken

from samenplan.audit.models import AuditEvent
from samenplan.fhirapi.auth import ApiRefused
from samenplan.fhirapi.grants import SECTION
from samenplan.fhirapi.models import PlanGrant
from samenplan.plans.constants import Access
from samenplan.plans.sections import PARTS

from .access import (  # noqa: F401  (app_fixture is the fixture `app`)
    access_with,
    allow,
    app_fixture,
    connect,
    membership_of,
    pkce,
    refresh,
)


def page_url(plan):
    return reverse("fhirapi_access:connected_apps", args=[plan.pk])


def test_it_requires_login(client, plan):
    for response in (client.get(page_url(plan)), client.post(page_url(plan), {"app": 1})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login") + "?next=")


def test_it_refuses_a_member_of_another_plan(plan, patient, outsider, as_user, app):
    connect(as_user(patient), app)
    client = as_user(outsider)
    before = AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count()
    assert client.get(page_url(plan)).status_code == 404
    assert client.post(page_url(plan), {"app": PlanGrant.objects.get().pk}).status_code == 404
    assert PlanGrant.objects.get().revoked_at is None
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count() == before + 2


def test_it_refuses_a_provider(plan, provider, as_user):
    assert as_user(provider).get(page_url(plan)).status_code == 403


def test_it_refuses_a_naaste_with_whom_the_patient_does_not_share_her_data(
        plan, naaste, as_user):
    membership = membership_of(naaste, plan)
    membership.section_access = {"personal": Access.HIDDEN}
    membership.save()
    assert as_user(naaste).get(page_url(plan)).status_code == 403


def test_the_patient_sees_every_app_in_her_plan(plan, patient, naaste, as_user, app):
    connect(as_user(patient), app, "patient/*.read patient/*.write")
    token = connect(as_user(naaste), app)
    access_with(token["access_token"])
    page = as_user(patient).get(page_url(plan))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("<h2 class=\"utrecht-heading-2\">Gezond Thuis</h2>") == 2
    assert "Het plan lezen en veranderen" in text and "Het plan lezen<" in text
    assert "Gekoppeld door" in text and "Sanne de Vries" in text
    assert "Nog niet" in text  # the patient's own app was not used yet
    assert text.count("Stoppen<span") == 2
    assert AuditEvent.objects.filter(kind=AuditEvent.READ, section=SECTION, user=patient,
                                     plan_id=plan.pk).count() == 1


def test_a_naaste_sees_only_the_apps_they_connected(plan, patient, naaste, as_user, app):
    connect(as_user(patient), app)
    connect(as_user(naaste), app)
    text = as_user(naaste).get(page_url(plan)).content.decode()
    assert text.count("Stoppen<span") == 1 and "Gekoppeld door" not in text
    assert "Deze apps heeft u toegang gegeven tot het plan van Anna de Vries." in text


def test_with_no_apps_it_says_so(plan, patient, as_user):
    text = as_user(patient).get(page_url(plan)).content.decode()
    assert "Er zijn nu geen apps gekoppeld." in text and "<form class=\"sp-no-print\"" not in text


def test_stopping_an_app_stops_its_tokens_and_codes_at_once(plan, patient, as_user, app):
    client = as_user(patient)
    token = connect(client, app)
    _verifier, challenge = pkce()
    allow(client, app, challenge)  # a code not swapped yet
    grant = PlanGrant.objects.get()
    response = client.post(page_url(plan), {"app": grant.pk})
    assert response.status_code == 302 and response.url == page_url(plan)
    grant.refresh_from_db()
    assert grant.revoked_at is not None and grant.revoked_by == patient
    assert not AccessToken.objects.exists() and not Grant.objects.exists()
    assert RefreshToken.objects.get().revoked is not None
    with pytest.raises(ApiRefused):
        access_with(token["access_token"])
    assert refresh(app, token["refresh_token"]).status_code == 400
    assert AuditEvent.objects.filter(kind=AuditEvent.DELETE, section=SECTION, user=patient,
                                     object_id=str(grant.pk)).count() == 1
    text = client.get(page_url(plan)).content.decode()
    assert "Gezond Thuis kan nu niet meer bij het plan." in text
    assert "Er zijn nu geen apps gekoppeld." in text


def test_the_patient_stops_an_app_a_naaste_connected(plan, patient, naaste, as_user, app):
    token = connect(as_user(naaste), app)
    as_user(patient).post(page_url(plan), {"app": PlanGrant.objects.get().pk})
    with pytest.raises(ApiRefused):
        access_with(token["access_token"])


def test_a_naaste_cannot_stop_the_app_of_the_patient(plan, patient, naaste, as_user, app):
    token = connect(as_user(patient), app)
    response = as_user(naaste).post(page_url(plan), {"app": PlanGrant.objects.get().pk})
    assert response.status_code == 404
    assert PlanGrant.objects.get().revoked_at is None
    access_with(token["access_token"])


def test_an_app_of_another_plan_cannot_be_stopped_from_here(
        plan, patient, outsider, as_user, app):
    connect(as_user(outsider), app)
    foreign = PlanGrant.objects.get()
    for value in (foreign.pk, "x", "", "9" * 30, "-1"):
        assert as_user(patient).post(page_url(plan), {"app": value}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_a_naaste_with_nothing_shared_is_refused_everything(plan, naaste, as_user, app):
    connect(as_user(naaste), app)
    membership = membership_of(naaste, plan)
    membership.section_access = dict.fromkeys(PARTS, Access.HIDDEN)
    membership.save()
    client = as_user(naaste)
    assert client.get(page_url(plan)).status_code == 403
    assert client.post(page_url(plan), {"app": PlanGrant.objects.get().pk}).status_code == 403
    assert PlanGrant.objects.get().revoked_at is None


def test_the_profile_page_links_to_it(plan, patient, naaste, bystander, as_user):
    profile = reverse("plans:profile", args=[plan.pk])
    for user in (patient, naaste):
        assert page_url(plan) in as_user(user).get(profile).content.decode()
    assert page_url(plan) not in as_user(bystander).get(profile).content.decode()
