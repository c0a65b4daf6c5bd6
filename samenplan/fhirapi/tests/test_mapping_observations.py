"""Observations: measurements, results, logbook entries, what matters and domain scores to
FHIR and back. Every resource validates as JSON and as XML; the mapping asks nothing of
the database; every Nictiz example is read without an exception, and what Samenplan has
no place for says so."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.observation import Observation

from samenplan.fhirapi import codes
from samenplan.fhirapi.mapping import observation
from samenplan.fhirapi.tests.checks import fields_of, messages, valid
from samenplan.fhirapi.tests.examples import NICTIZ
from samenplan.health import measurements
from samenplan.health.constants import LogKind, ResultKind
from samenplan.health.models import LogEntry, Measurement, Medication, Result
from samenplan.plans.constants import DomainSet
from samenplan.plans.models import DomainNote, DomainScore, Membership

HERE = ZoneInfo("Europe/Amsterdam")
MORNING = datetime(2026, 6, 1, 8, 30, tzinfo=HERE)

MEASUREMENT_FIELDS = ["kind", "measured_at", "value", "second_value", "loinc", "unit", "note"]
RESULT_FIELDS = ["kind", "name", "taken_on", "value", "unit", "reference_low",
                 "reference_high", "outcome", "explanation", "measurement_kind", "loinc"]
LOG_FIELDS = ["kind", "occurred_at", "intensity", "text", "medication_id"]
# A value that can be, per kind of measurement.
POSSIBLE = {"hba1c": "53", "blood_pressure": "138", "weight": "72.4", "bmi": "24.9",
            "waist": "94", "fasting_glucose": "6.1", "ldl": "2.4", "egfr": "71",
            "steps": "6500", "pain": "4"}


def nictiz(name):
    return Observation.model_validate_xml((NICTIZ / f"nl-core-{name}.xml").read_bytes())


def observation_of(**values):
    return Observation.model_validate({"resourceType": "Observation", "status": "final",
                                       **values})


def membership(plan, user):
    return Membership.objects.get(plan=plan, user=user)


@pytest.fixture
def measure(plan, patient):
    def make(kind="blood_pressure", value=None, second_value=None, user=None, **fields):
        user = user or patient
        kind_type = measurements.TYPES[kind]
        if kind == "blood_pressure" and second_value is None:
            second_value = Decimal("84")
        made = Measurement.objects.create(
            plan=plan, kind=kind, measured_at=MORNING, value=Decimal(value or POSSIBLE[kind]),
            second_value=second_value, loinc=kind_type.loinc, unit=kind_type.unit,
            author=user, author_member=membership(plan, user), **fields)
        return Measurement.objects.select_related("author_member").get(pk=made.pk)
    return make


@pytest.fixture
def result(plan):
    def make(**fields):
        made = Result.objects.create(plan=plan, **{
            "kind": ResultKind.LAB, "name": "HbA1c", "taken_on": date(2026, 5, 12),
            "value": Decimal("53"), "unit": "mmol/mol", "reference_low": Decimal("20"),
            "reference_high": Decimal("42"), "explanation": "Wat hoger dan vorige keer.",
            "measurement_kind": "hba1c", "loinc": "59261-8", **fields})
        return Result.objects.get(pk=made.pk)
    return make


@pytest.fixture
def log_entry(plan, patient):
    def make(user=None, **fields):
        user = user or patient
        made = LogEntry.objects.create(plan=plan, **{
            "occurred_at": MORNING, "kind": LogKind.PAIN, "intensity": 6,
            "text": "Pijn in mijn knie na het wandelen", "author": user,
            "author_member": membership(plan, user), **fields})
        return LogEntry.objects.select_related("author_member").get(pk=made.pk)
    return make


# --- measurements ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", measurements.TYPES)
def test_every_kind_of_measurement_goes_out_valid_and_comes_back_the_same(
        kind, measure, django_assert_num_queries):
    measurement = measure(kind, note="Thuis gemeten")
    with django_assert_num_queries(0):
        resource = valid(observation.measurement_to_fhir(measurement))
        mapped = observation.from_fhir(resource)
    assert resource.id == f"measurement-{measurement.pk}"
    # Who measured it is whoever imports it.
    assert (mapped.model, mapped.problems, mapped.unplaced) == (
        "measurement", [], ["Observation.performer"])
    assert mapped.fields == fields_of(measurement, MEASUREMENT_FIELDS)


def test_a_blood_pressure_is_the_nl_core_panel_with_two_components(measure, plan, patient):
    resource = observation.measurement_to_fhir(measure("blood_pressure", "138", Decimal("84")))
    example = nictiz("BloodPressure-01")
    assert resource.meta.profile == example.meta.profile == [
        "http://nictiz.nl/fhir/StructureDefinition/nl-core-BloodPressure"]
    assert resource.code.coding[0].code == example.code.coding[0].code == "85354-9"
    assert resource.category[0].coding[0].code == "vital-signs"
    assert resource.valueQuantity is None
    systolic, diastolic = resource.component
    assert [systolic.code.coding[0].code, diastolic.code.coding[0].code] == [
        "8480-6", "8462-4"]
    assert (systolic.valueQuantity.value, diastolic.valueQuantity.value) == (138, 84)
    assert systolic.valueQuantity.code == example.component[0].valueQuantity.code == "mm[Hg]"
    assert systolic.valueQuantity.system == codes.UCUM
    assert resource.subject.reference == f"Patient/{plan.pk}"
    assert resource.performer[0].reference == f"Patient/{plan.pk}"
    assert resource.effectiveDateTime == MORNING


def test_a_weight_is_nl_core_body_weight_in_kg(measure):
    resource = observation.measurement_to_fhir(measure("weight", "72.4"))
    assert resource.meta.profile == [codes.BODY_WEIGHT]
    assert (resource.valueQuantity.value, resource.valueQuantity.code) == (Decimal("72.4"), "kg")


def test_a_pain_score_is_nl_core_pain_score_with_its_snomed_and_loinc_code(measure):
    resource = observation.measurement_to_fhir(measure("pain", "7"))
    assert resource.meta.profile == [codes.PAIN_SCORE]
    assert [(c.system, c.code) for c in resource.code.coding] == [
        (codes.SNOMED, "225908003"), (codes.LOINC, "72514-3")]
    assert resource.valueInteger == 7


def test_a_lab_value_measured_at_home_has_no_lab_profile_and_stays_a_measurement(measure):
    resource = observation.measurement_to_fhir(measure("fasting_glucose", "6.1"))
    assert resource.meta is None
    assert resource.category[0].coding[0].code == "laboratory"
    assert observation.from_fhir(resource).model == "measurement"


def test_a_providers_measurement_is_performed_by_their_role(measure, provider, plan):
    resource = observation.measurement_to_fhir(measure("weight", user=provider))
    assert resource.performer[0].reference == \
        f"PractitionerRole/{membership(plan, provider).pk}"


def test_a_naastes_entry_is_performed_by_a_related_person(log_entry, naaste, plan):
    resource = observation.log_entry_to_fhir(log_entry(user=naaste))
    assert resource.performer[0].reference == \
        f"RelatedPerson/member-{membership(plan, naaste).pk}"


# --- results -----------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {},
    {"measurement_kind": "", "loinc": "", "name": "Natrium", "value": Decimal("138"),
     "unit": "mmol/l", "reference_low": Decimal("136"), "reference_high": Decimal("146")},
    {"kind": ResultKind.TEST, "measurement_kind": "", "loinc": "", "name": "Longfoto",
     "value": None, "unit": "", "reference_low": None, "reference_high": None,
     "outcome": "Geen afwijkingen", "explanation": ""},
    {"kind": ResultKind.CHECKUP, "measurement_kind": "", "loinc": "", "name": "Voetcontrole",
     "value": Decimal("2"), "unit": "punten", "reference_low": None, "reference_high": None,
     "outcome": "Goed"},
    {"kind": ResultKind.TREATMENT, "measurement_kind": "", "loinc": "", "name": "Fysiotherapie",
     "value": None, "unit": "", "reference_low": None, "reference_high": None,
     "outcome": "Klaar na 9 keer"},
], ids=["hba1c", "uncoded lab", "test in words", "check-up with both", "treatment"])
def test_results_go_out_valid_and_come_back_the_same(fields, result,
                                                     django_assert_num_queries):
    made = result(**fields)
    with django_assert_num_queries(0):
        resource = valid(observation.result_to_fhir(made))
        mapped = observation.from_fhir(resource)
    assert (mapped.model, mapped.problems, mapped.unplaced) == ("result", [], [])
    assert mapped.fields == fields_of(made, RESULT_FIELDS)


def test_a_lab_result_is_nl_core_laboratory_test_result_coded_with_loinc(result):
    resource = observation.result_to_fhir(result())
    assert resource.meta.profile == [codes.LABORATORY_TEST_RESULT]
    assert resource.category[0].coding[0].code == "laboratory"
    assert [(c.system, c.code) for c in resource.code.coding] == [(codes.LOINC, "59261-8")]
    assert resource.code.text == "HbA1c"
    assert resource.valueQuantity.code == "mmol/mol"
    assert (resource.referenceRange[0].low.value, resource.referenceRange[0].high.value) == (
        20, 42)
    assert resource.note[0].text == "Wat hoger dan vorige keer."


def test_an_other_result_has_no_lab_profile(result):
    resource = observation.result_to_fhir(result(kind=ResultKind.TEST, measurement_kind="",
                                                 loinc=""))
    assert resource.meta is None
    assert resource.category[0].coding[0].code == "procedure"


# --- logbook -----------------------------------------------------------------------------

@pytest.mark.parametrize("fields", [
    {},
    {"intensity": None},
    {"kind": LogKind.MOOD, "intensity": 3, "text": ""},
    {"kind": LogKind.SLEEP, "intensity": None, "text": "Slecht geslapen"},
    {"kind": LogKind.SIDE_EFFECT, "intensity": 4, "text": "Misselijk"},
], ids=["pain score", "pain in words", "mood", "sleep in words", "side effect"])
def test_log_entries_go_out_valid_and_come_back_the_same(fields, log_entry, plan,
                                                         django_assert_num_queries):
    if fields.get("kind") == LogKind.SIDE_EFFECT:
        fields["medication"] = Medication.objects.create(
            plan=plan, name="Metformine", dose="2 keer per dag", purpose="Voor de suiker.",
            since=date(2025, 1, 1))
    entry = log_entry(**fields)
    with django_assert_num_queries(0):
        resource = valid(observation.log_entry_to_fhir(entry))
        mapped = observation.from_fhir(resource)
    assert (mapped.model, mapped.problems, mapped.unplaced) == (
        "log", [], ["Observation.performer"])
    assert mapped.fields == fields_of(entry, LOG_FIELDS)


def test_pain_with_how_bad_it_was_is_an_nl_core_pain_score(log_entry):
    resource = observation.log_entry_to_fhir(log_entry())
    assert resource.meta.profile == [codes.PAIN_SCORE]
    assert [(c.system, c.code) for c in resource.code.coding] == [
        (codes.SNOMED, "225908003"), (codes.LOINC, "72514-3"), (codes.LOG_KINDS, "pain")]
    assert resource.valueInteger == 6
    assert resource.note[0].text == "Pijn in mijn knie na het wandelen"


def test_other_entries_are_coded_with_our_log_kinds(log_entry, plan):
    resource = observation.log_entry_to_fhir(log_entry(kind=LogKind.COMPLAINT, intensity=None,
                                                       text="Hoofdpijn"))
    assert resource.meta is None
    assert [(c.system, c.code, c.display) for c in resource.code.coding] == [
        (codes.LOG_KINDS, "complaint", "Klacht")]
    assert resource.valueString == "Hoofdpijn"
    assert resource.focus is None


def test_a_side_effect_points_to_its_medicine(log_entry, plan):
    medicine = Medication.objects.create(plan=plan, name="Metformine", dose="1 tablet",
                                         purpose="Voor de suiker.", since=date(2025, 1, 1))
    entry = log_entry(kind=LogKind.SIDE_EFFECT, medication=medicine)
    resource = observation.log_entry_to_fhir(entry)
    assert resource.focus[0].reference == f"MedicationStatement/{medicine.pk}"


# --- what matters and domain scores ------------------------------------------------------

@pytest.fixture
def note(plan, patient):
    return DomainNote.objects.create(plan=plan, domain="participation",
                                     section=DomainNote.WHAT_MATTERS, updated_by=patient,
                                     text="Elke week mijn kleinkinderen zien.")


def test_what_matters_goes_out_in_its_life_domain_and_comes_back(note,
                                                                 django_assert_num_queries):
    with django_assert_num_queries(0):
        resource = valid(observation.what_matters_to_fhir(note, DomainSet.POSITIVE_HEALTH))
        mapped = observation.from_fhir(resource, DomainSet.POSITIVE_HEALTH)
    assert resource.id == f"matters-{note.pk}"
    assert [(c.system, c.code, c.display) for c in resource.code.coding] == [
        (codes.LIFE_DOMAINS, "participation", "Meedoen")]
    assert [c.coding[0].code for c in resource.category] == ["survey", "what_matters"]
    assert resource.valueString == "Elke week mijn kleinkinderen zien."
    # When it was written is when it is saved.
    assert (mapped.model, mapped.problems, mapped.unplaced) == (
        "matters", [], ["Observation.effectiveDateTime"])
    assert mapped.fields == fields_of(note, ["domain", "section", "text"])


@pytest.mark.parametrize("domain_set, domain", [(DomainSet.POSITIVE_HEALTH, "body"),
                                                (DomainSet.LIFE_AREAS, "housing")])
def test_a_score_goes_out_as_an_integer_and_comes_back(plan, patient, domain_set, domain,
                                                       django_assert_num_queries):
    score = DomainScore.objects.create(plan=plan, domain=domain, score=7,
                                       scored_on=date(2026, 3, 2), author=patient)
    with django_assert_num_queries(0):
        resource = valid(observation.score_to_fhir(score, domain_set))
        mapped = observation.from_fhir(resource, domain_set)
    assert (resource.id, resource.valueInteger) == (f"score-{score.pk}", 7)
    assert [c.coding[0].code for c in resource.category] == ["survey", "domain_scores"]
    assert (mapped.model, mapped.problems, mapped.unplaced) == ("score", [], [])
    assert mapped.fields == fields_of(score, ["domain", "score", "scored_on"])


def test_every_code_we_send_is_in_the_code_system_we_publish(note, log_entry):
    published = {(cs.url, concept.code, concept.display)
                 for cs in codes.code_systems()
                 for group in cs.concept for concept in [group, *(group.concept or [])]}
    resources = [observation.what_matters_to_fhir(note, DomainSet.POSITIVE_HEALTH),
                 observation.log_entry_to_fhir(log_entry(intensity=None))]
    sent = {(c.system, c.code, c.display) for r in resources
            for concept in [r.code, *r.category] for c in concept.coding
            if c.system.startswith(codes.BASE)}
    assert len(sent) == 3 and sent <= published


# --- the Nictiz examples -----------------------------------------------------------------

# Per example: the model, some of its fields, and what of it is not placed.
NICTIZ_PLACED = {
    "BloodPressure-01": ("measurement", {"kind": "blood_pressure", "value": 125,
                                         "second_value": 75, "note": "Mw. is zwanger"},
                         ["Observation.bodySite", "Observation.extension",
                          "Observation.method", "Observation.component[2]",
                          "Observation.component[3]", "Observation.component[4]"]),
    "BodyWeight-01": ("measurement", {"kind": "weight", "value": Decimal("2.4"),
                                      "unit": "kg", "note": "Luier woog 320 gram"},
                      ["Observation.component[0]"]),
    "PainScore-01": ("measurement", {"kind": "pain", "value": 7, "note": "Bij bewegen"},
                     ["Observation.method"]),
    "LaboratoryTestResult-01": ("result", {"name": "Sodium [Moles/volume] in Blood",
                                           "value": 138, "unit": "mmol/l", "loinc": "2947-0",
                                           "reference_low": 136, "reference_high": 146,
                                           "taken_on": date(2021, 6, 12)},
                                ["Observation.specimen"]),
    "LaboratoryTestResult-02": ("result", {"name": "Chloride", "value": 109,
                                           "outcome": "Boven referentiebereik"},
                                ["Observation.specimen"]),
    "LaboratoryTestResult-03": ("result", {"value": None,
                                           "outcome": "hepatitis A-test negatief"},
                                ["Observation.specimen"]),
}
NICTIZ_UNPLACED = {
    "AlcoholUse-01": "alcoholgebruik (SNOMED CT 228273003), nl-core-AlcoholUse",
    "TobaccoUse-01": "tabakgebruik",
    "LivingSituation-01": "nl-core-LivingSituation",
    "BodyHeight-01": "Body height (LOINC 8302-2), nl-core-BodyHeight",
    "HeartRate-01": "Heart rate (LOINC 8867-4), nl-core-HeartRate",
    "ParticipationInSociety-01": "nl-core-ParticipationInSociety",
    "ParticipationInSociety.Hobby-01": "vrijetijdsgedrag",
    "ParticipationInSociety.SocialNetwork-01": "netwerk",
    "ParticipationInSociety.WorkSituation-01": "arbeidssituatie",
    "FunctionalOrMentalStatus-01": "kan zich scheren",
    "IllnessPerception-01": "nl-core-IllnessPerception",
    "LifeStance-01": "geloofsovertuiging",
    "LaboratoryTestResult-04": "hemoglobine & hematocriet panel (LOINC 24360-0) is een groep "
                               "uitslagen zonder eigen uitslag",
}


def test_every_nictiz_observation_example_is_in_one_of_the_two_lists():
    names = {path.stem.removeprefix("nl-core-") for path in NICTIZ.glob("*.xml")
             if path.read_bytes().startswith(b"<Observation")}
    assert names == set(NICTIZ_PLACED) | set(NICTIZ_UNPLACED)


@pytest.mark.parametrize("name", NICTIZ_PLACED)
def test_a_nictiz_example_we_have_a_place_for_is_placed_from_xml_and_json(name):
    model, expected, left = NICTIZ_PLACED[name]
    resource = nictiz(name)
    for read in (resource, Observation.model_validate(resource.model_dump())):
        mapped = observation.from_fhir(read)
        assert (mapped.model, mapped.problems, mapped.unplaced) == (model, [], left)
        assert {key: mapped.fields[key] for key in expected} == expected


def test_a_nictiz_blood_pressure_keeps_its_moment_with_its_offset():
    mapped = observation.from_fhir(nictiz("BloodPressure-01"))
    assert mapped.fields["measured_at"] == datetime(2013, 2, 8, 6, 43, tzinfo=HERE)


@pytest.mark.parametrize("name", NICTIZ_UNPLACED)
def test_a_nictiz_example_we_have_no_place_for_says_what_it_is(name):
    mapped = observation.from_fhir(nictiz(name))
    assert (mapped.model, mapped.fields, mapped.problems) == ("", {}, [])
    assert len(mapped.unplaced) == 1 and NICTIZ_UNPLACED[name] in mapped.unplaced[0]


# --- what is refused ---------------------------------------------------------------------

def pressure(systolic, diastolic, unit="mm[Hg]", **values):
    def component(code, value):
        return {"code": {"coding": [{"system": codes.LOINC, "code": code}]},
                "valueQuantity": {"value": value, "system": codes.UCUM, "code": unit}}
    return observation_of(**{
        "code": {"coding": [{"system": codes.LOINC, "code": "85354-9"}]},
        "effectiveDateTime": "2026-06-01T08:30:00+02:00",
        "component": [component("8480-6", systolic), component("8462-4", diastolic)],
        **values})


def test_a_blood_pressure_of_400_over_20_is_refused():
    mapped = observation.from_fhir(pressure(400, 20))
    assert mapped.model == "measurement"
    assert messages(mapped) == [("Observation.value", "400 mmHg kan niet kloppen. Vul een "
                                                      "getal in van 50 tot en met 300.")]


def test_a_diastolic_above_the_systolic_is_refused():
    assert messages(observation.from_fhir(pressure(120, 130))) == [(
        "Observation.component", "De onderdruk is altijd lager dan de bovendruk. Kijk de "
                                 "getallen nog eens na.")]


def test_a_blood_pressure_without_its_diastolic_is_refused():
    resource = pressure(120, 80)
    resource.component = resource.component[:1]
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.component", "De onderdruk ontbreekt.")]


def test_a_wrong_unit_is_refused():
    assert messages(observation.from_fhir(pressure(120, 80, unit="kPa"))) == [
        ("Observation.component[0].valueQuantity.code",
         "Deze eenheid past niet bij Bloeddruk: kPa. Gebruik mm[Hg]."),
        ("Observation.component[1].valueQuantity.code",
         "Deze eenheid past niet bij Bloeddruk: kPa. Gebruik mm[Hg].")]


def test_a_lab_hba1c_in_percent_is_refused():
    resource = observation_of(
        category=[{"coding": [{"system": codes.OBSERVATION_CATEGORY, "code": "laboratory"}]}],
        code={"coding": [{"system": codes.LOINC, "code": "59261-8"}]},
        effectiveDateTime="2026-05-12", valueQuantity={"value": 7, "unit": "%", "code": "%"})
    mapped = observation.from_fhir(resource)
    assert mapped.model == "result" and mapped.fields["measurement_kind"] == "hba1c"
    assert ("Observation.valueQuantity.code",
            "Deze eenheid past niet bij HbA1c (gemiddelde bloedsuiker): %. Gebruik mmol/mol."
            ) in messages(mapped)


def test_a_lab_hba1c_in_mmol_per_mol_is_a_result_with_its_kind():
    resource = observation_of(
        meta={"profile": [codes.LABORATORY_TEST_RESULT]},
        code={"coding": [{"system": codes.LOINC, "code": "59261-8"}]},
        effectiveDateTime="2026-05-12",
        valueQuantity={"value": 53, "unit": "mmol/mol", "system": codes.UCUM,
                       "code": "mmol/mol"})
    mapped = observation.from_fhir(resource)
    assert (mapped.model, mapped.problems) == ("result", [])
    assert (mapped.fields["measurement_kind"], mapped.fields["loinc"]) == ("hba1c", "59261-8")


def test_an_unknown_loinc_code_for_one_of_our_measurements_is_refused():
    resource = observation_of(id="measurement-12",
                              code={"coding": [{"system": codes.LOINC, "code": "8867-4"}]},
                              valueQuantity={"value": 70, "code": "/min"})
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.code", "Deze code kennen we niet als meting: LOINC 8867-4.")]


@pytest.mark.parametrize("status, message", [
    ("klaar", "Deze status kennen we niet: klaar."),
    ("entered-in-error", "Dit is ingetrokken of gaat niet door (status entered-in-error). "
                         "Daarom nemen we het niet over."),
])
def test_a_status_outside_the_value_set_or_withdrawn_is_refused(status, message):
    mapped = observation.from_fhir(pressure(120, 80, status=status))
    assert messages(mapped) == [("Observation.status", message)]


def test_a_moment_in_the_future_or_without_its_day_is_refused():
    later = observation.from_fhir(pressure(120, 80, effectiveDateTime="2099-01-01T08:00:00Z"))
    assert messages(later) == [("Observation.effectiveDateTime",
                                "Dit tijdstip ligt in de toekomst.")]
    vague = observation.from_fhir(pressure(120, 80, effectiveDateTime="2026-05"))
    assert messages(vague) == [("Observation.effectiveDateTime",
                                "Deze datum is niet precies genoeg: 2026-05. Geef ook de dag.")]


def test_a_weight_with_more_decimals_than_we_keep_is_refused():
    resource = observation_of(code={"coding": [{"system": codes.LOINC, "code": "29463-7"}]},
                              effectiveDateTime="2026-06-01",
                              valueQuantity={"value": 72.45, "code": "kg"})
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.value", "Gebruik hooguit 1 cijfer na de komma.")]


def test_a_log_entry_of_an_unknown_kind_or_too_bad_is_refused():
    resource = observation_of(code={"coding": [{"system": codes.LOG_KINDS, "code": "jeuk"}]},
                              effectiveDateTime="2026-06-01T08:30:00+02:00", valueInteger=11)
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.code", "Deze soort logboekbericht kennen we niet: jeuk."),
        ("Observation.valueInteger", "Hoe erg het was gaat van 0 tot en met 10, niet 11.")]


def test_a_life_domain_of_the_other_set_or_unknown_is_refused(note):
    resource = observation.what_matters_to_fhir(note, DomainSet.POSITIVE_HEALTH)
    other_set = observation.from_fhir(resource, DomainSet.LIFE_AREAS)
    assert messages(other_set) == [(
        "Observation.code", f"Dit levensgebied kennen we niet: participation. Gebruik een code "
                            f"uit {codes.LIFE_DOMAINS}.")]
    resource.code.coding[0].code = "tuin"
    assert observation.from_fhir(resource).problems[0].message.startswith(
        "Dit levensgebied kennen we niet: tuin.")


def test_a_score_above_10_is_refused(plan, patient):
    score = DomainScore.objects.create(plan=plan, domain="body", score=7,
                                       scored_on=date(2026, 3, 2), author=patient)
    resource = observation.score_to_fhir(score, DomainSet.POSITIVE_HEALTH)
    resource.valueInteger = 12
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.valueInteger", "Een cijfer is een heel getal van 0 tot en met 10.")]


def test_a_result_without_a_number_or_words_is_refused():
    resource = observation_of(id="result-3", code={"text": "Bloedbeeld"},
                              effectiveDateTime="2026-05-12")
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.value", "Er staat geen uitslag in: geen getal en geen uitslag in "
                              "woorden.")]


def test_a_modifier_extension_we_do_not_know_is_refused():
    resource = pressure(120, 80, modifierExtension=[
        {"url": "https://example.org/niet-gemeten", "valueBoolean": True}])
    assert messages(observation.from_fhir(resource)) == [(
        "Observation.modifierExtension", "Hierin staat een uitbreiding die de betekenis "
                                         "verandert. Die kennen we niet: "
                                         "https://example.org/niet-gemeten.")]


@pytest.mark.parametrize("value, message", [
    (0.125, "Dit getal heeft te veel cijfers na de komma: 0.125. Het mogen er hooguit 2 zijn."),
    (123456789, "Dit getal is te groot om te bewaren: 123456789."),
])
def test_a_result_we_cannot_keep_as_a_number_is_refused(value, message):
    resource = observation_of(meta={"profile": [codes.LABORATORY_TEST_RESULT]},
                              code={"text": "Creatinine"}, effectiveDateTime="2026-05-12",
                              valueQuantity={"value": value, "unit": "mmol/l"})
    assert messages(observation.from_fhir(resource)) == [
        ("Observation.valueQuantity.value", message)]
