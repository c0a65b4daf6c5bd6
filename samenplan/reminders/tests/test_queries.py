"""The reads the consult view uses."""

from datetime import timedelta

from django.utils import timezone

from samenplan.plans.rights import do_close_plan
from samenplan.reminders.actions import do_answer_check_in
from samenplan.reminders.models import CheckInAnswer, CheckInPlan, Reminder
from samenplan.reminders.queries import answers_since, latest_answers

from .conftest import actor_of


def test_answers_since_gives_the_newest_first_with_their_goal(plan, patient, goals, other_plan):
    actor = actor_of(patient, plan)
    old = do_answer_check_in(actor, goals[0], 2)
    CheckInAnswer.objects.filter(pk=old.pk).update(answered_at=timezone.now() - timedelta(days=40))
    first = do_answer_check_in(actor, goals[0], 3)
    second = do_answer_check_in(actor, goals[1], 5, "Goed gegeten.")
    found = answers_since(plan, timezone.now() - timedelta(days=30))
    assert found == [second, first]
    assert found[0].goal.text == "Minder suiker eten"


def test_latest_answers_per_goal(plan, patient, goals):
    actor = actor_of(patient, plan)
    made = [do_answer_check_in(actor, goals[0], score) for score in (1, 2, 3, 4)]
    found = latest_answers(plan, [goals[0].pk, goals[1].pk])
    assert found == {goals[0].pk: [made[3], made[2], made[1]], goals[1].pk: []}


def test_closing_the_plan_removes_the_check_ins_and_their_history(plan, patient, goals,
                                                                  check_ins):
    do_answer_check_in(actor_of(patient, plan), goals[0], 4, "Gelopen.")
    do_close_plan(actor_of(patient, plan))
    assert not CheckInAnswer.objects.exists() and not CheckInAnswer.history.exists()
    assert not CheckInPlan.history.exists() and not Reminder.objects.exists()
