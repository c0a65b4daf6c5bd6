"""Practitioner (nl-core-HealthProfessional-Practitioner) <-> a provider's account (User),
and PractitionerRole (nl-core-HealthProfessional-PractitionerRole) <-> their membership
of the plan: the person, their profession and the organisation they work for.

The profession ("praktijkondersteuner", "huisarts") is the role's `specialty`, as text:
that is where nl-core puts the zib's Specialisme, and both Nictiz examples put the
profession there. `code` is for the role in the care process (hoofdbehandelaar...),
which Samenplan does not keep."""

from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole

from samenplan.fhirapi import ids

from . import Mapped, Resource
from .common import referenced
from .elements import (
    human_name,
    meta,
    modifier_problems,
    read_name,
    read_telecom,
    telecom,
    unplaced,
)

PROFILE = "nl-core-HealthProfessional-Practitioner"
ROLE_PROFILE = "nl-core-HealthProfessional-PractitionerRole"

# `active` is placed when it is true: an account or membership that has ended is not
# something an import can take over.
PLACED = {"name", "telecom"}
ROLE_PLACED = {"practitioner", "organization", "specialty"}


def to_fhir(user):
    return Resource(Practitioner, {
        "resourceType": "Practitioner",
        "id": ids.make(user.pk),
        "meta": meta(PROFILE),
        "active": user.is_active,
        "name": human_name(user.name),
        "telecom": telecom(user.phone, user.email, use="work") or None,
    })


def role_to_fhir(membership):
    """A provider in this plan. The organisation is the first (lowest id) of the user's
    organisations: load them with prefetch_related("user__organisations")."""
    user = membership.user
    organisation = min(user.organisations.all(), key=lambda org: org.pk, default=None)
    data = {
        "resourceType": "PractitionerRole",
        "id": ids.make(membership.pk),
        "meta": meta(ROLE_PROFILE),
        "active": membership.is_active,
        "practitioner": {**ids.reference("Practitioner", user.pk), "display": user.name},
        "specialty": [{"text": user.profession}] if user.profession else None,
    }
    if organisation:
        data["organization"] = {**ids.reference("Organization", organisation.pk),
                                "display": organisation.name}
    return Resource(PractitionerRole, {k: v for k, v in data.items() if v is not None})


def from_fhir(resource):
    """The fields of a User. The import makes no accounts, so it places none of them."""
    problems = modifier_problems(resource)
    name, unplaced_name = read_name("Practitioner", resource.name)
    found, unplaced_telecom = read_telecom("Practitioner", resource.telecom, problems)
    return Mapped(
        fields={"name": name, **found},
        problems=problems,
        unplaced=unplaced(resource, _placed(resource, PLACED)) + unplaced_name + unplaced_telecom,
        model="user",
    )


def role_from_fhir(resource):
    """The profession and, where they are ours, the user and the organisation a
    PractitionerRole points at."""
    specialties = [concept.text or next(
        (c.display for c in concept.coding or [] if c.display), "")
        for concept in resource.specialty or []]
    fields = {
        "profession": ", ".join(text for text in specialties if text),
        "user_id": _our_pk(resource.practitioner, "Practitioner"),
        "organisation_id": _our_pk(resource.organization, "Organization"),
    }
    # A reference to someone else's Practitioner or Organization has no place here: the
    # import first turns the references of a Bundle into ours.
    foreign = [f"PractitionerRole.{key}" for key, field in (
        ("practitioner", "user_id"), ("organization", "organisation_id"))
        if getattr(resource, key) is not None and fields[field] is None]
    return Mapped(
        fields=fields,
        problems=modifier_problems(resource),
        unplaced=unplaced(resource, _placed(resource, ROLE_PLACED)) + foreign,
        model="membership",
    )


def _our_pk(reference, resource_type):
    parsed = referenced(reference, resource_type)
    return parsed[1] if parsed else None


def _placed(resource, placed):
    return placed | {"active"} if resource.active is not False else placed
