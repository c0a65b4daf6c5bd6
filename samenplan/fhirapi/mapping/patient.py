"""Patient (nl-core-Patient) <-> the plan's Profile (Mijn gegevens, M1).

The Patient's id is the plan's (ids.py): there is one person per plan. The pronoun the
plan uses for the person (F2c) is how Samenplan writes, not data about the person, and is
left out; so are the things Samenplan does not keep (BSN, gender, marital status...)."""

from fhir.resources.R4B.patient import Patient

from samenplan.fhirapi import ids

from . import Mapped, Resource
from .common import text
from .elements import (
    human_name,
    meta,
    modifier_problems,
    read_address,
    read_date,
    read_name,
    read_telecom,
    telecom,
    unplaced,
)

PROFILE = "nl-core-Patient"
# nl-core-Patient codes the language with ISO 639-1, as its example does.
ISO_639_1 = "urn:oid:1.0.639.1"
DUTCH = {"system": ISO_639_1, "code": "nl", "display": "Nederlands"}
# What the person wrote about language and reading goes with the language, as the
# zib's comment (the Nictiz example has "Bij gesprek met arts zoon uitnodigen...").
EXT_COMMENT = "http://nictiz.nl/fhir/StructureDefinition/ext-Comment"

PLACED = {"name", "birthDate", "address", "telecom", "communication"}


def to_fhir(profile):
    """The person whose plan it is. Samenplan speaks Dutch with everyone, so the language
    is Dutch; what they wrote under "taal en lezen" is its comment."""
    communication = {"language": {"coding": [DUTCH]}, "preferred": True}
    if profile.language_needs:
        communication["extension"] = [{"url": EXT_COMMENT,
                                       "valueString": profile.language_needs}]
    data = {
        "resourceType": "Patient",
        "id": ids.make(profile.plan_id),
        "meta": meta(PROFILE),
        "name": human_name(profile.name),
        "telecom": telecom(profile.phone, profile.email),
        "birthDate": profile.date_of_birth,
        "address": [{"use": "home", "text": profile.address}] if profile.address else None,
        "communication": [communication],
    }
    return Resource(Patient, {key: value for key, value in data.items() if value})


def from_fhir(resource):
    """The Profile fields the resource holds. An element it leaves out gives no field: a
    PGO that sends no address does not wipe the one in the plan."""
    problems = modifier_problems(resource)
    name, unplaced_name = read_name("Patient", resource.name)
    found, unplaced_telecom = read_telecom("Patient", resource.telecom, problems)
    address, unplaced_address = read_address("Patient", resource.address)
    language_needs, unplaced_communication = _read_communication(resource.communication)
    fields = {
        "name": text(name, 200, "Patient.name", problems),
        "date_of_birth": read_date("Patient.birthDate", resource.birthDate, problems),
        "address": text(address, 400, "Patient.address", problems),
        **found,
        "language_needs": text(language_needs, 4000, "Patient.communication", problems),
    }
    return Mapped(
        fields={key: value for key, value in fields.items() if value not in ("", None)},
        problems=problems,
        unplaced=(unplaced(resource, PLACED) + unplaced_name + unplaced_telecom
                  + unplaced_address + unplaced_communication),
        model="profile",
    )


def _read_communication(communications):
    """(language_needs, unplaced): the comments, joined. Dutch needs no place (Samenplan
    is in Dutch); another language, or how well the person speaks it, has none."""
    comments, unplaced_parts = [], []
    for i, communication in enumerate(communications or []):
        path = f"Patient.communication[{i}]"
        codes = [(c.system, c.code) for c in (communication.language.coding or [])]
        if (ISO_639_1, "nl") not in codes and ("urn:ietf:bcp:47", "nl") not in codes:
            unplaced_parts.append(f"{path}.language")
        for j, extension in enumerate(communication.extension or []):
            if extension.url == EXT_COMMENT and extension.valueString:
                comments.append(extension.valueString)
            else:
                unplaced_parts.append(f"{path}.extension[{j}]")
    return "\n".join(comments), unplaced_parts
