"""The health overviews. The logbook (M7): quick entries by the patient or a naaste, each
seen only by whom the author chooses; a list with filters, and a chart of how bad things
were over time. The agenda (M8): appointments with the patient's own questions, as
iCalendar per appointment and as a private address a calendar app can subscribe to. The
medicines (M9): entered by providers, with a plain explanation, the patient's own notes
and the side effects from the logbook. The results (M10): per kind and per test, with
the trend of the numbers against the normal range."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.audit.actions import client_address, do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.lib import charts
from samenplan.plans.queries import actor_for, get_in_plan
from samenplan.plans.views.common import (
    edit_form,
    existing_or_new,
    render_plan_page,
    require_write,
)

from .. import actions, ical
from ..constants import LogKind
from ..forms import (
    AppointmentForm,
    LogEntryForm,
    LogFilterForm,
    MedicationForm,
    MedicationNoteForm,
    ResultForm,
)
from ..models import Appointment, LogEntry, Medication, Result
from ..queries import (
    active_calendar_feed,
    coming_and_past_appointments,
    medicines_in_use_and_stopped,
    own_log_entry,
    plan_of_calendar_feed,
    results_by_kind,
    visible_log_entries,
)

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
    points = entries.exclude(intensity=None).order_by("occurred_at").values_list(
        "kind", "occurred_at", "intensity")  # a year can be thousands: no model objects
    for kind, moment, intensity in points:
        series.setdefault(str(LogKind(kind).label), []).append((moment, intensity))
    return series


@login_required
def logbook(request, plan_id):
    actor = actor_for(request, plan_id, actions.LOGBOOK)
    filters, entries, query = _filtered(request, actor)
    # The authors apart: a join to every account made PostgreSQL read them all (EXPLAIN).
    entries = entries.prefetch_related("author", "shared_with__user")
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


# --- agenda (M8) -------------------------------------------------------------------------

FEED_URL_KEY = "samenplan_calendar_feed_url"  # shown once, right after it is made


@login_required
def agenda(request, plan_id):
    actor = actor_for(request, plan_id, actions.AGENDA)
    coming, past = coming_and_past_appointments(actor.plan)
    return render_plan_page(
        request, "health/agenda.html", actor, "agenda",
        coming=coming, past=past, feed=active_calendar_feed(actor.plan),
        new_feed_url=request.session.pop(FEED_URL_KEY, None),
    )


@login_required
def edit_appointment(request, plan_id, appointment_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Appointment, actor, appointment_id)
    form = AppointmentForm(request.POST or None, instance=instance,
                           membership=actor.membership)
    response = edit_form(
        request, actor, actions.AGENDA, form,
        lambda f: actions.do_save_appointment(actor, f.instance),
        _("De afspraak staat in de agenda."),
        heading=_("Afspraak in de agenda veranderen") if appointment_id
        else _("Nieuwe afspraak in de agenda"),
        delete_url=reverse("health:delete_appointment", args=[plan_id, appointment_id])
        if appointment_id else None,
        delete_text=_("Deze afspraak uit de agenda halen"),
    )
    return response or redirect("health:agenda", plan_id)


@login_required
@require_POST
def delete_appointment(request, plan_id, appointment_id):
    actor = actor_for(request, plan_id)
    appointment = get_in_plan(Appointment.objects, actor.plan, appointment_id)
    require_write(actor, actions.AGENDA)
    actions.do_delete_appointment(actor, appointment)
    messages.success(request, _("De afspraak staat niet meer in de agenda."))
    return redirect("health:agenda", plan_id)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def appointment_ics(request, plan_id, appointment_id):
    actor = actor_for(request, plan_id, actions.AGENDA)
    appointment = get_in_plan(Appointment.objects, actor.plan, appointment_id)
    return _ics_response(ical.calendar([appointment], ical.calendar_name(actor.plan)),
                         f"afspraak-{appointment.pk}.ics")


@login_required
@require_POST
def start_calendar_feed(request, plan_id):
    actor = actor_for(request, plan_id)
    if not actor.membership.acts_for_patient:
        raise PermissionDenied
    token = actions.do_start_calendar_feed(actor)
    request.session[FEED_URL_KEY] = request.build_absolute_uri(
        reverse("health:calendar_feed", args=[token]))
    return redirect(reverse("health:agenda", args=[plan_id]) + "#agenda-app")


@login_required
@require_POST
def stop_calendar_feed(request, plan_id):
    actor = actor_for(request, plan_id)
    if not actor.membership.acts_for_patient:
        raise PermissionDenied
    actions.do_stop_calendar_feed(actor)
    messages.success(request, _("Het agenda-adres werkt niet meer."))
    return redirect("health:agenda", plan_id)


def calendar_feed(request, token):
    """A calendar app reads the agenda here, without logging in: the secret address is
    the key. Every read is in the audit log."""
    plan = plan_of_calendar_feed(token)
    if plan is None:
        raise Http404
    do_record_event(None, AuditEvent.READ, actions.AGENDA, plan=plan,
                    source=client_address(request))
    return _ics_response(ical.calendar(plan.appointments.select_related(
        "with_member__user", "with_contact"), ical.calendar_name(plan)), "samenplan.ics")


# --- medicines (M9) ----------------------------------------------------------------------

@login_required
def medicines(request, plan_id):
    actor = actor_for(request, plan_id, actions.MEDICINES)
    in_use, stopped = medicines_in_use_and_stopped(actor.membership)
    return render_plan_page(request, "health/medicines.html", actor, "medicines",
                            in_use=in_use, stopped=stopped)


@login_required
def edit_medication(request, plan_id, medication_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Medication, actor, medication_id)
    form = MedicationForm(request.POST or None, instance=instance)
    response = edit_form(
        request, actor, actions.MEDICINES, form,
        lambda f: actions.do_save_medication(actor, f.instance),
        _("Het medicijn is bewaard."),
        heading=_("Medicijn veranderen of stoppen") if medication_id else _("Nieuw medicijn"),
        intro=_("Stopt het medicijn? Vul dan in: tot en met. Zo blijft te zien wat er was."),
    )
    return response or redirect("health:medicines", plan_id)


@login_required
def edit_medication_note(request, plan_id, medication_id):
    actor = actor_for(request, plan_id)
    medication = get_in_plan(Medication.objects, actor.plan, medication_id)
    form = MedicationNoteForm(request.POST or None, instance=medication)
    response = edit_form(
        request, actor, actions.MEDICINE_NOTES, form,
        lambda f: actions.do_save_medication_note(actor, f.instance),
        _("Uw aantekening is bewaard."),
        heading=str(medication), current="medicines",
    )
    return response or redirect(reverse("health:medicines", args=[plan_id])
                                + f"#medicijn-{medication_id}")


# --- results (M10) -----------------------------------------------------------------------

@login_required
def results(request, plan_id):
    actor = actor_for(request, plan_id, actions.RESULTS)
    return render_plan_page(request, "health/results.html", actor, "results",
                            groups=results_by_kind(actor.plan))


@login_required
def result_chart(request, plan_id):
    actor = actor_for(request, plan_id, actions.RESULTS)
    rows = list(actor.plan.results.filter(name=request.GET.get("naam", "")).exclude(value=None)
                .order_by("taken_on"))
    name = rows[-1].name if rows else ""
    low = rows[-1].reference_low if rows else None
    high = rows[-1].reference_high if rows else None
    band = (None if low is None else float(low), None if high is None else float(high),
            _("Normaal"))
    return charts.svg_response(charts.line_chart(
        name, _("De uitslagen van %(name)s over de tijd.") % {"name": name},
        {name: [(r.taken_on, float(r.value)) for r in rows]} if rows else {},
        y_title=rows[-1].unit if rows else "", bands=[band],
    ))


@login_required
def edit_result(request, plan_id, result_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Result, actor, result_id)
    form = ResultForm(request.POST or None, instance=instance)
    response = edit_form(
        request, actor, actions.RESULTS, form,
        lambda f: actions.do_save_result(actor, f.instance),
        _("De uitslag is bewaard."),
        heading=_("Uitslag veranderen") if result_id else _("Nieuwe uitslag"),
    )
    return response or redirect("health:results", plan_id)
