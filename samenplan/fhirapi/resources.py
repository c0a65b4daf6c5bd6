"""The resource types of the API: for each, which parts of the plan it shows, how to load
what a member may read of them, and its search parameters.

A loader returns (section, resource) pairs: the section is the part of the plan the
resource comes from, for the audit log and for the patient's sharing choices, which hold
here as on the pages (`may_read`)."""

import datetime
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


# Search parameters read the JSON we made (`Resource.data`), not the R4B model: a plan
# has thousands of observations, and making a model of each took a second.

def _codes(*concepts):
    return [(c.get("system"), c.get("code")) for concept in concepts if concept
            for c in concept.get("coding", [])]


def _ref(*references):
    return [r["reference"] for r in references if r and r.get("reference")]


def _status(resource):
    return [(None, resource.data["status"])] if resource.data.get("status") else []


def _moments(*values):
    """FHIR dates and dateTimes, as the search compares them (date or datetime)."""
    return [datetime.datetime.fromisoformat(v) if isinstance(v, str) and "T" in v
            else datetime.date.fromisoformat(v) if isinstance(v, str) else v
            for v in values if v]


def _effective(data):
    return _moments(data.get("effectiveDateTime"), data.get("effectivePeriod", {}).get("start"))


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


def _patient_param(element):
    return {"patient": Param("reference", lambda r: _ref(r.data.get(element)))}


def _token(element):
    return Param("token", lambda r: _codes(r.data.get(element)))


def _category():
    return Param("token", lambda r: _codes(*r.data.get("category", [])))


def _date(element):
    return Param("date", lambda r: _moments(r.data.get(element)))


KINDS = {
    "Patient": Kind(_patients, {}, (NL_CORE + "nl-core-Patient",)),
    "RelatedPerson": Kind(_related_people, _patient_param("patient"),
                          (NL_CORE + "nl-core-ContactPerson",)),
    "Practitioner": Kind(_practitioners, {},
                         (NL_CORE + "nl-core-HealthProfessional-Practitioner",)),
    "PractitionerRole": Kind(_practitioner_roles, {},
                             (NL_CORE + "nl-core-HealthProfessional-PractitionerRole",)),
    "Organization": Kind(_organizations, {},
                         (NL_CORE + "nl-core-HealthcareProvider-Organization",)),
    "CareTeam": Kind(_care_teams, {**_patient_param("subject"),
                                   "status": Param("token", _status)}),
    "CarePlan": Kind(_care_plans, {
        **_patient_param("subject"), "status": Param("token", _status),
        "category": _category(), "date": _date("created"),
    }, (NL_CORE + "nl-core-HelpFromOthers",)),
    "Goal": Kind(_goals, {
        **_patient_param("subject"),
        "lifecycle-status": Param("token", lambda r: [(None, r.data.get("lifecycleStatus"))]),
        "achievement-status": _token("achievementStatus"),
        "category": _category(), "start-date": _date("startDate"),
    }, (NL_CORE + "nl-core-TreatmentObjective",)),
    "Condition": Kind(_conditions, {
        **_patient_param("subject"), "code": _token("code"), "category": _category(),
        "clinical-status": _token("clinicalStatus"), "recorded-date": _date("recordedDate"),
    }),
    "Observation": Kind(_observations, {
        **_patient_param("subject"), "code": _token("code"), "category": _category(),
        "status": Param("token", _status), "date": Param("date", lambda r: _effective(r.data)),
    }, tuple(NL_CORE + name for name in (
        "nl-core-BloodPressure", "nl-core-BodyWeight", "nl-core-BodyHeight",
        "nl-core-LaboratoryTestResult", "nl-core-PainScore"))),
    "MedicationStatement": Kind(_medication_statements, {
        **_patient_param("subject"), "status": Param("token", _status),
        "code": _token("medicationCodeableConcept"),
        "effective": Param("date", lambda r: _effective(r.data)),
    }),
    "Appointment": Kind(_appointments, {
        "patient": Param("reference", lambda r: _ref(
            *[p.get("actor") for p in r.data.get("participant", [])])),
        "status": Param("token", _status), "date": _date("start"),
    }),
}


def readable_resources(actor, kind):
    """The (section, resource) pairs of this kind that this member may read."""
    return list(kind.load(actor))
