"""The page check of the B1 sweep (tests/browser/test_accessibility.py) catches a judging
word or unexplained jargon the moment it is added to a template. Here one page is rendered
with the Django test client, once as it is and once with a word added to its template."""

import copy
import html
import re
from pathlib import Path

import pytest
from django.urls import reverse

from samenplan.lib import taal

GOALS_TEMPLATE = (Path(__file__).parents[2] / "plans" / "templates" / "plans" / "goals.html")
ANCHOR = '<h1 class="utrecht-heading-1">{{ sections.goals.title }}</h1>'


def visible_text(page):
    """Roughly what a browser shows: the body without scripts, tags made line breaks."""
    body = re.search(r"<body.*?</body>", page, re.S).group(0)
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", body))


@pytest.fixture
def goals_page(plan, patient, as_user, settings, tmp_path):
    """The text of Anna's goals page, rendered from goals.html with `added` after its h1."""

    def render(added=""):
        source = GOALS_TEMPLATE.read_text(encoding="utf-8")
        assert ANCHOR in source
        (tmp_path / "plans").mkdir(exist_ok=True)
        (tmp_path / "plans" / "goals.html").write_text(
            source.replace(ANCHOR, ANCHOR + f'<p class="utrecht-paragraph">{added}</p>'),
            encoding="utf-8",
        )
        templates = copy.deepcopy(settings.TEMPLATES)
        templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
        settings.TEMPLATES = templates  # a new list, so Django reloads its template engine
        response = as_user(patient).get(reverse("plans:goals", args=[plan.pk]))
        assert response.status_code == 200
        return visible_text(response.content.decode())

    return render


def test_the_goals_page_passes_as_it_is(goals_page):
    text = goals_page()
    assert "Mijn doelen" in text
    assert taal.problems(text) == []


@pytest.mark.parametrize("added, word", [
    ("Goed gedaan! U bent deze week elke dag gaan lopen.", "goed gedaan"),  # judging
    ("U moet elke dag lopen.", "moet"),
    ("Dat is slecht voor uw suiker.", "slecht"),
    ("Neem uw medicatie mee.", "medicatie"),  # jargon
    ("We evalueren uw doelen samen.", "evalueren"),
    ("Uw indicatie staat hieronder.", "indicatie"),
])
def test_a_judging_word_or_jargon_added_to_a_template_fails_the_check(goals_page, added, word):
    problems = taal.problems(goals_page(added))
    assert any(word in problem for problem in problems), problems


def test_jargon_with_its_explanation_passes(goals_page):
    text = goals_page("Uw indicatie: welke zorg u krijgt, van wie en hoe lang.")
    assert taal.problems(text) == []
