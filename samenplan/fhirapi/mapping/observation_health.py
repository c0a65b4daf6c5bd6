"""Measurements (D1) and results (M10) as FHIR Observations, and back. Pure: every
function works on what it is given and never asks the database.

Measurements follow nl-core where a profile exists (BloodPressure as the 85354-9 panel
with a systolic and a diastolic component, BodyWeight, PainScore; BMI the HL7 vital signs
profile), with the LOINC code and UCUM unit stored with each measurement. Results of the
lab follow nl-core-LaboratoryTestResult."""

from decimal import Decimal

from django.utils.translation import gettext as _
from fhir.resources.R4B.observation import Observation

from samenplan.health import measurements
from samenplan.health.constants import ResultKind
from samenplan.health.models import Measurement, Result

from .. import codes, ids
from . import Mapped, Problem, Resource
from .common import (
    codes_in,
    coding,
    compact,
    day,
    describe,
    fhir_moment,
    first_code,
    member_reference,
    moment,
    number,
    profiles,
    subject,
    text,
)

CATEGORY = {"blood_pressure": "vital-signs", "weight": "vital-signs", "bmi": "vital-signs",
            "waist": "vital-signs", "steps": "activity", "pain": "survey"}
PROFILE = {"blood_pressure": codes.BLOOD_PRESSURE, "weight": codes.BODY_WEIGHT,
           "bmi": codes.HL7_BMI, "pain": codes.PAIN_SCORE}
PART_DISPLAY = {"8480-6": "Systolic blood pressure", "8462-4": "Diastolic blood pressure"}
# Units that convert exactly to the unit of a kind: the Nictiz example weighs in grams.
CONVERSION = {("weight", "g"): Decimal("0.001")}

RESULT_CATEGORY = {ResultKind.LAB: "laboratory", ResultKind.TEST: "procedure",
                   ResultKind.TREATMENT: "therapy", ResultKind.CHECKUP: "exam"}
RESULT_KIND = {category: kind for kind, category in RESULT_CATEGORY.items()} | {
    "imaging": ResultKind.TEST}


def field_length(model, name):
    return model._meta.get_field(name).max_length


def category(code):
    return [{"coding": [coding(codes.OBSERVATION_CATEGORY, code)]}]


def pain_score_codings(loinc=measurements.TYPES["pain"].loinc):
    return [coding(codes.SNOMED, *codes.PAIN_SCORE_SNOMED),
            coding(codes.LOINC, loinc, measurements.TYPES["pain"].loinc_display)]


def kind_of(concept):
    """Which of our kinds of measurement an Observation.code names, or None."""
    for loinc in codes_in(concept, codes.LOINC):
        for kind in measurements.TYPES.values():
            if kind.loinc == loinc:
                return kind
    if codes.PAIN_SCORE_SNOMED[0] in codes_in(concept, codes.SNOMED):
        return measurements.TYPES["pain"]
    return None


def _quantity(value, unit, label=""):
    return {"value": value, "unit": str(label) or unit, "system": codes.UCUM, "code": unit}


def notes(resource):
    return "\n\n".join(note.text for note in resource.note or [] if note.text)


# --- measurements ------------------------------------------------------------------------

def measurement_to_fhir(measurement):
    """Needs `author_member` loaded (select_related)."""
    kind = measurement.type
    label = kind.unit_label if measurement.unit == kind.unit else ""
    if kind.key == "pain":
        code = pain_score_codings(measurement.loinc)
        value = {"valueInteger": int(measurement.value)}
    else:
        code = [coding(codes.LOINC, measurement.loinc, kind.loinc_display)]
        value = {"valueQuantity": _quantity(measurement.value, measurement.unit, label)}
    if kind.has_two_parts:
        value = {"component": [
            {"code": {"coding": [coding(codes.LOINC, part.loinc, PART_DISPLAY.get(part.loinc))]},
             "valueQuantity": _quantity(number, measurement.unit, label)}
            for part, number in zip(kind.parts, (measurement.value, measurement.second_value),
                                    strict=True)
        ]}
    return Resource(Observation, compact(
        resourceType="Observation",
        id=ids.make(measurement.pk, "measurement"),
        meta={"profile": [PROFILE[kind.key]]} if kind.key in PROFILE else None,
        status="final",
        category=category("laboratory" if kind.lab else CATEGORY[kind.key]),
        code={"coding": code},
        subject=subject(measurement.plan_id),
        effectiveDateTime=fhir_moment(measurement.measured_at),
        performer=[member_reference(measurement.author_member)],
        note=[{"text": measurement.note}] if measurement.note else None,
        **value,
    ))


def _value_in_unit(quantity, kind, location, problems):
    """The number of a Quantity in the unit of this kind, or None with a problem."""
    if quantity is None or quantity.value is None:
        problems.append(Problem(location, _("Hier hoort een getal.")))
        return None
    unit = quantity.code or quantity.unit or ""
    factor = Decimal(1) if measurements.unit_matches(kind, unit) else CONVERSION.get(
        (kind.key, unit))
    if factor is None:
        problems.append(Problem(f"{location}.code", _(
            "Deze eenheid past niet bij %(kind)s: %(unit)s. Gebruik %(expected)s.") % {
                "kind": kind.name, "unit": unit or _("(geen)"), "expected": kind.unit}))
        return None
    return (Decimal(str(quantity.value)) * factor).normalize()


def measurement_from_fhir(resource, kind):
    problems = []
    if kind is None:
        return Mapped({}, [Problem("Observation.code", _(
            "Deze code kennen we niet als meting: %(code)s.") % {"code": describe(resource.code)})],
            model="measurement")
    values, used = [], set()
    if kind.has_two_parts:
        components = list(enumerate(resource.component or []))
        for part in kind.parts:
            found = [(i, c) for i, c in components if part.loinc in codes_in(c.code, codes.LOINC)]
            if not found:
                problems.append(Problem("Observation.component", _(
                    "De %(part)s ontbreekt.") % {"part": part.name}))
                values.append(None)
                continue
            index, component = found[0]
            used.add(index)
            values.append(_value_in_unit(component.valueQuantity, kind,
                                         f"Observation.component[{index}].valueQuantity",
                                         problems))
    elif resource.valueInteger is not None and kind.key == "pain":
        values.append(Decimal(resource.valueInteger))
    else:
        values.append(_value_in_unit(resource.valueQuantity, kind, "Observation.valueQuantity",
                                     problems))
    for part, value in zip(kind.parts, values, strict=True):
        if value is not None and (problem := measurements.value_problem(kind, part, value)):
            problems.append(Problem("Observation.value", problem))
    if kind.has_two_parts and (problem := measurements.pair_problem(kind, *values)):
        problems.append(Problem("Observation.component", problem))
    fields = {
        "kind": kind.key,
        "measured_at": moment(resource.effectiveDateTime, "Observation.effectiveDateTime",
                              problems),
        "value": values[0],
        "second_value": values[1] if kind.has_two_parts else None,
        "loinc": kind.loinc,
        "unit": kind.unit,
        "note": text(notes(resource), field_length(Measurement, "note"), "Observation.note",
                     problems),
    }
    unplaced = [f"Observation.component[{i}]" for i in range(len(resource.component or []))
                if i not in used]
    return Mapped(fields, problems, unplaced, model="measurement")


# --- results -----------------------------------------------------------------------------

def result_to_fhir(result):
    kind = measurements.TYPES.get(result.measurement_kind)
    code = {"text": result.name}
    if result.loinc:
        code["coding"] = [coding(codes.LOINC, result.loinc, kind.loinc_display if kind else None)]

    def quantity(value):
        if kind:
            return {"value": value, "unit": result.unit, "system": codes.UCUM, "code": kind.unit}
        return compact(value=value, unit=result.unit)

    value = {}
    if result.value is not None:
        value["valueQuantity"] = quantity(result.value)
        if result.outcome:
            value["interpretation"] = [{"text": result.outcome}]
    elif result.outcome:
        value["valueString"] = result.outcome
    reference_range = compact(
        low=quantity(result.reference_low) if result.reference_low is not None else None,
        high=quantity(result.reference_high) if result.reference_high is not None else None,
    )
    return Resource(Observation, compact(
        resourceType="Observation",
        id=ids.make(result.pk, "result"),
        meta={"profile": [codes.LABORATORY_TEST_RESULT]} if result.kind == ResultKind.LAB
        else None,
        status="final",
        category=category(RESULT_CATEGORY[result.kind]),
        code=code,
        subject=subject(result.plan_id),
        effectiveDateTime=result.taken_on,
        referenceRange=[reference_range] if reference_range else None,
        note=[{"text": result.explanation}] if result.explanation else None,
        **value,
    ))


def _outcome(resource):
    """(words, unplaced): a result in words is a text value, a coded value, or else the
    interpretation (of a number: "Boven referentiebereik"). Other interpretations are not
    placed."""
    def words(concept):
        return concept.text or next((c.display or c.code for c in concept.coding or []), "")

    interpretations = [f"Observation.interpretation[{i}]"
                       for i in range(len(resource.interpretation or []))]
    if resource.valueString:
        return resource.valueString, interpretations
    if resource.valueCodeableConcept is not None:
        return words(resource.valueCodeableConcept), interpretations
    if resource.interpretation:
        return words(resource.interpretation[0]), interpretations[1:]
    return "", []


def _name(concept):
    return concept.text or next((c.display for c in concept.coding or [] if c.display),
                                None) or describe(concept)


def result_from_fhir(resource):
    problems = []
    loinc = first_code(resource.code, codes.LOINC) or ""
    kind = next((k for k in measurements.TYPES.values() if k.lab and k.loinc == loinc), None)
    outcome, unplaced = _outcome(resource)
    unplaced += [f"Observation.referenceRange[{i}]"
                 for i in range(1, len(resource.referenceRange or []))]
    category_code = first_code(resource.category or [], codes.OBSERVATION_CATEGORY)
    fields = {
        "kind": ResultKind.LAB if codes.LABORATORY_TEST_RESULT in profiles(resource)
        else RESULT_KIND.get(category_code, ResultKind.LAB),
        "name": text(_name(resource.code), field_length(Result, "name"), "Observation.code",
                     problems),
        "taken_on": day(resource.effectiveDateTime, "Observation.effectiveDateTime",
                        problems, past=True),
        "value": None, "unit": "", "reference_low": None, "reference_high": None,
        "outcome": text(outcome, field_length(Result, "outcome"), "Observation.value",
                        problems),
        "explanation": text(notes(resource), field_length(Result, "explanation"),
                            "Observation.note", problems),
        "measurement_kind": kind.key if kind else "",
        "loinc": text(loinc, field_length(Result, "loinc"), "Observation.code", problems),
    }
    quantity = resource.valueQuantity
    if quantity is not None and quantity.value is not None:
        fields["value"] = number(quantity.value, "Observation.valueQuantity.value", problems)
        fields["unit"] = text(quantity.unit or quantity.code, field_length(Result, "unit"),
                              "Observation.valueQuantity.unit", problems)
        if kind:
            _value_in_unit(quantity, kind, "Observation.valueQuantity", problems)
            if problem := measurements.value_problem(kind, kind.parts[0], fields["value"]):
                problems.append(Problem("Observation.valueQuantity.value", problem))
    elif resource.valueInteger is not None:
        fields["value"] = Decimal(resource.valueInteger)
    if fields["value"] is None and not fields["outcome"]:
        problems.append(Problem("Observation.value", _(
            "Er staat geen uitslag in: geen getal en geen uitslag in woorden.")))
    if fields["value"] is not None and not fields["unit"]:
        if kind:
            fields["unit"] = str(kind.unit_label)
        else:
            problems.append(Problem("Observation.valueQuantity.unit",
                                    _("Bij een getal hoort een eenheid.")))
    for end in ("low", "high"):
        bound = getattr((resource.referenceRange or [None])[0], end, None)
        if bound is not None and bound.value is not None:
            fields[f"reference_{end}"] = number(
                bound.value, f"Observation.referenceRange[0].{end}", problems)
    low, high = fields["reference_low"], fields["reference_high"]
    if low is not None and high is not None and low > high:
        problems.append(Problem("Observation.referenceRange[0].high",
                                _("Dit is lager dan: normaal vanaf.")))
    return Mapped(fields, problems, unplaced, model="result")
