"""CarePlan <-> the plan (CarePlan/{plan}) with an activity per action (M5): what, who does
it, when, its status and goal, and who agreed when (C2). nl-core has no profile for an
individual care plan, so this one has none.

Help from a naaste is also a CarePlan of its own, nl-core-HelpFromOthers (CarePlan/
help-{action}): that profile holds one kind of help by one helper (one activity, one
performer), so each action a naaste does gives one; the plan's CarePlan holds it too.

Who agreed when is written in each activity's progress: one Annotation per side, with the
name of who confirmed (authorString), the moment (time) and a fixed text. Reading, an
agreement is not taken over: in Samenplan an action counts as agreed only when both sides
confirmed it here, so an import cannot say that someone agreed."""

from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.careplan import CarePlan

from samenplan.fhirapi import codes, ids
from samenplan.plans.constants import ActionStatus, Assignee, PlanStatus

from . import Mapped, Problem, Resource
from .common import check_status, coding, day, referenced, text
from .elements import dutch, meta, modifier_problems, reference_type, unplaced

# The name of the thing, not interface text: the plan is an "individueel zorg- en
# leefplan" in every language, as on the booklet's cover.
TITLE = "Individueel zorg- en leefplan"
AGREED_PATIENT = "Akkoord namens de patiënt"
AGREED_PROVIDER = "Akkoord van de zorgverlener"

STATUS = {PlanStatus.INVITED: "draft", PlanStatus.ACTIVE: "active",
          PlanStatus.PAUSED: "on-hold", PlanStatus.CLOSED: "completed",
          PlanStatus.DECLINED: "revoked"}
STATUS_OF_FHIR = {fhir: ours for ours, fhir in STATUS.items()}
ALL_STATUSES = set(STATUS_OF_FHIR) | {"entered-in-error", "unknown"}

ACTIVITY_STATUS_OF_FHIR = {
    "not-started": ActionStatus.OPEN, "scheduled": ActionStatus.OPEN,
    "in-progress": ActionStatus.OPEN, "on-hold": ActionStatus.OPEN,
    "unknown": ActionStatus.OPEN, "completed": ActionStatus.DONE,
    "cancelled": ActionStatus.STOPPED, "stopped": ActionStatus.STOPPED,
}
ACTIVITY_STATUSES = set(ACTIVITY_STATUS_OF_FHIR) | {"entered-in-error"}
ASSIGNEE_OF_TYPE = {"Patient": Assignee.PATIENT, "RelatedPerson": Assignee.NAASTE,
                    "PractitionerRole": Assignee.PROVIDER, "Practitioner": Assignee.PROVIDER,
                    "Organization": Assignee.PROVIDER, "CareTeam": Assignee.PROVIDER}

HELP_PROFILE = "nl-core-HelpFromOthers"
HELP_CATEGORY = coding(codes.SNOMED, "243114000", "ondersteuning")  # fixed by the profile
HELP_STATUS = {ActionStatus.OPEN: "active", ActionStatus.DONE: "completed",
               ActionStatus.STOPPED: "revoked"}

PLACED = {"status", "intent", "title", "subject", "created", "author", "contributor",
          "careTeam", "goal", "activity"}
HELP_PLACED = {"status", "intent", "category", "subject", "partOf", "activity"}
DETAIL_PLACED = {"status", "description", "scheduledString", "performer", "goal"}


def to_fhir(plan, actions, goals):
    """The plan with its actions and goals. Load each action's confirmers with
    select_related("patient_confirmed_by", "provider_confirmed_by")."""
    data = {
        "resourceType": "CarePlan",
        "id": ids.make(plan.pk),
        "status": STATUS[plan.status],
        "intent": "plan",
        "title": TITLE,
        "subject": ids.reference("Patient", plan.pk),
        "created": plan.drawn_up_on,
        "author": {"display": plan.drawn_up_by} if plan.drawn_up_by else None,
        "contributor": [{"display": plan.participants}] if plan.participants else None,
        "careTeam": [ids.reference("CareTeam", plan.pk)],
        "goal": [ids.reference("Goal", goal.pk) for goal in goals] or None,
        "activity": [_activity(action) for action in actions] or None,
    }
    return Resource(CarePlan, {k: v for k, v in data.items() if v is not None})


def is_help(action):
    """Whether an action is help from a naaste (nl-core-HelpFromOthers)."""
    return action.assignee == Assignee.NAASTE


def help_to_fhir(action):
    """The help a naaste gives with one action, as nl-core-HelpFromOthers."""
    return Resource(CarePlan, {
        "resourceType": "CarePlan",
        "id": ids.make(action.pk, "help"),
        "meta": meta(HELP_PROFILE),
        "status": HELP_STATUS[action.status],
        "intent": "plan",
        "category": [{"coding": [HELP_CATEGORY]}],
        "subject": ids.reference("Patient", action.plan_id),
        "partOf": [ids.reference("CarePlan", action.plan_id)],
        "activity": [_activity(action)],
    })


def _activity(action):
    detail = {
        "status": _activity_status(action),
        "description": action.what,
        "scheduledString": action.when,
        "performer": [_performer(action)],
    }
    if action.goal_id:
        detail["goal"] = [ids.reference("Goal", action.goal_id)]
    activity = {"detail": detail}
    progress = [_agreement(AGREED_PATIENT, action.patient_confirmed_by,
                           action.patient_confirmed_at),
                _agreement(AGREED_PROVIDER, action.provider_confirmed_by,
                           action.provider_confirmed_at)]
    if any(progress):
        activity["progress"] = [note for note in progress if note]
    return activity


def _activity_status(action):
    """Done and stopped as they are; an open action is in progress once it is agreed,
    and not started while it is a proposal."""
    if action.status == ActionStatus.DONE:
        return "completed"
    if action.status == ActionStatus.STOPPED:
        return "stopped"
    return "in-progress" if action.is_agreed else "not-started"


def _performer(action):
    """Who does it: the patient, or the naaste's or provider's membership. Without the
    member (they left the plan), the reference keeps only the kind and our word for it."""
    if action.assignee == Assignee.PATIENT:
        return ids.reference("Patient", action.plan_id)
    if action.assignee_member_id:
        if action.assignee == Assignee.NAASTE:
            return ids.reference("RelatedPerson", action.assignee_member_id, "member")
        return ids.reference("PractitionerRole", action.assignee_member_id)
    kind = "RelatedPerson" if action.assignee == Assignee.NAASTE else "PractitionerRole"
    return {"type": kind, "display": dutch(Assignee(action.assignee).label)}


def _agreement(words, user, moment):
    if moment is None:
        return None
    note = {"text": words, "time": timezone.localtime(moment)}
    if user is not None:
        note["authorString"] = user.name
    return note


# --- reading -------------------------------------------------------------------------------

def from_fhir(resource):
    """The plan's fields, with "actions": the fields of each action (see _read_activity)."""
    problems = modifier_problems(resource)
    check_status(resource.status, ALL_STATUSES, {"entered-in-error"}, "CarePlan.status",
                 problems)
    parts = unplaced(resource, PLACED)
    if resource.title and resource.title != TITLE:
        parts.append("CarePlan.title")
    author = resource.author
    if author is not None and not author.display:
        parts.append("CarePlan.author")
    fields = {
        "status": STATUS_OF_FHIR.get(resource.status, PlanStatus.ACTIVE),
        "drawn_up_on": day(resource.created, "CarePlan.created", problems, required=False),
        "drawn_up_by": text(author.display if author else "", 200, "CarePlan.author",
                            problems),
        "participants": text(", ".join(c.display for c in resource.contributor or []
                                       if c.display), 4000, "CarePlan.contributor", problems),
        "actions": _read_activities(resource, problems, parts),
    }
    return Mapped(fields=fields, problems=problems, unplaced=parts, model="plan")


def help_from_fhir(resource):
    """The fields of the one action of an nl-core-HelpFromOthers CarePlan."""
    problems = modifier_problems(resource)
    parts = unplaced(resource, HELP_PLACED)
    actions = _read_activities(resource, problems, parts)
    if not actions:
        problems.append(Problem("CarePlan.activity", _("Hier staat niet welke hulp het is.")))
    return Mapped(fields=actions[0] if actions else {}, problems=problems, unplaced=parts,
                  model="action")


def _read_activities(resource, problems, parts):
    actions = []
    for i, activity in enumerate(resource.activity or []):
        path = f"CarePlan.activity[{i}]"
        if activity.detail is None:
            parts.append(path)  # a reference to a request elsewhere: nothing of ours
            continue
        parts.extend(unplaced(activity, {"detail"}, path))
        actions.append(_read_activity(activity.detail, f"{path}.detail", problems, parts))
    return actions


def _read_activity(detail, path, problems, parts):
    """An action's fields: what, when, who (assignee, and the member where the reference
    is ours) and its goal (where ours), and its status."""
    check_status(detail.status, ACTIVITY_STATUSES, {"entered-in-error"}, f"{path}.status",
                 problems)
    parts.extend(unplaced(detail, DETAIL_PLACED, path))
    what = detail.description or ""
    if not what and detail.code:
        what = detail.code.text or next(
            (c.display for c in detail.code.coding or [] if c.display), "")
    fields = {
        "what": text(what, 1000, f"{path}.description", problems, required=True),
        "when": text(detail.scheduledString, 200, f"{path}.scheduledString", problems,
                     required=True),
        "status": ACTIVITY_STATUS_OF_FHIR.get(detail.status, ActionStatus.OPEN),
        **_read_performer(detail.performer or [], path, problems, parts),
        "goal_id": _our_pk(detail.goal[0], "Goal") if detail.goal else None,
    }
    first_unplaced = 0 if fields["goal_id"] is None else 1  # an action has one goal
    parts.extend(f"{path}.goal[{j}]" for j in range(first_unplaced, len(detail.goal or [])))
    return fields


def _read_performer(performers, path, problems, parts):
    if not performers:
        problems.append(Problem(f"{path}.performer", _no_performer()))
        return {"assignee": "", "assignee_member_id": None}
    parts.extend(f"{path}.performer[{j}]" for j in range(1, len(performers)))
    performer = performers[0]
    assignee = ASSIGNEE_OF_TYPE.get(reference_type(performer))
    member = None
    if assignee == Assignee.NAASTE:
        member = _our_pk(performer, "RelatedPerson", ("member",))
    elif assignee == Assignee.PROVIDER:
        member = _our_pk(performer, "PractitionerRole")
    if assignee is None:
        problems.append(Problem(f"{path}.performer[0]", _no_performer()))
    elif member is None and performer.reference and assignee != Assignee.PATIENT:
        parts.append(f"{path}.performer[0]")  # someone who is not a member of the plan
    return {"assignee": assignee or "", "assignee_member_id": member}


def _no_performer():
    return _("Hier staat niet wie dit doet: de persoon zelf, een naaste of een "
             "zorgverlener.")


def _our_pk(reference, resource_type, prefixes=(None,)):
    parsed = referenced(reference, resource_type, prefixes)
    return parsed[1] if parsed else None
