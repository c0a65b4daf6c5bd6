"""Makkelijk lezen and a light plan (issue 9) pass the same checks as the sweep: axe with
no violations, reflow at 320 CSS pixels, text at 200% and B1. Anna has both turned on; every
page her overview links to is checked, and the account page with the switch.

With EASY_READ_SHOTS=<folder>, a screenshot of each page at phone width is saved there."""

import os
from pathlib import Path
from urllib.parse import urlparse

from samenplan.accounts.models import User
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership, Plan

from .conftest import PHONE, load_axe_with_every_page, log_in
from .test_accessibility import check_page

ANNA = "anna@example.org"


def links_from(page):
    origin = urlparse(page.url).netloc
    paths = []
    for href in page.eval_on_selector_all("main a[href]:not([download])",
                                          "els => els.map(e => e.href)"):
        url = urlparse(href)
        if url.netloc == origin and "." not in url.path.rsplit("/", 1)[-1]:
            paths.append(url.path)
    return list(dict.fromkeys(paths))


def test_anna_with_easy_read_and_a_light_plan_gets_accessible_plain_pages(demo, new_page):
    User.objects.filter(email=ANNA).update(easy_read=True)
    plan = Membership.objects.get(user__email=ANNA, role=Role.PATIENT).plan
    Plan.objects.filter(pk=plan.pk).update(light=True)
    page = new_page()
    load_axe_with_every_page(page)
    log_in(page, ANNA)
    overview = f"/plan/{plan.pk}/"
    page.goto(overview)
    assert "sp-easy-read" in page.evaluate("() => document.documentElement.className")
    menu = page.eval_on_selector_all(".sp-plannav a", "els => els.map(e => e.textContent)")
    assert [m.strip() for m in menu] == ["Mijn plan", "Wat vind ik belangrijk", "Mijn doelen",
                                         "Mijn agenda"]
    paths = [overview, *(p for p in links_from(page) if p != overview),
             "/account/instellingen/"]
    shots = os.environ.get("EASY_READ_SHOTS")
    wrong = []
    for path in paths:
        page.set_viewport_size(PHONE)
        page.goto(path)
        if shots:
            name = path.strip("/").replace("/", "-") or "start"
            page.screenshot(path=Path(shots) / f"{name}.png", full_page=True)
        problems, _text = check_page(page)
        wrong += [f"{path}: {problem}" for problem in problems]
    assert len(paths) > 5
    assert not wrong, "\n".join(wrong)
