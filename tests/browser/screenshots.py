"""Screenshots of the main pages for each role, at phone and desktop width, written to
docs/screenshots/ (for instance anna-doelen-phone.png).

`make screenshots` runs this file against the demo data on a live server, the same way
the browser tests run. A plain `pytest` run does not collect it: its name does not start
with test_.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import DESKTOP, PHONE, PLAN_FORMS, PLAN_PAGES, log_in

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

ROLES = {"anna": "anna@example.org", "sanne": "sanne@example.org", "karin": "karin@example.org"}


def shoot(page, name):
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=OUT / f"{name}-{width}.png", full_page=True)


def save_empty(page):
    with page.expect_navigation():
        page.locator("main form[method=post]").filter(
            has=page.get_by_role("button", name="Bewaren")).evaluate("f => f.requestSubmit()")


@pytest.fixture(scope="module", autouse=True)
def out():
    OUT.mkdir(parents=True, exist_ok=True)


def test_screenshots_of_the_login_page(demo, new_page):
    page = new_page()
    page.goto("/account/inloggen/")
    shoot(page, "login")
    page.get_by_role("button", name="Inloggen").click()
    shoot(page, "login-fout")


@pytest.mark.parametrize("role", ROLES)
def test_screenshots_of_the_main_pages(demo, new_page, role):
    page = log_in(new_page(), ROLES[role])
    page.goto("/")
    if urlparse(page.url).path == "/":  # Anna has one plan and lands on it straight away
        shoot(page, f"{role}-home")
        page.locator("main a[href^='/plan/']", has_text="Anna de Vries").first.click()
    overview = page.url
    for name, path in PLAN_PAGES.items():
        page.goto(overview + path)
        shoot(page, f"{role}-{name}")
    for name, path in PLAN_FORMS.items():  # empty, then saved empty, if this role may
        if page.goto(overview + path).status != 200:
            continue
        shoot(page, f"{role}-{name}")
        save_empty(page)
        shoot(page, f"{role}-{name}-fout")
    page.goto("/account/instellingen/")
    shoot(page, f"{role}-account")
