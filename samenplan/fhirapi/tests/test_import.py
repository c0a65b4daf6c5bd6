"""POST /fhir/: a transaction Bundle into the token's plan. The Nictiz nl-core examples
import as one Bundle (JSON and XML) and show up where they belong, with what cannot be
placed reported; a second import adds nothing; a bad entry stops the whole Bundle;
refusals are a 4xx with an OperationOutcome; Anna's plan survives a round trip."""

import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from fhir.resources.R4B import get_fhir_model_class
from lxml import etree

from samenplan.conftest import add_member, make_user
from samenplan.health.models import LogEntry, Measurement, Result
from samenplan.plans.actions import do_create_own_plan
from samenplan.plans.constants import ContactKind, Role
from samenplan.plans.models import Contact, Goal, Plan

from .examples import NICTIZ

JSON, XML = "application/fhir+json", "application/fhir+xml"
READ, WRITE = "patient/*.read", "patient/*.read patient/*.write"


def api(user, scope=WRITE, plan=None):
    out = StringIO()
    call_command("issue_token", "--user", user.email, "--scope", scope,
                 *(["--plan", str(plan.pk)] if plan else []), stdout=out)
    answer = json.loads(out.getvalue())
    return Client(HTTP_AUTHORIZATION=f"Bearer {answer['access_token']}"), answer["patient"]


def nictiz_resources():
    for path in sorted(NICTIZ.glob("*.xml")):
        kind = etree.QName(etree.fromstring(path.read_bytes())).localname
        yield kind, path.read_bytes()


def nictiz_json_bundle():
    entries = []
    for kind, xml in nictiz_resources():
        resource = get_fhir_model_class(kind).model_validate_xml(xml)
        entries.append({"fullUrl": f"https://example.nictiz.nl/fhir/{kind}/{resource.id}",
                        "resource": json.loads(resource.model_dump_json()),
                        "request": {"method": "PUT", "url": f"{kind}/{resource.id}"}})
    return json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": entries})


def nictiz_xml_bundle():
    """The files as published, each inside an entry of one Bundle."""
    parts = [b'<Bundle xmlns="http://hl7.org/fhir"><type value="transaction"/>']
    for _kind, xml in nictiz_resources():
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        parts.append(b"<entry><resource>" + body + b"</resource></entry>")
    return b"".join(parts + [b"</Bundle>"])


def post(client, body, content_type=JSON):
    return client.post("/fhir/", data=body, content_type=content_type)


def outcome_texts(response):
    return [issue["diagnostics"] for issue in json.loads(response.content)["issue"]]


@pytest.fixture
def bert(db):
    user = make_user("bert@example.org", "Bert Visser")
    do_create_own_plan(user)
    return user


def bert_plan(bert):
    return Plan.objects.get(memberships__user=bert, memberships__role=Role.PATIENT)


@pytest.mark.parametrize("as_xml", [False, True])
def test_the_nictiz_examples_import_and_show_up_where_they_belong(bert, as_xml):
    client, _patient = api(bert)
    body, content_type = (nictiz_xml_bundle(), XML) if as_xml else (nictiz_json_bundle(), JSON)
    response = post(client, body, content_type)
    assert response.status_code == 200, response.content[:2000]
    answer = json.loads(response.content)
    assert answer["type"] == "transaction-response"
    assert len(answer["entry"]) == len(list(NICTIZ.glob("*.xml")))
    plan = bert_plan(bert)
    assert plan.profile.name != "Bert Visser"  # the Patient's details are his now
    pressure = Measurement.objects.get(plan=plan, kind="blood_pressure")
    assert (pressure.value, pressure.second_value) == (125, 75)
    assert Measurement.objects.filter(plan=plan, kind="weight").exists()
    assert Measurement.objects.get(plan=plan, kind="pain").value == 7
    assert Goal.objects.filter(plan=plan).count() == 3
    assert Contact.objects.filter(plan=plan, kind=ContactKind.PROVIDER).count() >= 6
    assert Contact.objects.filter(plan=plan, kind=ContactKind.NAASTE).count() >= 2
    # What cannot be placed is said, per entry: a Device, alcohol use, and lab results,
    # which a provider enters (Bert's token is the patient's).
    said = json.dumps(answer)
    assert "Samenplan neemt een Device niet over." in said
    assert "alcohol" in said
    assert "Mijn uitslagen: Dit vult uw zorgverlener in." in said
    assert not Result.objects.filter(plan=plan).exists()


def test_a_second_import_adds_nothing(bert):
    client, _patient = api(bert)
    body = nictiz_json_bundle()
    post(client, body)
    plan = bert_plan(bert)
    before = Counter({model: model.objects.filter(plan=plan).count()
                      for model in (Measurement, LogEntry, Goal, Contact)})
    again = json.loads(post(client, body).content)
    after = Counter({model: model.objects.filter(plan=plan).count()
                     for model in (Measurement, LogEntry, Goal, Contact)})
    assert after == before
    assert {e["response"]["status"] for e in again["entry"]} == {"200 OK"}


def test_a_provider_imports_the_lab_results(bert):
    karin = make_user("karin@example.org", "Karin Jansen", is_provider=True)
    plan = bert_plan(bert)
    add_member(plan, karin, Role.PROVIDER)
    client, _patient = api(karin, plan=plan)
    assert post(client, nictiz_json_bundle()).status_code == 200
    assert Result.objects.filter(plan=plan).count() == 3
    assert not Goal.objects.filter(plan=plan).exists()  # the patient writes goals


def goal(**changes):
    return {"resourceType": "Goal", "lifecycleStatus": "active",
            "description": {"text": "Elke dag wandelen"}, **changes}


def transaction(*resources):
    return json.dumps({"resourceType": "Bundle", "type": "transaction",
                       "entry": [{"resource": r} for r in resources]})


def test_one_bad_entry_stops_the_whole_bundle(bert):
    client, patient = api(bert)
    subject = {"reference": f"Patient/{patient}"}
    response = post(client, transaction(goal(subject=subject),
                                        goal(subject=subject, lifecycleStatus="bogus")))
    assert response.status_code == 422
    assert any("bogus" in text for text in outcome_texts(response))
    locations = [i.get("expression") for i in json.loads(response.content)["issue"]]
    assert ["Bundle.entry[1].resource.lifecycleStatus"] in locations
    assert not Goal.objects.filter(plan=bert_plan(bert)).exists()


@pytest.mark.parametrize("make_body, content_type, status", [
    (lambda p: transaction(goal(subject={"reference": "Patient/999999"})), JSON, 422),
    (lambda p: transaction(goal(subject={"reference": f"Patient/{p}"},
                                lifecycleStatus="bogus")), JSON, 422),
    (lambda p: transaction({"resourceType": "Spaceship"}), JSON, 400),
    (lambda p: b"{" + b" " * (50 * 1024 * 1024) + b"}", JSON, 413),
    (lambda p: '{"resourceType": "Bundle", "type": "transaction", "entry": [', JSON, 400),
    (lambda p: b"<Bundle xmlns='http://hl7.org/fhir'><type value='transaction'/>", XML, 400),
    (lambda p: transaction(goal()), "text/plain", 415),
])
def test_refusals_are_a_4xx_with_an_operation_outcome(bert, make_body, content_type, status):
    client, patient = api(bert)
    response = post(client, make_body(patient), content_type)
    assert response.status_code == status
    assert json.loads(response.content)["resourceType"] == "OperationOutcome"
    assert not Goal.objects.filter(plan=bert_plan(bert)).exists()


def test_a_read_token_may_not_import(bert):
    client, patient = api(bert, scope=READ)
    response = post(client, transaction(goal(subject={"reference": f"Patient/{patient}"})))
    assert response.status_code == 403
    assert json.loads(response.content)["resourceType"] == "OperationOutcome"


CONTENT_TYPES = ("Goal", "Observation", "Condition", "MedicationStatement", "Appointment")
# Besides ids, meta and references: what an import makes anew (who entered it, and when);
# a goal's achievement status, which comes from the evaluations (no FHIR resource here);
# and a goal's target, because a target value in Samenplan is agreed by named people from
# a date on, which Goal.target does not say (docs/fhir.md).
NOT_CONTENT = {"id", "meta", "reference", "fullUrl", "performer", "subject", "expressedBy",
               "recordedDate", "participant", "focus", "startDate",
               "achievementStatus", "informationSource", "target"}


def content(value):
    """A resource without its ids, meta and references, which an import makes anew."""
    if isinstance(value, dict):
        return {k: content(v) for k, v in sorted(value.items()) if k not in NOT_CONTENT}
    if isinstance(value, list):
        return [content(v) for v in value]
    return value


def exported(client, patient):
    everything = json.loads(client.get(f"/fhir/Patient/{patient}/$everything").content)
    resources = [e["resource"] for e in everything["entry"]
                 if e["resource"]["resourceType"] in CONTENT_TYPES]
    for resource in resources:
        if resource["id"].startswith("matters-"):
            del resource["effectiveDateTime"]  # when the note was last saved
    return sorted(json.dumps(content(r), sort_keys=True) for r in resources)


def test_annas_plan_survives_a_round_trip(db):
    call_command("load_demo", "--force", stdout=StringIO())
    anna = Plan.objects.get(memberships__user__email="anna@example.org",
                            memberships__role=Role.PATIENT).memberships.get(role="patient").user
    anna_api, anna_patient = api(anna, scope=READ)
    first = exported(anna_api, anna_patient)
    everything = json.loads(anna_api.get(f"/fhir/Patient/{anna_patient}/$everything").content)
    bundle = json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": e["resource"]} for e in everything["entry"]]})
    empty = make_user("nieuw@example.org", "Nieuw Plan")
    plan = do_create_own_plan(empty)
    doctor = make_user("dokter@example.org", "Dokter Bakker", is_provider=True)
    add_member(plan, doctor, Role.PROVIDER)
    new_api, new_patient = api(empty)
    # The patient side brings its parts; a provider the results and medicines.
    for client in (new_api, api(doctor, plan=plan)[0]):
        response = post(client, bundle)
        assert response.status_code == 200, response.content[:2000]
    second = exported(new_api, new_patient)
    missing, extra = Counter(first) - Counter(second), Counter(second) - Counter(first)
    assert ([m[-300:] for m in missing], [e[-300:] for e in extra]) == ([], [])
