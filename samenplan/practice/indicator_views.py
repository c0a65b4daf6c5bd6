"""The outcome indicators of an organisation (D9, D10), for its providers, and the
experience questionnaire for the patient. The indicators are counts only: no page, chart
or file here names a person."""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from samenplan.audit.actions import client_address, do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.lib import charts
from samenplan.plans.constants import Role
from samenplan.plans.queries import actor_for, get_membership
from samenplan.plans.views.common import render_plan_page

from .actions import do_answer_experience
from .constants import QUESTIONS
from .experience import due_moment
from .forms import ExperienceForm
from .indicators import indicators_for

SECTION = "indicators"
CHOOSE = "organisatie"  # the query parameter with the organisation's id


def _organisation(request):
    """The organisation asked for (?organisatie=<id>), which must be one the provider
    works for (404 otherwise); without one, the provider's only organisation. Returns it
    (or None when the provider still has to choose) and all of theirs."""
    if not request.user.is_provider:
        raise PermissionDenied(SECTION)
    organisations = list(request.user.organisations.order_by("name"))
    wanted = request.GET.get(CHOOSE)
    if wanted is None:
        return (organisations[0] if len(organisations) == 1 else None), organisations
    chosen = [o for o in organisations if str(o.pk) == wanted]
    if not chosen:
        raise Http404
    return chosen[0], organisations


def _indicators(request, kind=AuditEvent.READ):
    organisation, _all = _organisation(request)
    if organisation is None:
        raise Http404
    do_record_event(request.user, kind, SECTION, obj=organisation,
                    source=client_address(request))
    return indicators_for(organisation)


@login_required
def organisation(request):
    organisation, organisations = _organisation(request)
    result = None
    if organisation is not None:
        do_record_event(request.user, AuditEvent.READ, SECTION, obj=organisation,
                        source=client_address(request))
        result = indicators_for(organisation)
    return render(request, "practice/indicators.html", {
        "organisation": organisation, "organisations": organisations, "result": result,
        "choose": CHOOSE, "query": urlencode({CHOOSE: organisation.pk}) if organisation else "",
    })


def _number(value):
    return "" if value is None else formats.number_format(value, use_l10n=True)


@login_required
def export_csv(request):
    result = _indicators(request, AuditEvent.EXPORT)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="uitkomsten.csv"'
    response["Cache-Control"] = "private, no-store"
    # The byte order mark tells Excel that the file is UTF-8 (é, ë); ";" is the list
    # separator of Excel in Dutch, where the comma is the decimal sign.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("code"), _("indicator"), _("waarde"), _("eenheid"), _("aantal"),
                     _("van")])
    for row in result.rows:
        writer.writerow([row.key, str(row.name), _number(row.value), row.unit, row.count,
                         "" if row.out_of is None else row.out_of])
    return response


@login_required
def funnel_chart(request):
    result = _indicators(request)
    bars = [(str(row.name), row.count) for row in result.funnel]
    return charts.svg_response(charts.bar_chart(
        _("Van uitnodiging tot gebruik"),
        _("Het aantal plannen per stap, van de uitnodiging tot na 12 maanden. Ook wie liever "
          "geen plan wil."), bars))


@login_required
def shares_chart(request):
    result = _indicators(request)
    bars = [(str(row.name), row.value) for row in result.plan_rows if row.unit == "%"]
    return charts.svg_response(charts.bar_chart(
        _("Doelen, afspraken en terugkijken, in procenten"),
        _("Per uitkomst het deel in procenten, van 0 tot 100."), bars, max_value=100))


# --- the experience questionnaire (D10) ----------------------------------------------


@login_required
def questionnaire(request, plan_id):
    # Only the patient answers (see experience.py); others are refused before any read.
    if get_membership(request.user, plan_id).role != Role.PATIENT:
        raise PermissionDenied("experience")
    actor = actor_for(request, plan_id, "experience")
    moment = due_moment(actor.membership)
    form = ExperienceForm(request.POST or None)
    overview = reverse("plans:overview", args=[plan_id])
    if request.method == "POST" and moment is None:
        return redirect(overview)
    if request.method == "POST":
        skip = "sla_over" in request.POST
        if skip or form.is_valid():
            answers = None if skip else {name: form.cleaned_data[name]
                                         for name, _q, _s in QUESTIONS}
            try:
                do_answer_experience(actor, moment, answers,
                                     "" if skip else form.cleaned_data["note"])
            except ValidationError as error:
                messages.info(request, " ".join(error.messages))
            else:
                messages.success(request, _("We vragen het u niet meer.") if skip else _(
                    "Dank u wel. Uw antwoorden zijn bewaard."))
            return redirect(overview)
    return render_plan_page(request, "practice/questionnaire.html", actor, "overview",
                            form=form, moment=moment, overview_url=overview)
