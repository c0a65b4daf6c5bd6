"""The consult view in a real browser: no axe violations, and as Anna's plan stands in
the demo it prints on one A4 page."""

import pypdf
from playwright.sync_api import expect

from .conftest import axe_violations, log_in


def test_karins_consult_view_of_anna_prints_on_one_page(demo, new_page, tmp_path):
    karin = log_in(new_page(), "karin@example.org")
    karin.get_by_role("link", name="Anna de Vries").first.click()
    karin.get_by_role("link", name="Consult: alles voor het gesprek op één scherm").click()
    heading = karin.get_by_role("heading", level=1, name="Consult met Anna de Vries")
    expect(heading).to_be_visible()
    assert axe_violations(karin) == []
    path = tmp_path / "consult.pdf"
    karin.pdf(path=str(path), format="A4")
    pages = pypdf.PdfReader(path).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Wat Anna de Vries wil bespreken" in text and "Nieuwe afspraak" not in text
