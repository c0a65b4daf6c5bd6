"""Goal (nl-core-TreatmentObjective) <-> a goal in the person's own words (M4): its text,
why it matters (note), its life domains and lifestyle topic (category), the measurement
it is about with the target agreed for it (target), and how it stands (lifecycleStatus,
and achievementStatus from the status and the latest look back).

A target in Samenplan is agreed together from a date on, with who agreed (D1); a Goal's
target has neither. So the goal carries the target in force, and reading a Goal from
elsewhere takes over which measurement it is about but not its target values."""

from django.utils import timezone
from fhir.resources.R4B.goal import Goal

from samenplan.fhirapi import codes, ids
from samenplan.health.measurements import TYPES, Topic
from samenplan.plans.constants import DOMAINS, GoalStatus

from . import Mapped, Resource
from .common import check_status, codes_in, coding, text
from .elements import dutch, meta, modifier_problems, reference_type, unknown_code, unplaced

PROFILE = "nl-core-TreatmentObjective"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
# Our CodeSystem of the pilot's lifestyle topics (health.measurements.Topic).
LIFESTYLE_TOPICS = f"{codes.BASE}/CodeSystem/samenplan-lifestyle-topics"

LIFECYCLE = {GoalStatus.ACTIVE: "active", GoalStatus.ACHIEVED: "completed",
             GoalStatus.STOPPED: "cancelled"}
# Reading: everything still sought is active here (we have no proposed or paused goal).
STATUS_OF_LIFECYCLE = {"proposed": GoalStatus.ACTIVE, "planned": GoalStatus.ACTIVE,
                       "accepted": GoalStatus.ACTIVE, "active": GoalStatus.ACTIVE,
                       "on-hold": GoalStatus.ACTIVE, "completed": GoalStatus.ACHIEVED,
                       "cancelled": GoalStatus.STOPPED}
WITHDRAWN = {"rejected", "entered-in-error"}
ACHIEVEMENT = {"in-progress": "In Progress", "improving": "Improving",
               "worsening": "Worsening", "no-change": "No Change", "achieved": "Achieved",
               "sustaining": "Sustaining", "not-achieved": "Not Achieved",
               "no-progress": "No Progress", "not-attainable": "Not Attainable"}
NOT_REACHED = {"not-achieved", "not-attainable"}

DOMAIN_NAMES = {code: name for domains in DOMAINS.values() for code, name, _help in domains}
MEASURE_KINDS = {code: kind.key for kind in TYPES.values()
                 for code in (kind.loinc, *(part.loinc for part in kind.parts))}

PLACED = {"lifecycleStatus", "achievementStatus", "category", "description", "subject",
          "expressedBy", "note", "target"}


def to_fhir(goal, targets=(), latest_review=None, today=None):
    """`targets`: the plan's targets for the goal's measurement (the one in force on
    `today` is used); `latest_review`: its newest GoalReview, if there is one."""
    patient = ids.reference("Patient", goal.plan_id)
    achievement = _achievement(goal, latest_review)
    data = {
        "resourceType": "Goal",
        "id": ids.make(goal.pk),
        "meta": meta(PROFILE),
        "lifecycleStatus": LIFECYCLE[goal.status],
        "achievementStatus": {"coding": [coding(
            GOAL_ACHIEVEMENT, achievement, ACHIEVEMENT[achievement])]} if achievement else None,
        "category": _categories(goal) or None,
        "description": {"text": goal.text},
        "subject": patient,
        "startDate": timezone.localdate(goal.created_at) if goal.created_at else None,
        "target": _targets(goal, targets, today or timezone.localdate()) or None,
        "expressedBy": patient,  # the goal is in the person's own words (M4)
        "note": [{"text": goal.why}] if goal.why else None,
    }
    return Resource(Goal, {key: value for key, value in data.items() if value is not None})


def _achievement(goal, latest_review):
    """Reached, not reached (stopped), or being worked on once we looked back at it.
    An active goal nobody looked back at yet has no achievement status: nothing is known."""
    if goal.status == GoalStatus.ACHIEVED:
        return "achieved"
    if goal.status == GoalStatus.STOPPED:
        return "not-achieved"
    return "in-progress" if latest_review is not None else None


def _categories(goal):
    concepts = [{"coding": [coding(codes.LIFE_DOMAINS, code, dutch(DOMAIN_NAMES[code]))]}
                for code in goal.domains if code in DOMAIN_NAMES]
    if goal.topic:
        concepts.append({"coding": [coding(LIFESTYLE_TOPICS, goal.topic,
                                           dutch(Topic(goal.topic).label))]})
    return concepts


def _targets(goal, targets, today):
    """One target per part of the measurement (blood pressure has two), each with the
    agreed range; only the measure while nothing is agreed."""
    if not goal.measurement_kind:
        return []
    kind = TYPES[goal.measurement_kind]
    started = [t for t in targets if t.kind == kind.key and t.valid_from <= today]
    target = max(started, key=lambda t: (t.valid_from, t.pk), default=None)
    if target is None:
        return [{"measure": _measure(kind.loinc, kind.loinc_display, kind.name)}]
    entries = []
    for part, (low, high) in zip(kind.parts, target.bands(), strict=True):
        display = kind.loinc_display if part.loinc == kind.loinc else None
        entry = {"measure": _measure(part.loinc, display, part.name)}
        limits = {name: _quantity(kind, target.unit, value)
                  for name, value in (("low", low), ("high", high)) if value is not None}
        if limits:
            entry["detailRange"] = limits
        entries.append(entry)
    return entries


def _measure(loinc, display, name):
    return {"coding": [coding(codes.LOINC, loinc, display)], "text": dutch(name)}


def _quantity(kind, unit, value):
    return {"value": value, "unit": dutch(kind.unit_label) or unit, "system": codes.UCUM,
            "code": unit}


def from_fhir(resource):
    """The fields of a Goal. The life domains are checked against both of our sets; that
    a domain belongs to the plan's own set is for the import to check."""
    problems = modifier_problems(resource)
    status = resource.lifecycleStatus
    check_status(status, set(STATUS_OF_LIFECYCLE) | WITHDRAWN, WITHDRAWN,
                 "Goal.lifecycleStatus", problems)
    achieved = codes_in(resource.achievementStatus, GOAL_ACHIEVEMENT)
    for code in achieved:
        if code not in ACHIEVEMENT:
            problems.append(unknown_code("Goal.achievementStatus", code))
    status = STATUS_OF_LIFECYCLE.get(status, GoalStatus.ACTIVE)
    if status == GoalStatus.ACHIEVED and NOT_REACHED & set(achieved):
        status = GoalStatus.STOPPED  # no longer sought, and not reached
    description = resource.description
    goal_text = description.text or next(
        (c.display for c in description.coding or [] if c.display), "")
    notes = "\n\n".join(note.text for note in resource.note or [] if note.text)
    domains, topic, unplaced_categories = _read_categories(resource.category, problems)
    kind, unplaced_targets = _read_targets(resource.target)
    unplaced_parts = unplaced(resource, PLACED) + unplaced_categories + unplaced_targets
    if resource.expressedBy and reference_type(resource.expressedBy) != "Patient":
        unplaced_parts.append("Goal.expressedBy")  # ours are all in the person's words
    return Mapped(
        fields={
            "text": text(goal_text, 1000, "Goal.description", problems, required=True),
            "why": text(notes, 4000, "Goal.note", problems),
            "domains": domains, "topic": topic, "measurement_kind": kind, "status": status,
        },
        problems=problems, unplaced=unplaced_parts, model="goal",
    )


def _read_categories(categories, problems):
    """(domains, topic, unplaced): codes of our systems are checked; others not placed."""
    domains, topic, unplaced_parts = [], "", []
    for i, concept in enumerate(categories or []):
        location = f"Goal.category[{i}]"
        ours = codes_in(concept, codes.LIFE_DOMAINS) + codes_in(concept, LIFESTYLE_TOPICS)
        if not ours:
            unplaced_parts.append(location)
        for code in codes_in(concept, codes.LIFE_DOMAINS):
            if code not in DOMAIN_NAMES:
                problems.append(unknown_code(location, code))
            elif code not in domains:
                domains.append(code)
        for code in codes_in(concept, LIFESTYLE_TOPICS):
            if code not in Topic.values:
                problems.append(unknown_code(location, code))
            else:
                topic = topic or code
    return domains, topic, unplaced_parts


def _read_targets(targets):
    """(measurement kind, unplaced): the kind of the first target measured in LOINC that
    we know. Target values and due dates are not placed (see the module's docstring)."""
    kind, unplaced_parts = "", []
    for i, target in enumerate(targets or []):
        found = next((MEASURE_KINDS[code] for code in codes_in(target.measure, codes.LOINC)
                      if code in MEASURE_KINDS), None)
        if found is None or kind not in ("", found):
            unplaced_parts.append(f"Goal.target[{i}]")
            continue
        kind = found
        unplaced_parts += unplaced(target, {"measure"}, f"Goal.target[{i}]")
    return kind, unplaced_parts
