"""Organization (nl-core-HealthcareProvider-Organization) <-> an Organisation providers
work for (a praktijk, thuiszorg...): its name and phone number. Samenplan keeps no AGB or
URA number, type or address of an organisation."""

from fhir.resources.R4B.organization import Organization

from samenplan.fhirapi import ids

from . import Mapped, Resource
from .elements import meta, modifier_problems, read_telecom, telecom, unplaced

PROFILE = "nl-core-HealthcareProvider-Organization"
PLACED = {"name", "telecom"}


def to_fhir(organisation):
    return Resource(Organization, {
        "resourceType": "Organization",
        "id": ids.make(organisation.pk),
        "meta": meta(PROFILE),
        "name": organisation.name,
        "telecom": telecom(organisation.phone, "", use="work") or None,
    })


def from_fhir(resource):
    problems = modifier_problems(resource)
    found, unplaced_telecom = read_telecom("Organization", resource.telecom, problems,
                                           ("phone",))
    return Mapped(
        fields={"name": resource.name or "", **found},
        problems=problems,
        unplaced=unplaced(resource, PLACED) + unplaced_telecom,
        model="organisation",
    )
