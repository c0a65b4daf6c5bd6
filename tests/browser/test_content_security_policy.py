"""The Content-Security-Policy in a real browser: the pages with charts (SVG from pygal,
each served as its own image) show them, and Chromium reports no violation of the policy.
The page for someone who tried too often (429) is checked here too: no link leads to it.

A violation shows up twice: as a `securitypolicyviolation` event in the page and as a
console message. The listener is put in by Playwright before the page's own code, which
the policy does not block."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, log_in

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
CHART_PAGES = ["leven/", "metingen/blood_pressure/", "logboek/", "uitslagen/"]


@pytest.fixture
def anna(demo, new_page):
    page = new_page()
    page.add_init_script(LISTEN)
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    log_in(page, "anna@example.org")
    page.plan_url = page.url  # Anna has one plan: she lands on it
    return page


def violations(page):
    reported = page.evaluate("window.__violations")
    console = [text for text in page.console_messages
               if "Content Security Policy" in text or "Refused to" in text]
    return reported + console


def charts_shown(page):
    return page.evaluate("""[...document.querySelectorAll('img[src*=".svg"]')].map(
        (img) => [img.getAttribute("src"), img.complete && img.naturalWidth > 0])""")


def test_the_pages_with_charts_show_them_without_violations(anna):
    seen = 0
    for path in CHART_PAGES:
        anna.goto(anna.plan_url + path)
        anna.wait_for_load_state("load")
        charts = charts_shown(anna)
        assert all(shown for _src, shown in charts), (path, charts)
        seen += len(charts)
        assert violations(anna) == [], path
    assert seen >= len(CHART_PAGES)


def test_the_listener_sees_a_violation(anna):
    # Without this the test above could pass for the wrong reason: an inline style is
    # refused by the policy, and that is reported.
    anna.evaluate("document.body.setAttribute('style', 'color: red')")
    anna.wait_for_function("window.__violations.length > 0")
    assert any("style-src" in found for found in violations(anna))


def test_the_page_after_too_many_tries_is_plain_and_within_the_policy(demo, new_page, settings):
    settings.RATELIMIT_PASSWORD_RESET_PER_IP = 0
    page = new_page(width=390)
    page.add_init_script(LISTEN)
    page.goto("/account/wachtwoord-vergeten/")
    page.get_by_label("E-mailadres").fill("anna@example.org")
    with page.expect_response(lambda response: response.status == 429):
        page.get_by_role("button", name="Stuur mij de e-mail").click()
    assert page.get_by_role("heading", level=1).inner_text() == "U heeft het te vaak geprobeerd"
    expect(page.get_by_text("Probeer het over 15 minuten opnieuw.")).to_be_visible()
    assert page.evaluate("window.__violations") == []
    assert axe_violations(page) == []
