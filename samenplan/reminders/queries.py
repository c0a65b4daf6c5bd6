"""Reads of check-ins. They take a plan the caller has already authorised (through
plans.queries.actor_for with the part "goals"): they add no check of their own."""

from .models import CheckInAnswer, CheckInPlan


def check_in_plan_of(plan):
    """The plan's check-in choices, or None if they were never made."""
    return CheckInPlan.objects.filter(plan=plan).prefetch_related("goals").first()


def answers_since(plan, since):
    """The plan's check-in answers from `since` (an aware datetime) on, newest first,
    each with its goal and author."""
    return list(CheckInAnswer.objects.filter(plan=plan, answered_at__gte=since)
                .select_related("goal", "author").order_by("-answered_at", "-pk"))


def latest_answers(plan, goal_ids, per_goal=3):
    """{goal id: its newest `per_goal` answers, newest first} for these goals of the plan
    (a goal without answers maps to [])."""
    found = {goal_id: [] for goal_id in goal_ids}
    for answer in (CheckInAnswer.objects.filter(plan=plan, goal_id__in=goal_ids)
                   .select_related("author").order_by("-answered_at", "-pk")):
        if len(found[answer.goal_id]) < per_goal:
            found[answer.goal_id].append(answer)
    return found
