"""MedicationStatement <-> a medicine in the overview (M9). Pure: no database access.

What each medicine is for, in at most two plain sentences, is the dosage's
patientInstruction: the text written for the patient. How much and how to take it is the
dosage text. The strength as written ("500 mg") has no free-text element in FHIR: it goes
with the name in the medicine's text, as people read it, and once more in our extension
(codes.MEDICATION_STRENGTH) so that it comes back apart. Who prescribed it is the
informationSource, by name. The patient's own note is a note by the Patient.

No nl-core profile is claimed: nl-core-MedicationUse2 asks for a coded medicine (G-Standaard)
that Samenplan does not keep."""

from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.medicationstatement import MedicationStatement

from samenplan.health.models import Medication
from samenplan.lib import taal

from .. import codes
from . import Mapped, Problem, Resource
from .common import check_status, compact, day, subject, text
from .elements import modifier_problems, reference_type, unplaced

PLACED = {"status", "extension", "medicationCodeableConcept", "medicationReference",
          "contained", "subject", "effectivePeriod", "effectiveDateTime", "informationSource",
          "note", "dosage", "reasonCode"}


def field_length(name):
    return Medication._meta.get_field(name).max_length


def status(medication, today):
    if medication.since > today:
        return "intended"
    if medication.until is not None and medication.until < today:
        return "completed"
    return "active"


def to_fhir(medication):
    strength = [{"url": codes.MEDICATION_STRENGTH, "valueString": medication.strength}]
    return Resource(MedicationStatement, compact(
        resourceType="MedicationStatement",
        id=str(medication.pk),
        extension=strength if medication.strength else None,
        status=status(medication, timezone.localdate()),
        medicationCodeableConcept={"text": str(medication)},
        subject=subject(medication.plan_id),
        effectivePeriod=compact(start=medication.since, end=medication.until),
        informationSource={"display": medication.prescribed_by}
        if medication.prescribed_by else None,
        note=[{"authorReference": subject(medication.plan_id), "text": medication.patient_note}]
        if medication.patient_note else None,
        dosage=[{"text": medication.dose, "patientInstruction": medication.purpose}],
    ))


def _medicine_name(resource):
    """The name of the medicine: its text or first display, also of a contained one."""
    concept = resource.medicationCodeableConcept
    reference = resource.medicationReference
    if concept is None and reference is not None:
        contained = {f"#{r.id}": r for r in resource.contained or []}
        medicine = contained.get(reference.reference or "")
        concept = getattr(medicine, "code", None)
        if concept is None:
            return reference.display or ""
    if concept is None:
        return ""
    return concept.text or next((c.display for c in concept.coding or [] if c.display), "")


def _purpose(resource, dosage):
    if dosage is not None and dosage.patientInstruction:
        return dosage.patientInstruction
    for reason in resource.reasonCode or []:
        if found := reason.text or next((c.display for c in reason.coding or [] if c.display),
                                        None):
            return found
    return ""


def _unplaced_parts(resource, dosage):
    """The parts of the elements we take that are left: other extensions, other dosages,
    notes that are not the patient's, the reasons when the purpose is the instruction."""
    parts = [f"MedicationStatement.extension[{i}]" for i, e in enumerate(resource.extension or [])
             if e.url != codes.MEDICATION_STRENGTH]
    parts += [f"MedicationStatement.dosage[{i}]" for i in range(1, len(resource.dosage or []))]
    parts += [f"MedicationStatement.note[{i}]" for i, note in enumerate(resource.note or [])
              if reference_type(note.authorReference) != "Patient"]
    if resource.reasonCode and dosage is not None and dosage.patientInstruction:
        parts.append("MedicationStatement.reasonCode")
    return parts


def from_fhir(resource):
    problems = modifier_problems(resource)
    check_status(resource.status, codes.MEDICATION_STATEMENT_STATUS,
                 codes.MEDICATION_STATEMENT_WITHDRAWN, "MedicationStatement.status", problems)
    strength = next((e.valueString for e in resource.extension or []
                     if e.url == codes.MEDICATION_STRENGTH and e.valueString), "")
    name = _medicine_name(resource)
    if strength and name.endswith(strength):
        name = name[:-len(strength)].strip()
    dosage = (resource.dosage or [None])[0]
    purpose = text(_purpose(resource, dosage), field_length("purpose"),
                   "MedicationStatement.dosage[0].patientInstruction", problems, required=True)
    if len(taal.sentences(purpose)) > 2:
        problems.append(Problem("MedicationStatement.dosage[0].patientInstruction",
                                _("Schrijf hooguit twee korte zinnen.")))
    period = resource.effectivePeriod
    since = period.start if period else resource.effectiveDateTime
    fields = {
        "name": text(name, field_length("name"), "MedicationStatement.medication", problems,
                     required=True),
        "strength": text(strength, field_length("strength"), "MedicationStatement.extension",
                         problems),
        "dose": text(dosage.text if dosage else "", field_length("dose"),
                     "MedicationStatement.dosage[0].text", problems, required=True),
        "purpose": purpose,
        "since": day(since, "MedicationStatement.effectivePeriod.start", problems),
        "until": day(period.end if period else None, "MedicationStatement.effectivePeriod.end",
                     problems, required=False),
        "prescribed_by": text(resource.informationSource.display
                              if resource.informationSource else "",
                              field_length("prescribed_by"),
                              "MedicationStatement.informationSource", problems),
        # Only what the patient wrote is the patient's own note.
        "patient_note": text("\n\n".join(
            note.text for note in resource.note or []
            if note.text and reference_type(note.authorReference) == "Patient"),
            field_length("patient_note"), "MedicationStatement.note", problems),
    }
    if fields["since"] and fields["until"] and fields["until"] < fields["since"]:
        problems.append(Problem("MedicationStatement.effectivePeriod.end", _(
            "Deze datum ligt voor de startdatum.")))
    return Mapped(fields, problems, unplaced(resource, PLACED) + _unplaced_parts(
        resource, dosage), model="medication")
