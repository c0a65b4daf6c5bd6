from django import template

from ..consults import appointment_to_prepare

register = template.Library()


@register.inclusion_tag("practice/includes/prepare_prompt.html")
def preparation_prompt(plan, membership):
    """Asks the patient side to prepare an appointment that is coming soon."""
    return {"plan": plan, "appointment": appointment_to_prepare(plan, membership)}
