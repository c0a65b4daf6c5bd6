"""Logbook entries (M7) as FHIR Observations, and back. Pure: no database access.

An entry is coded with our own log kinds (codes.LOG_KINDS); pain with how bad it was is
also an nl-core-PainScore (SNOMED "pijnscore" with the LOINC 0-10 score). How bad it was
is valueInteger, with the text as the note; without it the text is valueString. A side
effect points to its medicine (focus). Who may see an entry is not in FHIR: the caller
passes only the entries the reader may see."""

from functools import cache

from django.utils.translation import gettext as _
from fhir.resources.R4B.observation import Observation

from samenplan.health import measurements
from samenplan.health.constants import LogKind
from samenplan.health.models import LogEntry

from .. import codes, ids
from . import Mapped, Problem, Resource
from .common import (
    coding,
    compact,
    describe,
    fhir_moment,
    first_code,
    member_reference,
    moment,
    referenced,
    subject,
    text,
)
from .observation_health import category, field_length, kind_of, notes, pain_score_codings


@cache
def _display(kind):
    """The Dutch name of a log kind; a plan has thousands of entries of six kinds."""
    return codes.display(LogKind(kind).label)


def log_entry_to_fhir(entry):
    """Needs `author_member` loaded. The caller passes only entries the reader may see."""
    pain_score = entry.kind == LogKind.PAIN and entry.intensity is not None
    code = [coding(codes.LOG_KINDS, entry.kind, _display(entry.kind))]
    if entry.intensity is not None:
        value = {"valueInteger": entry.intensity,
                 "note": [{"text": entry.text}] if entry.text else None}
    else:
        value = {"valueString": entry.text or None}
    return Resource(Observation, compact(
        resourceType="Observation",
        id=ids.make(entry.pk, "log"),
        meta={"profile": [codes.PAIN_SCORE]} if pain_score else None,
        status="final",
        category=category("survey"),
        code={"coding": [*pain_score_codings(), *code] if pain_score else code},
        subject=subject(entry.plan_id),
        focus=[ids.reference("MedicationStatement", entry.medication_id)]
        if entry.medication_id else None,
        effectiveDateTime=fhir_moment(entry.occurred_at),
        performer=[member_reference(entry.author_member)],
        **value,
    ))


def log_entry_from_fhir(resource):
    problems = []
    kind = first_code(resource.code, codes.LOG_KINDS)
    if kind is None and kind_of(resource.code) is measurements.TYPES["pain"]:
        kind = LogKind.PAIN
    if kind not in LogKind.values:
        problems.append(Problem("Observation.code", _(
            "Deze soort logboekbericht kennen we niet: %(code)s.") % {
                "code": kind or describe(resource.code)}))
    intensity = resource.valueInteger
    if intensity is not None and not 0 <= intensity <= 10:
        problems.append(Problem("Observation.valueInteger", _(
            "Hoe erg het was gaat van 0 tot en met 10, niet %(value)s.") % {"value": intensity}))
    fields = {
        "kind": kind,
        "occurred_at": moment(resource.effectiveDateTime, "Observation.effectiveDateTime",
                              problems),
        "intensity": intensity,
        "text": text(resource.valueString or notes(resource), field_length(LogEntry, "text"),
                     "Observation.value", problems),
        "medication_id": None,
    }
    medicines = [referenced(focus, "MedicationStatement") for focus in resource.focus or []]
    if kind == LogKind.SIDE_EFFECT and any(medicines):
        index = next(i for i, medicine in enumerate(medicines) if medicine)
        fields["medication_id"] = medicines[index][1]
    else:
        index = None
    unplaced = [f"Observation.focus[{i}]" for i in range(len(medicines)) if i != index]
    if resource.valueString and resource.note:
        unplaced.append("Observation.note")
    if intensity is None and not fields["text"]:
        problems.append(Problem("Observation.value", _(
            "Er staat niets in: geen tekst en geen cijfer voor hoe erg het was.")))
    return Mapped(fields, problems, unplaced, model="log")
