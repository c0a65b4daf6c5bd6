"""Every page a demo user can reach, and the error state of every form on it, passes
axe (WCAG 2.2 AA), reflows at 320 CSS pixels, keeps all text at 200% text size, and
reads as B1 Dutch. Pages are found by crawling (see sweep.py), so a page added later is
checked too. `make taal` runs this sweep and writes the language figures to docs/taal.md."""

import pytest

from samenplan.lib import taal

from .conftest import DEMO_USERS, SWEEP_COUNTS, axe_violations, load_axe_with_every_page, log_in
from .sweep import MAX_PAGES, crawl, cut_off_at_double_text, generic, sideways_scroll, visible_text

ANONYMOUS = "(niet ingelogd)"


def check_page(page):
    """Everything wrong with the page on screen, as readable lines; and its text."""
    problems = [f"axe {rule}: {help_} at {targets}" for rule, help_, targets in
                axe_violations(page)]
    if (overflow := sideways_scroll(page)) > 0:
        problems.append(f"scrolls sideways by {overflow}px at 320px wide")
    scale, cut_off = cut_off_at_double_text(page)
    if scale != pytest.approx(2, rel=0.01):
        problems.append(f"text grows {scale:.2f} times instead of 2 at 200% text size")
    problems += [f"at 200% text: {item}" for item in cut_off]
    text = visible_text(page)
    problems += [f"B1: {problem}" for problem in taal.problems(text)]
    return problems, text


@pytest.mark.parametrize("email", [ANONYMOUS, *DEMO_USERS])
def test_every_page_and_form_is_accessible_and_plain(demo, new_page, email, taal_pages):
    page = new_page()
    load_axe_with_every_page(page)
    if email == ANONYMOUS:
        page.goto("/account/inloggen/")
        start = "/account/inloggen/"
    else:
        log_in(page, email)
        start = "/"
    found = {}
    for visit in crawl(page, start):
        problems, text = check_page(page)
        found[visit.name] = problems
        kind = f"{email} · {generic(visit.name)} · {page.title()}"
        taal_pages.setdefault(kind, taal.measure(text))
    links = sum(name.startswith("GET") for name in found)
    SWEEP_COUNTS[email] = (f"{len(found)} distinct pages checked ({links} reached by links, "
                           f"{len(found) - links} forms submitted empty)")
    assert links > (1 if email == ANONYMOUS else 10)
    assert len(found) < MAX_PAGES, "the sweep stopped at MAX_PAGES: raise it"
    wrong = [f"{name}: {problem}" for name, problems in found.items() for problem in problems]
    assert not wrong, "\n".join(wrong)


def test_the_page_checks_catch_what_they_look_for(demo, new_page):
    """Each check can fail: a page made too wide, text cut off, an unlabelled field and a
    judging word are all reported."""
    page = new_page()
    page.goto("/account/inloggen/")
    assert check_page(page)[0] == []

    # Styles set from script: the Content-Security-Policy refuses style attributes.
    page.evaluate("""() => {
        const main = document.querySelector("main");
        const add = (html, style) => {
            main.insertAdjacentHTML("beforeend", html);
            Object.assign(main.lastElementChild.style, style);
        };
        add("<div>Breed</div>", {width: "600px"});
        add("<p>Twee regels<br>tekst</p>", {height: "1.5rem", overflow: "hidden"});
        add("<input type=text>", {});
        add("<p>U moet elke dag lopen.</p>", {});
    }""")
    problems = "\n".join(check_page(page)[0])
    assert "scrolls sideways" in problems
    assert "at 200% text: p." in problems
    assert "axe label" in problems
    assert "judging word 'moet'" in problems
