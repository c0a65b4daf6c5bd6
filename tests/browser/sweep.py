"""Find every page a user can reach, and the error state of every form on them.

The sweep follows links (GET only) from the start page, then submits each distinct form
once with its fields emptied. Nothing lists pages by hand, so a page added later is found
and checked too.
"""

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urldefrag, urlparse

from .conftest import DESKTOP

SKIP_PREFIXES = ("/static/", "/i18n/", "/account/uitloggen/")
MAX_PAGES = 200
SAME_KIND = 2  # pages per kind: /plan/N/doelen/N/ is one kind
PHONE_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS pixels

# Fields a person types or chooses in; a form with none of them is a button (agree,
# remove, log out) and submitting it would act, not show an error state.
FILLABLE = (
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox])"
    ":not([type=radio]), textarea"
)


@dataclass
class Visit:
    name: str  # "GET /plan/1/doelen/" or "POST /plan/1/doelen/nieuw/ (leeg)"
    path: str


def _same_origin_links(page, origin):
    """Links to pages of the app; files it serves (a calendar .ics, say) are not pages."""
    for href in page.eval_on_selector_all("a[href]:not([download])", "els => els.map(e => e.href)"):
        url = urlparse(urldefrag(href)[0])
        is_file = "." in url.path.rsplit("/", 1)[-1]
        if url.netloc == origin and not url.path.startswith(SKIP_PREFIXES) and not is_file:
            yield url.path + (f"?{url.query}" if url.query else "")


def _form_keys(page):
    """One key per fillable form on the page: where it posts (made generic, as pages are)
    and its field names, so the same form for another goal or action counts once."""
    forms = page.eval_on_selector_all(
        "form",
        """(forms, fillable) => forms.map(f => {
            const names = [...f.querySelectorAll(fillable)].map(e => e.name).sort();
            if (!names.length || f.method.toLowerCase() !== "post") return null;
            return [new URL(f.action, location.href).pathname, names.join(",")];
        })""",
        FILLABLE,
    )
    return [None if form is None else f"{generic(form[0])} {form[1]}" for form in forms]


def crawl(page, start="/"):
    """Visit every same-origin page reachable by links; yield a Visit on each. Of pages
    that differ only in an id (one logbook entry or another), the first few are visited:
    they come from one template, and a year of demo data would otherwise make the sweep
    slow without finding more."""
    origin = urlparse(page.url).netloc
    seen, queue, forms, per_kind = set(), [start], {}, Counter()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or per_kind[generic(path)] >= SAME_KIND:
            continue
        seen.add(path)
        per_kind[generic(path)] += 1
        page.goto(path)
        yield Visit(f"GET {path}", path)
        for index, key in enumerate(_form_keys(page)):
            if key is not None:
                forms.setdefault(key, (path, index))
        queue.extend(link for link in _same_origin_links(page, origin) if link not in seen)
    for path, index in forms.values():
        page.goto(path)
        form = page.locator("form").nth(index)
        action = urlparse(form.evaluate("f => f.action")).path
        form.evaluate(
            """(f, fillable) => {
                f.querySelectorAll(fillable).forEach(e => { e.value = ""; });
                f.noValidate = true;
            }""",
            FILLABLE,
        )
        with page.expect_navigation():
            form.evaluate("f => f.requestSubmit()")
        yield Visit(f"POST {action} (leeg)", path)


def sideways_scroll(page, width=PHONE_WIDTH):
    """How many pixels the page scrolls sideways at this width (0 is right)."""
    page.set_viewport_size({"width": width, "height": 800})
    try:
        return page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        page.set_viewport_size(DESKTOP)


def cut_off_at_double_text(page):
    """Zoom the text to 200% (WCAG 1.4.4) and list what is cut off: elements that hide
    overflowing content, and sideways scrolling. Returns (scale, problems)."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const before = parseFloat(getComputedStyle(document.body).fontSize);
            // Like the browser's text size setting: every rem and em grows with it.
            root.style.fontSize = 2 * parseFloat(getComputedStyle(root).fontSize) + "px";
            const scale = parseFloat(getComputedStyle(document.body).fontSize) / before;
            const problems = [];
            if (root.scrollWidth > root.clientWidth) {
                problems.push(`page scrolls sideways by ${root.scrollWidth - root.clientWidth}px`);
            }
            for (const el of document.body.querySelectorAll("*")) {
                if (el.closest(".sp-visually-hidden, .sp-skip")) continue;
                const style = getComputedStyle(el);
                const hides = v => v === "hidden" || v === "clip";
                if (!el.innerText || !el.innerText.trim()) continue;
                if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
                    (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
                    problems.push(`${el.tagName.toLowerCase()}.${el.className}: ` +
                                  el.innerText.trim().slice(0, 40));
                }
            }
            root.style.fontSize = "";
            return [scale, problems];
        }"""
    )


def visible_text(page):
    return page.evaluate("() => document.body.innerText")


def generic(path):
    """The page a path shows, with its ids made generic: /plan/1/doelen/3/ -> /plan/N/...;
    a kind of measurement is an id too: /metingen/weight/ -> /metingen/K/."""
    return re.sub(r"/metingen/[a-z_0-9]+/", "/metingen/K/", re.sub(r"\d+", "N", path))
