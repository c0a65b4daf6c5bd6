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
from . import Mapped
from .common import (
    check_status,
    elements,
    fhir_moment,
    member_reference,
    moment,
    points_to,
    referenced,
    subject,
    text,
)


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
    return Appointment.model_validate(elements(
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
    """(with_member_id, with_contact_id, where) from the participants we know."""
    member = contact = None
    where = ""
    for participant in participants:
        actor = participant.actor
        if actor is None:
            continue
        if points_to(actor) == "Location":
            where = where or actor.display or ""
        elif found := referenced(actor, "PractitionerRole") or referenced(
                actor, "RelatedPerson", ("member",)):
            member = member or found[1]
        elif found := referenced(actor, "RelatedPerson", ("contact",)):
            contact = contact or found[1]
    return member, None if member else contact, where


def from_fhir(resource):
    problems = []
    check_status(resource.status, codes.APPOINTMENT_STATUS, codes.APPOINTMENT_WITHDRAWN,
                 "Appointment.status", problems)
    member, contact, where = _with_whom(resource.participant or [])
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
    return Mapped(fields, problems, model="appointment")
