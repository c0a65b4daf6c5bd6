"""The mapping of the people of a plan: Patient, RelatedPerson, Practitioner,
PractitionerRole, Organization and CareTeam, to FHIR and back, against the Nictiz nl-core
examples too. Every resource we make must parse again, as JSON and as XML."""

import datetime

import pytest
from django.utils import timezone
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.relatedperson import RelatedPerson

from samenplan.accounts.models import Organisation
from samenplan.fhirapi.mapping import (
    care_team,
    organization,
    patient,
    practitioner,
    related_person,
)
from samenplan.fhirapi.mapping.common import member_reference
from samenplan.plans.constants import ContactKind, PlanStatus, Role
from samenplan.plans.models import Contact, Membership

from .checks import valid
from .examples import NICTIZ

NL_CORE = "http://nictiz.nl/fhir/StructureDefinition/"


def assert_valid(resource):
    """`checks.valid`, giving the resource as plain data."""
    return valid(resource).model_dump()


def example(model, name):
    return model.model_validate_xml((NICTIZ / name).read_bytes())


def problems_of(mapped):
    return {problem.location for problem in mapped.problems}


def member_of(user, plan):
    return Membership.objects.select_related("user").prefetch_related(
        "user__organisations").get(plan=plan, user=user, removed_at=None)


@pytest.fixture
def profile(plan):
    profile = plan.profile
    profile.date_of_birth = datetime.date(1958, 3, 14)
    profile.address = "Lindelaan 4, 3511 AB Utrecht"
    profile.phone = "06 12345678"
    profile.language_needs = "Ik lees liever grote letters."
    profile.save()
    return profile


# --- Patient ------------------------------------------------------------------------------

def test_it_maps_the_profile_to_an_nl_core_patient(profile, django_assert_num_queries):
    with django_assert_num_queries(0):
        resource = patient.to_fhir(profile)
    data = assert_valid(resource)
    assert data["id"] == str(profile.plan_id)
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-Patient"]
    assert data["birthDate"] == datetime.date(1958, 3, 14)
    assert data["address"] == [{"use": "home", "text": "Lindelaan 4, 3511 AB Utrecht"}]
    assert {(p["system"], p["value"]) for p in data["telecom"]} == {
        ("phone", "06 12345678"), ("email", "patient@example.org")}
    language = data["communication"][0]
    assert language["language"]["coding"][0]["code"] == "nl"
    assert language["extension"][0]["valueString"] == "Ik lees liever grote letters."


def test_it_splits_a_dutch_name_with_its_voorvoegsel(profile):
    name = assert_valid(patient.to_fhir(profile))["name"][0]
    assert name["text"] == "Anna de Vries"
    assert name["given"] == ["Anna"]
    assert name["family"] == "de Vries"
    assert [e["valueString"] for e in name["_family"]["extension"]] == ["de", "Vries"]


def test_it_reads_back_the_profile_it_wrote(profile):
    mapped = patient.from_fhir(patient.to_fhir(profile))
    assert mapped.fields == {
        "name": profile.name, "date_of_birth": profile.date_of_birth,
        "address": profile.address, "phone": profile.phone, "email": profile.email,
        "language_needs": profile.language_needs,
    }
    assert mapped.problems == [] and mapped.unplaced == []
    assert mapped.model == "profile"


def test_it_leaves_out_what_a_patient_resource_does_not_hold(plan):
    profile = plan.profile
    profile.email = ""
    mapped = patient.from_fhir(patient.to_fhir(profile))
    assert mapped.fields == {"name": "Anna de Vries"}


def test_it_reads_the_nictiz_patient():
    mapped = patient.from_fhir(example(Patient, "nl-core-Patient-01.xml"))
    assert mapped.problems == []
    assert mapped.fields["name"] == "Johanna Petronella Maria van Putten-van der Giessen"
    assert mapped.fields["date_of_birth"] == datetime.date(1934, 4, 28)
    assert mapped.fields["address"] == "1e Jacob van Campenstr 15, 1012 NX Hoogmade"
    assert mapped.fields["email"] == "giesput@myweb.nl"
    assert mapped.fields["language_needs"].startswith("Bij gesprek met arts")
    # Samenplan keeps no BSN, gender or contact persons of the Patient resource.
    assert {"Patient.identifier", "Patient.gender", "Patient.contact",
            "Patient.name[1]"} <= set(mapped.unplaced)


def test_it_reads_the_nictiz_care_team_patient():
    mapped = patient.from_fhir(example(Patient, "nl-core-CareTeam-01-Patient-01.xml"))
    assert mapped.fields == {"name": "Ingrid de Jong-de Wit"}


def test_it_refuses_a_birth_date_without_a_day():
    resource = Patient.model_validate({"resourceType": "Patient", "birthDate": "1958-03"})
    assert problems_of(patient.from_fhir(resource)) == {"Patient.birthDate"}


def test_it_refuses_an_email_address_that_is_not_one():
    resource = Patient.model_validate({"resourceType": "Patient", "telecom": [
        {"system": "email", "value": "anna at home"}]})
    mapped = patient.from_fhir(resource)
    assert problems_of(mapped) == {"Patient.telecom[0]"}
    assert "e-mailadres" in mapped.problems[0].message


def test_it_refuses_a_modifier_extension_it_does_not_know():
    resource = Patient.model_validate({"resourceType": "Patient", "modifierExtension": [
        {"url": "https://example.org/not-really", "valueBoolean": True}]})
    assert problems_of(patient.from_fhir(resource)) == {"Patient.modifierExtension"}


# --- RelatedPerson ------------------------------------------------------------------------

def test_it_maps_a_naaste_member_to_a_contact_person(plan, naaste, django_assert_num_queries):
    membership = member_of(naaste, plan)
    with django_assert_num_queries(0):
        resource = related_person.to_fhir(membership)
    data = assert_valid(resource)
    assert data["id"] == f"member-{membership.pk}"
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-ContactPerson"]
    assert data["patient"] == {"reference": f"Patient/{plan.pk}"}
    assert data["relationship"] == [{"text": "dochter"}]
    assert data["name"][0]["text"] == "Sanne de Vries"
    assert data["active"] is True


def test_it_reads_a_naaste_member_back_as_a_contact(plan, naaste):
    mapped = related_person.from_fhir(related_person.to_fhir(member_of(naaste, plan)))
    assert mapped.fields == {"kind": "naaste", "name": "Sanne de Vries",
                             "role_or_relation": "dochter", "phone": "",
                             "email": "naaste@example.org"}
    assert mapped.problems == [] and mapped.unplaced == []
    assert mapped.model == "contact"


def test_it_round_trips_a_naaste_in_the_contact_list(plan):
    contact = Contact.objects.create(plan=plan, kind=ContactKind.NAASTE, name="Henk Buur",
                                     role_or_relation="buurman", phone="030 1234567")
    assert related_person.is_related_person(contact)
    resource = related_person.contact_to_fhir(contact)
    assert assert_valid(resource)["id"] == f"contact-{contact.pk}"
    mapped = related_person.from_fhir(resource)
    assert mapped.fields == {"kind": contact.kind, "name": contact.name,
                             "role_or_relation": contact.role_or_relation,
                             "phone": contact.phone, "email": contact.email}


def test_it_does_not_make_a_related_person_of_a_provider_contact(plan):
    contact = Contact(plan=plan, kind=ContactKind.PROVIDER, name="Dr. Pieters",
                      role_or_relation="huisarts")
    assert not related_person.is_related_person(contact)


def test_it_marks_a_removed_naaste_inactive_and_does_not_place_that(plan, naaste):
    membership = member_of(naaste, plan)
    membership.removed_at = timezone.now()
    resource = related_person.to_fhir(membership)
    assert resource.active is False
    assert related_person.from_fhir(resource).unplaced == ["RelatedPerson.active"]


@pytest.mark.parametrize("name, relation", [
    ("nl-core-ContactPerson-01.xml", "Eerste relatie/contactpersoon, Hulpverlener"),
    ("nl-core-HelpFromOthers-01-RelatedPerson-01.xml", "Buur"),
    ("nl-core-CareTeam-01-RelatedPerson-01.xml", "Eerste relatie/contactpersoon, Husband"),
])
def test_it_reads_the_nictiz_contact_persons(name, relation):
    mapped = related_person.from_fhir(example(RelatedPerson, name))
    assert mapped.problems == []
    assert mapped.fields["role_or_relation"] == relation
    assert mapped.fields["name"]


def test_it_refuses_a_related_person_without_a_relation():
    resource = RelatedPerson.model_validate({
        "resourceType": "RelatedPerson", "patient": {"reference": "Patient/1"},
        "name": [{"text": "Jan"}]})
    assert problems_of(related_person.from_fhir(resource)) == {"RelatedPerson.relationship"}


# --- Practitioner, PractitionerRole, Organization ----------------------------------------

def test_it_maps_a_provider_to_practitioner_and_role(plan, provider, django_assert_num_queries):
    membership = member_of(provider, plan)
    organisation = provider.organisations.get()
    with django_assert_num_queries(0):
        person = practitioner.to_fhir(membership.user)
        role = practitioner.role_to_fhir(membership)
    person, role = assert_valid(person), assert_valid(role)
    assert person["id"] == str(provider.pk)
    assert person["meta"]["profile"] == [NL_CORE + "nl-core-HealthProfessional-Practitioner"]
    assert person["telecom"] == [{"system": "email", "value": "poh@example.org", "use": "work"}]
    assert role["id"] == str(membership.pk)
    assert role["meta"]["profile"] == [NL_CORE + "nl-core-HealthProfessional-PractitionerRole"]
    assert role["practitioner"]["reference"] == f"Practitioner/{provider.pk}"
    assert role["organization"] == {"reference": f"Organization/{organisation.pk}",
                                    "display": "Huisartsenpraktijk Test"}
    assert role["specialty"] == [{"text": "praktijkondersteuner"}]


def test_it_takes_the_first_organisation_of_a_provider(plan, provider):
    provider.organisations.add(Organisation.objects.create(name="Zorggroep Later"))
    first = min(provider.organisations.all(), key=lambda org: org.pk)
    role = practitioner.role_to_fhir(member_of(provider, plan))
    assert role.organization.reference == f"Organization/{first.pk}"


def test_it_reads_back_the_provider_it_wrote(plan, provider):
    membership = member_of(provider, plan)
    person = practitioner.from_fhir(practitioner.to_fhir(provider))
    assert person.fields == {"name": "Karin Jansen", "phone": "", "email": "poh@example.org"}
    assert person.unplaced == []
    role = practitioner.role_from_fhir(practitioner.role_to_fhir(membership))
    assert role.fields == {"profession": "praktijkondersteuner", "user_id": provider.pk,
                           "organisation_id": provider.organisations.get().pk}
    assert role.problems == [] and role.unplaced == []


def test_it_round_trips_an_organisation(db, django_assert_num_queries):
    organisation = Organisation.objects.create(name="Thuiszorg De Brug", phone="030 7654321")
    with django_assert_num_queries(0):
        resource = organization.to_fhir(organisation)
    data = assert_valid(resource)
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-HealthcareProvider-Organization"]
    mapped = organization.from_fhir(resource)
    assert mapped.fields == {"name": organisation.name, "phone": organisation.phone}
    assert mapped.unplaced == []


@pytest.mark.parametrize("name", [
    "nl-core-HealthProfessional-Practitioner-01.xml",
    *(f"nl-core-CareTeam-01-Practitioner-0{i}.xml" for i in range(1, 7)),
])
def test_it_reads_the_nictiz_practitioners(name):
    mapped = practitioner.from_fhir(example(Practitioner, name))
    assert mapped.problems == []
    assert mapped.fields["name"]


def test_it_reads_the_nictiz_practitioner_with_its_big_number_unplaced():
    mapped = practitioner.from_fhir(
        example(Practitioner, "nl-core-HealthProfessional-Practitioner-01.xml"))
    assert mapped.fields == {"name": "J.H.R. Peters", "phone": "+3715828282",
                             "email": "j.peters@hospital.nl"}
    assert mapped.unplaced == ["Practitioner.address", "Practitioner.identifier"]


@pytest.mark.parametrize("name", [
    "nl-core-HealthProfessional-PractitionerRole-01.xml",
    *(f"nl-core-CareTeam-01-PractitionerRole-0{i}.xml" for i in range(1, 7)),
])
def test_it_reads_the_nictiz_practitioner_roles(name):
    mapped = practitioner.role_from_fhir(example(PractitionerRole, name))
    assert mapped.problems == []
    # Their practitioner is not one of ours: the import would have to rewrite it first.
    assert "PractitionerRole.practitioner" in mapped.unplaced
    assert mapped.fields["user_id"] is None


def test_it_reads_the_specialty_of_the_nictiz_role_as_profession():
    mapped = practitioner.role_from_fhir(
        example(PractitionerRole, "nl-core-HealthProfessional-PractitionerRole-01.xml"))
    assert mapped.fields["profession"] == "Neuroloog"


@pytest.mark.parametrize("name", ["nl-core-HealthcareProvider-Organization-01.xml",
                                  "nl-core-HelpFromOthers-02-Organization-01.xml"])
def test_it_reads_the_nictiz_organizations(name):
    mapped = organization.from_fhir(example(Organization, name))
    assert mapped.problems == []
    assert mapped.fields["name"]


def test_it_leaves_the_ura_number_and_e_mail_of_an_organization_unplaced():
    mapped = organization.from_fhir(
        example(Organization, "nl-core-HealthcareProvider-Organization-01.xml"))
    assert mapped.fields == {"name": "Erasmus Universitair Medisch Centrum",
                             "phone": "+31107040704"}
    assert {"Organization.identifier", "Organization.telecom[1]"} <= set(mapped.unplaced)


# --- CareTeam -----------------------------------------------------------------------------

def active_members(plan):
    return list(plan.memberships.select_related("user").filter(removed_at=None)
                .order_by("pk"))


def test_it_maps_the_members_to_a_care_team(plan, naaste, provider, django_assert_num_queries):
    memberships = active_members(plan)
    with django_assert_num_queries(0):
        resource = care_team.to_fhir(plan, memberships)
    data = assert_valid(resource)
    assert data["id"] == str(plan.pk)
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-CareTeam"]
    assert data["status"] == "active"
    assert data["subject"] == {"reference": f"Patient/{plan.pk}"}
    members = [(p["role"][0]["text"], p["member"]["reference"]) for p in data["participant"]]
    by_role = {m.role: m for m in memberships}
    assert members == [
        ("Patiënt", f"Patient/{plan.pk}"),
        ("Naaste", f"RelatedPerson/member-{by_role[Role.NAASTE].pk}"),
        ("Zorgverlener", f"PractitionerRole/{by_role[Role.PROVIDER].pk}"),
    ]


def test_it_reads_back_the_care_team_it_wrote(plan, naaste, provider):
    memberships = active_members(plan)
    mapped = care_team.from_fhir(care_team.to_fhir(plan, memberships))
    expected = [member_reference(m)["reference"] for m in memberships]
    assert mapped.fields == {"participants": [
        {"role": m.role, "member": reference} for m, reference in zip(
            memberships, expected, strict=True)]}
    assert mapped.problems == [] and mapped.unplaced == []


def test_it_leaves_removed_members_out_of_the_care_team(plan, naaste):
    memberships = active_members(plan)
    memberships[1].removed_at = timezone.now()
    resource = care_team.to_fhir(plan, memberships)
    assert [p.member.reference for p in resource.participant] == [f"Patient/{plan.pk}"]


def test_it_gives_a_paused_plan_a_suspended_care_team(plan):
    plan.status = PlanStatus.PAUSED
    assert care_team.to_fhir(plan, active_members(plan)).status == "suspended"


def test_it_reads_the_nictiz_care_team_by_the_kind_of_each_member():
    mapped = care_team.from_fhir(example(CareTeam, "nl-core-CareTeam-01.xml"))
    assert mapped.problems == []
    roles = [p["role"] for p in mapped.fields["participants"]]
    assert roles == [Role.NAASTE, Role.PATIENT] + [Role.PROVIDER] * 5
    assert mapped.unplaced == ["CareTeam.name", "CareTeam.reasonReference"]


def test_it_refuses_a_care_team_status_it_does_not_know():
    resource = CareTeam.model_validate({"resourceType": "CareTeam", "status": "busy"})
    mapped = care_team.from_fhir(resource)
    assert problems_of(mapped) == {"CareTeam.status"}
    assert "busy" in mapped.problems[0].message


def test_it_refuses_a_care_team_entered_in_error():
    resource = CareTeam.model_validate({"resourceType": "CareTeam",
                                        "status": "entered-in-error"})
    assert problems_of(care_team.from_fhir(resource)) == {"CareTeam.status"}
