from django import template

from ..queries import latest_answers

register = template.Library()


@register.inclusion_tag("reminders/includes/answers.html")
def check_in_answers(goal, count=3):
    """The newest check-in answers for this goal. It reads without a check of its own: a
    goal belongs to one plan, and the page showing the goal has already authorised the
    reader for that plan's goals (the part "goals")."""
    return {"answers": latest_answers(goal.plan_id, [goal.pk], per_goal=count)[goal.pk]}
