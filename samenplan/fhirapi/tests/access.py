"""What the access tests share: a registered app (the fixture `app`: import
`app_fixture`), PKCE, the authorization-code flow with Django's test client, and a
request with a bearer token."""

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from oauth2_provider.models import get_application_model

from samenplan.fhirapi.auth import api_access
from samenplan.plans.models import Membership

REDIRECT = "https://app.example/callback"
LOOPBACK_REDIRECT = "http://127.0.0.1/callback"


def membership_of(user, plan):
    return Membership.objects.get(plan=plan, user=user, removed_at=None)


@pytest.fixture(name="app")
def app_fixture(db):
    """A public client, as a SMART app on a phone or in the browser is."""
    Application = get_application_model()
    return Application.objects.create(
        name="Gezond Thuis", client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=f"{REDIRECT} {LOOPBACK_REDIRECT}")


def pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


def authorize_url(app, challenge, scope="patient/*.read", redirect_uri=REDIRECT, **extra):
    params = {"response_type": "code", "client_id": app.client_id, "redirect_uri": redirect_uri,
              "scope": scope, "state": "state-123"}
    if challenge:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    params.update(extra)
    request = RequestFactory().get(reverse("fhirapi_access:authorize"), params)
    return request.get_full_path()


def consent_form(page):
    """The fields of the consent form as the browser would send them (hidden fields)."""
    form = page.context["form"]
    return {name: form[name].value() or "" for name in form.fields if form[name].is_hidden}


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def allow(client, app, challenge, scope="patient/*.read", plan=None, **extra):
    """GET the consent page and say yes; returns the answer (a redirect to the app)."""
    page = client.get(authorize_url(app, challenge, scope, **extra))
    assert page.status_code == 200, page.content
    data = consent_form(page)
    if plan is not None:
        data["plan"] = plan.pk
    return client.post(authorize_url(app, challenge, scope, **extra), {**data, "allow": "1"})


def exchange(app, code, verifier, redirect_uri=REDIRECT):
    """The app swaps its code for tokens, from outside the browser session."""
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": app.client_id}
    if verifier is not None:
        data["code_verifier"] = verifier
    return Client().post(reverse("fhirapi_access:token"), data)


def refresh(app, refresh_token):
    return Client().post(reverse("fhirapi_access:token"), {
        "grant_type": "refresh_token", "refresh_token": refresh_token,
        "client_id": app.client_id})


def connect(client, app, scope="patient/*.read", plan=None):
    """The whole flow: consent, code, tokens. Returns the token answer as a dict."""
    verifier, challenge = pkce()
    answer = allow(client, app, challenge, scope, plan=plan)
    assert answer.status_code == 302, answer.content
    response = exchange(app, query(answer.url)["code"], verifier)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def bearer(token, path="/fhir/Patient"):
    return RequestFactory().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def access_with(token):
    return api_access(bearer(token))
