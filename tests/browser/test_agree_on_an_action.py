"""The foundation's acceptance flow in a real browser: a provider proposes an action, the
patient agrees to it, and the history shows both confirmations."""

from playwright.sync_api import expect

from .conftest import axe_violations, log_in


def test_a_provider_proposes_and_the_patient_agrees(demo, new_page):
    karin = log_in(new_page(), "karin@example.org")
    karin.get_by_role("link", name="Anna de Vries").click()
    karin.get_by_role("link", name="Wat gaan we doen").first.click()
    karin.get_by_role("link", name="Nieuwe afspraak voorstellen").click()
    assert axe_violations(karin) == []
    karin.get_by_label("Wat", exact=True).fill("Elke dinsdag samen de bloedsuiker bespreken")
    karin.get_by_label("Anna de Vries zelf").check()
    karin.get_by_label("Wanneer of hoe vaak").fill("Elke dinsdag")
    karin.get_by_role("button", name="Bewaren").click()
    expect(karin.get_by_text("Uw voorstel is bewaard")).to_be_visible()

    anna = log_in(new_page(), "anna@example.org")
    anna.get_by_role("link", name="Wat gaan we doen").first.click()
    card = anna.locator("li.sp-card", has_text="Elke dinsdag samen de bloedsuiker bespreken")
    card.get_by_role("button", name="Ik ga akkoord").click()
    expect(anna.get_by_text("Afgesproken! U bent het allebei eens.")).to_be_visible()
    assert axe_violations(anna) == []

    anna.get_by_role("link", name="Wat is er veranderd").first.click()
    history = anna.locator(".sp-history > li", has_text="Elke dinsdag samen de bloedsuiker")
    patient_side = history.locator("li", has_text="Akkoord van de patiënt (of naaste) gegeven door")
    provider_side = history.locator("li", has_text="Akkoord van de zorgverlener gegeven door")
    assert "Anna de Vries" in patient_side.inner_text()
    assert "Karin Jansen" in provider_side.inner_text()
    assert axe_violations(anna) == []
