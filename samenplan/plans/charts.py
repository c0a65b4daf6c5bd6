"""The charts of the plan, for the pages and the booklet alike."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenplan.lib import charts

from .constants import domains_for

SPIDER_WEB_MOMENTS = 3  # more webs on top of each other cannot be told apart


def score_moments(plan):
    """The last few days the person gave scores, oldest first, and per domain its score on
    each of those days (None where there was none); the newest score of a day counts."""
    by_day = {}
    for score in plan.domain_scores.order_by("scored_on", "pk"):
        by_day.setdefault(score.scored_on, {})[score.domain] = score.score
    moments = sorted(by_day)[-SPIDER_WEB_MOMENTS:]
    table = [(name, [by_day[day].get(code) for day in moments])
             for code, name, _help in domains_for(plan.domain_set)]
    return moments, table


def domain_scores_chart(plan, own):
    """The spider web of the person's own scores per domain (Positive Health), one web
    per moment; `own` when the person themself reads it."""
    moments, table = score_moments(plan)
    series = {date_format(day, "j b Y"): [scores[i] for _name, scores in table]
              for i, day in enumerate(moments)}
    return charts.radar_chart(
        _("Mijn cijfers per levensgebied") if own else _("Cijfers per levensgebied"),
        _("Een eigen cijfer van 0 tot en met 10 per levensgebied, op een paar momenten."),
        [str(name) for name, _scores in table], series,
    )
