"""RelatedPerson (nl-core-ContactPerson) <-> a naaste: a member of the plan with the role
naaste (RelatedPerson/member-{membership}), or a naaste in the contact list
(RelatedPerson/contact-{contact}).

Whether a naaste may act for the patient is a permission in Samenplan, not something the
naaste is, and stays out: an import must never grant it. The relation ("dochter") is kept
as text; we do not guess a code for it."""

from fhir.resources.R4B.relatedperson import RelatedPerson

from samenplan.fhirapi import ids
from samenplan.plans.constants import ContactKind

from . import Mapped, Resource
from .common import text
from .elements import human_name, meta, modifier_problems, read_name, read_telecom, telecom
from .elements import unplaced as unplaced_elements

PROFILE = "nl-core-ContactPerson"
MEMBER, CONTACT = "member", "contact"

# The patient is placed by the import: every resource it reads is about that one person.
PLACED = {"patient", "name", "telecom", "relationship", "active"}


def is_related_person(contact):
    """A provider in the contact list is no RelatedPerson: FHIR has Practitioner for them."""
    return contact.kind == ContactKind.NAASTE


def to_fhir(membership):
    """A naaste who takes part in the plan (their account gives name and telecom)."""
    user = membership.user
    return _related_person(
        ids.make(membership.pk, MEMBER), membership.plan_id, user.name, membership.relation,
        telecom(user.phone, user.email), active=membership.is_active)


def contact_to_fhir(contact):
    """A naaste in the contact list, who need not have an account."""
    return _related_person(
        ids.make(contact.pk, CONTACT), contact.plan_id, contact.name, contact.role_or_relation,
        telecom(contact.phone, contact.email))


def _related_person(fhir_id, plan_pk, name, relation, points, active=None):
    data = {
        "resourceType": "RelatedPerson",
        "id": fhir_id,
        "meta": meta(PROFILE),
        "active": active,
        "patient": ids.reference("Patient", plan_pk),
        "relationship": [{"text": relation}] if relation else None,
        "name": human_name(name),
        "telecom": points,
    }
    return Resource(RelatedPerson, {k: v for k, v in data.items() if v is not None})


def from_fhir(resource):
    """The fields of a naaste in the contact list: an import cannot make accounts, so a
    naaste from elsewhere becomes a contact. A member's resource gives the same fields."""
    problems = modifier_problems(resource)
    name, unplaced_name = read_name("RelatedPerson", resource.name)
    found, unplaced_telecom = read_telecom("RelatedPerson", resource.telecom, problems)
    relation, unplaced_relationship = _read_relationship(resource.relationship)
    parts = unplaced_elements(resource, PLACED) + unplaced_name + unplaced_telecom
    parts += unplaced_relationship
    if resource.active is False:
        # A naaste who no longer takes part has no place in the contact list.
        parts.append("RelatedPerson.active")
    return Mapped(
        fields={
            "kind": ContactKind.NAASTE,
            "name": text(name, 200, "RelatedPerson.name", problems, required=True),
            "role_or_relation": text(relation, 100, "RelatedPerson.relationship", problems,
                                     required=True),
            **found,
        },
        problems=problems, unplaced=parts, model="contact",
    )


def _read_relationship(relationships):
    """(relation, unplaced): the text of each relationship, or its first coding's display
    ("Eerste relatie/contactpersoon, Hulpverlener"); one with neither is not placed."""
    words, unplaced = [], []
    for i, concept in enumerate(relationships or []):
        text = concept.text or next((c.display for c in concept.coding or [] if c.display), "")
        if text:
            words.append(text)
        else:
            unplaced.append(f"RelatedPerson.relationship[{i}]")
    return ", ".join(words), unplaced

