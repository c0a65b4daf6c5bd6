from django import template

from ..experience import due_moment

register = template.Library()


@register.inclusion_tag("practice/experience_prompt.html")
def experience_prompt(plan, membership):
    """A short invitation on the plan's overview to answer the experience questions,
    only for the patient and only when a moment is due."""
    return {"plan": plan, "moment": due_moment(membership) if membership else None}
