"""Samenplan works with the keyboard alone (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7, 2.4.11).

- A skip link is the first thing Tab reaches; it shows itself and jumps to the content.
- On the main pages of Anna's plan, Tab reaches every link, button and form field, in
  document order, never jumps back up the content, shows a visible focus indicator on each
  stop and never hides the focused element behind other content.
- The main flows work with Tab, Space, Enter and typing only: logging in (with the TOTP
  code for a provider), adding a goal, proposing and agreeing to an action, and writing
  in the logbook.

The flows here drive the browser with `page.keyboard` only; the DOM is read to find out
where focus is and to check the result.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from samenplan.plans.models import Plan

from .conftest import DEMO_PASSWORD, DEMO_TOTP, DESKTOP, PHONE, PLAN_FORMS, PLAN_PAGES

PAGES = {**PLAN_PAGES, **PLAN_FORMS}

# Mark every link, button and field on the page (and anything else given a place in the
# tab order) with its place in document order, and return what it looks like unfocused.
# Radio buttons share one stop per group. A control taken out of the tab order with
# tabindex="-1" still counts: someone with only a keyboard could not use it.
MARK_TAB_STOPS = """() => {
    // Inside a closed <details> (but for its summary) nothing is shown, nor reached by Tab.
    const folded = e => {
        const details = e.closest("details:not([open])");
        return details && !details.querySelector(":scope > summary").contains(e);
    };
    const shown = e => {
        const s = getComputedStyle(e);
        return s.display !== "none" && s.visibility !== "hidden" && e.getClientRects().length
               && !folded(e);
    };
    const controls = "a[href], button, input:not([type=hidden]), select, textarea, " +
                     "details > summary, [role=button], [role=link]";
    const stops = {};
    document.querySelectorAll(controls + ", [tabindex]").forEach((e, index) => {
        if (e.disabled || !shown(e) || (e.tabIndex < 0 && !e.matches(controls))) return;
        const key = e.type === "radio" ? `radio ${e.name}` : `${index}`;
        e.dataset.tabStop = key;
        if (key in stops) return;
        const s = getComputedStyle(e);
        stops[key] = {
            order: index,
            name: (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || e.name)
                  .trim().replace(/\\s+/g, " ").slice(0, 60),
            outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" "),
            boxShadow: s.boxShadow,
        };
    });
    return stops;
}"""

# Where focus is now: which stop, where it is on the page, how it looks, and whether
# anything covers it.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const s = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    // The part of the element inside the window; the browser may leave part of it out.
    const first = e.getClientRects()[0] || box;
    const left = Math.max(first.left, 0), right = Math.min(first.right, innerWidth);
    const top = Math.max(first.top, 0), bottom = Math.min(first.bottom, innerHeight);
    const inView = left < right && top < bottom;
    const hit = inView && document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    return {
        key: e.dataset.tabStop || `unexpected ${e.tagName} ${e.innerText || e.name || ""}`,
        top: box.top + scrollY, bottom: box.bottom + scrollY,
        left: box.left, right: box.right,
        inContent: !!e.closest("main") && !e.closest("nav"),
        outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
        outlineColor: s.outlineColor,
        outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" "),
        boxShadow: s.boxShadow,
        inView,
        covered: !(hit && (hit === e || e.contains(hit) || hit.control === e)),
    };
}"""


def transparent(color):
    return color == "transparent" or re.search(r"rgba\([^)]*,\s*0\)$", color) is not None


def shows_focus(unfocused, focused):
    """A focus indicator someone can see: a solid outline of at least 2px that the element
    did not have unfocused, or a new box-shadow that spreads at least 2px."""
    outline = (focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2
               and not transparent(focused["outlineColor"])
               and focused["outline"] != unfocused["outline"])
    spreads = [float(px) for px in re.findall(r"(-?[\d.]+)px(?=\s*(?:,|$))",
                                              focused["boxShadow"])]
    shadow = (focused["boxShadow"] not in ("none", unfocused["boxShadow"])
              and max(spreads, default=0) >= 2)
    return outline or shadow


def walk_with_tab(page, max_tabs=300):
    """Press Tab from the top of the page until focus leaves it. Returns the stops the
    page should have and every stop Tab reached, in order."""
    stops = page.evaluate(MARK_TAB_STOPS)
    reached = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUSED)
        if focus is None or (reached and focus["key"] == reached[0]["key"]):
            return stops, reached
        if reached and focus["key"] == reached[-1]["key"]:
            continue  # the next part of one field, such as the time in a date-and-time field
        reached.append(focus)
    raise AssertionError(f"focus is stuck: still on the page after {max_tabs} presses of Tab")


def tab_order_problems(stops, reached):
    """Everything wrong with one walk through a page with Tab, as readable lines."""
    def name(key):
        return stops[key]["name"] if key in stops else key

    problems = [f"Tab never reaches {name(key)!r}" for key in stops.keys() - {
        focus["key"] for focus in reached}]
    previous = None
    for focus in reached:
        key = focus["key"]
        if key not in stops:
            problems.append(f"Tab reaches {key!r}, which is not a link, button or field")
            continue
        if not shows_focus(stops[key], focus):
            problems.append(f"no visible focus indicator on {name(key)!r}")
        if not focus["inView"] or focus["covered"]:
            problems.append(f"{name(key)!r} is hidden while it has focus")
        if previous is not None:
            if stops[key]["order"] <= stops[previous["key"]]["order"]:
                problems.append(f"Tab goes back from {name(previous['key'])!r} to {name(key)!r}")
            elif previous["inContent"] and focus["inContent"] and reads_before(focus, previous):
                problems.append(f"Tab jumps back up or left from {name(previous['key'])!r} "
                                f"to {name(key)!r}")
        previous = focus
    return problems


def reads_before(focus, previous):
    """True if `focus` comes before `previous` in reading order: on a line above it, or on
    the same line and to its left."""
    if focus["bottom"] <= previous["top"] + 1:
        return True
    overlap = min(focus["bottom"], previous["bottom"]) - max(focus["top"], previous["top"])
    same_line = overlap > min(focus["bottom"] - focus["top"],
                              previous["bottom"] - previous["top"]) / 2
    return same_line and focus["right"] <= previous["left"]


def is_focused(locator):
    return locator.evaluate("e => e === document.activeElement")


def tab_to(page, target, max_tabs=200):
    """Press Tab until `target` (a locator) has focus."""
    for _ in range(max_tabs):
        if is_focused(target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab did not reach {target} in {max_tabs} presses")


def choose_radio(page, target, max_tabs=200):
    """Tab into the target's radio group, then use the arrow keys to choose it."""
    in_group = ("(e, name) => document.activeElement.type === 'radio' && "
                "document.activeElement.name === name")
    group = target.get_attribute("name")
    for _ in range(max_tabs):
        if target.evaluate(in_group, group):
            break
        page.keyboard.press("Tab")
    for _ in range(20):
        if is_focused(target):
            page.keyboard.press("Space")
            assert target.is_checked()
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys did not reach {target}")


def press_enter(page):
    """Press Enter on what has focus and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in_by_keyboard(page, email):
    page.goto("/account/inloggen/")
    tab_to(page, page.get_by_label("E-mailadres"))
    page.keyboard.type(email)
    tab_to(page, page.get_by_label("Wachtwoord"))
    page.keyboard.type(DEMO_PASSWORD)
    press_enter(page)
    if page.get_by_label("Code uit uw app").count():
        tab_to(page, page.get_by_label("Code uit uw app"))
        page.keyboard.type(DEMO_TOTP.now())
        press_enter(page)
    assert page.get_by_role("button", name="Uitloggen").count() == 1
    return page


def follow_link(page, name, exact=False):
    tab_to(page, page.get_by_role("link", name=name, exact=exact).first)
    press_enter(page)


def plan_nav(page, name):
    nav = page.get_by_role("navigation", name="Onderdelen van het plan")
    tab_to(page, nav.get_by_role("link", name=name, exact=True))
    press_enter(page)


@pytest.fixture
def anna(demo, new_page):
    page = new_page(**DESKTOP, logged_in_as="anna@example.org")
    plan = Plan.objects.get(profile__name="Anna de Vries")
    page.overview = reverse("plans:overview", args=[plan.pk])
    return page


def test_the_skip_link_comes_first_shows_itself_and_jumps_to_the_content(anna):
    anna.goto(anna.overview)
    skip = anna.get_by_role("link", name="Naar de inhoud")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0

    anna.keyboard.press("Tab")
    assert is_focused(skip)
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 24 and box["width"] >= 24
    assert anna.evaluate(FOCUSED)["covered"] is False

    anna.keyboard.press("Enter")
    assert is_focused(anna.locator("main#inhoud"))
    anna.keyboard.press("Tab")
    assert anna.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("page_name", PAGES)
def test_tab_reaches_everything_in_order_with_visible_focus(anna, page_name):
    for size in (DESKTOP, PHONE):
        anna.set_viewport_size(size)
        anna.goto(anna.overview + PAGES[page_name])
        stops, reached = walk_with_tab(anna)
        assert len(stops) > 10
        assert stops[reached[0]["key"]]["name"] == "Naar de inhoud"
        assert tab_order_problems(stops, reached) == [], f"at {size['width']}px wide"


def add_css(page, rule):
    """Add a CSS rule to the page. The Content Security Policy refuses an inline <style>;
    a rule added to our own stylesheet through the CSSOM is allowed."""
    page.evaluate("""rule => {
        const sheet = [...document.styleSheets].at(-1);
        sheet.insertRule(rule, sheet.cssRules.length);
    }""", rule)


BREAKAGES = {
    "no visible focus indicator": lambda page: add_css(
        page, "*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }"
    ),
    "Tab never reaches": lambda page: page.evaluate(
        "() => document.querySelector('main a[href]').tabIndex = -1"
    ),
    "Tab goes back": lambda page: page.evaluate(
        "() => [...document.querySelectorAll('main a[href]')].at(-1).tabIndex = 1"
    ),
    "Tab jumps back": lambda page: add_css(page, ".sp-plan > div { display: flex; "
                                                 "flex-direction: column-reverse; }"),
    "is hidden while it has focus": lambda page: add_css(
        page, "main::after { content: ''; position: fixed; inset: 0; background: #fff; }"
    ),
}


def test_the_checks_catch_a_broken_page(anna):
    anna.goto(anna.overview)
    BREAKAGES["no visible focus indicator"](anna)
    stops, reached = walk_with_tab(anna)
    assert reached
    assert not any(shows_focus(stops[focus["key"]], focus) for focus in reached)

    for problem, breakage in BREAKAGES.items():
        anna.goto(anna.overview)
        breakage(anna)
        problems = tab_order_problems(*walk_with_tab(anna))
        assert any(problem in found for found in problems), problem


def test_anna_logs_in_and_adds_a_goal_with_the_keyboard(demo, new_page):
    anna = log_in_by_keyboard(new_page(), "anna@example.org")
    plan_nav(anna, "Mijn doelen")
    follow_link(anna, "Nieuw doel", exact=True)
    tab_to(anna, anna.get_by_label("Mijn doel", exact=True))
    anna.keyboard.type("Elke week een keer zwemmen")
    tab_to(anna, anna.get_by_label("Mijn lichaam"))
    anna.keyboard.press("Space")
    assert anna.get_by_label("Mijn lichaam").is_checked()
    tab_to(anna, anna.get_by_role("button", name="Bewaren"))
    press_enter(anna)

    goal = anna.locator("li.sp-card", has_text="Elke week een keer zwemmen")
    assert goal.get_by_role("heading").inner_text() == "Elke week een keer zwemmen"


def test_karin_proposes_an_action_and_anna_agrees_with_the_keyboard(demo, new_page):
    what = "Elke vrijdag samen de voeten nakijken"
    karin = log_in_by_keyboard(new_page(), "karin@example.org")
    follow_link(karin, "Anna de Vries", exact=True)
    plan_nav(karin, "Wat gaan we doen")
    follow_link(karin, "Nieuwe afspraak voorstellen")
    tab_to(karin, karin.get_by_label("Wat", exact=True))
    karin.keyboard.type(what)
    choose_radio(karin, karin.get_by_label("Anna de Vries zelf"))
    tab_to(karin, karin.get_by_label("Wanneer of hoe vaak"))
    karin.keyboard.type("Elke vrijdag")
    tab_to(karin, karin.get_by_role("button", name="Bewaren"))
    press_enter(karin)
    expect(karin.get_by_text("Uw voorstel is bewaard")).to_be_visible()

    anna = log_in_by_keyboard(new_page(), "anna@example.org")
    plan_nav(anna, "Wat gaan we doen")
    card = anna.locator("li.sp-card", has_text=what)
    tab_to(anna, card.get_by_role("button", name="Ik ga akkoord"))
    press_enter(anna)
    expect(anna.get_by_text("Afgesproken! U bent het allebei eens.")).to_be_visible()
    expect(card.locator(".sp-badge--agreed")).to_be_visible()


def test_sanne_adds_a_logbook_entry_for_anna_only_with_the_keyboard(demo, new_page):
    sanne = log_in_by_keyboard(new_page(), "sanne@example.org")
    follow_link(sanne, "Het plan van Anna de Vries", exact=True)
    plan_nav(sanne, "Haar logboek")
    follow_link(sanne, "Iets opschrijven")
    choose_radio(sanne, sanne.get_by_label("Klacht"))
    tab_to(sanne, sanne.get_by_label("Hoe erg (0 tot en met 10)"))
    sanne.keyboard.type("6")
    tab_to(sanne, sanne.get_by_label("Wat wilt u opschrijven"))
    sanne.keyboard.type("Mama hoestte veel tijdens het bezoek.")
    choose_radio(sanne, sanne.get_by_label("Alleen de mensen die ik kies"))
    tab_to(sanne, sanne.get_by_label("Anna de Vries", exact=True))
    sanne.keyboard.press("Space")
    tab_to(sanne, sanne.get_by_role("button", name="Bewaren"))
    press_enter(sanne)

    expect(sanne.get_by_text("Bewaard in het logboek.")).to_be_visible()
    entry = sanne.locator("li.sp-card", has_text="Mama hoestte veel tijdens het bezoek.")
    assert "Klacht: 6 van 10" in entry.inner_text()
    assert "Gedeeld met: Anna de Vries" in entry.inner_text()
