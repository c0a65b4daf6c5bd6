"""Starting from a template, several conditions in one plan, and nothing is ever lost."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.health.models import Measurement
from samenplan.plans.actions import do_save_domain
from samenplan.plans.constants import Assignee, DomainSet
from samenplan.plans.models import Action, DomainNote, DomainScore, Goal, Plan
from samenplan.plans.tests.conftest import actor_of, membership_of
from samenplan.plantemplates.actions import do_apply_template
from samenplan.plantemplates.models import PlanCondition, PlanTemplate

BUILT_IN = ["Diabetes type 2", "COPD", "Kwetsbare oudere thuis",
            "Beperking, langdurige zorg (Wlz)", "Leeg plan"]


def built_in(name):
    return PlanTemplate.objects.get(organisation=None, name=name)


def url(plan):
    return reverse("plantemplates:conditions", args=[plan.pk])


def test_the_data_migration_made_the_five_templates(db):
    assert sorted(PlanTemplate.objects.filter(organisation=None).values_list(
        "name", flat=True)) == sorted(BUILT_IN)
    diabetes = built_in("Diabetes type 2")
    assert {"hba1c", "blood_pressure", "weight", "waist", "steps"} == set(
        diabetes.measurement_kinds)
    assert {"kind": "hba1c", "low": None, "high": "53", "second_low": None,
            "second_high": None} in diabetes.targets
    assert all(g.startswith("Ik wil") for t in PlanTemplate.objects.all()
               for g in t.example_goals)
    assert built_in("Beperking, langdurige zorg (Wlz)").domain_set == DomainSet.LIFE_AREAS


@pytest.mark.parametrize("name", BUILT_IN)
def test_a_plan_can_be_started_from_each_template(as_user, patient, plan, name):
    template = built_in(name)
    client = as_user(patient)
    response = client.post(url(plan), {"template": template.pk, "domain_set": "on"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.domain_set == template.domain_set
    assert Plan.objects.filter(memberships__user=patient).count() == 1
    if template.condition:
        assert list(plan.conditions.values_list("name", flat=True)) == [template.condition]
    else:
        assert not plan.conditions.exists()
    page = client.get(url(plan)).content.decode()
    for goal in template.example_goals:
        assert goal in page
    if template.targets:
        assert reverse("health:add_target", args=[plan.pk, "hba1c"]) in page


def test_a_second_condition_merges_into_the_same_plan(patient, plan):
    actor = actor_of(patient, plan)
    do_apply_template(actor, built_in("Diabetes type 2"))
    goal = Goal.objects.create(plan=plan, text="Ik wil wandelen.", created_by=patient)
    do_apply_template(actor, built_in("COPD"))
    do_apply_template(actor, built_in("COPD"))
    assert Plan.objects.filter(memberships__user=patient).count() == 1
    assert list(plan.conditions.values_list("name", flat=True)) == ["Diabetes type 2", "COPD"]
    assert Goal.objects.filter(pk=goal.pk).exists()


def count_rows(plan):
    return [m.objects.filter(plan=plan).count()
            for m in (DomainNote, DomainScore, Goal, Action, Measurement)]


def test_switching_the_domain_set_or_template_keeps_every_entry(as_user, patient, plan):
    actor = actor_of(patient, plan)
    do_save_domain(actor, "body", "Fietsen", "Hulp bij boodschappen", 6,
                   timezone.localdate())
    goal = Goal.objects.create(plan=plan, text="Ik wil fietsen.", created_by=patient)
    Action.objects.create(plan=plan, goal=goal, what="Elke dag fietsen",
                          assignee=Assignee.PATIENT, when="elke dag", proposed_by=patient)
    Measurement.objects.create(plan=plan, kind="weight", measured_at=timezone.now(),
                               value=80, loinc="29463-7", unit="kg", author=patient,
                               author_member=membership_of(patient, plan))
    before = count_rows(plan)
    client = as_user(patient)
    for domain_set in ("life_areas", "positive_health", "life_areas", "positive_health"):
        client.post(reverse("plans:domain_set", args=[plan.pk]),
                    {"domain_set": domain_set})
        plan.refresh_from_db()
        assert plan.domain_set == domain_set
        assert count_rows(plan) == before
    for name in ("Beperking, langdurige zorg (Wlz)", "Diabetes type 2", "Leeg plan"):
        client.post(url(plan), {"template": built_in(name).pk, "domain_set": "on"})
        assert count_rows(plan) == before
    plan.refresh_from_db()
    # A plan with domain notes keeps its set: the Wlz template did not switch it.
    assert plan.domain_set == DomainSet.POSITIVE_HEALTH
    assert DomainNote.objects.get(plan=plan, domain="body", section="what_matters").text == (
        "Fietsen")


def test_taking_over_an_example_goal_makes_one_goal_written_by_the_patient(
        as_user, patient, plan):
    condition = do_apply_template(actor_of(patient, plan), built_in("COPD"))
    client = as_user(patient)
    take = reverse("plantemplates:take_over_goal", args=[plan.pk])
    client.post(take, {"condition": condition.pk, "text": "Ik wil stoppen met roken."})
    goal = Goal.objects.get(plan=plan)
    assert (goal.text, goal.created_by) == ("Ik wil stoppen met roken.", patient)
    assert list(condition.goals.all()) == [goal]
    client.post(take, {"condition": condition.pk, "text": "Iets anders"})
    assert Goal.objects.filter(plan=plan).count() == 1


def test_adding_a_condition_is_audited(patient, plan):
    condition = do_apply_template(actor_of(patient, plan), built_in("COPD"))
    event = AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.CREATE).order_by(
        "seq").last()
    assert (event.section, event.object_id, event.user) == ("plan_data", str(condition.pk),
                                                            patient)


def test_applying_never_creates_goals_or_targets(patient, plan):
    do_apply_template(actor_of(patient, plan), built_in("Diabetes type 2"))
    assert not plan.goals.exists()
    assert not plan.targets.exists()


def test_tagging_goals_actions_and_measurements(as_user, patient, provider, plan):
    diabetes = do_apply_template(actor_of(provider, plan), built_in("Diabetes type 2"))
    copd = do_apply_template(actor_of(provider, plan), built_in("COPD"))
    goal = Goal.objects.create(plan=plan, text="Ik wil wandelen.", created_by=patient)
    action = Action.objects.create(plan=plan, goal=goal, what="Wandelen",
                                   assignee=Assignee.PATIENT, when="elke dag",
                                   proposed_by=patient)
    measurement = Measurement.objects.create(
        plan=plan, kind="weight", measured_at=timezone.now(), value=80, loinc="29463-7",
        unit="kg", author=patient, author_member=membership_of(patient, plan))
    client = as_user(provider)
    tag = reverse("plantemplates:tag", args=[plan.pk])
    assert client.get(tag).status_code == 200
    response = client.post(tag, {"condition": diabetes.pk, f"c{diabetes.pk}-goals": goal.pk,
                                 f"c{diabetes.pk}-actions": action.pk,
                                 f"c{diabetes.pk}-measurements": measurement.pk})
    assert response.status_code == 302
    assert list(goal.conditions.all()) == [diabetes]
    assert list(action.conditions.all()) == [diabetes]
    assert list(measurement.conditions.all()) == [diabetes]
    assert not copd.goals.exists()


def test_it_requires_login(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_refuses_a_member_of_another_plan(as_user, outsider, plan):
    client = as_user(outsider)
    assert client.get(url(plan)).status_code == 404
    assert client.post(url(plan), {"template": built_in("COPD").pk}).status_code == 404
    assert not PlanCondition.objects.exists()


def test_a_naaste_who_may_not_act_cannot_add_a_condition(as_user, bystander, plan):
    client = as_user(bystander)
    assert client.get(url(plan)).status_code == 200
    assert client.post(url(plan), {"template": built_in("COPD").pk}).status_code == 403
    assert not PlanCondition.objects.exists()


def test_a_naaste_who_may_act_and_a_provider_may(as_user, naaste, provider, plan):
    as_user(naaste).post(url(plan), {"template": built_in("COPD").pk})
    as_user(provider).post(url(plan), {"template": built_in("Diabetes type 2").pk})
    assert plan.conditions.count() == 2


def test_a_condition_of_another_plan_cannot_be_used(as_user, patient, plan, outsider):
    other = Plan.objects.get(memberships__user=outsider)
    condition = do_apply_template(actor_of(outsider, other), built_in("COPD"))
    client = as_user(patient)
    response = client.post(reverse("plantemplates:take_over_goal", args=[plan.pk]),
                           {"condition": condition.pk, "text": "Ik wil stoppen met roken."})
    assert response.status_code == 404
    assert not Goal.objects.exists()


def test_a_templates_sections_become_the_plans_menu_when_the_patient_applies_it(
        patient, provider, plan):
    template = PlanTemplate.objects.create(
        name="Alleen het begin", condition="Iets", shown_sections=["what_matters", "goals",
                                                                   "agenda"])
    do_apply_template(actor_of(provider, plan), template)
    plan.refresh_from_db()
    assert plan.hidden_parts == []  # the parts are the patient's choice
    do_apply_template(actor_of(patient, plan), template)
    plan.refresh_from_db()
    assert "goals" not in plan.hidden_parts and "what_matters" not in plan.hidden_parts
    assert {"logbook", "medicines", "results"} <= set(plan.hidden_parts)
    tailored = list(plan.hidden_parts)
    other = PlanTemplate.objects.create(name="Ander", condition="Anders",
                                        shown_sections=["goals"])
    do_apply_template(actor_of(patient, plan), other)
    plan.refresh_from_db()
    assert plan.hidden_parts == tailored  # once tailored, a template changes nothing
