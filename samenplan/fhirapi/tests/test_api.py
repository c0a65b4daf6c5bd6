"""The FHIR R4 API: metadata, read, search and $everything, in JSON and XML, with a token
for one plan; every resource it returns validates with the R4B models; the patient's
sharing choices and the audit log hold; a third-party client (fhirclient) reads it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import Access
from samenplan.plans.models import Goal, Membership, Plan

from .access import membership_of

JSON, XML = "application/fhir+json", "application/fhir+xml"


def token_for(user, scope="patient/*.read", plan=None):
    out = StringIO()
    args = ["--user", user.email, "--scope", scope] + (["--plan", str(plan.pk)] if plan else [])
    call_command("issue_token", *args, stdout=out)
    return json.loads(out.getvalue())


class Api:
    def __init__(self, user, plan=None):
        answer = token_for(user, plan=plan)
        self.patient = answer["patient"]
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {answer['access_token']}")

    def get(self, path, **headers):
        return self.client.get(path, **headers)

    def json(self, path, status=200):
        response = self.get(path)
        assert response.status_code == status, response.content[:500]
        return json.loads(response.content)


def validated(resource_json):
    """The resource parsed again by its R4B model (it raises if it is not valid)."""
    return get_fhir_model_class(resource_json["resourceType"]).model_validate(resource_json)


def load_anna():
    call_command("load_demo", "--force", stdout=StringIO())
    plan = Plan.objects.get(memberships__user__email="anna@example.org",
                            memberships__role="patient")
    return plan.memberships.get(role="patient").user


@pytest.fixture
def anna(db):
    return load_anna()


@pytest.fixture
def anna_for_a_live_server(transactional_db):
    """Committed, so that the live server's own connection sees it."""
    return load_anna()


def test_annas_whole_plan_validates_in_json_and_xml(anna):
    api = Api(anna)
    everything = api.json(f"/fhir/Patient/{api.patient}/$everything")
    Bundle.model_validate(everything)
    kinds = {e["resource"]["resourceType"] for e in everything["entry"]}
    assert kinds >= {"Patient", "CarePlan", "CareTeam", "Goal", "Observation", "Condition",
                     "MedicationStatement", "Appointment", "RelatedPerson", "Practitioner",
                     "PractitionerRole", "Organization"}
    for entry in everything["entry"]:
        validated(entry["resource"])
    assert everything["total"] == len(everything["entry"]) > 300
    as_xml = api.get(f"/fhir/Patient/{api.patient}/$everything?_format=xml")
    assert as_xml["Content-Type"].startswith(XML)
    assert len(Bundle.model_validate_xml(as_xml.content).entry) == everything["total"]


def test_each_resource_reads_alone_as_in_the_whole(anna):
    api = Api(anna)
    everything = api.json(f"/fhir/Patient/{api.patient}/$everything")
    for entry in everything["entry"][::25]:
        resource = entry["resource"]
        alone = api.json(f"/fhir/{resource['resourceType']}/{resource['id']}")
        assert alone == resource
        assert entry["fullUrl"].endswith(f"/fhir/{resource['resourceType']}/{resource['id']}")


def test_search_pages_follow_to_the_end_and_sort_by_date(anna):
    api = Api(anna)
    url, seen, newest_first = "/fhir/Observation?code=http://loinc.org|85354-9&_sort=-date" \
        "&_count=10", [], []
    while url:
        page = api.json(url)
        seen += [e["resource"]["id"] for e in page.get("entry", [])]
        newest_first += [e["resource"]["effectiveDateTime"] for e in page.get("entry", [])]
        url = next((link["url"] for link in page["link"] if link["relation"] == "next"), None)
    assert len(seen) == len(set(seen)) == page["total"] > 40
    assert newest_first == sorted(newest_first, reverse=True)


@pytest.mark.parametrize("query, check", [
    ("Goal?lifecycle-status=active", lambda r: r["lifecycleStatus"] == "active"),
    ("Observation?category=laboratory", lambda r: any(
        c["code"] == "laboratory" for cat in r["category"] for c in cat["coding"])),
    ("Observation?date=ge2026-11-01", lambda r: r.get("effectiveDateTime", "") >= "2026-11"),
    ("Appointment?status=booked", lambda r: r["status"] == "booked"),
    ("MedicationStatement?status=active", lambda r: r["status"] == "active"),
])
def test_search_finds_only_what_it_asks_for(anna, query, check):
    api = Api(anna)
    found = api.json(f"/fhir/{query}&_count=200")
    assert found["total"] > 0
    assert all(check(e["resource"]) for e in found["entry"] if e["search"]["mode"] == "match")


def test_an_unknown_parameter_is_left_out_and_said_or_refused_when_strict(plan, patient):
    api = Api(patient)
    lenient = api.json("/fhir/Goal?colour=red")
    outcome = [e for e in lenient.get("entry", []) if e["search"]["mode"] == "outcome"]
    assert "colour" in outcome[0]["resource"]["issue"][0]["diagnostics"]
    assert all("colour" not in link["url"] for link in lenient["link"])
    strict = api.get("/fhir/Goal?colour=red", HTTP_PREFER="handling=strict")
    assert strict.status_code == 400
    assert json.loads(strict.content)["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("path, status", [
    ("/fhir/Goal?start-date=gisteren", 400), ("/fhir/Spaceship", 404),
    ("/fhir/Goal/999999", 404), ("/fhir/Goal?_format=pdf", 406),
    ("/fhir/Goal?_sort=colour", 400),
])
def test_bad_requests_get_an_operation_outcome(plan, patient, path, status):
    response = Api(patient).get(path)
    assert response.status_code == status
    assert json.loads(response.content)["resourceType"] == "OperationOutcome"


def test_metadata_lists_what_is_implemented_without_a_token(client):
    response = client.get("/fhir/metadata", HTTP_ACCEPT=XML)
    assert response.status_code == 200 and response["Content-Type"].startswith(XML)
    statement = CapabilityStatement.model_validate_xml(response.content)
    types = {r.type for r in statement.rest[0].resource}
    assert types == {"Patient", "RelatedPerson", "Practitioner", "PractitionerRole",
                     "Organization", "CareTeam", "CarePlan", "Goal", "Condition",
                     "Observation", "MedicationStatement", "Appointment", "CodeSystem"}
    assert statement.rest[0].interaction[0].code == "transaction"
    patient = next(r for r in statement.rest[0].resource if r.type == "Patient")
    assert patient.operation[0].name == "everything"


def test_without_a_token_it_says_401_with_how_to_log_in(client, plan):
    response = client.get(f"/fhir/Patient/{plan.pk}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert json.loads(response.content)["resourceType"] == "OperationOutcome"


def test_a_logged_in_browser_session_is_no_token(plan, patient, as_user):
    assert as_user(patient).get(f"/fhir/Patient/{plan.pk}").status_code == 401


def test_another_plan_does_not_exist_for_a_token(plan, patient, outsider):
    Goal.objects.create(plan=plan, text="Geheim doel van Anna", created_by=patient)
    api = Api(outsider)
    assert api.get(f"/fhir/Patient/{plan.pk}/$everything").status_code == 404
    assert api.get(f"/fhir/Patient/{plan.pk}").status_code == 404
    goal = Goal.objects.get(plan=plan)
    assert api.get(f"/fhir/Goal/{goal.pk}").status_code == 404
    assert "Geheim doel" not in api.get(f"/fhir/Goal?patient={plan.pk}").content.decode()


def test_the_patients_sharing_choices_hold_for_a_naastes_token(plan, patient, naaste):
    Goal.objects.create(plan=plan, text="Weer naar de markt lopen", created_by=patient)
    api = Api(naaste, plan=plan)
    assert api.json("/fhir/Goal")["total"] == 1
    membership = membership_of(naaste, plan)
    membership.section_access = {"goals": Access.HIDDEN}
    membership.save()
    assert api.json("/fhir/Goal")["total"] == 0
    goal = Goal.objects.get(plan=plan)
    assert api.get(f"/fhir/Goal/{goal.pk}").status_code == 404
    everything = api.json(f"/fhir/Patient/{plan.pk}/$everything")
    assert "Goal" not in {e["resource"]["resourceType"] for e in everything.get("entry", [])}


def test_a_removed_member_s_token_stops_at_once(plan, patient, naaste):
    api = Api(naaste, plan=plan)
    assert api.get(f"/fhir/Patient/{plan.pk}").status_code == 200
    Membership.objects.filter(plan=plan, user=naaste).update(removed_at="2026-01-01T00:00Z")
    assert api.get(f"/fhir/Patient/{plan.pk}").status_code in (401, 403)


def test_every_read_is_in_the_audit_log_per_part(plan, patient):
    Goal.objects.create(plan=plan, text="Lopen", created_by=patient)
    Api(patient).get(f"/fhir/Patient/{plan.pk}/$everything")
    sections = set(AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.READ,
                                             user=patient).values_list("section", flat=True))
    assert {"personal", "goals", "members"} <= sections


def test_fhirclient_reads_annas_care_plan_and_goals(anna_for_a_live_server, live_server):
    anna = anna_for_a_live_server
    from fhirclient import server
    from fhirclient.models.careplan import CarePlan
    from fhirclient.models.goal import Goal as ClientGoal

    answer = token_for(anna)
    fhir = server.FHIRServer(None, base_uri=f"{live_server.url}/fhir")
    fhir.session.headers["Authorization"] = f"Bearer {answer['access_token']}"
    care_plan = CarePlan.read(answer["patient"], fhir)
    assert care_plan.subject.reference == f"Patient/{answer['patient']}"
    assert len(care_plan.activity) >= 5
    goals = ClientGoal.where(struct={"patient": answer["patient"]}).perform_resources(fhir)
    texts = {g.description.text for g in goals}
    assert "Ik wil weer zelf naar de markt op zaterdag kunnen lopen." in texts


def test_the_life_domains_code_system_is_published(client):
    response = client.get("/fhir/CodeSystem/samenplan-life-domains")
    assert response.status_code == 200
    system = validated(json.loads(response.content))
    codes = {c.code for group in system.concept for c in group.concept or [group]}
    assert {"body", "mind", "meaning"} <= codes
    assert client.get("/fhir/CodeSystem/onbekend").status_code == 404
