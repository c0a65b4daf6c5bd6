"""Condition <-> a support need in a life domain (M3: "Waar wil ik hulp bij", a DomainNote
of the section support_needs). Pure: no database access.

There is no nl-core profile for it: nl-core-Problem is a problem or diagnosis, which the
plan does not keep. The code is the life domain from the CodeSystem Samenplan publishes,
the category says it is a support need, the need itself, in the person's own words, is
the note. A Condition without one of our life domains (a diagnosis from another system,
such as the Nictiz Problem examples) is not placed."""

from django.utils.translation import gettext as _
from fhir.resources.R4B.condition import Condition

from samenplan.plans.models import LONG, DomainNote

from .. import codes, ids
from . import Mapped, Problem, Resource
from .common import (
    codes_in,
    coding,
    compact,
    fhir_moment,
    first_code,
    life_domain,
    life_domain_from,
    no_place,
    plan_part,
    subject,
    text,
)
from .elements import modifier_problems, unplaced

CLINICAL_STATUS = {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}
NOT_CURRENT = {"inactive", "remission", "resolved"}
VERIFICATION_WITHDRAWN = {"refuted", "entered-in-error"}
VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
PLACED = {"clinicalStatus", "verificationStatus", "category", "code", "subject", "note"}


def to_fhir(note, domain_set):
    """A DomainNote of the section support_needs."""
    return Resource(Condition, compact(
        resourceType="Condition",
        id=ids.make(note.pk, "need"),
        clinicalStatus={"coding": [coding(codes.CONDITION_CLINICAL, "active")]},
        category=[plan_part(codes.SUPPORT_NEEDS)],
        code=life_domain(domain_set, note.domain),
        subject=subject(note.plan_id),
        recordedDate=fhir_moment(note.updated_at),
        note=[{"text": note.text}] if note.text else None,
    ))


def _status_problems(resource):
    problems = []
    clinical = codes_in(resource.clinicalStatus, codes.CONDITION_CLINICAL)
    if clinical and clinical[0] not in CLINICAL_STATUS:
        problems.append(Problem("Condition.clinicalStatus", _(
            "Deze status kennen we niet: %(status)s.") % {"status": clinical[0]}))
    elif clinical and clinical[0] in NOT_CURRENT:
        problems.append(Problem("Condition.clinicalStatus", _(
            "Deze hulpvraag geldt niet meer (status %(status)s). Daarom nemen we hem niet "
            "over.") % {"status": clinical[0]}))
    verification = codes_in(resource.verificationStatus, VERIFICATION)
    if verification and verification[0] in VERIFICATION_WITHDRAWN:
        problems.append(Problem("Condition.verificationStatus", _(
            "Dit is ingetrokken of gaat niet door (status %(status)s). Daarom nemen we het "
            "niet over.") % {"status": verification[0]}))
    return problems


def from_fhir(resource, domain_set=None):
    """A support need; with the plan's `domain_set`, its life domain must be of that set."""
    ours = ids.parse(resource.id, ("need",))
    if not ours and first_code(resource.code, codes.LIFE_DOMAINS) is None:
        return Mapped({}, unplaced=[no_place(resource, resource.code)])
    problems = modifier_problems(resource) + _status_problems(resource)
    fields = {
        "domain": life_domain_from(resource.code, "Condition.code", problems, domain_set),
        "section": DomainNote.SUPPORT_NEEDS,
        "text": text("\n\n".join(n.text for n in resource.note or [] if n.text), LONG,
                     "Condition.note", problems),
    }
    return Mapped(fields, problems, unplaced(resource, PLACED), model="need")
