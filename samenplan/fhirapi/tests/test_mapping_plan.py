"""The mapping of the plan itself: CarePlan with its actions (and nl-core-HelpFromOthers
for help from a naaste) and Goal (nl-core-TreatmentObjective) with its target, to FHIR
and back, against the Nictiz nl-core examples too."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.goal import Goal as FhirGoal

from samenplan.fhirapi.mapping import care_plan, goal
from samenplan.health.models import Target
from samenplan.plans.constants import ActionStatus, Assignee, GoalStatus, PlanStatus
from samenplan.plans.models import Action, Goal, GoalReview

from .test_mapping_people import NL_CORE, assert_valid, example, member_of, problems_of

AGREED_AT = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 30))
PROPOSED_AT = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0))


@pytest.fixture
def walking(plan, patient):
    return Goal.objects.create(
        plan=plan, text="Ik wil weer elke dag een stuk wandelen.",
        why="Dan voel ik me fitter en zie ik de buren.", domains=["body", "participation"],
        topic="exercise", measurement_kind="hba1c", created_by=patient)


@pytest.fixture
def actions(plan, patient, naaste, provider, walking):
    """An agreed action of the patient, a proposal for the naaste and a provider's action
    that is done."""
    agreed = Action.objects.create(
        plan=plan, goal=walking, what="Elke dag 20 minuten lopen", assignee=Assignee.PATIENT,
        when="elke dag", proposed_by=provider, provider_confirmed_by=provider,
        provider_confirmed_at=PROPOSED_AT, patient_confirmed_by=patient,
        patient_confirmed_at=AGREED_AT)
    proposal = Action.objects.create(
        plan=plan, what="Samen boodschappen doen", assignee=Assignee.NAASTE,
        assignee_member=member_of(naaste, plan), when="elke zaterdag", proposed_by=naaste,
        patient_confirmed_by=naaste, patient_confirmed_at=PROPOSED_AT)
    done = Action.objects.create(
        plan=plan, what="Bloed laten prikken", assignee=Assignee.PROVIDER,
        assignee_member=member_of(provider, plan), when="in maart", proposed_by=provider,
        status=ActionStatus.DONE, provider_confirmed_by=provider,
        provider_confirmed_at=PROPOSED_AT, patient_confirmed_by=patient,
        patient_confirmed_at=AGREED_AT)
    return [agreed, proposal, done]


def loaded(plan):
    return list(Action.objects.filter(plan=plan).select_related(
        "patient_confirmed_by", "provider_confirmed_by").order_by("pk"))


def action_fields(action):
    return {"what": action.what, "when": action.when, "status": action.status,
            "assignee": action.assignee, "assignee_member_id": action.assignee_member_id,
            "goal_id": action.goal_id}


@pytest.fixture
def drawn_up(plan):
    plan.drawn_up_on = datetime.date(2026, 2, 20)
    plan.drawn_up_by = "Anna de Vries en Karin Jansen"
    plan.participants = "Anna, Sanne en Karin"
    plan.save()
    return plan


# --- CarePlan -----------------------------------------------------------------------------

def test_it_maps_the_plan_to_a_care_plan(drawn_up, actions, walking, django_assert_num_queries):
    plan, rows = drawn_up, loaded(drawn_up)
    with django_assert_num_queries(0):
        resource = care_plan.to_fhir(plan, rows, [walking])
    data = assert_valid(resource)
    assert data["id"] == str(plan.pk)
    assert (data["status"], data["intent"]) == ("active", "plan")
    assert data["title"] == "Individueel zorg- en leefplan"
    assert data["subject"] == {"reference": f"Patient/{plan.pk}"}
    assert data["created"] == datetime.date(2026, 2, 20)
    assert data["author"] == {"display": "Anna de Vries en Karin Jansen"}
    assert data["contributor"] == [{"display": "Anna, Sanne en Karin"}]
    assert data["careTeam"] == [{"reference": f"CareTeam/{plan.pk}"}]
    assert data["goal"] == [{"reference": f"Goal/{walking.pk}"}]
    assert [a["detail"]["description"] for a in data["activity"]] == [a.what for a in rows]


def test_it_writes_who_does_each_action_as_its_performer(plan, actions, naaste, provider):
    details = [a.detail for a in care_plan.to_fhir(plan, loaded(plan), []).activity]
    assert [d.performer[0].reference for d in details] == [
        f"Patient/{plan.pk}", f"RelatedPerson/member-{member_of(naaste, plan).pk}",
        f"PractitionerRole/{member_of(provider, plan).pk}"]
    assert details[0].goal[0].reference == f"Goal/{actions[0].goal_id}"
    assert details[0].scheduledString == "elke dag"


def test_it_gives_the_status_of_each_action_and_whether_it_is_agreed(plan, actions):
    details = [a.detail for a in care_plan.to_fhir(plan, loaded(plan), []).activity]
    assert [d.status for d in details] == ["in-progress", "not-started", "completed"]


def test_it_writes_who_agreed_when_in_the_progress_of_an_action(plan, actions):
    progress = care_plan.to_fhir(plan, loaded(plan), []).activity[0].progress
    assert [(p.text, p.authorString, p.time) for p in progress] == [
        ("Akkoord namens de patiënt", "Anna de Vries", AGREED_AT),
        ("Akkoord van de zorgverlener", "Karin Jansen", PROPOSED_AT)]


def test_it_keeps_the_kind_of_performer_when_the_member_has_left(plan, actions):
    rows = loaded(plan)
    rows[1].assignee_member = None
    performer = care_plan.to_fhir(plan, rows, []).activity[1].detail.performer[0]
    assert (performer.reference, performer.type, performer.display) == (
        None, "RelatedPerson", "Een naaste")
    fields = care_plan.from_fhir(care_plan.to_fhir(plan, rows, [])).fields["actions"][1]
    assert (fields["assignee"], fields["assignee_member_id"]) == ("naaste", None)


def test_it_reads_back_the_plan_and_its_actions(drawn_up, actions, walking):
    rows = loaded(drawn_up)
    mapped = care_plan.from_fhir(care_plan.to_fhir(drawn_up, rows, [walking]))
    assert mapped.problems == []
    assert mapped.fields == {
        "status": drawn_up.status, "drawn_up_on": drawn_up.drawn_up_on,
        "drawn_up_by": drawn_up.drawn_up_by, "participants": drawn_up.participants,
        "actions": [action_fields(action) for action in rows],
    }
    # An agreement is made in Samenplan, never taken over from elsewhere.
    assert mapped.unplaced == [f"CarePlan.activity[{i}].progress" for i in range(3)]


@pytest.mark.parametrize("status, fhir_status", [
    (PlanStatus.INVITED, "draft"), (PlanStatus.ACTIVE, "active"),
    (PlanStatus.PAUSED, "on-hold"), (PlanStatus.CLOSED, "completed"),
    (PlanStatus.DECLINED, "revoked"),
])
def test_it_maps_each_plan_status(plan, status, fhir_status):
    plan.status = status
    resource = care_plan.to_fhir(plan, [], [])
    assert resource.status == fhir_status
    assert care_plan.from_fhir(resource).fields["status"] == status


def care_plan_with(**detail):
    return CarePlan.model_validate({
        "resourceType": "CarePlan", "status": "active", "intent": "plan",
        "subject": {"reference": "Patient/1"}, "activity": [{"detail": {
            "status": "in-progress", "description": "Wandelen", "scheduledString": "elke dag",
            "performer": [{"reference": "Patient/1"}], **detail}}]})


def test_it_refuses_a_care_plan_status_it_does_not_know():
    resource = CarePlan.model_validate({"resourceType": "CarePlan", "status": "busy",
                                        "intent": "plan", "subject": {"reference": "Patient/1"}})
    assert problems_of(care_plan.from_fhir(resource)) == {"CarePlan.status"}


def test_it_refuses_an_activity_status_it_does_not_know():
    mapped = care_plan.from_fhir(care_plan_with(status="half-done"))
    assert problems_of(mapped) == {"CarePlan.activity[0].detail.status"}
    assert "half-done" in mapped.problems[0].message


def test_it_refuses_an_activity_without_who_does_it():
    mapped = care_plan.from_fhir(care_plan_with(performer=[]))
    assert problems_of(mapped) == {"CarePlan.activity[0].detail.performer"}


def test_it_refuses_an_activity_without_what_or_when():
    mapped = care_plan.from_fhir(care_plan_with(description=None, scheduledString=None))
    assert problems_of(mapped) == {"CarePlan.activity[0].detail.description",
                                   "CarePlan.activity[0].detail.scheduledString"}


def test_it_does_not_place_a_performer_who_is_not_a_member():
    mapped = care_plan.from_fhir(care_plan_with(
        performer=[{"reference": "RelatedPerson/someone-else"}]))
    assert mapped.fields["actions"][0]["assignee"] == "naaste"
    assert mapped.unplaced == ["CarePlan.activity[0].detail.performer[0]"]


# --- help from a naaste (nl-core-HelpFromOthers) ----------------------------------------

def test_it_maps_help_from_a_naaste_to_nl_core_help_from_others(plan, actions, naaste,
                                                                 django_assert_num_queries):
    help_action = loaded(plan)[1]
    assert care_plan.is_help(help_action) and not care_plan.is_help(actions[0])
    with django_assert_num_queries(0):
        resource = care_plan.help_to_fhir(help_action)
    data = assert_valid(resource)
    assert data["id"] == f"help-{help_action.pk}"
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-HelpFromOthers"]
    assert data["category"][0]["coding"][0]["code"] == "243114000"
    assert data["partOf"] == [{"reference": f"CarePlan/{plan.pk}"}]
    detail = data["activity"][0]["detail"]
    assert detail["performer"] == [
        {"reference": f"RelatedPerson/member-{member_of(naaste, plan).pk}"}]
    assert (detail["description"], detail["scheduledString"]) == (
        "Samen boodschappen doen", "elke zaterdag")


def test_it_reads_back_the_help_it_wrote(plan, actions):
    help_action = loaded(plan)[1]
    mapped = care_plan.help_from_fhir(care_plan.help_to_fhir(help_action))
    assert mapped.fields == action_fields(help_action)
    assert mapped.problems == []
    assert mapped.model == "action"


@pytest.mark.parametrize("name, what, when, assignee", [
    ("nl-core-HelpFromOthers-01.xml", "Boodschappen doen", "1 keer per week", "naaste"),
    ("nl-core-HelpFromOthers-02.xml", "Ondersteuning bij wassen", "Dagelijks", "provider"),
])
def test_it_reads_the_nictiz_help_from_others(name, what, when, assignee):
    resource = example(CarePlan, name)
    mapped = care_plan.help_from_fhir(resource)
    assert mapped.problems == []
    assert mapped.fields == {"what": what, "when": when, "status": "open",
                             "assignee": assignee, "assignee_member_id": None,
                             "goal_id": None}
    # The kind of help is coded (SNOMED), and the helper is not a member of our plan.
    assert {"CarePlan.activity[0].detail.code",
            "CarePlan.activity[0].detail.performer[0]"} <= set(mapped.unplaced)
    assert care_plan.from_fhir(resource).problems == []


def test_it_refuses_help_without_an_activity():
    resource = CarePlan.model_validate({"resourceType": "CarePlan", "status": "active",
                                        "intent": "plan", "subject": {"reference": "Patient/1"}})
    assert problems_of(care_plan.help_from_fhir(resource)) == {"CarePlan.activity"}


# --- Goal ---------------------------------------------------------------------------------

def target(plan, author, valid_from, kind="hba1c", **values):
    units = {"hba1c": ("59261-8", "mmol/mol"), "blood_pressure": ("85354-9", "mm[Hg]")}
    loinc, unit = units[kind]
    return Target.objects.create(plan=plan, kind=kind, loinc=loinc, unit=unit,
                                 valid_from=valid_from, agreed_by="Anna en Karin",
                                 author=author, **values)


def test_it_maps_a_goal_to_an_nl_core_treatment_objective(walking, django_assert_num_queries):
    with django_assert_num_queries(0):
        resource = goal.to_fhir(walking, [], None)
    data = assert_valid(resource)
    assert data["id"] == str(walking.pk)
    assert data["meta"]["profile"] == [NL_CORE + "nl-core-TreatmentObjective"]
    assert data["lifecycleStatus"] == "active"
    assert "achievementStatus" not in data  # nobody looked back at it yet
    assert data["description"] == {"text": walking.text}
    assert data["note"] == [{"text": walking.why}]
    patient_ref = {"reference": f"Patient/{walking.plan_id}"}
    assert data["subject"] == data["expressedBy"] == patient_ref
    assert data["startDate"] == timezone.localdate(walking.created_at)
    assert [c["coding"][0] for c in data["category"]] == [
        {"system": "https://samenplan.nl/fhir/CodeSystem/samenplan-life-domains",
         "code": "body", "display": "Mijn lichaam"},
        {"system": "https://samenplan.nl/fhir/CodeSystem/samenplan-life-domains",
         "code": "participation", "display": "Meedoen"},
        {"system": goal.LIFESTYLE_TOPICS, "code": "exercise", "display": "Bewegen"},
    ]
    assert data["target"] == [{"measure": {
        "coding": [{"system": "http://loinc.org", "code": "59261-8",
                    "display": "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol"}],
        "text": "HbA1c (gemiddelde bloedsuiker)"}}]


def test_it_gives_the_goal_the_target_in_force(plan, patient, walking):
    today = datetime.date(2026, 3, 1)
    targets = [target(plan, patient, datetime.date(2025, 1, 1), high=Decimal("58")),
               target(plan, patient, datetime.date(2026, 1, 1), high=Decimal("53")),
               target(plan, patient, datetime.date(2026, 6, 1), high=Decimal("50"))]
    data = assert_valid(goal.to_fhir(walking, targets, None, today=today))
    assert data["target"][0]["detailRange"] == {"high": {
        "value": Decimal("53"), "unit": "mmol/mol", "system": "http://unitsofmeasure.org",
        "code": "mmol/mol"}}


def test_it_gives_a_blood_pressure_target_per_part(plan, patient, walking):
    walking.measurement_kind = "blood_pressure"
    bp = target(plan, patient, datetime.date(2026, 1, 1), kind="blood_pressure",
                high=Decimal("140"), second_high=Decimal("90"))
    data = assert_valid(goal.to_fhir(walking, [bp], None, today=datetime.date(2026, 3, 1)))
    assert [(t["measure"]["coding"][0]["code"], t["detailRange"]["high"]["value"])
            for t in data["target"]] == [("8480-6", Decimal("140")), ("8462-4", Decimal("90"))]
    mapped = goal.from_fhir(goal.to_fhir(walking, [bp], None, today=datetime.date(2026, 3, 1)))
    assert mapped.fields["measurement_kind"] == "blood_pressure"


@pytest.mark.parametrize("status, reviewed, lifecycle, achievement", [
    (GoalStatus.ACTIVE, False, "active", None),
    (GoalStatus.ACTIVE, True, "active", "in-progress"),
    (GoalStatus.ACHIEVED, True, "completed", "achieved"),
    (GoalStatus.STOPPED, False, "cancelled", "not-achieved"),
])
def test_it_gives_how_a_goal_stands(walking, status, reviewed, lifecycle, achievement):
    walking.status = status
    review = GoalReview(goal=walking, how_it_went="Het lukt vaak.") if reviewed else None
    resource = goal.to_fhir(walking, [], review)
    assert resource.lifecycleStatus == lifecycle
    codes = [c.code for c in resource.achievementStatus.coding] if achievement else None
    assert codes == ([achievement] if achievement else None)
    assert goal.from_fhir(resource).fields["status"] == status


def test_it_reads_back_the_goal_it_wrote(plan, patient, walking):
    hba1c = target(plan, patient, datetime.date(2026, 1, 1), high=Decimal("53"))
    mapped = goal.from_fhir(goal.to_fhir(walking, [hba1c], None, today=datetime.date(2026, 3, 1)))
    assert mapped.problems == []
    assert mapped.fields == {"text": walking.text, "why": walking.why,
                             "domains": walking.domains, "topic": walking.topic,
                             "measurement_kind": walking.measurement_kind,
                             "status": walking.status}
    assert mapped.model == "goal"
    # The target's values need who agreed and from when, which a Goal does not hold.
    assert mapped.unplaced == ["Goal.startDate", "Goal.target[0].detailRange"]


def goal_with(**elements):
    return FhirGoal.model_validate({
        "resourceType": "Goal", "lifecycleStatus": "active", "description": {"text": "Lopen"},
        "subject": {"reference": "Patient/1"}, **elements})


@pytest.mark.parametrize("lifecycle, achievement, status", [
    ("proposed", None, GoalStatus.ACTIVE), ("on-hold", None, GoalStatus.ACTIVE),
    ("completed", None, GoalStatus.ACHIEVED),
    ("completed", "not-attainable", GoalStatus.STOPPED),
    ("cancelled", None, GoalStatus.STOPPED),
])
def test_it_reads_each_lifecycle_status(lifecycle, achievement, status):
    concept = {"coding": [{"system": goal.GOAL_ACHIEVEMENT, "code": achievement}]}
    mapped = goal.from_fhir(goal_with(lifecycleStatus=lifecycle,
                                      achievementStatus=concept if achievement else None))
    assert mapped.problems == []
    assert mapped.fields["status"] == status


@pytest.mark.parametrize("name, text", [
    ("nl-core-TreatmentObjective-01.xml", "Gewenste gezondheidstoestand: lopen, specifiek "
                                          "doel: lichte beperking, per 2014-09-10"),
    ("nl-core-TreatmentObjective-02.xml", "Gewenste gezondheidstoestand: kan zich scheren, "
                                          "specifiek doel: in staat om zich te scheren, per "
                                          "2015-02-23"),
    ("nl-core-TreatmentObjective-03.xml", "Vanaf december 2021 weer kunnen lopen."),
])
def test_it_reads_the_nictiz_treatment_objectives(name, text):
    mapped = goal.from_fhir(example(FhirGoal, name))
    assert mapped.problems == []
    assert mapped.fields["text"] == text
    assert mapped.fields["status"] == GoalStatus.ACTIVE
    # The problem it addresses is a Condition of theirs; the SNOMED target is not ours.
    assert "Goal.addresses" in mapped.unplaced


def test_it_reads_the_note_of_the_nictiz_treatment_objective_as_why():
    mapped = goal.from_fhir(example(FhirGoal, "nl-core-TreatmentObjective-02.xml"))
    assert mapped.fields["why"].startswith("Zou mooi zijn")
    assert "Goal.target[0]" in mapped.unplaced


@pytest.mark.parametrize("lifecycle", ["bogus", "rejected", "entered-in-error"])
def test_it_refuses_a_lifecycle_status_it_cannot_take_over(lifecycle):
    mapped = goal.from_fhir(goal_with(lifecycleStatus=lifecycle))
    assert problems_of(mapped) == {"Goal.lifecycleStatus"}


def test_it_refuses_an_achievement_status_it_does_not_know():
    mapped = goal.from_fhir(goal_with(achievementStatus={"coding": [
        {"system": goal.GOAL_ACHIEVEMENT, "code": "nearly"}]}))
    assert problems_of(mapped) == {"Goal.achievementStatus"}


@pytest.mark.parametrize("system", ["https://samenplan.nl/fhir/CodeSystem/"
                                    "samenplan-life-domains", goal.LIFESTYLE_TOPICS])
def test_it_refuses_a_code_of_ours_that_we_do_not_have(system):
    mapped = goal.from_fhir(goal_with(category=[{"coding": [{"system": system,
                                                             "code": "gardening"}]}]))
    assert problems_of(mapped) == {"Goal.category[0]"}
    assert "gardening" in mapped.problems[0].message


def test_it_refuses_a_goal_without_text():
    mapped = goal.from_fhir(goal_with(description={"coding": [
        {"system": "http://snomed.info/sct", "code": "129006008"}]}))
    assert problems_of(mapped) == {"Goal.description"}


def test_it_does_not_place_a_goal_expressed_by_someone_else():
    mapped = goal.from_fhir(goal_with(expressedBy={"reference": "Practitioner/7"}))
    assert mapped.unplaced == ["Goal.expressedBy"]
