"""'Gegevens toevoegen uit een bestand': the patient uploads a FHIR file and sees what was
added, what was updated and what could not be placed; a bad file changes nothing and
says so; only the patient side may use it."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenplan.plans.models import Goal

from .examples import NICTIZ
from .test_import import nictiz_json_bundle, nictiz_xml_bundle


def upload(client, plan, content, name="pgo.json"):
    return client.post(reverse("fhirapi:import", args=[plan.pk]),
                       {"file": SimpleUploadedFile(name, content)})


def test_the_patient_adds_the_nictiz_file_and_sees_what_happened(plan, patient, as_user):
    client = as_user(patient)
    page = client.get(reverse("fhirapi:import", args=[plan.pk])).content.decode()
    assert "persoonlijke gezondheidsomgeving (PGO)" in page
    response = upload(client, plan, nictiz_xml_bundle(), "nictiz.xml")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Toegevoegd" in page and "Niet overgenomen" in page
    assert "Mijn doelen" in page and Goal.objects.filter(plan=plan).count() == 3
    again = upload(client, plan, nictiz_json_bundle().encode()).content.decode()
    assert "Bijgewerkt" in again and Goal.objects.filter(plan=plan).count() == 3


def test_our_own_download_of_everything_can_be_added(plan, patient, as_user):
    everything = {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {
        "resourceType": "Goal", "lifecycleStatus": "active",
        "description": {"text": "Elke dag wandelen"},
        "subject": {"reference": f"Patient/{plan.pk}"}}}]}
    upload(as_user(patient), plan, json.dumps(everything).encode())
    assert Goal.objects.get(plan=plan).text == "Elke dag wandelen"


def test_a_bad_file_changes_nothing_and_says_so(plan, patient, as_user):
    client = as_user(patient)
    for content in (b"dit is geen FHIR", b'{"resourceType": "Bundle", "type": "transaction", '
                    b'"entry": [{"resource": {"resourceType": "Goal"}}]}'):
        page = upload(client, plan, content).content.decode()
        assert "Dit bestand kunnen we niet overnemen. Er is niets veranderd aan uw plan." in page
    assert not Goal.objects.filter(plan=plan).exists()


def test_a_file_too_large_is_refused(plan, patient, as_user, settings):
    settings.FHIR_MAX_BODY_BYTES = 1000
    page = upload(as_user(patient), plan, b"{" + b" " * 2000 + b"}").content.decode()
    assert "Dit bestand is te groot." in page


def test_only_the_patient_side_may_add_files(plan, provider, naaste, as_user):
    url = reverse("fhirapi:import", args=[plan.pk])
    assert as_user(provider).get(url).status_code == 403
    assert as_user(naaste).get(url).status_code == 200  # Sanne may act for Anna


def test_a_file_with_one_resource_is_added_too(plan, patient, as_user):
    goal = {"resourceType": "Goal", "lifecycleStatus": "active",
            "description": {"text": "Elke dag wandelen"},
            "subject": {"reference": f"Patient/{plan.pk}"}}
    page = upload(as_user(patient), plan, json.dumps(goal).encode()).content.decode()
    assert "Toegevoegd" in page and Goal.objects.filter(plan=plan).count() == 1


def test_a_resource_about_someone_else_is_refused(plan, patient, as_user):
    """A Nictiz goal alone points at the Nictiz patient, who is not in the file."""
    xml = (NICTIZ / "nl-core-TreatmentObjective-01.xml").read_bytes()
    page = upload(as_user(patient), plan, xml, "doel.xml").content.decode()
    assert "Dit bestand kunnen we niet overnemen." in page and "another patient" in page
    assert not Goal.objects.filter(plan=plan).exists()
