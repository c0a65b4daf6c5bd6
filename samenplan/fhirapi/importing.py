"""Importing a transaction Bundle into one plan: all or nothing, and idempotent.

Each entry is mapped (`mapping.<resource>.from_fhir`) and every problem of every entry is
collected first; if there is one, nothing is saved. Then each entry is saved through the
same actions the pages use, so the role rules and the patient's sharing choices hold here
too. An entry for a part this member does not fill in is not placed, and the report says
who fills it in: a patient's PGO may hold lab results, which only a provider enters in
Samenplan. A resource imported before (its first identifier, or else its id) updates the
row it became, instead of adding one. Whatever cannot be placed is in the report."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenplan.audit.models import AuditEvent
from samenplan.health import actions as health_actions
from samenplan.health.models import Appointment, LogEntry, Measurement, Medication, Result
from samenplan.plans import actions as plan_actions
from samenplan.plans.constants import ContactKind
from samenplan.plans.models import Contact, DomainNote, DomainScore, Goal, Profile
from samenplan.plans.sections import SECTIONS, label, may_write

from .formats import FhirError, Issue
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
from .models import ImportedResource

MAPPERS = {
    "Patient": patient.from_fhir, "RelatedPerson": related_person.from_fhir,
    "Practitioner": practitioner.from_fhir, "PractitionerRole": practitioner.role_from_fhir,
    "Organization": organization.from_fhir, "CareTeam": care_team.from_fhir,
    "CarePlan": care_plan.from_fhir, "Goal": goal.from_fhir,
    "MedicationStatement": medication_statement.from_fhir,
    "Appointment": appointment.from_fhir,
}
WITH_DOMAINS = {"Observation": observation.from_fhir, "Condition": condition.from_fhir}
# Links to other rows of the plan that a mapping gives as our ids: kept only when that
# row is in this plan (an id from another system means nothing here).
LINKS = {"medication_id": Medication, "with_contact_id": Contact}
DROPPED_LINKS = {"with_member_id", "author_member_id", "user_id", "organisation_id"}


@dataclass
class Report:
    added: list = field(default_factory=list)  # (where in the Bundle, part title, what)
    updated: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # (where in the Bundle, why)


def _save_note(section):
    def save(actor, note):
        plan_actions.require_write(actor, section)
        note.section, note.updated_by = section, actor.user
        kind = AuditEvent.UPDATE if note.pk else AuditEvent.CREATE
        return plan_actions.save_and_log(actor, note, section, kind)
    return save


def _save_score(actor, score):
    plan_actions.require_write(actor, "domain_scores")
    score.author = actor.user
    kind = AuditEvent.UPDATE if score.pk else AuditEvent.CREATE
    return plan_actions.save_and_log(actor, score, "domain_scores", kind)


# Per kind of row (Mapped.model): the part of the plan, the model, and how it is saved.
PLACES = {
    "profile": ("personal", None, plan_actions.do_update_profile),
    "contact": ("contacts", Contact, plan_actions.do_save_contact),
    "goal": ("goals", Goal, plan_actions.do_save_goal),
    "matters": ("what_matters", DomainNote, _save_note(DomainNote.WHAT_MATTERS)),
    "need": ("support_needs", DomainNote, _save_note(DomainNote.SUPPORT_NEEDS)),
    "score": ("domain_scores", DomainScore, _save_score),
    "measurement": ("measurements", Measurement, health_actions.do_save_measurement),
    "result": ("results", Result, health_actions.do_save_result),
    "log": ("logbook", LogEntry, health_actions.do_save_log_entry),
    "medication": ("medicines", Medication, health_actions.do_save_medication),
    "appointment": ("agenda", Appointment, health_actions.do_save_appointment),
}
NOT_IMPORTED = {
    "plan": _("Afspraken maakt u samen in Samenplan; die komen niet uit een import."),
    "action": _("Afspraken maakt u samen in Samenplan; die komen niet uit een import."),
    "membership": _("Wie meedoet, nodigt u uit in Samenplan."),
    "organisation": _("Een organisatie staat in het plan bij de zorgverlener."),
}


ELEMENT = re.compile(r"^[A-Z][A-Za-z]+(?:\.[A-Za-z]+(?:\[\d+(?:\.\.\d+)?\])?)+$")


def _why(text):
    """What a mapping could not place, in words: a bare element path says so."""
    if ELEMENT.match(text):
        return _("Dit onderdeel nemen we niet over: %(path)s.") % {"path": text}
    return text


def _described(row):
    return row.name if isinstance(row, Profile) else str(row)


def _key(resource):
    """What makes this resource the same one next time: its first identifier, else its id."""
    for identifier in getattr(resource, "identifier", None) or []:
        if identifier.value:
            return f"{identifier.system or ''}|{identifier.value}"[:255]
    return f"id:{resource.id}"[:255] if resource.id else ""


def _mapped(actor, entry):
    kind = entry.resource.get_resource_type()
    if kind in WITH_DOMAINS:
        return WITH_DOMAINS[kind](entry.resource, actor.plan.domain_set)
    if kind in MAPPERS:
        return MAPPERS[kind](entry.resource)
    return None


def _mapped_all(actor, entries):
    """Every entry with its mapping; FhirError (422) with every problem if there is one."""
    mapped, issues = [], []
    for entry in entries:
        result = _mapped(actor, entry)
        if result is not None:
            issues += [Issue("invalid", p.message,
                             f"{entry.location}.{p.location.split('.', 1)[1]}"
                             if "." in p.location else entry.location)
                       for p in result.problems]
        mapped.append((entry, result))
    if issues:
        raise FhirError(422, issues)
    return mapped


def _providers_as_contacts(mapped):
    """A Practitioner becomes a provider in the contact list (an import makes no
    accounts); its PractitionerRole in the same Bundle gives the profession."""
    roles = {}
    for entry, result in mapped:
        if result is not None and entry.resource.get_resource_type() == "PractitionerRole":
            reference = entry.resource.practitioner and entry.resource.practitioner.reference
            if reference and result.fields.get("profession"):
                roles[reference] = result.fields["profession"]
    for entry, result in mapped:
        if result is not None and result.model == "user":
            result.model = "contact"
            profession = roles.get(f"Practitioner/{entry.resource.id}") or roles.get(
                entry.full_url)
            result.fields = {"kind": ContactKind.PROVIDER, "name": result.fields["name"],
                             "role_or_relation": profession or _("zorgverlener"),
                             **{k: v for k, v in result.fields.items()
                                if k in ("phone", "email")}}


def do_import_bundle(actor, entries):
    """Save the entries into the actor's plan, all or nothing: what was added, what was
    updated, and what was not placed (and why)."""
    report = Report()
    mapped = _mapped_all(actor, entries)
    _providers_as_contacts(mapped)
    try:
        with transaction.atomic():
            for entry, result in mapped:
                _place(actor, entry, result, report)
    except ValidationError as error:
        raise FhirError(422, [Issue("invalid", message) for message in error.messages]) \
            from None
    return report


def _row(actor, model, resource_type, key, fields, section):
    """The row this resource became in an earlier import, or the note of its domain (one
    per domain and part), or a new row."""
    if model is None:
        return actor.plan.profile
    known = ImportedResource.objects.filter(plan=actor.plan, resource_type=resource_type,
                                            key=key).first() if key else None
    if known is not None and (row := model.objects.filter(plan=actor.plan,
                                                          pk=known.object_id).first()):
        return row
    if model is DomainNote:
        return DomainNote.objects.filter(plan=actor.plan, domain=fields.get("domain"),
                                         section=section).first() or model(plan=actor.plan)
    return model(plan=actor.plan)


def _fill(actor, row, fields, where, report):
    for name, value in fields.items():
        if name in DROPPED_LINKS:
            continue
        if name in LINKS and value is not None and not LINKS[name].objects.filter(
                plan=actor.plan, pk=value).exists():
            report.unplaced.append((where, _("Een verwijzing naar iets dat niet in dit plan "
                                             "staat, is weggelaten.")))
            continue
        setattr(row, name, value)


def _place(actor, entry, result, report):
    where = entry.location
    if result is None:
        report.unplaced.append((where, _("Samenplan neemt een %(type)s niet over.")
                                % {"type": entry.resource.get_resource_type()}))
        return
    report.unplaced += [(where, _why(text)) for text in result.unplaced]
    if result.model in NOT_IMPORTED:
        report.unplaced.append((where, str(NOT_IMPORTED[result.model])))
        return
    if result.model not in PLACES:
        return  # nothing to place; `unplaced` says what it held
    section, model, save = PLACES[result.model]
    title = str(SECTIONS[section].title_own)
    if not may_write(actor.membership, section):
        report.unplaced.append((where, f"{title}: "
                                f"{label(section, actor.membership, actor.plan.profile.name)}"))
        return
    resource_type, key = entry.resource.get_resource_type(), _key(entry.resource)
    row = _row(actor, model, resource_type, key, result.fields, section)
    is_new = row.pk is None
    _fill(actor, row, result.fields, where, report)
    try:
        with transaction.atomic():
            save(actor, row)
    except PermissionDenied:
        report.unplaced.append((where, f"{title}: {_('alleen wie het invulde, verandert het.')}"))
        return
    if model is not None and key:
        ImportedResource.objects.update_or_create(
            plan=actor.plan, resource_type=resource_type, key=key,
            defaults={"object_id": row.pk, "model": result.model})
    (report.added if is_new else report.updated).append((where, title, _described(row)))
