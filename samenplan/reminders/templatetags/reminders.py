from django import template

register = template.Library()


@register.inclusion_tag("reminders/includes/answers.html")
def check_in_answers(answers):
    """The newest check-in answers of one goal, as the page read them for all its goals
    in one query (queries.latest_answers), after authorising the reader for the goals."""
    return {"answers": answers}
