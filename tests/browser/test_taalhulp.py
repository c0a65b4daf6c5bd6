"""Taalhulp in the browser: a provider checks the text of a new action, sees the B1 hints
next to the field (with zero axe violations), and can still save it as it is."""

from playwright.sync_api import expect

from .conftest import axe_violations, log_in

TEXT = "Evaluatie van de medicatie met de POH."


def test_a_provider_checks_the_text_and_still_saves_it(demo, new_page):
    karin = log_in(new_page(width=390), "karin@example.org")
    karin.get_by_role("link", name="Anna de Vries").click()
    karin.get_by_role("link", name="Wat gaan we doen").first.click()
    karin.get_by_role("link", name="Nieuwe afspraak voorstellen").click()
    karin.get_by_label("Wat", exact=True).fill(TEXT)
    karin.get_by_role("button", name="Tekst nakijken").click()

    hints = karin.locator(".sp-taalhulp")
    assert "Schrijf liever 'medicijnen' in plaats van 'medicatie'." in hints.inner_text()
    assert karin.get_by_label("Wat", exact=True).input_value() == TEXT
    assert axe_violations(karin) == []

    karin.get_by_label("Anna de Vries zelf").check()
    karin.get_by_label("Wanneer of hoe vaak").fill("Bij de volgende controle")
    karin.get_by_role("button", name="Bewaren").click()
    expect(karin.get_by_text("Uw voorstel is bewaard")).to_be_visible()
    expect(karin.get_by_text("Tip voor leesbare taal:")).to_be_visible()
    assert karin.locator("li.sp-card", has_text=TEXT).count() == 1
