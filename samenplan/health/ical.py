"""The agenda as iCalendar (RFC 5545), for one appointment or a private feed (M8).

What goes out: when, with whom, where and what for. The patient's own questions stay in
Samenplan: a calendar app may share its data more widely than the patient expects."""

from datetime import timedelta

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

# Appointments have a start only; calendars show them as half an hour.
DEFAULT_LENGTH = timedelta(minutes=30)


def _event(appointment):
    event = Event()
    event.add("uid", f"appointment-{appointment.pk}@samenplan")
    event.add("dtstamp", appointment.starts_at)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.starts_at + DEFAULT_LENGTH)
    with_whom = appointment.with_whom
    event.add("summary", f"{appointment.purpose} ({with_whom})" if with_whom
              else appointment.purpose)
    if appointment.where:
        event.add("location", appointment.where)
    return event


def calendar(appointments, name):
    cal = Calendar()
    cal.add("prodid", "-//Samenplan//Agenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for appointment in appointments:
        cal.add_component(_event(appointment))
    return cal.to_ical()


def calendar_name(plan):
    return _("Samenplan: afspraken van %(name)s") % {"name": plan.patient_name}
