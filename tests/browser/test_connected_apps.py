"""Connecting an app in a real browser: Anna gives an app access on the consent screen and
stops it again under Gekoppelde apps, by keyboard alone; both pages have no axe violations
and no sideways scrolling on a phone. The consent screen is reached from an app, not by a
link, so the crawl misses it."""

import re
from urllib.parse import urlsplit

import pytest
from oauth2_provider.models import Application
from playwright.sync_api import expect

from samenplan.fhirapi.auth import ApiRefused
from samenplan.fhirapi.tests.access import access_with, authorize_url, exchange, pkce, query
from samenplan.plans.models import Membership

from .conftest import axe_violations, log_in
from .test_keyboard import press_enter, tab_order_problems, tab_to, walk_with_tab


@pytest.fixture
def callback(live_server):
    """Where the browser goes back to the app with its code: a desktop app on this
    computer (http to 127.0.0.1, on the live server's port: a page that is not there)."""
    return f"http://127.0.0.1:{urlsplit(live_server.url).port}/app-callback/"


@pytest.fixture
def app(demo):
    return Application.objects.create(
        name="Gezond Thuis", client_type=Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="http://127.0.0.1/app-callback/")


def fits_a_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def test_anna_connects_an_app_and_stops_it_by_keyboard(app, callback, new_page):
    anna = log_in(new_page(), "anna@example.org")
    plan = Membership.objects.get(user__email="anna@example.org", role="patient").plan
    verifier, challenge = pkce()
    url = authorize_url(app, challenge, "patient/*.read patient/*.write",
                        redirect_uri=callback)

    anna.goto(url)
    expect(anna.get_by_role("heading", level=1,
                            name="Wilt u de app Gezond Thuis toegang geven tot uw plan?")
           ).to_be_visible()
    assert axe_violations(anna) == []
    assert tab_order_problems(*walk_with_tab(anna)) == []
    tab_to(anna, anna.get_by_role("button", name="Toestaan", exact=True))
    with anna.expect_navigation(url=re.compile(rf"^{re.escape(callback)}\?")):
        anna.keyboard.press("Enter")
    token = exchange(app, query(anna.url)["code"], verifier, callback).json()
    assert token["patient"] == str(plan.pk)
    assert access_with(token["access_token"]).actor.plan == plan

    anna.goto(f"/plan/{plan.pk}/gegevens/")
    tab_to(anna, anna.get_by_role("link", name="Gekoppelde apps"))
    press_enter(anna)
    expect(anna.get_by_role("heading", level=1, name="Gekoppelde apps")).to_be_visible()
    expect(anna.get_by_role("heading", level=2, name="Gezond Thuis")).to_be_visible()
    expect(anna.get_by_text("Het plan lezen en veranderen")).to_be_visible()
    assert axe_violations(anna) == []
    assert tab_order_problems(*walk_with_tab(anna)) == []
    tab_to(anna, anna.get_by_role("button", name=re.compile(r"^Stoppen\W+Gezond Thuis$")))
    press_enter(anna)
    expect(anna.get_by_text("Gezond Thuis kan nu niet meer bij het plan.")).to_be_visible()
    expect(anna.get_by_text("Er zijn nu geen apps gekoppeld.")).to_be_visible()
    assert axe_violations(anna) == []
    with pytest.raises(ApiRefused):
        access_with(token["access_token"])


def test_both_pages_fit_a_phone_and_saying_no_works_by_keyboard(app, callback, new_page):
    anna = log_in(new_page(width=320, height=640), "anna@example.org")
    plan = Membership.objects.get(user__email="anna@example.org", role="patient").plan
    _verifier, challenge = pkce()
    anna.goto(authorize_url(app, challenge, redirect_uri=callback))
    assert fits_a_phone(anna) and axe_violations(anna) == []
    tab_to(anna, anna.get_by_role("button", name="Niet toestaan"))
    with anna.expect_navigation(url=re.compile(rf"^{re.escape(callback)}\?")):
        anna.keyboard.press("Enter")
    assert query(anna.url)["error"] == "access_denied"

    anna.goto(f"/plan/{plan.pk}/gegevens/gekoppelde-apps/")
    assert fits_a_phone(anna) and axe_violations(anna) == []
