"""The logbook (M7): quick entries by the patient or a naaste, each seen only by whom the
author chooses; a list with filters, and a chart of how bad things were over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.lib import charts
from samenplan.plans.queries import actor_for
from samenplan.plans.views.common import edit_form, render_plan_page, require_write

from . import actions
from .forms import LogEntryForm, LogFilterForm
from .models import LogEntry
from .queries import own_log_entry, visible_log_entries

PAGE_SIZE = 25


def _filtered(request, actor):
    """The entries this member may see, filtered as asked; the filter form to show (what
    is in effect, without error messages) and the filters as a query string."""
    asked = LogFilterForm(request.GET or None)
    chosen = asked.chosen()
    entries = asked.filter(visible_log_entries(actor.membership))
    return LogFilterForm(initial=chosen), entries, urlencode(chosen)


def _intensity_series(entries):
    """Per kind, the (moment, intensity) points of the entries that have one, oldest first."""
    series = {}
    for entry in entries.exclude(intensity=None).order_by("occurred_at"):
        series.setdefault(entry.get_kind_display(), []).append(
            (entry.occurred_at, entry.intensity))
    return series


@login_required
def logbook(request, plan_id):
    actor = actor_for(request, plan_id, actions.LOGBOOK)
    filters, entries, query = _filtered(request, actor)
    entries = entries.select_related("author").prefetch_related("shared_with__user")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render_plan_page(
        request, "health/logbook.html", actor, "logbook",
        filters=filters, page=page, entries=page.object_list, query=query,
        series=_intensity_series(entries),
    )


@login_required
def logbook_chart(request, plan_id):
    actor = actor_for(request, plan_id, actions.LOGBOOK)
    _filters, entries, _query = _filtered(request, actor)
    title = _("Hoe erg was het?")
    return charts.svg_response(charts.line_chart(
        title, _("Per soort: hoe erg het was, van 0 tot en met 10, over de tijd."),
        _intensity_series(entries), y_title=_("Hoe erg (0 tot en met 10)"), y_range=(0, 10),
    ))


@login_required
def edit_log_entry(request, plan_id, entry_id=None):
    actor = actor_for(request, plan_id)
    if entry_id is None:
        entry = LogEntry(plan=actor.plan)
    else:
        entry = own_log_entry(actor.membership, entry_id)
        if entry is None:
            raise Http404
    form = LogEntryForm(request.POST or None, instance=entry, membership=actor.membership)
    response = edit_form(
        request, actor, actions.LOGBOOK, form,
        lambda f: actions.do_save_log_entry(actor, f.instance, f.cleaned_data["shared_with"]),
        _("Bewaard in het logboek."),
        heading=_("In het logboek veranderen") if entry_id else _("Nieuw in het logboek"),
        delete_url=reverse("health:delete_log_entry", args=[plan_id, entry_id])
        if entry_id else None,
        delete_text=_("Dit uit het logboek halen"),
    )
    return response or redirect("health:logbook", plan_id)


@login_required
@require_POST
def delete_log_entry(request, plan_id, entry_id):
    actor = actor_for(request, plan_id)
    entry = own_log_entry(actor.membership, entry_id)
    if entry is None:
        raise Http404
    require_write(actor, actions.LOGBOOK)
    actions.do_delete_log_entry(actor, entry)
    messages.success(request, _("Dit staat niet meer in het logboek."))
    return redirect("health:logbook", plan_id)
