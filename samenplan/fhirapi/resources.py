"""The resource types of the API: for each, which parts of the plan it shows, how to load
what a member may read of them, and its search parameters.

A loader returns (section, resource) pairs: the section is the part of the plan the
resource comes from, for the audit log and for the patient's sharing choices, which hold
here as on the pages (`may_read`)."""

from dataclasses import dataclass

from samenplan.health.queries import visible_log_entries
from samenplan.plans.constants import Role
from samenplan.plans.models import DomainNote
from samenplan.plans.sections import may_read

from .mapping import (
    appointment,
    care_plan,
    care_team,
    condition,
    goal,
    medication_statement,
    observation,
    organization,
    patient,
    practitioner,
    related_person,
)
from .search import Param

NL_CORE = "http://nictiz.nl/fhir/StructureDefinition/"


def _codes(*concepts):
    return [(c.system, c.code) for concept in concepts if concept
            for c in (concept.coding or [])]


def _ref(*references):
    return [r.reference for r in references if r is not None and r.reference]


def _status(resource):
    return [(None, resource.status)] if getattr(resource, "status", None) else []


def _active_members(plan):
    return [m for m in plan.memberships.select_related("user").prefetch_related(
        "user__organisations") if m.removed_at is None]


# --- loaders ---------------------------------------------------------------------------

def _patients(actor):
    if may_read(actor.membership, "personal"):
        yield "personal", patient.to_fhir(actor.plan.profile)


def _related_people(actor):
    if may_read(actor.membership, "members"):
        for membership in _active_members(actor.plan):
            if membership.role == Role.NAASTE:
                yield "members", related_person.to_fhir(membership)
    if may_read(actor.membership, "contacts"):
        for contact in actor.plan.contacts.all():
            if related_person.is_related_person(contact):
                yield "contacts", related_person.contact_to_fhir(contact)


def _providers(actor):
    if may_read(actor.membership, "members"):
        return [m for m in _active_members(actor.plan) if m.role == Role.PROVIDER]
    return []


def _practitioners(actor):
    for membership in _providers(actor):
        yield "members", practitioner.to_fhir(membership.user)


def _practitioner_roles(actor):
    for membership in _providers(actor):
        yield "members", practitioner.role_to_fhir(membership)


def _organizations(actor):
    seen = {}
    for membership in _providers(actor):
        for organisation in membership.user.organisations.all():
            seen[organisation.pk] = organisation
    for organisation in seen.values():
        yield "members", organization.to_fhir(organisation)


def _care_teams(actor):
    if may_read(actor.membership, "members"):
        yield "members", care_team.to_fhir(actor.plan, _active_members(actor.plan))


def _goals_of(actor):
    return list(actor.plan.goals.all()) if may_read(actor.membership, "goals") else []


def _care_plans(actor):
    if may_read(actor.membership, "actions"):
        actions = actor.plan.actions.select_related(
            "assignee_member", "patient_confirmed_by", "provider_confirmed_by")
        actions = list(actions)
        yield "actions", care_plan.to_fhir(actor.plan, actions, _goals_of(actor))
        for action in actions:
            if care_plan.is_help(action):  # help from a naaste: nl-core-HelpFromOthers
                yield "actions", care_plan.help_to_fhir(action)


def _goals(actor):
    targets = list(actor.plan.targets.all()) if may_read(actor.membership, "targets") else []
    reviews = {}
    for review in actor.plan.evaluations.prefetch_related("reviews").order_by("held_on"):
        for goal_review in review.reviews.all():
            reviews[goal_review.goal_id] = goal_review
    for item in _goals_of(actor):
        yield "goals", goal.to_fhir(
            item, [t for t in targets if t.kind == item.measurement_kind], reviews.get(item.pk))


def _conditions(actor):
    if may_read(actor.membership, "support_needs"):
        for note in actor.plan.domain_notes.filter(section=DomainNote.SUPPORT_NEEDS):
            yield "support_needs", condition.to_fhir(note, actor.plan.domain_set)


def _observations(actor):
    plan, membership = actor.plan, actor.membership
    if may_read(membership, "what_matters"):
        for note in plan.domain_notes.filter(section=DomainNote.WHAT_MATTERS):
            yield "what_matters", observation.what_matters_to_fhir(note, plan.domain_set)
    if may_read(membership, "domain_scores"):
        for score in plan.domain_scores.all():
            yield "domain_scores", observation.score_to_fhir(score, plan.domain_set)
    if may_read(membership, "measurements"):
        for measurement in plan.measurements.prefetch_related("author", "author_member"):
            yield "measurements", observation.measurement_to_fhir(measurement)
    if may_read(membership, "results"):
        for result in plan.results.all():
            yield "results", observation.result_to_fhir(result)
    if may_read(membership, "logbook"):
        for entry in visible_log_entries(membership).prefetch_related("author", "author_member"):
            yield "logbook", observation.log_entry_to_fhir(entry)


def _medication_statements(actor):
    if may_read(actor.membership, "medicines"):
        for medication in actor.plan.medications.all():
            yield "medicines", medication_statement.to_fhir(medication)


def _appointments(actor):
    if may_read(actor.membership, "agenda"):
        for item in actor.plan.appointments.select_related("with_member__user", "with_contact"):
            yield "agenda", appointment.to_fhir(item)


# --- the table -------------------------------------------------------------------------

ID = Param("token", lambda r: [(None, r.id)])


@dataclass(frozen=True)
class Kind:
    load: object  # actor -> (section, resource) pairs this member may read
    params: dict  # besides _id, which every type has
    profiles: tuple = ()

    def __post_init__(self):
        self.params.setdefault("_id", ID)


def _patient_param(read):
    return {"patient": Param("reference", lambda r: _ref(*read(r)))}


KINDS = {
    "Patient": Kind(_patients, {}, (NL_CORE + "nl-core-Patient",)),
    "RelatedPerson": Kind(_related_people, _patient_param(lambda r: [r.patient]),
                          (NL_CORE + "nl-core-ContactPerson",)),
    "Practitioner": Kind(_practitioners, {},
                         (NL_CORE + "nl-core-HealthProfessional-Practitioner",)),
    "PractitionerRole": Kind(_practitioner_roles, {},
                             (NL_CORE + "nl-core-HealthProfessional-PractitionerRole",)),
    "Organization": Kind(_organizations, {},
                         (NL_CORE + "nl-core-HealthcareProvider-Organization",)),
    "CareTeam": Kind(_care_teams, {**_patient_param(lambda r: [r.subject]),
                                   "status": Param("token", _status)}),
    "CarePlan": Kind(_care_plans, {
        **_patient_param(lambda r: [r.subject]), "status": Param("token", _status),
        "category": Param("token", lambda r: _codes(*(r.category or []))),
        "date": Param("date", lambda r: [r.created] if r.created else []),
    }, (NL_CORE + "nl-core-HelpFromOthers",)),
    "Goal": Kind(_goals, {
        **_patient_param(lambda r: [r.subject]),
        "lifecycle-status": Param("token", lambda r: [(None, r.lifecycleStatus)]),
        "achievement-status": Param("token", lambda r: _codes(r.achievementStatus)),
        "category": Param("token", lambda r: _codes(*(r.category or []))),
        "start-date": Param("date", lambda r: [r.startDate] if r.startDate else []),
    }, (NL_CORE + "nl-core-TreatmentObjective",)),
    "Condition": Kind(_conditions, {
        **_patient_param(lambda r: [r.subject]),
        "code": Param("token", lambda r: _codes(r.code)),
        "category": Param("token", lambda r: _codes(*(r.category or []))),
        "clinical-status": Param("token", lambda r: _codes(r.clinicalStatus)),
        "recorded-date": Param("date", lambda r: [r.recordedDate] if r.recordedDate else []),
    }),
    "Observation": Kind(_observations, {
        **_patient_param(lambda r: [r.subject]),
        "code": Param("token", lambda r: _codes(r.code)),
        "category": Param("token", lambda r: _codes(*(r.category or []))),
        "status": Param("token", _status),
        "date": Param("date", lambda r: [d for d in (
            r.effectiveDateTime, r.effectivePeriod and r.effectivePeriod.start) if d]),
    }, tuple(NL_CORE + name for name in (
        "nl-core-BloodPressure", "nl-core-BodyWeight", "nl-core-BodyHeight",
        "nl-core-LaboratoryTestResult", "nl-core-PainScore"))),
    "MedicationStatement": Kind(_medication_statements, {
        **_patient_param(lambda r: [r.subject]), "status": Param("token", _status),
        "code": Param("token", lambda r: _codes(r.medicationCodeableConcept)),
        "effective": Param("date", lambda r: [d for d in (
            r.effectiveDateTime, r.effectivePeriod and r.effectivePeriod.start) if d]),
    }),
    "Appointment": Kind(_appointments, {
        "patient": Param("reference", lambda r: _ref(*[p.actor for p in r.participant])),
        "status": Param("token", _status),
        "date": Param("date", lambda r: [r.start] if r.start else []),
    }),
}


def readable_resources(actor, kind):
    """The (section, resource) pairs of this kind that this member may read."""
    return list(kind.load(actor))
