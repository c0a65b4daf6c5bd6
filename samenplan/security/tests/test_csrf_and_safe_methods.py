"""CSRF, and no change of state on GET.

Another site can make a logged-in browser send a POST to Samenplan (a form that submits
itself) or a GET (an image). So every POST without a valid CSRF token is refused, on every
URL of the site (from the URL conf, with the ids of a filled plan, so a URL added later is
attacked too), for a patient, a provider and someone not logged in; and no GET, on any
URL, by anyone, changes a row: the database is asked for no write but the audit event
of the read and the session, and a snapshot of every row of the plans, health and accounts
apps is the same afterwards."""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.utils.http import urlencode

from samenplan.conftest import client_for

from .attempts import leaked, tried
from .world import (
    QUERY,
    REFLECTED,
    TOKEN_URLS,
    VALID,
    changed_tables,
    site_urls,
    snapshot,
    unsafe,
    writes,
)

CSRF = "CSRF: POST without a valid token (URLs x people)"
GET = "state change on GET (URLs x people)"
EVIL = {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "https://evil.example/form"}
# What a GET may write, and why.
WRITES_ON_EVERY_GET = {
    "audit_auditevent",  # every read of plan data is logged (NEN 7513)
    "django_session",  # sessions are saved on every request: the idle time starts again
    settings.CACHES["default"].get("LOCATION", ""),  # rate limits count (in the database)
}
WRITES_ON_GET = {
    # The set-up page of the authenticator app makes the secret it shows, unconfirmed:
    # it does nothing until the person types a code from it, and a reload keeps it.
    ("accounts:setup", "otp_totp_totpdevice"),
}


@pytest.fixture(autouse=True)
def quiet_csrf_log(caplog):
    # Django logs every refused POST as a warning; hundreds of them say nothing here.
    caplog.set_level(logging.ERROR, logger="django.security.csrf")


def clients(world, *who, enforce_csrf_checks=False):
    for name in who:
        if name == "anonymous":
            client = Client()
        else:
            user = getattr(world, name)
            client = client_for(user)
        client.handler.enforce_csrf_checks = enforce_csrf_checks
        yield name, client


def test_it_attacks_every_url_of_the_site():
    names = {name for name, _params in site_urls()}
    assert {"plans:edit_goal", "health:edit_log_entry", "accounts:login", "accounts:logout",
            "plans:invitation", "health:calendar_feed", "set_language",
            "accounts:password_reset_confirm", "audit:accesses"} <= names


@pytest.mark.parametrize("who", ["patient", "provider", "anonymous"])
def test_every_post_without_a_valid_csrf_token_is_refused(world, who):
    (_who, client), = clients(world, who, enforce_csrf_checks=True)
    before = snapshot()
    through = []
    for name, params in site_urls():
        url = world.url(name, params)
        # No token at all; and (once) a made-up one, sent from another site.
        forged = ({**VALID, "csrfmiddlewaretoken": "x" * 64}, EVIL)
        for data, headers in ((VALID, {}), forged) if who == "patient" else ((VALID, {}),):
            tried(CSRF)
            response = client.post(url, data, **headers)
            token_url_refuses = name in TOKEN_URLS and response.status_code in (400, 401, 405)
            if response.status_code != 403 and not token_url_refuses:
                leaked(CSRF)
                through.append(f"{name}: {response.status_code}")
    assert through == []
    assert changed_tables(before, snapshot()) == []


@pytest.mark.parametrize("who", ["patient", "naaste", "provider", "anonymous"])
def test_no_get_changes_anything(world, who):
    """Nor does it repeat the hostile query it comes with (reflected XSS)."""
    (_who, client), = clients(world, who)
    before = snapshot()
    changes, reflected = [], []
    for name, params in site_urls():
        tried(GET)
        with writes() as tables:
            response = client.get(world.url(name, params) + "?" + urlencode(QUERY))
        assert response.status_code < 500, name
        tried(REFLECTED, len(QUERY))
        if problems := unsafe(response):
            leaked(REFLECTED, len(problems))
            reflected.append((name, problems))
        written = {(name, table) for table in tables if table not in WRITES_ON_EVERY_GET}
        if written - WRITES_ON_GET:
            leaked(GET)
            changes += sorted(written - WRITES_ON_GET)
    assert changes == []
    assert changed_tables(before, snapshot()) == []
    assert reflected == []


def test_a_post_with_the_token_does_get_through(world):
    """The refusals above are the CSRF check's, not something else's: with the token from
    the form, the same client's POST is saved."""
    (_who, client), = clients(world, "patient", enforce_csrf_checks=True)
    url = world.url("plans:add_goal", ["plan_id"])
    client.get(url)
    token = client.cookies["csrftoken"].value
    with writes() as tables:
        response = client.post(url, {"text": "Met token", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "plans_goal" in tables  # and the check on GETs would have seen such a write
    assert client.post(url, {"text": "Zonder token"}).status_code == 403
