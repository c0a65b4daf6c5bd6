"""The OAuth2 authorization code flow with PKCE, through the consent screen, with Django's
test client: the patient (or a naaste who may act for them) says yes, the app swaps its
code and PKCE verifier for a token, and the token means that one membership of that one
plan."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, Grant, RefreshToken

from samenplan.audit.models import AuditEvent
from samenplan.conftest import add_member, make_user
from samenplan.fhirapi.auth import ApiRefused, require_scope
from samenplan.fhirapi.grants import SECTION
from samenplan.fhirapi.models import PlanGrant
from samenplan.plans.actions import do_create_own_plan
from samenplan.plans.constants import Role

from .access import (  # noqa: F401  (app_fixture is the fixture `app`)
    REDIRECT,
    access_with,
    allow,
    app_fixture,
    authorize_url,
    connect,
    consent_form,
    exchange,
    membership_of,
    pkce,
    query,
    refresh,
)


def test_it_requires_login(client, app):
    _verifier, challenge = pkce()
    url = authorize_url(app, challenge)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")
    assert not PlanGrant.objects.exists()


def test_the_patient_gives_an_app_access_to_her_plan(plan, patient, as_user, app):
    client = as_user(patient)
    verifier, challenge = pkce()
    page = client.get(authorize_url(app, challenge, "patient/*.read patient/*.write"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wilt u de app Gezond Thuis toegang geven tot uw plan?" in text
    assert "Het plan lezen: alles wat u zelf ook mag zien." in text
    assert "Het plan ook veranderen: alles wat u zelf ook mag invullen." in text
    assert "onder Gekoppelde apps" in text
    assert "Toestaan" in text and "Niet toestaan" in text

    answer = client.post(authorize_url(app, challenge, "patient/*.read patient/*.write"),
                         {**consent_form(page), "allow": "1"})
    assert answer.status_code == 302 and answer.url.startswith(REDIRECT + "?")
    back = query(answer.url)
    assert back["state"] == "state-123" and back["code"]
    assert back["iss"] == settings.SITE_URL  # RFC 9207

    response = exchange(app, back["code"], verifier)
    assert response.status_code == 200, response.content
    token = json.loads(response.content)
    assert token["patient"] == str(plan.pk)
    assert set(token["scope"].split()) == {"patient/*.read", "patient/*.write"}
    assert token["refresh_token"] and token["expires_in"] == 1800

    access = access_with(token["access_token"])
    assert access.actor.membership == membership_of(patient, plan)
    assert access.actor.user == patient and access.actor.plan == plan
    assert access.patient_id == str(plan.pk)
    assert access.scopes == {"patient/*.read", "patient/*.write"}

    grant = PlanGrant.objects.get()
    assert (grant.application, grant.membership, grant.user) == (
        app, membership_of(patient, plan), patient)
    assert AuditEvent.objects.filter(kind=AuditEvent.CREATE, section=SECTION, plan_id=plan.pk,
                                     user=patient, object_id=str(grant.pk)).count() == 1


def test_tokens_are_stored_as_their_hash_only(plan, patient, as_user, app):
    token = connect(as_user(patient), app)
    stored = AccessToken.objects.get()
    assert stored.token == "" and token["access_token"] not in str(
        list(AccessToken.objects.values()) + list(RefreshToken.objects.values()))


def test_the_code_works_once(plan, patient, as_user, app):
    verifier, challenge = pkce()
    code = query(allow(as_user(patient), app, challenge).url)["code"]
    assert exchange(app, code, verifier).status_code == 200
    again = exchange(app, code, verifier)
    assert again.status_code == 400 and json.loads(again.content)["error"] == "invalid_grant"


def test_without_pkce_the_request_is_refused(plan, patient, as_user, app):
    client = as_user(patient)
    response = client.get(authorize_url(app, challenge=None))
    assert response.status_code == 302
    assert query(response.url)["error"] == "invalid_request"
    assert not PlanGrant.objects.exists()


def test_the_plain_pkce_method_is_refused(plan, patient, as_user, app):
    """Only S256: with "plain" the code is refused when the person says yes, and the grant
    made in the same step is rolled back with it."""
    answer = allow(as_user(patient), app, None, code_challenge="x" * 43,
                   code_challenge_method="plain")
    assert answer.status_code == 302 and query(answer.url)["error"] == "invalid_request"
    assert not PlanGrant.objects.exists() and not Grant.objects.exists()
    assert not AuditEvent.objects.filter(section=SECTION).exists()


def test_a_code_without_its_verifier_is_refused(plan, patient, as_user, app):
    _verifier, challenge = pkce()
    code = query(allow(as_user(patient), app, challenge).url)["code"]
    response = exchange(app, code, verifier=None)
    assert response.status_code == 400
    assert json.loads(response.content)["error"] == "invalid_request"
    assert not AccessToken.objects.exists()


def test_a_wrong_verifier_is_refused(plan, patient, as_user, app):
    _verifier, challenge = pkce()
    code = query(allow(as_user(patient), app, challenge).url)["code"]
    other_verifier, _challenge = pkce()
    response = exchange(app, code, other_verifier)
    assert response.status_code == 400
    assert json.loads(response.content)["error"] == "invalid_grant"
    assert not AccessToken.objects.exists()


def test_saying_no_sends_the_app_away_without_a_code(plan, patient, as_user, app):
    client = as_user(patient)
    _verifier, challenge = pkce()
    page = client.get(authorize_url(app, challenge))
    answer = client.post(authorize_url(app, challenge), consent_form(page))  # no "allow"
    assert answer.status_code == 302
    back = query(answer.url)
    assert back["error"] == "access_denied" and "code" not in back
    assert back["state"] == "state-123"
    assert not PlanGrant.objects.exists() and not Grant.objects.exists()


def test_an_unknown_scope_is_refused(plan, patient, as_user, app):
    _verifier, challenge = pkce()
    response = as_user(patient).get(authorize_url(app, challenge, "patient/*.read user/*.*"))
    assert response.status_code == 302 and query(response.url)["error"] == "invalid_scope"


def test_a_read_token_may_not_write(plan, patient, as_user, app):
    access = access_with(connect(as_user(patient), app, "patient/*.read")["access_token"])
    require_scope(access, "patient/*.read")
    with pytest.raises(ApiRefused) as refused:
        require_scope(access, "patient/*.write")
    assert refused.value.status == 403 and refused.value.code == "forbidden"
    assert refused.value.headers["WWW-Authenticate"] == (
        'Bearer realm="samenplan", error="insufficient_scope", scope="patient/*.write"')
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk,
                                     section="fhir_api").count() == 1


def test_a_write_token_may_write(plan, patient, as_user, app):
    token = connect(as_user(patient), app, "patient/*.read patient/*.write")["access_token"]
    require_scope(access_with(token), "patient/*.write")


def test_saying_yes_again_changes_the_scopes_of_the_grant_there_is(plan, patient, as_user, app):
    client = as_user(patient)
    first = connect(client, app, "patient/*.read patient/*.write")
    connect(client, app, "patient/*.read")
    grant = PlanGrant.objects.get()
    assert grant.scope == "patient/*.read"
    # The patient's latest choice holds for the token given before it too.
    assert access_with(first["access_token"]).scopes == {"patient/*.read"}
    assert AuditEvent.objects.filter(kind=AuditEvent.UPDATE, section=SECTION).count() == 1


def test_stopping_the_app_stops_its_token_at_once(plan, patient, as_user, app):
    client = as_user(patient)
    token = connect(client, app)
    access_with(token["access_token"])
    client.post(reverse("fhirapi_access:connected_apps", args=[plan.pk]),
                {"app": PlanGrant.objects.get().pk})
    with pytest.raises(ApiRefused) as refused:
        access_with(token["access_token"])
    assert refused.value.status == 401
    assert refresh(app, token["refresh_token"]).status_code == 400


def test_a_refresh_token_gives_a_new_token_for_the_same_plan(plan, patient, as_user, app):
    token = connect(as_user(patient), app)
    response = refresh(app, token["refresh_token"])
    assert response.status_code == 200, response.content
    new = json.loads(response.content)
    assert new["patient"] == str(plan.pk)
    assert access_with(new["access_token"]).actor.membership == membership_of(patient, plan)
    with pytest.raises(ApiRefused):
        access_with(token["access_token"])  # replaced
    # Using the old refresh token again stops the whole family (reuse protection).
    assert refresh(app, token["refresh_token"]).status_code == 400
    with pytest.raises(ApiRefused):
        access_with(new["access_token"])


def test_a_removed_member_cannot_get_a_new_token(plan, patient, naaste, as_user, app):
    token = connect(as_user(naaste), app)
    membership = membership_of(naaste, plan)
    membership.removed_at = timezone.now()
    membership.save()
    assert refresh(app, token["refresh_token"]).status_code == 400


def test_a_naaste_who_may_act_connects_an_app_to_the_plan_of_the_patient(
        plan, patient, naaste, as_user, app):
    client = as_user(naaste)
    _verifier, challenge = pkce()
    page = client.get(authorize_url(app, challenge))
    assert ("Wilt u de app Gezond Thuis toegang geven tot het plan van Anna de Vries?"
            in page.content.decode())
    token = connect(client, app)
    assert token["patient"] == str(plan.pk)
    assert access_with(token["access_token"]).actor.membership == membership_of(naaste, plan)


def test_someone_in_two_plans_chooses_the_plan(plan, patient, naaste, as_user, app):
    own_plan = do_create_own_plan(naaste)
    client = as_user(naaste)
    _verifier, challenge = pkce()
    page = client.get(authorize_url(app, challenge))
    text = page.content.decode()
    assert "Voor welk plan?" in text and "Mijn plan" in text
    assert "Het plan van Anna de Vries" in text
    assert connect(client, app, plan=plan)["patient"] == str(plan.pk)
    assert connect(client, app, plan=own_plan)["patient"] == str(own_plan.pk)


def test_an_app_may_name_the_plan(plan, patient, naaste, as_user, app):
    do_create_own_plan(naaste)
    _verifier, challenge = pkce()
    page = as_user(naaste).get(authorize_url(app, challenge, plan=plan.pk))
    assert page.status_code == 200 and "Voor welk plan?" not in page.content.decode()
    assert consent_form(page)["plan"] == plan.pk


def test_a_member_of_another_plan_cannot_give_access_to_it(
        plan, patient, outsider, as_user, app):
    client = as_user(outsider)
    _verifier, challenge = pkce()
    before = AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count()
    assert client.get(authorize_url(app, challenge, plan=plan.pk)).status_code == 404
    for nonsense in ("9" * 30, "x", "-1"):
        assert client.get(authorize_url(app, challenge, plan=nonsense)).status_code == 404
    page = client.get(authorize_url(app, challenge))  # the outsider's own plan
    data = {**consent_form(page), "plan": plan.pk, "allow": "1"}
    assert client.post(authorize_url(app, challenge), data).status_code == 404
    assert not PlanGrant.objects.filter(membership__plan=plan).exists()
    assert not Grant.objects.exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.DENIED, plan_id=plan.pk).count() == before + 2


@pytest.mark.parametrize("who", ["provider", "bystander"])
def test_a_provider_or_a_naaste_who_may_not_act_gives_no_access(
        plan, patient, provider, bystander, as_user, app, who):
    client = as_user({"provider": provider, "bystander": bystander}[who])
    _verifier, challenge = pkce()
    page = client.get(authorize_url(app, challenge))
    assert page.status_code == 403 and "U kunt hier geen app koppelen" in page.content.decode()
    assert client.get(authorize_url(app, challenge, plan=plan.pk)).status_code == 403
    data = {"client_id": app.client_id, "redirect_uri": REDIRECT, "response_type": "code",
            "scope": "patient/*.read", "code_challenge": challenge,
            "code_challenge_method": "S256", "plan": plan.pk, "allow": "1"}
    assert client.post(authorize_url(app, challenge), data).status_code == 403
    assert not PlanGrant.objects.exists() and not Grant.objects.exists()


def test_an_app_that_may_skip_the_question_is_asked_anyway(plan, patient, as_user, app):
    app.skip_authorization = True
    app.save()
    _verifier, challenge = pkce()
    page = as_user(patient).get(authorize_url(app, challenge))
    assert page.status_code == 200 and not PlanGrant.objects.exists()


def test_http_goes_back_only_to_this_computer(plan, patient, as_user, app):
    client = as_user(patient)
    verifier, challenge = pkce()
    # Any port on 127.0.0.1 (RFC 8252: a desktop app listens on a free port).
    on_port = "http://127.0.0.1:51234/callback"
    answer = allow(client, app, challenge, redirect_uri=on_port)
    assert answer.status_code == 302 and answer.url.startswith(on_port + "?")
    assert exchange(app, query(answer.url)["code"], verifier, on_port).status_code == 200

    app.redirect_uris = f"{REDIRECT} http://app.example/callback"
    app.save()
    page = client.get(authorize_url(app, challenge, redirect_uri="http://app.example/callback"))
    assert page.status_code == 400 and "Deze app kan nu niet gekoppeld worden" in (
        page.content.decode())


def test_an_unknown_app_gets_a_page_not_a_redirect(plan, patient, as_user, app):
    _verifier, challenge = pkce()
    url = authorize_url(app, challenge).replace(app.client_id, "unknown")
    page = as_user(patient).get(url)
    assert page.status_code in (400, 401)
    assert "Deze app kan nu niet gekoppeld worden" in page.content.decode()


def test_the_token_endpoint_takes_no_password_grant(plan, patient, app):
    response = Client().post(reverse("fhirapi_access:token"), {
        "grant_type": "password", "username": patient.email, "password": "x",
        "client_id": app.client_id})
    assert response.status_code in (400, 401) and not AccessToken.objects.exists()


def test_a_token_made_elsewhere_is_not_ours(plan, patient, app):
    """A token django-oauth-toolkit knows but that no consent gave (no grant) opens no plan."""
    from oauth2_provider.models import set_token_value

    token = AccessToken(user=patient, application=app, scope="patient/*.read",
                        expires=timezone.now() + timedelta(hours=1))
    set_token_value(token, "made-elsewhere-" + "x" * 30)
    token.save()
    with pytest.raises(ApiRefused) as refused:
        access_with("made-elsewhere-" + "x" * 30)
    assert refused.value.status == 401


def test_a_second_patient_gets_a_token_for_his_own_plan(plan, patient, as_user, app):
    bert = make_user("bert2@example.org", "Bert Visser")
    bert_plan = do_create_own_plan(bert)
    add_member(bert_plan, make_user("els2@example.org", "Els"), Role.NAASTE)
    token = connect(as_user(bert), app)
    assert token["patient"] == str(bert_plan.pk) != str(plan.pk)


def test_the_consent_page_lets_its_form_go_on_to_the_app(plan, patient, as_user, app):
    """The answer to the form is a redirect to the app; without its origin in form-action,
    the browser would stop there (Content-Security-Policy)."""
    _verifier, challenge = pkce()
    page = as_user(patient).get(authorize_url(app, challenge))
    policy = dict(part.strip().split(" ", 1) for part in
                  page["Content-Security-Policy"].split(";") if part.strip())
    assert policy["form-action"] == "'self' https://app.example"
    assert policy["script-src"] == "'self'"


def test_the_name_of_an_app_is_text_not_html(plan, patient, as_user, app):
    app.name = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    app.save()
    client = as_user(patient)
    _verifier, challenge = pkce()
    consent = client.get(authorize_url(app, challenge)).content.decode()
    connect(client, app)
    apps = client.get(reverse("fhirapi_access:connected_apps", args=[plan.pk])).content.decode()
    for text in (consent, apps):
        assert "<script>alert(1)" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
