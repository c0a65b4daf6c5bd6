"""The kinds of measurement (meetwaarden, D1), each with its LOINC code and UCUM unit.

The codes are stored with every measurement, target and coded result, so that the FHIR
export (issue 7) loses nothing even if this table changes. `low` and `high` are the
limits of what a person can possibly measure: anything outside is a typing error, not a
value to save. Blood pressure is one measurement with two parts, as in FHIR (a panel with
a systolic and a diastolic component, nl-core-BloodPressure)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .templatetags.health_numbers import plain_number

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"


class Topic(models.TextChoices):
    """The lifestyle topics from the pilot (D1), offered for goals and measurements."""

    EXERCISE = "exercise", _("Bewegen")
    MEDICINES = "medicines", _("Medicijnen innemen")
    STRESS = "stress", _("Stress")
    ALCOHOL = "alcohol", _("Alcohol")
    FOOD = "food", _("Voeding")
    SMOKING = "smoking", _("Roken")
    WEIGHT = "weight", _("Gewicht")


@dataclass(frozen=True)
class Part:
    """One number of a measurement: its LOINC code, name and possible range."""

    loinc: str
    name: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class MeasurementType:
    key: str
    name: str
    loinc: str  # of the whole measurement (the panel, for blood pressure)
    loinc_display: str
    unit: str  # UCUM, stored
    unit_label: str  # as people read it
    parts: tuple[Part, ...]
    decimals: int
    topic: str = ""
    lab: bool = False  # the lab measures it: it can also be a result (M10)
    explanation: str = ""

    @property
    def has_two_parts(self):
        return len(self.parts) == 2

    @property
    def topic_label(self):
        return Topic(self.topic).label if self.topic else ""


def _one(loinc, name, low, high):
    return (Part(loinc, name, Decimal(low), Decimal(high)),)


TYPES = {
    t.key: t
    for t in [
        MeasurementType(
            "hba1c", _("HbA1c (gemiddelde bloedsuiker)"), "59261-8",
            "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", "mmol/mol",
            "mmol/mol", _one("59261-8", _("HbA1c"), "15", "200"), 0, Topic.FOOD, lab=True,
            explanation=_("Uw gemiddelde bloedsuiker van de laatste 2 tot 3 maanden."),
        ),
        MeasurementType(
            "blood_pressure", _("Bloeddruk"), "85354-9",
            "Blood pressure panel with all children optional", "mm[Hg]", "mmHg",
            (Part("8480-6", _("bovendruk"), Decimal(50), Decimal(300)),
             Part("8462-4", _("onderdruk"), Decimal(20), Decimal(200))), 0,
            explanation=_("De bovendruk en de onderdruk, zoals de meter ze laat zien."),
        ),
        MeasurementType(
            "weight", _("Gewicht"), "29463-7", "Body weight", "kg", "kg",
            _one("29463-7", _("gewicht"), "1", "400"), 1, Topic.WEIGHT,
        ),
        MeasurementType(
            "bmi", _("BMI (gewicht bij lengte)"), "39156-5", "Body mass index (BMI) [Ratio]",
            "kg/m2", "kg/m²", _one("39156-5", _("BMI"), "10", "90"), 1, Topic.WEIGHT,
            explanation=_("Uw gewicht vergeleken met hoe lang u bent."),
        ),
        MeasurementType(
            "waist", _("Buikomvang"), "8280-0", "Waist Circumference at umbilicus by Tape measure",
            "cm", "cm", _one("8280-0", _("buikomvang"), "40", "250"), 0, Topic.WEIGHT,
        ),
        MeasurementType(
            "fasting_glucose", _("Nuchtere bloedsuiker"), "1558-6",
            "Fasting glucose [Moles/volume] in Serum or Plasma", "mmol/L", "mmol/l",
            _one("1558-6", _("bloedsuiker"), "1", "40"), 1, Topic.FOOD, lab=True,
            explanation=_("Uw bloedsuiker 's ochtends, voor u iets eet."),
        ),
        MeasurementType(
            "ldl", _("LDL-cholesterol"), "22748-8",
            "Cholesterol in LDL [Moles/volume] in Serum or Plasma", "mmol/L", "mmol/l",
            _one("22748-8", _("LDL"), "0.1", "20"), 1, Topic.FOOD, lab=True,
            explanation=_("Het vet in uw bloed dat uw bloedvaten kan vernauwen."),
        ),
        MeasurementType(
            "egfr", _("eGFR (hoe goed de nieren werken)"), "62238-1",
            "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, "
            "Plasma or Blood by Creatinine-based formula (CKD-EPI)", "mL/min/{1.73_m2}",
            "ml/min/1,73m²", _one("62238-1", _("eGFR"), "1", "200"), 0, lab=True,
        ),
        MeasurementType(
            "steps", _("Stappen per dag"), "41950-7", "Number of steps in 24 hour Measured",
            "/d", _("stappen"), _one("41950-7", _("stappen"), "0", "100000"), 0,
            Topic.EXERCISE,
        ),
        MeasurementType(
            "pain", _("Pijn (0 tot en met 10)"), "72514-3",
            "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "{score}", "",
            _one("72514-3", _("pijn"), "0", "10"), 0,
            explanation=_("0 is geen pijn, 10 is de ergste pijn die u kunt bedenken."),
        ),
    ]
}

CHOICES = [(key, t.name) for key, t in TYPES.items()]
LAB_CHOICES = [(key, t.name) for key, t in TYPES.items() if t.lab]


def unit_matches(measurement_type, unit):
    """Whether a unit someone typed is the unit of this kind of measurement, written as
    UCUM or as people write it ("mmol/l" for "mmol/L"), in any case."""
    def plain(text):
        return text.strip().lower().replace(" ", "").replace(",", ".").replace("²", "2")

    return plain(unit) in {plain(measurement_type.unit), plain(str(measurement_type.unit_label))}


def value_problem(kind, part, value):
    """Why this value cannot be right for this part of the measurement (a value no person
    can have: 0 kg, a blood pressure of 400, an HbA1c of 500; or more decimals than the
    measurement uses), in plain Dutch; None if it can be."""
    value = Decimal(str(value))
    if not part.low <= value <= part.high:
        return _("%(value)s %(unit)s kan niet kloppen. Vul een getal in van %(low)s tot en "
                 "met %(high)s.") % {"value": plain_number(value), "unit": kind.unit_label,
                                     "low": plain_number(part.low),
                                     "high": plain_number(part.high)}
    if -value.normalize().as_tuple().exponent > kind.decimals:
        if not kind.decimals:
            return _("Vul een heel getal in, zonder komma.")
        return _("Gebruik hooguit %(n)s cijfer na de komma.") % {"n": kind.decimals}
    return None


def pair_problem(kind, first, second):
    """Why two numbers cannot be one blood pressure: the diastolic is always lower."""
    if kind.has_two_parts and first is not None and second is not None and second >= first:
        return _("De onderdruk is altijd lager dan de bovendruk. Kijk de getallen nog eens na.")
    return None


def format_value(kind, value, second_value=None):
    """A value as people read it: "72,4 kg", "138/86 mmHg", "6500 stappen"."""
    number = plain_number(value)
    if kind.has_two_parts and second_value is not None:
        number = f"{number}/{plain_number(second_value)}"
    return f"{number} {kind.unit_label}".strip()


def format_range(kind, low, high):
    """One range in words: "tot en met 53 mmol/mol", "van 4 tot en met 7 mmol/l"."""
    unit = f" {kind.unit_label}" if kind.unit_label else ""
    values = {"low": plain_number(low), "high": plain_number(high), "unit": unit}
    if low is not None and high is not None:
        return _("van %(low)s tot en met %(high)s%(unit)s") % values
    if high is not None:
        return _("tot en met %(high)s%(unit)s") % values
    if low is not None:
        return _("%(low)s%(unit)s of meer") % values
    return ""


def format_target(target):
    """A target in words; for blood pressure per part: "bovendruk tot en met 140 mmHg,
    onderdruk tot en met 90 mmHg"."""
    kind = target.type
    ranges = [format_range(kind, low, high) for low, high in target.bands()]
    if not kind.has_two_parts:
        return ranges[0]
    return ", ".join(f"{part.name} {text}" for part, text in zip(kind.parts, ranges,
                                                                  strict=True) if text)


class Position(models.TextChoices):
    """Where a value lies against its target: a fact, not a judgement (F3a)."""

    WITHIN = "within", _("Binnen de streefwaarde")
    ABOVE = "above", _("Hoger dan de streefwaarde")
    BELOW = "below", _("Lager dan de streefwaarde")


def position(target, value, second_value=None):
    """Where this value lies against the target, or None without a target."""
    if target is None:
        return None
    for (low, high), number in zip(target.bands(), (value, second_value), strict=False):
        if number is None:
            continue
        if high is not None and number > high:
            return Position.ABOVE
        if low is not None and number < low:
            return Position.BELOW
    return Position.WITHIN
