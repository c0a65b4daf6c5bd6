"""'Mijn plan als boekje': a tagged PDF with the parts the reader chooses and may see,
in A4 or A5, normal or large print, with room to write; printing is in the audit log."""

import io
import re
from collections import Counter
from io import StringIO

import pypdf
import pytest
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEvent
from samenplan.booklet.content import GATHER
from samenplan.booklet.forms import TEXT_SIZE
from samenplan.conftest import client_for
from samenplan.health.models import Medication
from samenplan.plans.constants import Access, Role
from samenplan.plans.models import Membership, Plan
from samenplan.plans.sections import PARTS
from samenplan.plans.tests.conftest import membership_of

pytestmark = pytest.mark.django_db
ALL_PARTS = list(PARTS)
PAGE_SIZES = {"a4": (595, 842), "a5": (420, 595)}  # in points, rounded
TITLES = ["Mijn gegevens", "Mijn leven", "Mijn doelen", "Wat gaan we doen", "Samen terugkijken",
          "Mijn logboek", "Mijn agenda", "Mijn medicijnen", "Mijn uitslagen", "Mijn metingen",
          "Wie doen er mee"]


def get_booklet(client, plan, parts=ALL_PARTS, papier="a4", letters="normaal"):
    return client.get(reverse("booklet:pdf", args=[plan.pk]),
                      {"delen": parts, "papier": papier, "letters": letters})


def pdf_of(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(reader):
    """All the text, with the line breaks of the layout made into spaces."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def structure(reader):
    """The tags of the PDF's structure tree, counted, and the alt texts of its figures."""
    tags, figure_alts = Counter(), []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                tags[node["/S"]] += 1
                if node["/S"] == "/Figure":
                    figure_alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return tags, figure_alts


def body_text_size(page, text):
    """The size in points at which this text is set on this page."""
    sizes = []

    def visit(found, cm, tm, _font, font_size):
        if found.strip() == text:
            sizes.append(font_size * tm[0] * cm[0])

    page.extract_text(visitor_text=visit)
    assert sizes, text
    return round(sizes[0], 1)


@pytest.fixture
def anna():
    call_command("load_demo", "--force", stdout=StringIO())
    return User.objects.get(email="anna@example.org")


def plan_of(user):
    return Plan.objects.get(memberships__user=user, memberships__role=Role.PATIENT)


def test_anna_downloads_her_whole_booklet_in_each_size(anna):
    """A4 and A5, normal and large print, from one load of the demo (it takes seconds)."""
    plan, client = plan_of(anna), client_for(anna)
    for papier, letters in TEXT_SIZE:
        check_whole_booklet(get_booklet(client, plan, papier=papier, letters=letters),
                            papier, letters)


def check_whole_booklet(response, papier, letters):
    assert response["Content-Disposition"].startswith('attachment; filename="samenplan-boekje')
    reader = pdf_of(response)
    text = text_of(reader)
    for title in TITLES:
        assert title in text, (papier, letters, title)
    # Anna's own words and figures, from each part, and the room to write.
    for content in ["Kastanjelaan 14", "Ik wil weer zelf naar de markt",
                    "Sinds mijn man is overleden", "Ik wil minder avonden alleen zijn",
                    "Metformine", "HbA1c", "Sanne de Vries (dochter)", "Karin Jansen",
                    "Dit vult u zelf in.", "Dit vult u samen met uw zorgverlener in.",
                    "Dit vult uw zorgverlener in.", "Een nieuw doel", "Nieuwe afspraken",
                    "Mijn vragen voor deze afspraak", "Zelf opschrijven"]:
        assert content in text, (papier, letters, content)
    pages = len(reader.pages)
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert f"Pagina 1 van {pages}" in first
    assert f"Afgedrukt op {date_format(timezone.localdate(), 'j F Y')}" in first
    width, height = PAGE_SIZES[papier]
    assert (round(reader.pages[0].mediabox.width),
            round(reader.pages[0].mediabox.height)) == (width, height)
    # For a screen reader: one h1, an h2 per part and the contents, and every chart a
    # figure with its text alternative.
    tags, figure_alts = structure(reader)
    assert tags["/H1"] == 1 and tags["/H2"] == len(TITLES) + 1
    assert len(figure_alts) >= 4 and all(alt.startswith(("Grafiek", "Spinnenweb"))
                                         for alt in figure_alts)
    size = body_text_size(reader.pages[2], "Anna de Vries")
    assert size == TEXT_SIZE[papier, letters] and (letters != "groot" or size >= 14)


def test_the_pdf_is_tagged_pdf_ua_in_dutch_with_a_title(patient, plan):
    reader = pdf_of(get_booklet(client_for(patient), plan))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Mijn plan: Anna de Vries"
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp


def test_an_empty_plan_still_gives_a_booklet_with_room_to_write(patient, plan):
    text = text_of(pdf_of(get_booklet(client_for(patient), plan)))
    for room in ["Wat wil ik bereiken? Waarom is dat belangrijk voor mij?",
                 "Mijn vragen voor de volgende afspraak", "Nieuwe afspraken",
                 "De volgende keer samen terugkijken", "Zelf opschrijven"]:
        assert room in text, room
    assert "Er staan nog geen doelen in het plan." in text


def test_it_holds_only_the_parts_chosen(patient, plan):
    reader = pdf_of(get_booklet(client_for(patient), plan, parts=["goals", "agenda"]))
    text = text_of(reader)
    assert "Mijn doelen" in text and "Mijn agenda" in text
    assert "Mijn medicijnen" not in text and "Mijn logboek" not in text


def test_a_naaste_gets_the_plan_in_the_words_for_others(plan, naaste):
    text = text_of(pdf_of(get_booklet(client_for(naaste), plan, parts=["goals"])))
    assert "Het plan van Anna de Vries" in text
    assert "Dit vult Anna de Vries zelf in." in text


def test_a_part_not_shared_is_refused_not_printed(plan, naaste):
    Medication.objects.create(plan=plan, name="Geheimol", dose="1", purpose="x",
                              since=timezone.localdate())
    membership = membership_of(naaste, plan)
    membership.section_access = {"medicines": Access.HIDDEN}
    membership.save()
    client = client_for(naaste)
    response = get_booklet(client, plan, parts=["goals", "medicines"])
    assert response.status_code == 403
    assert "niet gedeeld" in response.content.decode()
    assert AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.DENIED).exists()
    assert not AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.PRINT).exists()
    # The choice page does not offer it; everything else prints.
    page = client.get(reverse("booklet:choose", args=[plan.pk])).content.decode()
    assert 'value="goals"' in page and 'value="medicines"' not in page
    everything_shown = [part for part in ALL_PARTS if part != "medicines"]
    text = text_of(pdf_of(get_booklet(client, plan, parts=everything_shown)))
    assert "Geheimol" not in text and "Medicijnen van" not in text


def test_a_member_with_nothing_shared_gets_no_booklet(plan, naaste):
    membership = membership_of(naaste, plan)
    membership.section_access = dict.fromkeys(PARTS, Access.HIDDEN)
    membership.save()
    client = client_for(naaste)
    assert client.get(reverse("booklet:choose", args=[plan.pk])).status_code == 403
    assert get_booklet(client, plan, parts=[]).status_code == 403


def test_printing_is_in_the_audit_log_per_part(patient, plan):
    get_booklet(client_for(patient), plan, parts=["goals", "logbook"])
    printed = AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.PRINT)
    assert sorted(printed.values_list("section", flat=True)) == ["goals", "logbook"]
    assert {e.user_id for e in printed} == {patient.pk}


@pytest.mark.parametrize("query, message", [
    ({"papier": "a4", "letters": "normaal"}, "Kies minstens één deel."),
    ({"delen": ["goals"], "papier": "a3", "letters": "normaal"}, "Kies een van de"),
    ({"delen": ["goals"], "papier": "a4", "letters": "reuzegroot"}, "Kies een van de"),
    ({"delen": ["geheim"], "papier": "a4", "letters": "normaal"}, "Kies een van de"),
])
def test_a_wrong_choice_gets_a_clear_message_and_no_pdf(patient, plan, query, message):
    response = client_for(patient).get(reverse("booklet:pdf", args=[plan.pk]), query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.PRINT).exists()


def test_the_choice_page_offers_every_part_and_the_sizes(patient, plan):
    response = client_for(patient).get(reverse("booklet:choose", args=[plan.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for part in ALL_PARTS:
        assert f'value="{part}"' in page
    assert "A5: een half vel, als boekje" in page and "Groot: makkelijker te lezen" in page
    assert reverse("booklet:pdf", args=[plan.pk]) in page


def test_the_overview_links_to_the_booklet(patient, plan):
    page = client_for(patient).get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert reverse("booklet:choose", args=[plan.pk]) in page


def test_only_get_is_answered(patient, plan):
    client = client_for(patient)
    assert client.post(reverse("booklet:choose", args=[plan.pk])).status_code == 405
    assert client.post(reverse("booklet:pdf", args=[plan.pk])).status_code == 405


def test_a_member_of_another_plan_gets_404(plan, outsider):
    client = client_for(outsider)
    assert client.get(reverse("booklet:choose", args=[plan.pk])).status_code == 404
    assert get_booklet(client, plan).status_code == 404
    assert not Membership.objects.filter(plan=plan, user=outsider).exists()


def test_anna_sees_who_printed_her_plan(plan, patient, provider):
    get_booklet(client_for(provider), plan, parts=["medicines"])
    page = client_for(patient).get(reverse("audit:accesses", args=[plan.pk])).content.decode()
    row = page[page.index("Karin Jansen"):]
    assert "Mijn medicijnen" in row[:400] and "afgedrukt" in row[:400]


def test_every_part_of_the_plan_has_its_page_in_the_booklet():
    assert set(GATHER) == set(PARTS)
    for part in PARTS:
        get_template(f"booklet/parts/{part}.html")
