"""Printing a plan page from the browser (Ctrl+P) gives a clean page: the content, in
black on white, without the site's header, menus, language switch, skip link, buttons,
forms or links to change things, which do nothing on paper.

Chromium is put in print mode with `emulate_media`, so the page is laid out with the
print styles of site.css; one page is also printed to PDF, as the browser would. With
PRINT_SHOTS=<folder> set, the pages are saved there as they print (screenshots and the PDF),
to look at.
"""

import os
import subprocess
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve, reverse

from samenplan.plans.models import Plan

from .conftest import DESKTOP

PRINTED_PAGES = ["", "gegevens/", "doelen/", "afspraken/", "logboek/", "metingen/",
                 "metingen/blood_pressure/", "medicijnen/", "wie-doen-mee/"]
SHOTS = os.environ.get("PRINT_SHOTS")
# Links to pages where something is written or changed: nothing to follow on paper.
WRITE_VIEWS = ("add_", "edit_", "delete_", "remove_", "confirm_", "set_", "start_", "stop_",
               "share", "domain_set", "close", "download")

# What is rendered on the page (display none, also of a parent, leaves no box).
PRINTED = """() => {
    const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
    const texts = selector => [...document.querySelectorAll(selector)].filter(shown)
        .map(e => `${e.tagName.toLowerCase()}: ${e.innerText.trim().slice(0, 40)}`);
    return {
        chrome: texts("header, .sp-plannav, nav a, footer, .sp-skip, button, .utrecht-button, "
                      + "form, input:not([type=hidden]), select, textarea, summary"),
        links: [...document.querySelectorAll("main a[href]")].filter(shown)
            .map(a => [a.innerText.trim(), new URL(a.href).pathname]),
        heading: [...document.querySelectorAll("h1")].filter(shown).map(h => h.innerText),
        who: [...document.querySelectorAll(".sp-who")].filter(shown).length,
        sections: [...document.querySelectorAll("main :is(.sp-section, .sp-card, .sp-chart)")]
            .filter(shown).length,
        focus: (() => {
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, s.boxShadow];
        })(),
        colours: [...new Set([...document.querySelectorAll("main *")].filter(shown)
            .flatMap(e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]))],
    };
}"""


@pytest.fixture
def anna(demo, new_page):
    page = new_page(**DESKTOP, logged_in_as="anna@example.org")
    plan = Plan.objects.get(profile__name="Anna de Vries")
    page.overview = reverse("plans:overview", args=[plan.pk])
    page.emulate_media(media="print")
    return page


def keep(page, name, pdf=None):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        if pdf:
            (Path(SHOTS) / f"{name}.pdf").write_bytes(pdf.read_bytes())
        else:
            page.screenshot(path=Path(SHOTS) / f"{name}.png", full_page=True)


def is_write_link(path):
    try:
        return resolve(path).url_name.startswith(WRITE_VIEWS)
    except Resolver404:
        return False


def test_a_printed_plan_page_shows_the_content_without_the_controls(anna):
    for path in PRINTED_PAGES:
        anna.goto(anna.overview + path)
        anna.wait_for_load_state("load")  # the charts too, for the screenshot
        anna.keyboard.press("Tab")  # to the first link on paper, if there is one
        printed = anna.evaluate(PRINTED)
        assert printed["chrome"] == [], path
        assert [link for link in printed["links"] if is_write_link(link[1])] == [], path
        assert len(printed["heading"]) == 1 and printed["heading"][0], path
        assert printed["who"] >= 1 and printed["sections"] >= 1, path
        assert printed["focus"] == ["none", "none"], path
        # Black text; no background but the page's own white (or none at all).
        assert set(printed["colours"]) <= {"rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"}, path
        keep(anna, "anna-" + (path.strip("/").replace("/", "-") or "overzicht"))


def test_the_plan_prints_to_a_pdf_with_the_chart_and_its_numbers(anna, tmp_path):
    anna.goto(anna.overview + "logboek/")
    anna.wait_for_load_state("load")
    pdf = tmp_path / "logboek.pdf"
    anna.pdf(path=pdf, format="A4")
    keep(anna, "anna-logboek", pdf)
    # poppler-utils is what `make test` installs for PDF checks.
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Mijn logboek" in text
    assert "Hoe erg was het? Van 0" in text  # the chart's caption
    assert "Hoe erg was het, per soort" in text  # the table from the closed <details>
    for left_out in ["Naar de inhoud", "Uitloggen", "English", "Laten zien", "Veranderen",
                     "Iets opschrijven", "Mijn account"]:
        assert left_out not in text
