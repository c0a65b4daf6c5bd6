"""CareTeam (nl-core-CareTeam) <-> everyone who takes part in the plan: the patient, the
naasten and the providers, each with their role. CareTeam/{plan} (ids.py).

The role is coded in SNOMED CT (the example binding of CareTeam.participant.role), with
our own word for it as text. Reading a CareTeam from elsewhere, a participant without a
role we know gets it from what the member is: a Patient, a RelatedPerson (naaste) or a
care professional (provider). An import places no members: joining a plan takes an
invitation that the person accepts."""

from fhir.resources.R4B.careteam import CareTeam

from samenplan.fhirapi import codes, ids
from samenplan.plans.constants import PlanStatus, Role

from . import Mapped, Resource
from .common import check_status, coding, member_reference
from .elements import dutch, meta, modifier_problems, reference_type, unplaced

PROFILE = "nl-core-CareTeam"
ROLES = {
    Role.PATIENT: ("116154003", "Patient"),
    Role.NAASTE: ("133932002", "Caregiver"),
    Role.PROVIDER: ("223366009", "Healthcare professional"),
}
ROLE_OF_CODE = {code: role for role, (code, _display) in ROLES.items()}
ROLE_OF_TYPE = {"Patient": Role.PATIENT, "RelatedPerson": Role.NAASTE,
                "PractitionerRole": Role.PROVIDER, "Practitioner": Role.PROVIDER,
                "Organization": Role.PROVIDER}
STATUS = {
    PlanStatus.INVITED: "proposed",
    PlanStatus.ACTIVE: "active",
    PlanStatus.PAUSED: "suspended",
    PlanStatus.CLOSED: "inactive",
    PlanStatus.DECLINED: "inactive",
}
ALL_STATUSES = {"proposed", "active", "suspended", "inactive", "entered-in-error"}

PLACED = {"participant", "subject", "status"}


def to_fhir(plan, memberships):
    """The members who take part now (removed ones are history, not the team). Each
    membership's user gives the name: load them with select_related("user")."""
    participants = [_participant(m) for m in memberships if m.is_active]
    return Resource(CareTeam, {
        "resourceType": "CareTeam",
        "id": ids.make(plan.pk),
        "meta": meta(PROFILE),
        "status": STATUS[plan.status],
        "subject": ids.reference("Patient", plan.pk),
        "participant": participants or None,
    })


def _participant(membership):
    code, display = ROLES[membership.role]
    return {
        "role": [{"coding": [coding(codes.SNOMED, code, display)],
                  "text": dutch(Role(membership.role).label)}],
        "member": {**member_reference(membership), "display": membership.user.name},
    }


def from_fhir(resource):
    """Each participant's role and member (a reference as it stands). Nothing of it
    becomes a row: fields say who the team is, for the report."""
    problems = modifier_problems(resource)
    if resource.status:
        check_status(resource.status, ALL_STATUSES, {"entered-in-error"}, "CareTeam.status",
                     problems)
    participants, unplaced_parts = [], []
    for i, participant in enumerate(resource.participant or []):
        role = _role(participant)
        if role is None or participant.member is None:
            unplaced_parts.append(f"CareTeam.participant[{i}]")
        else:
            participants.append({"role": role, "member": participant.member.reference})
    return Mapped(
        fields={"participants": participants},
        problems=problems,
        unplaced=unplaced(resource, PLACED) + unplaced_parts,
    )


def _role(participant):
    for concept in participant.role or []:
        for code in concept.coding or []:
            if code.system == codes.SNOMED and code.code in ROLE_OF_CODE:
                return ROLE_OF_CODE[code.code]
    return ROLE_OF_TYPE.get(reference_type(participant.member))
