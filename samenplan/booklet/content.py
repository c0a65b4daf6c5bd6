"""What the booklet shows of each part of the plan, for the member who prints it.

Each part gathers its data with the same queries as its page, so the booklet shows what
that member sees there and nothing more. Charts come as SVG files of this document.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenplan.health import measurements
from samenplan.health.charts import measurement_chart
from samenplan.health.queries import (
    coming_and_past_appointments,
    measurement_points,
    measurement_summaries,
    medicines_in_use_and_stopped,
    results_by_kind,
    visible_log_entries,
)
from samenplan.lib import charts
from samenplan.lib.pdf import own_file_url
from samenplan.plans.charts import domain_scores_chart, score_moments
from samenplan.plans.constants import GoalStatus, Role
from samenplan.plans.history import last_change
from samenplan.plans.queries import domain_rows
from samenplan.plans.sections import PARTS, label, may_read, title

LOGBOOK_DAYS = 92  # the logbook of the last three months; the rest stays in Samenplan
PAST_APPOINTMENTS = 3
LAST_VALUES = 6  # per kind of measurement, besides its chart
SVG = "image/svg+xml"


class Files(dict):
    """The files of one booklet (its charts), by name: (content, content type)."""

    def add_svg(self, name, svg):
        """Keep this SVG with the booklet; returns the address the booklet links it by."""
        self[f"{name}.svg"] = (svg, SVG)
        return own_file_url(f"{name}.svg")


def _personal(actor, files, today):
    plan = actor.plan
    return {"indications": plan.indications.all(), "contacts": plan.contacts.all()}


def _what_matters(actor, files, today):
    plan = actor.plan
    moments, table = score_moments(plan)
    chart = None
    if moments and may_read(actor.membership, "domain_scores"):
        chart = files.add_svg("cijfers", domain_scores_chart(
            plan, actor.membership.role == Role.PATIENT))
    return {"rows": domain_rows(plan), "score_moments": moments, "score_table": table,
            "chart": chart}


def _goals(actor, files, today):
    goals = list(actor.plan.goals.all())
    summaries = {}
    if may_read(actor.membership, "measurements"):
        summaries = measurement_summaries(actor.plan, may_read(actor.membership, "results"))
    for goal in goals:
        goal.measurement = summaries.get(goal.measurement_kind)
    return {"groups": [(status_label, [g for g in goals if g.status == status])
                       for status, status_label in GoalStatus.choices]}


def _actions(actor, files, today):
    return {"actions": actor.plan.actions.select_related(
        "goal", "assignee_member__user", "patient_confirmed_by", "provider_confirmed_by")}


def _evaluations(actor, files, today):
    return {"evaluations": actor.plan.evaluations.prefetch_related("reviews__goal")}


def _logbook(actor, files, today):
    since = today - datetime.timedelta(days=LOGBOOK_DAYS)
    entries = list(visible_log_entries(actor.membership)
                   .filter(occurred_at__date__gte=since).select_related("author")
                   .order_by("occurred_at"))
    series = {}
    for entry in entries:
        if entry.intensity is not None:
            series.setdefault(entry.get_kind_display(), []).append(
                (entry.occurred_at, entry.intensity))
    chart = None
    if series:
        chart = files.add_svg("logboek", charts.line_chart(
            _("Hoe erg was het?"),
            _("Per soort: hoe erg het was, van 0 tot en met 10, over de tijd."),
            series, y_title=_("Hoe erg (0 tot en met 10)"), y_range=(0, 10)))
    return {"entries": entries, "since": since, "chart": chart}


def _agenda(actor, files, today):
    coming, past = coming_and_past_appointments(actor.plan)
    return {"coming": coming, "past": past[:PAST_APPOINTMENTS]}


def _medicines(actor, files, today):
    in_use, stopped = medicines_in_use_and_stopped(actor.membership, today)
    return {"in_use": in_use, "stopped": stopped}


def _results(actor, files, today):
    return {"groups": results_by_kind(actor.plan)}


def _measurements(actor, files, today):
    with_results = may_read(actor.membership, "results")
    kinds = []
    for key, summary in measurement_summaries(actor.plan, with_results).items():
        if not (summary["point"] or summary["target"]):
            continue
        kind = summary["kind"]
        points = measurement_points(actor.plan, key, with_results)[:LAST_VALUES]
        kinds.append({
            **summary,
            "chart": files.add_svg(f"meting-{key}",
                                   measurement_chart(actor.plan, kind, with_results)),
            "values": [(p, measurements.format_value(kind, p.value, p.second_value))
                       for p in points],
        })
    return {"kinds": kinds}


def _members(actor, files, today):
    return {"members": actor.plan.memberships.filter(removed_at=None)
            .select_related("user").prefetch_related("user__organisations")
            .order_by("joined_at")}


GATHER = {
    "personal": _personal, "what_matters": _what_matters, "goals": _goals,
    "actions": _actions, "evaluations": _evaluations, "logbook": _logbook,
    "agenda": _agenda, "medicines": _medicines, "results": _results,
    "measurements": _measurements, "members": _members,
}


# A part named after its page rather than its first section, as the patient and as others
# read it ({name} is the patient).
PAGE_TITLES = {"what_matters": (gettext_lazy("Mijn leven"), gettext_lazy("Het leven van {name}"))}


def part_title(part, membership, profile):
    if part not in PAGE_TITLES:
        return title(part, membership, profile)
    own, other = PAGE_TITLES[part]
    return own if membership.role == Role.PATIENT else str(other).format(name=profile.name)


def booklet_parts(actor, chosen, files, today=None):
    """Per chosen part (in the order of the plan), its title, its sections with who fills
    them in, and its data. The caller has checked that this member may read them."""
    membership, profile = actor.membership, actor.plan.profile
    today = today or timezone.localdate()
    return [
        {
            "key": part,
            "title": part_title(part, membership, profile),
            "sections": {key: {"title": title(key, membership, profile),
                               "label": label(key, membership, profile.name)}
                         for key in PARTS[part] if may_read(membership, key)},
            **GATHER[part](actor, files, today),
        }
        for part in PARTS if part in chosen
    ]


def changed_on(plan):
    """The day the plan last changed, for every page of the booklet."""
    change = last_change(plan)
    return timezone.localdate(change.history_date) if change else None
