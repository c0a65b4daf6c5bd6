"""Every page says what a browser may do with it: a strict Content-Security-Policy without
'unsafe-inline', no framing, no referrer to other sites; cookies only over HTTPS and out of
reach of scripts. The templates have nothing inline that the policy would block."""

import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

from samenplan.conftest import PASSWORD, client_for

from .helpers import log_in

TEMPLATES = sorted(Path(settings.BASE_DIR).glob("**/templates/**/*.html"))
INLINE = re.compile(r"<style|<script|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.I)


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def test_a_page_has_a_strict_content_security_policy(patient, plan):
    response = client_for(patient).get(reverse("plans:overview", args=[plan.pk]))
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_a_page_may_not_be_framed_nor_leak_its_address(patient, plan):
    response = client_for(patient).get(reverse("plans:overview", args=[plan.pk]))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_login_page_has_the_same_headers(client, db):
    response = client.get(reverse("accounts:login"))
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_csrf_cookie_is_secure_and_out_of_reach_of_scripts(client, db):
    cookie = client.get(reverse("accounts:login")).cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_session_cookie_is_secure_and_out_of_reach_of_scripts(client, patient):
    cookie = log_in(client, patient).cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]


def test_forms_work_with_an_httponly_csrf_cookie(patient, plan):
    # The token comes from the hidden field in the form, as a browser without script
    # sends it; a post without it is refused.
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("accounts:login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    refused = client.post(reverse("accounts:login"),
                          {"username": patient.email, "password": PASSWORD})
    assert refused.status_code == 403
    response = client.post(reverse("accounts:login"), {
        "username": patient.email, "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 200


def test_it_finds_the_templates():
    assert len(TEMPLATES) > 40
    assert INLINE.search('<p style="color: red">') and INLINE.search('<a onclick="x()">')


def test_no_template_has_inline_script_style_or_event_handlers():
    found = [f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)!r}"
             for path in TEMPLATES for match in INLINE.finditer(path.read_text())]
    assert not found, "Inline code, which the Content-Security-Policy blocks:\n" + "\n".join(
        found)
