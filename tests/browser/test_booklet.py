"""'Mijn plan als boekje' in a real browser: the choice page and its error state have no
axe violations and work by keyboard alone, and the button gives a PDF download."""

import pypdf
from playwright.sync_api import expect

from .conftest import axe_violations, log_in


def test_anna_makes_her_booklet_by_keyboard(demo, new_page, tmp_path):
    anna = log_in(new_page(), "anna@example.org")
    anna.get_by_role("link", name="Mijn plan als boekje").click()
    heading = anna.get_by_role("heading", level=1, name="Mijn plan als boekje")
    expect(heading).to_be_visible()
    assert axe_violations(anna) == []

    # Nothing chosen: the page says what to do, and nothing is downloaded.
    for box in anna.get_by_role("checkbox").all():
        box.uncheck()
    anna.get_by_role("button", name="Boekje maken (PDF)").click()
    message = anna.get_by_text("Kies minstens één deel.").first
    expect(message).to_be_visible()
    assert axe_violations(anna) == []

    # By keyboard: tick two parts and A5 with Space, then press Enter on the button.
    anna.get_by_role("checkbox", name="Mijn doelen").focus()
    anna.keyboard.press("Space")
    anna.get_by_role("checkbox", name="Mijn agenda").focus()
    anna.keyboard.press("Space")
    anna.get_by_role("radio", name="A5: een half vel, als boekje").focus()
    anna.keyboard.press("Space")
    anna.get_by_role("button", name="Boekje maken (PDF)").focus()
    with anna.expect_download() as download:
        anna.keyboard.press("Enter")
    path = tmp_path / "boekje.pdf"
    download.value.save_as(path)
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Mijn doelen" in text and "Mijn agenda" in text and "Mijn medicijnen" not in text
    assert round(reader.pages[0].mediabox.width) == 420  # A5
