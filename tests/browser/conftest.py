"""Browser tests: Playwright drives Debian's Chromium against the app served by
pytest-django's live server, with the demo data loaded."""

import os
import shutil

import pyotp
import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.test import override_settings
from django.test.testcases import LiveServerThread

from samenplan.accounts.models import User
from samenplan.conftest import cheap_password_hashers, client_for

from . import demo_copy

# Playwright's sync API runs an event loop in this thread; the test code itself is plain
# synchronous Django code, so tell Django that this is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's headless shell is Chromium's own engine without the windowing parts of the
# browser, which Playwright itself uses for headless runs: the same pages for less work.
CHROMIUM = (shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
DEMO_PASSWORD = "Samenplan-demo-2026"
DEMO_TOTP = pyotp.TOTP("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only violations are reported: axe then leaves out the long lists of every element that
# passed each rule, which are most of its work on a large page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The main pages of a plan and its two main forms, as paths from the plan's overview.
PLAN_PAGES = {
    "overzicht": "",
    "gegevens": "gegevens/",
    "belangrijk": "leven/",
    "doelen": "doelen/",
    "afspraken": "afspraken/",
    "terugkijken": "terugkijken/",
    "wie-doen-mee": "wie-doen-mee/",
    "veranderd": "wat-is-veranderd/",
    "logboek": "logboek/",
    "agenda": "agenda/",
    "medicijnen": "medicijnen/",
    "uitslagen": "uitslagen/",
    "metingen": "metingen/",
    "bloeddruk": "metingen/blood_pressure/",
}
PLAN_FORMS = {"nieuw-doel": "doelen/nieuw/", "nieuwe-afspraak": "afspraken/nieuw/",
              "logboek-nieuw": "logboek/nieuw/",
              "meting-nieuw": "metingen/blood_pressure/nieuw/"}
DEMO_USERS = ["anna@example.org", "sanne@example.org", "karin@example.org",
              "pieter@example.org", "fatima@example.org", "bert@example.org"]


# What the accessibility sweep checked, per user; printed at the end of every test run.
SWEEP_COUNTS = {}


def pytest_terminal_summary(terminalreporter):
    if SWEEP_COUNTS:
        terminalreporter.section("accessibility sweep: distinct pages checked")
        for user, line in SWEEP_COUNTS.items():
            terminalreporter.write_line(f"{user}: {line}")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def taal_pages():
    """The B1 figures of every page the sweep visits, by user and page. With
    TAAL_REPORT=<file> set, they are written there at the end (`make taal`)."""
    pages = {}
    yield pages
    if os.environ.get("TAAL_REPORT") and pages:
        write_taal_report(pages, os.environ["TAAL_REPORT"])


def write_taal_report(pages, path):
    from samenplan.lib import taal
    from samenplan.lib.tests.test_translations import PO, read_po

    strings = [text for entry in read_po(PO) if not entry.is_header
               for text in (entry.msgid, entry.msgid_plural) if text]
    catalogue = taal.measure("\n".join(strings))
    report = "\n".join([
        "# Taal: B1 gemeten",
        "",
        "Written by `make taal`, which runs the page sweep of "
        "`tests/browser/test_accessibility.py` on the demo data; do not edit by hand. "
        "The measures are in `samenplan/lib/taal.py`. Agreed targets per page: at most "
        f"{taal.MAX_AVERAGE_WORDS_PER_SENTENCE} words per sentence on average, no jargon "
        "without its explanation, no judging words. Every line of a page (a heading, a "
        "button, a menu item) counts as a sentence, as a reader meets it.",
        "",
        taal.report_markdown([("Every interface string (django.po)", catalogue)],
                             "Interface strings", total=False),
        taal.report_markdown(sorted(pages.items()), "Per page and user"),
    ])
    with open(path, "w", encoding="utf-8") as out:
        out.write(report)


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data, loaded once per run and copied aside (demo_copy.py). The database
    is emptied again after, as the other tests expect it."""
    hashers = cheap_password_hashers()
    with django_db_blocker.unblock(), override_settings(DEBUG=False, PASSWORD_HASHERS=hashers):
        call_command("load_demo", force=True, verbosity=0)
        copy = demo_copy.take()
        call_command("flush", interactive=False, verbosity=0)
    return copy


@pytest.fixture
def demo(demo_data, transactional_db, settings):
    """The database as load_demo leaves it, fresh for each test."""
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = cheap_password_hashers()
    demo_data.restore()


@pytest.fixture
def new_page(browser, live_server):
    """Make a fresh browser page (its own cookies) for each person in a test. With
    `logged_in_as`, the page starts logged in as that demo user, for tests about
    something other than logging in (log_in goes through the form)."""
    contexts = []

    def make(width=1280, height=900, logged_in_as=None):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      base_url=live_server.url, locale="nl-NL")
        contexts.append(context)
        if logged_in_as:
            context.add_cookies([session_cookie(logged_in_as, live_server.url)])
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, email):
    """Log in as a demo user; providers also enter their TOTP code."""
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # The click returns once the next page starts to load; a test may read it at once.
    page.wait_for_load_state()
    if "/account/" in page.url and page.get_by_label("Code uit uw app").count():
        page.get_by_label("Code uit uw app").fill(DEMO_TOTP.now())
        page.get_by_role("button", name="Verder").click()
        page.wait_for_load_state()
    return page


def session_cookie(email, url):
    """The session cookie of a new session for this demo user, as logging in (with the
    second factor, for a provider) would give."""
    name = django_settings.SESSION_COOKIE_NAME
    client = client_for(User.objects.get(email=email))
    return {"name": name, "value": client.cookies[name].value, "url": url,
            "httpOnly": True, "sameSite": "Lax"}


def load_axe_with_every_page(page):
    """Have the browser load axe at the start of every page this page's context opens,
    instead of sending the script over for each check."""
    page.context.add_init_script(script=AXE_SCRIPT)


def axe_violations(page):
    page.wait_for_load_state()  # a click only waits until the next page starts loading
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(AXE_SCRIPT)
    violations = page.evaluate("options => axe.run(options).then(r => r.violations)",
                               AXE_OPTIONS)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in violations]


class _OneRequestAtATime(WSGIServer):
    """The live server answers one request at a time. With SQLite in memory its threads
    would share one database connection, and two requests at once (a page and its chart)
    would mix up each other's transactions."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


LiveServerThread.server_class = _OneRequestAtATime
