"""Every page a demo user can reach by following links has zero axe violations
(WCAG 2.2 AA). Pages are found by crawling, so a page added later is checked too."""

from urllib.parse import urldefrag, urlparse

import pytest

from .conftest import axe_violations, log_in

SKIP_PREFIXES = ("/static/", "/i18n/", "/account/uitloggen/")
MAX_PAGES = 80


def crawl(page, start="/"):
    """Visit every same-origin page reachable by links (GET only). Yields each path."""
    origin = urlparse(page.url)
    seen, queue = set(), [start]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(path)
        yield path
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            if url.netloc != origin.netloc or url.path.startswith(SKIP_PREFIXES):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                queue.append(target)


@pytest.mark.parametrize("email", ["anna@example.org", "karin@example.org", "sanne@example.org"])
def test_every_page_has_no_axe_violations(demo, new_page, email):
    page = log_in(new_page(), email)
    problems = {}
    checked = 0
    for path in crawl(page):
        checked += 1
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    print(f"{email}: {checked} pages checked")
    assert checked > 10
    assert problems == {}


def test_the_login_page_has_no_axe_violations(demo, new_page):
    page = new_page(width=320)
    page.goto("/account/inloggen/")
    assert axe_violations(page) == []
