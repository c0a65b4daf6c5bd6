"""A transaction Bundle is read and checked before anything is saved: every problem is
named with its place, and a body too large, malformed JSON or XML, XML with entities, an
unknown resource type or a reference to another patient is refused with a clear 4xx."""

import json

import pytest
from django.test import RequestFactory

from samenplan.fhirapi.bundles import check_patient_references, parse_transaction, read_body
from samenplan.fhirapi.formats import JSON, XML, FhirError


def bundle(*resources, kind="transaction"):
    return json.dumps({"resourceType": "Bundle", "type": kind,
                       "entry": [{"resource": r} for r in resources]}).encode()


GOAL = {"resourceType": "Goal", "lifecycleStatus": "active",
        "description": {"text": "Weer naar de markt lopen"},
        "subject": {"reference": "Patient/7"}}


def refused(body, content_type=JSON, patient_id="7"):
    with pytest.raises(FhirError) as error:
        entries = parse_transaction(body, content_type)
        check_patient_references(entries, patient_id)
    return error.value


def test_a_good_bundle_gives_its_validated_entries():
    entries = parse_transaction(bundle(GOAL), JSON)
    assert [(e.index, e.resource.get_resource_type()) for e in entries] == [(0, "Goal")]
    check_patient_references(entries, "7")


def test_the_same_bundle_in_xml_is_read_too():
    xml = (b'<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/><entry><resource>'
           b'<Goal><lifecycleStatus value="active"/><description><text value="Lopen"/>'
           b'</description><subject><reference value="Patient/7"/></subject></Goal>'
           b'</resource></entry></Bundle>')
    entries = parse_transaction(xml, XML)
    assert entries[0].resource.description.text == "Lopen"


@pytest.mark.parametrize("body, content_type, status, words", [
    (b'{"resourceType": "Bundle", "type": "transaction", "entry": [', JSON, 400,
     "not valid JSON"),
    (b"<Bundle xmlns='http://hl7.org/fhir'><type value='transaction'/>", XML, 400,
     "not valid XML"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     b'<Bundle xmlns="http://hl7.org/fhir"><type value="&e;"/></Bundle>', XML, 400,
     "DOCTYPE"),
    (b'{"resourceType": "Patient"}', JSON, 400, "Send a Bundle"),
    (bundle(GOAL, kind="collection"), JSON, 400, "must be transaction"),
    (bundle({"resourceType": "Spaceship", "id": "x"}), JSON, 400, "no resource type Spaceship"),
    (bundle({"resourceType": "bundle"}), JSON, 400, "no resource type bundle"),
    (bundle({"resourceType": "Quantity", "value": 1}), JSON, 400, "no resource type Quantity"),
    (bundle({"resourceType": "Goal", "lifecycleStatus": "active"}), JSON, 400,
     "Field required"),
    (bundle({**GOAL, "subject": {"reference": "Patient/8"}}), JSON, 422, "another patient"),
])
def test_it_refuses_with_a_clear_outcome(body, content_type, status, words):
    error = refused(body, content_type)
    assert error.status == status
    assert any(words in issue.message for issue in error.issues), error.issues


def test_every_problem_is_named_with_its_entry():
    error = refused(bundle(GOAL, {"resourceType": "Spaceship"},
                           {"resourceType": "Goal", "lifecycleStatus": "active"}))
    locations = [issue.location for issue in error.issues]
    assert "Bundle.entry[1].resource" in locations
    assert "Bundle.entry[2].resource.description" in locations
    assert "Bundle.entry[2].resource.subject" in locations


def test_the_bundles_own_patient_stands_for_the_tokens_patient():
    patient = {"resourceType": "Patient", "id": "nl-core-Patient-01"}
    goal = {**GOAL, "subject": {"reference": "Patient/nl-core-Patient-01"}}
    entries = parse_transaction(bundle(patient, goal), JSON)
    check_patient_references(entries, "7")


def test_a_body_of_50_mb_is_refused_before_it_is_read(settings):
    body = b"{" + b" " * (50 * 1024 * 1024) + b"}"
    request = RequestFactory().post("/fhir/", data=body, content_type=JSON)
    with pytest.raises(FhirError) as error:
        read_body(request)
    assert error.value.status == 413
    assert "MB" in error.value.issues[0].message


def test_an_empty_body_is_refused():
    request = RequestFactory().post("/fhir/", data=b"", content_type=JSON)
    with pytest.raises(FhirError) as error:
        read_body(request)
    assert error.value.status == 400
