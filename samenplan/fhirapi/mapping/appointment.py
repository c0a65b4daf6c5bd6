"""Appointment <-> an appointment in the agenda (M8). Pure: no database access.

What for is the description (what a calendar shows). The participants are the patient,
with whom (someone in the plan, or a contact) and where (a Location by name: Samenplan
keeps only the name). An appointment has a start only; a booked Appointment must have an
end as well (FHIR's app-3), so it ends half an hour later, as in the calendar (ical.py).
The patient's own questions are the comment: the caller leaves the whole appointment out
for whoever may not see the agenda. No nl-core profile applies."""

from fhir.resources.R4B.appointment import Appointment

from samenplan.health.ical import DEFAULT_LENGTH
from samenplan.health.models import Appointment as Model

from .. import codes, ids
from . import Mapped, Resource
from .common import (
    check_status,
    compact,
    fhir_moment,
    member_reference,
    moment,
    referenced,
    subject,
    text,
)
from .elements import modifier_problems, reference_type, unplaced

PLACED = {"status", "description", "serviceType", "appointmentType", "reasonCode", "start",
          "comment", "participant"}


def field_length(name):
    return Model._meta.get_field(name).max_length


def _participant(actor):
    return {"actor": actor, "status": "accepted"}


def to_fhir(appointment):
    """Needs `with_member__user` and `with_contact` loaded (select_related)."""
    participants = [_participant(subject(appointment.plan_id))]
    if appointment.with_member_id:
        participants.append(_participant({**member_reference(appointment.with_member),
                                          "display": appointment.with_whom}))
    elif appointment.with_contact_id:
        participants.append(_participant({
            **ids.reference("RelatedPerson", appointment.with_contact_id, "contact"),
            "display": appointment.with_whom}))
    if appointment.where:
        participants.append(_participant({"type": "Location", "display": appointment.where}))
    return Resource(Appointment, compact(
        resourceType="Appointment",
        id=str(appointment.pk),
        status="booked",
        description=appointment.purpose,
        start=fhir_moment(appointment.starts_at),
        end=fhir_moment(appointment.starts_at + DEFAULT_LENGTH),
        comment=appointment.questions or None,
        participant=participants,
    ))


def _purpose(resource):
    if resource.description:
        return resource.description
    for concept in [*(resource.serviceType or []), resource.appointmentType,
                    *(resource.reasonCode or [])]:
        if concept is not None and (found := concept.text or next(
                (c.display for c in concept.coding or [] if c.display), None)):
            return found
    return ""


def _with_whom(participants):
    """(with_member_id, with_contact_id, where, unplaced) from the participants: the
    patient, the first one of the plan or the contacts, the first place by name."""
    found = {"member": None, "contact": None, "where": ""}
    unplaced_parts = []
    for i, participant in enumerate(participants):
        actor = participant.actor
        ours = (referenced(actor, "PractitionerRole") or referenced(
            actor, "RelatedPerson", ("member", "contact")))
        if reference_type(actor) == "Location" and actor.display and not found["where"]:
            found["where"] = actor.display
        elif ours and not (found["member"] or found["contact"]):
            found["contact" if ours[0] == "contact" else "member"] = ours[1]
        elif reference_type(actor) != "Patient":
            unplaced_parts.append(f"Appointment.participant[{i}]")
    return found["member"], found["contact"], found["where"], unplaced_parts


def from_fhir(resource):
    problems = modifier_problems(resource)
    check_status(resource.status, codes.APPOINTMENT_STATUS, codes.APPOINTMENT_WITHDRAWN,
                 "Appointment.status", problems)
    member, contact, where, unplaced_parts = _with_whom(resource.participant or [])
    fields = {
        "starts_at": moment(resource.start, "Appointment.start", problems, past=False),
        "purpose": text(_purpose(resource), field_length("purpose"), "Appointment.description",
                        problems, required=True),
        "where": text(where, field_length("where"), "Appointment.participant", problems),
        "questions": text(resource.comment, field_length("questions"), "Appointment.comment",
                          problems),
        "with_member_id": member,
        "with_contact_id": contact,
    }
    return Mapped(fields, problems, unplaced(resource, PLACED) + unplaced_parts,
                  model="appointment")
