"""MedicationStatement, Appointment and Condition (a support need) to FHIR and back: valid
as JSON and XML, no database access, round trips, the Nictiz conditions reported as not
placed, and what is refused."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.medicationstatement import MedicationStatement

from samenplan.fhirapi import codes
from samenplan.fhirapi.mapping import appointment, condition, medication_statement
from samenplan.fhirapi.tests.checks import fields_of, messages, valid
from samenplan.fhirapi.tests.examples import NICTIZ
from samenplan.health.models import Appointment, Medication
from samenplan.plans.constants import ContactKind, DomainSet
from samenplan.plans.models import Contact, DomainNote, Membership

HERE = ZoneInfo("Europe/Amsterdam")

MEDICATION_FIELDS = ["name", "strength", "dose", "purpose", "since", "until", "prescribed_by",
                     "patient_note"]
APPOINTMENT_FIELDS = ["starts_at", "where", "purpose", "questions", "with_member_id",
                      "with_contact_id"]


# --- medicines ---------------------------------------------------------------------------

@pytest.fixture
def medicine(plan):
    def make(**fields):
        return Medication.objects.create(plan=plan, **{
            "name": "Metformine", "strength": "500 mg", "dose": "2 keer per dag 1 tablet, bij "
            "het eten", "purpose": "Voor uw suiker. Het maakt uw bloedsuiker lager.",
            "since": date(2024, 3, 1), "prescribed_by": "Pieter Bakker, huisarts",
            "patient_note": "Ik neem hem bij het ontbijt en het avondeten.", **fields})
    return make


@pytest.mark.parametrize("fields", [
    {},
    {"strength": "", "prescribed_by": "", "patient_note": "", "until": date(2025, 6, 30)},
], ids=["full", "stopped, bare"])
def test_a_medicine_goes_out_valid_and_comes_back_the_same(fields, medicine,
                                                           django_assert_num_queries):
    made = medicine(**fields)
    with django_assert_num_queries(0):
        resource = valid(medication_statement.to_fhir(made))
        mapped = medication_statement.from_fhir(resource)
    assert resource.id == str(made.pk)
    assert (mapped.model, mapped.problems, mapped.unplaced) == ("medication", [], [])
    assert mapped.fields == fields_of(made, MEDICATION_FIELDS)


def test_the_plain_purpose_is_the_patient_instruction(medicine, plan):
    resource = medication_statement.to_fhir(medicine())
    dosage = resource.dosage[0]
    assert dosage.patientInstruction == "Voor uw suiker. Het maakt uw bloedsuiker lager."
    assert dosage.text == "2 keer per dag 1 tablet, bij het eten"
    assert resource.medicationCodeableConcept.text == "Metformine 500 mg"
    assert resource.extension[0].valueString == "500 mg"
    assert resource.informationSource.display == "Pieter Bakker, huisarts"
    assert resource.note[0].authorReference.reference == f"Patient/{plan.pk}"
    assert resource.subject.reference == f"Patient/{plan.pk}"
    assert (resource.effectivePeriod.start, resource.effectivePeriod.end) == (
        date(2024, 3, 1), None)


@pytest.mark.parametrize("since, until, status", [
    (date(2024, 3, 1), None, "active"),
    (date(2024, 3, 1), date(2025, 6, 30), "completed"),
    (date(2099, 1, 1), None, "intended"),
])
def test_the_status_follows_the_dates(medicine, since, until, status):
    assert medication_statement.to_fhir(medicine(since=since, until=until)).status == status


def test_a_medicine_from_elsewhere_takes_its_reason_and_only_the_patients_notes():
    mapped = medication_statement.from_fhir(MedicationStatement.model_validate({
        "resourceType": "MedicationStatement", "status": "active",
        "medicationCodeableConcept": {"coding": [{"system": "urn:oid:2.16.840.1.113883.2.4.4.10",
                                                  "code": "1234", "display": "Omeprazol"}]},
        "subject": {"reference": "Patient/nl-core-Patient-01"},
        "effectiveDateTime": "2025-02-03",
        "reasonCode": [{"text": "Tegen maagzuur."}],
        "dosage": [{"text": "1 keer per dag 1 capsule"}],
        "note": [{"text": "Van de apotheek", "authorReference": {"reference": "Organization/1"}},
                 {"text": "Helpt goed", "authorReference": {"type": "Patient",
                                                            "display": "Jo"}}],
    }))
    assert mapped.problems == []
    assert mapped.unplaced == ["MedicationStatement.note[0]"]
    assert mapped.fields == {
        "name": "Omeprazol", "strength": "", "dose": "1 keer per dag 1 capsule",
        "purpose": "Tegen maagzuur.", "since": date(2025, 2, 3), "until": None,
        "prescribed_by": "", "patient_note": "Helpt goed"}


def test_a_contained_medicine_gives_its_name():
    mapped = medication_statement.from_fhir(MedicationStatement.model_validate({
        "resourceType": "MedicationStatement", "status": "active",
        "contained": [{"resourceType": "Medication", "id": "m1",
                       "code": {"text": "Salbutamol inhalator"}}],
        "medicationReference": {"reference": "#m1"},
        "subject": {"reference": "Patient/1"}, "effectivePeriod": {"start": "2025-02-03"},
        "dosage": [{"text": "Bij benauwdheid 1 puf", "patientInstruction": "Voor uw longen."}],
    }))
    assert (mapped.problems, mapped.fields["name"]) == ([], "Salbutamol inhalator")


def test_a_medicine_without_status_in_the_value_set_purpose_or_dose_is_refused(medicine):
    resource = medication_statement.to_fhir(medicine())
    resource.status = "genomen"
    resource.dosage[0].patientInstruction = None
    resource.dosage[0].text = None
    assert messages(medication_statement.from_fhir(resource)) == [
        ("MedicationStatement.status", "Deze status kennen we niet: genomen."),
        ("MedicationStatement.dosage[0].patientInstruction", "Dit ontbreekt, en het is nodig."),
        ("MedicationStatement.dosage[0].text", "Dit ontbreekt, en het is nodig."),
    ]


@pytest.mark.parametrize("status", ["entered-in-error", "not-taken"])
def test_a_withdrawn_or_not_taken_medicine_is_refused(medicine, status):
    resource = medication_statement.to_fhir(medicine())
    resource.status = status
    assert [p.location for p in medication_statement.from_fhir(resource).problems] == [
        "MedicationStatement.status"]


def test_a_purpose_of_three_sentences_or_an_end_before_the_start_is_refused(medicine):
    resource = medication_statement.to_fhir(medicine(until=date(2025, 1, 1)))
    resource.dosage[0].patientInstruction = "Voor uw suiker. Neem hem trouw. Vraag het ons."
    resource.effectivePeriod.end = date(2020, 1, 1)
    assert messages(medication_statement.from_fhir(resource)) == [
        ("MedicationStatement.dosage[0].patientInstruction",
         "Schrijf hooguit twee korte zinnen."),
        ("MedicationStatement.effectivePeriod.end", "Deze datum ligt voor de startdatum."),
    ]


# --- appointments ------------------------------------------------------------------------

@pytest.fixture
def appoint(plan):
    def make(**fields):
        made = Appointment.objects.create(plan=plan, **{
            "starts_at": datetime(2026, 12, 14, 10, 15, tzinfo=HERE),
            "where": "Huisartsenpraktijk De Linde", "purpose": "Controle van mijn suiker",
            "questions": "Mag ik minder metformine?", **fields})
        return Appointment.objects.select_related("with_member__user", "with_contact").get(
            pk=made.pk)
    return make


def test_an_appointment_with_a_provider_goes_out_valid_and_comes_back(
        appoint, plan, provider, django_assert_num_queries):
    member = Membership.objects.get(plan=plan, user=provider)
    made = appoint(with_member=member)
    with django_assert_num_queries(0):
        resource = valid(appointment.to_fhir(made))
        mapped = appointment.from_fhir(resource)
    # The end is made up (half an hour): Samenplan keeps the start only.
    assert (mapped.model, mapped.problems, mapped.unplaced) == (
        "appointment", [], ["Appointment.end"])
    assert mapped.fields == fields_of(made, APPOINTMENT_FIELDS)
    assert [(p.actor.reference, p.actor.type, p.actor.display) for p in resource.participant] == [
        (f"Patient/{plan.pk}", None, None),
        (f"PractitionerRole/{member.pk}", None, "Karin Jansen"),
        (None, "Location", "Huisartsenpraktijk De Linde")]
    assert (resource.status, resource.description) == ("booked", "Controle van mijn suiker")
    assert resource.end - resource.start == timedelta(minutes=30)
    assert resource.comment == "Mag ik minder metformine?"


def test_an_appointment_with_a_naaste_or_a_contact_comes_back_with_them(appoint, plan, naaste,
                                                                        django_assert_num_queries):
    contact = Contact.objects.create(plan=plan, kind=ContactKind.PROVIDER, name="Dr. Smit",
                                     role_or_relation="longarts")
    with_naaste = appoint(with_member=Membership.objects.get(plan=plan, user=naaste),
                          where="", questions="")
    with_contact = appoint(with_contact=contact)
    with django_assert_num_queries(0):
        for made in (with_naaste, with_contact):
            resource = valid(appointment.to_fhir(made))
            assert appointment.from_fhir(resource).fields == fields_of(made, APPOINTMENT_FIELDS)
    assert appointment.to_fhir(with_contact).participant[1].actor.reference == \
        f"RelatedPerson/contact-{contact.pk}"


def test_an_appointment_from_elsewhere_takes_its_purpose_from_the_service_type():
    mapped = appointment.from_fhir(FhirAppointment.model_validate({
        "resourceType": "Appointment", "status": "proposed",
        "serviceType": [{"text": "Gesprek met de diëtist"}],
        "start": "2027-01-10T09:00:00+01:00",
        "participant": [{"actor": {"reference": "Practitioner/abc", "display": "Els"},
                         "status": "needs-action"},
                        {"actor": {"reference": "Location/7", "display": "Ziekenhuis Oost"},
                         "status": "accepted"}],
    }))
    assert mapped.problems == []
    assert mapped.unplaced == ["Appointment.participant[0]"]
    assert mapped.fields == {
        "starts_at": datetime(2027, 1, 10, 9, 0, tzinfo=HERE), "where": "Ziekenhuis Oost",
        "purpose": "Gesprek met de diëtist", "questions": "", "with_member_id": None,
        "with_contact_id": None}


@pytest.mark.parametrize("status, message", [
    ("gepland", "Deze status kennen we niet: gepland."),
    ("cancelled", "Dit is ingetrokken of gaat niet door (status cancelled). Daarom nemen we "
                  "het niet over."),
])
def test_an_appointment_with_a_bad_or_cancelled_status_is_refused(appoint, status, message):
    resource = appointment.to_fhir(appoint())
    resource.status = status
    assert messages(appointment.from_fhir(resource)) == [("Appointment.status", message)]


def test_an_appointment_without_start_or_purpose_is_refused():
    mapped = appointment.from_fhir(FhirAppointment.model_validate({
        "resourceType": "Appointment", "status": "proposed",
        "participant": [{"actor": {"reference": "Patient/1"}, "status": "accepted"}]}))
    assert messages(mapped) == [("Appointment.start", "Hier hoort een datum en tijd."),
                                ("Appointment.description", "Dit ontbreekt, en het is nodig.")]


# --- support needs -----------------------------------------------------------------------

@pytest.fixture
def need(plan, patient):
    return DomainNote.objects.create(plan=plan, domain="housing",
                                     section=DomainNote.SUPPORT_NEEDS, updated_by=patient,
                                     text="Hulp bij het schoonhouden van mijn huis.")


def test_a_support_need_goes_out_in_its_life_domain_and_comes_back(need, plan,
                                                                   django_assert_num_queries):
    with django_assert_num_queries(0):
        resource = valid(condition.to_fhir(need, DomainSet.LIFE_AREAS))
        mapped = condition.from_fhir(resource, DomainSet.LIFE_AREAS)
    assert resource.id == f"need-{need.pk}"
    assert [(c.system, c.code, c.display) for c in resource.code.coding] == [
        (codes.LIFE_DOMAINS, "housing", "Wonen")]
    assert [(c.system, c.code) for c in resource.category[0].coding] == [
        (codes.PLAN_PARTS, "support_needs")]
    assert resource.clinicalStatus.coding[0].code == "active"
    assert resource.note[0].text == "Hulp bij het schoonhouden van mijn huis."
    assert (mapped.model, mapped.problems, mapped.unplaced) == (
        "need", [], ["Condition.recordedDate"])
    assert mapped.fields == fields_of(need, ["domain", "section", "text"])


NICTIZ_CONDITIONS = ["Problem-01", "CareTeam-01-Condition-01", "CareTeam-01-Condition-02",
                     "CareTeam-01-Condition-03", "TreatmentObjective-01-Condition-01",
                     "TreatmentObjective-02-Condition-01", "TreatmentObjective-03-Condition-01"]


def test_every_nictiz_condition_example_is_listed():
    assert {p.stem.removeprefix("nl-core-") for p in NICTIZ.glob("*.xml")
            if p.read_bytes().startswith(b"<Condition")} == set(NICTIZ_CONDITIONS)


@pytest.mark.parametrize("name", NICTIZ_CONDITIONS)
def test_a_nictiz_problem_has_no_place_and_says_what_it_is(name):
    resource = Condition.model_validate_xml((NICTIZ / f"nl-core-{name}.xml").read_bytes())
    mapped = condition.from_fhir(resource)
    assert (mapped.model, mapped.fields, mapped.problems) == ("", {}, [])
    coding = resource.code.coding[0]
    assert mapped.unplaced == [f"Hier heeft Samenplan geen plek voor: {coding.display} "
                               f"(SNOMED CT {coding.code}), nl-core-Problem."]


def test_a_resolved_need_or_an_unknown_domain_is_refused(need):
    resource = condition.to_fhir(need, DomainSet.LIFE_AREAS)
    resource.clinicalStatus.coding[0].code = "resolved"
    resource.code.coding[0].code = "tuin"
    assert messages(condition.from_fhir(resource)) == [
        ("Condition.clinicalStatus", "Deze hulpvraag geldt niet meer (status resolved). "
                                     "Daarom nemen we hem niet over."),
        ("Condition.code", f"Dit levensgebied kennen we niet: tuin. Gebruik een code uit "
                           f"{codes.LIFE_DOMAINS}."),
    ]


def test_a_need_in_a_domain_of_the_other_set_is_refused(need):
    resource = condition.to_fhir(need, DomainSet.LIFE_AREAS)
    assert [p.location for p in condition.from_fhir(
        resource, DomainSet.POSITIVE_HEALTH).problems] == ["Condition.code"]
