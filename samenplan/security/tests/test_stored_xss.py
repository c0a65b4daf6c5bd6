"""Stored XSS: what someone types is shown to everyone in the plan, so every text they can
store must come back as text, never as markup.

Every text field of every model of the plans, health and accounts apps (found through
Model._meta, so a field added later is attacked too) gets a payload: a script element, an
attribute break-out with an event handler, a javascript: URL and a template expression,
as many as the field can hold, numbered so that each field's own payload can be told
apart. Then every page of the plan (from the URL conf) is read as the patient, a naaste
and a provider, with the charts (.svg) and calendar files (.ics), and checked: no payload
unescaped, no script, event handler or javascript: URL in the page at all; and each
field's payload does show, escaped, on some page, so that the check can fail."""

import re
from html import unescape
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from icalendar import Calendar

from samenplan.conftest import client_for
from samenplan.health.models import Appointment, Result

from .attempts import leaked, tried
from .world import APPS, MARKUP, Markup, plan_urls

PART = "stored XSS (fields x pages)"
PAYLOADS = (
    "<script>alert({n})</script>",
    '"><img src=x onerror=alert({n})>',
    "javascript:alert({n})",
    "{{{{7*{n}}}}}",  # {{7*n}}: a template engine that evaluated it would print a number
)
# What must be unescaped to do harm, per payload (the rest of it is harmless text).
DANGEROUS = ("<script>alert({n})</script>", "<img src=x onerror=alert({n})>")

# Codes the app finds rows by; a payload there would hide the row instead of testing it.
NOT_FILLED = {
    "plans.DomainNote.domain", "plans.DomainScore.domain",  # the life domain's code
    "plans.Invitation.token_hash", "health.CalendarFeed.token_hash",  # hash of the link
}
# Filled, and checked never to show raw, but no page shows them at all.
NEVER_SHOWN = {
    "accounts.User.password": "a password hash",
    "health.Measurement.loinc": "the LOINC code, shown from measurements.py, not the row",
    "health.Measurement.unit": "the unit, shown from measurements.py, not the row",
    "health.Target.loinc": "the LOINC code",
    "health.Target.unit": "the unit, shown from measurements.py",
    "health.Result.loinc": "the LOINC code of a coded lab value",
    "accounts.User.phone": "copied into Mijn gegevens when a plan starts, shown there",
    "accounts.Organisation.phone": "kept, not shown yet",
}


def text_fields():
    """(model, field) for every stored text of the three apps, history models left out
    (they copy what is filled here)."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for f in model._meta.concrete_fields:
                name = f"{model._meta.label}.{f.name}"
                if (isinstance(f, models.CharField | models.TextField) and not f.choices
                        and not f.primary_key and name not in NOT_FILLED):
                    yield model, f


def payload(n, max_length):
    """As many of the payloads, numbered n, as fit in the field."""
    text = ""
    for p in PAYLOADS:
        if len(text + p.format(n=n)) <= (max_length or 10_000):
            text += p.format(n=n)
    return text


def fill_with_payloads():
    """Every text field of every row gets its own payload, saved as the app saves (so the
    history has it too). Returns payload number -> ("app.Model.field", the payload)."""
    numbers, n = {}, 100
    for model, f in text_fields():
        for obj in model.objects.all():
            n += 1
            text = payload(n, f.max_length)
            setattr(obj, f.attname, text)
            obj.save()
            numbers[n] = (f"{model._meta.label}.{f.name}", text)
    return numbers


def problems_in(content, numbers):
    """Raw payloads and anything that could run, in one response."""
    found = [f"raw payload of {field}" for n, (field, _text) in numbers.items()
             if any(d.format(n=n) in content for d in DANGEROUS)]
    markup = Markup()
    markup.feed(content)
    return found + markup.found


def shown_in(content, numbers):
    """The fields whose payload this response shows, escaped as HTML (or as XML text)."""
    return {field for field, text in numbers.values()
            if escape(text) in content or xml_escape(text) in content}


def _get_all_pages(client, url, seen):
    """GET a page and the further pages of its list (?pagina=2, ...)."""
    response = client.get(url)
    pages = [(url, response)]
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        path = url.split("?")[0]
        for link in re.findall(r'href="([^"]*pagina=\d+[^"]*)"', response.content.decode()):
            link = unescape(link)
            full = path + link if link.startswith("?") else link
            if full not in seen:
                seen.add(full)
                pages.extend(_get_all_pages(client, full, seen))
    return pages


@pytest.fixture(scope="module")
def filled(world):
    numbers = fill_with_payloads()
    # The chart of one test's results is asked for by the test's name.
    result_chart = reverse("health:result_chart", args=[world.plan.pk]) + "?" + urlencode(
        {"naam": Result.objects.get(pk=world.ids["result_id"]).name})
    pages = []  # (who, url, response)
    for who, user in world.members.items():
        user.refresh_from_db()  # its password (in the session's hash) is a payload now
        client = client_for(user)
        seen = set()
        for name, params in plan_urls():
            for url, response in _get_all_pages(client, world.url(name, params), seen):
                pages.append((who, url, response))
        extra = [reverse("plans:home"), reverse("accounts:settings"), result_chart]
        if who == "provider":
            extra.append(reverse("plans:overview", args=[world.declined_plan.pk]))
        pages += [(who, url, client.get(url)) for url in extra]
    anonymous = Client()
    for name in ("plans:invitation", "health:calendar_feed"):
        url = world.url(name, ["token"])
        pages.append(("anonymous", url, anonymous.get(url)))
    return numbers, pages


def markup(pages):
    """The answers a browser renders as a document: pages and charts. The rest (calendar
    files, the download of all my data) are files to save, see below."""
    return [(who, url, r) for who, url, r in pages
            if r.status_code == 200 and r["Content-Type"].startswith(MARKUP)]


def test_it_fills_every_text_field(filled):
    numbers, _pages = filled
    fields = {field for field, _text in numbers.values()}
    assert {"plans.Goal.text", "health.LogEntry.text", "accounts.User.name",
            "plans.Profile.email", "health.Appointment.questions"} <= fields
    assert not set(NEVER_SHOWN) - fields, "NEVER_SHOWN names a field that is not filled"


def test_no_page_shows_a_payload_unescaped(filled):
    numbers, pages = filled
    checked = markup(pages)
    assert len(checked) > 100  # every plan page, for three people
    problems = []
    for who, url, response in checked:
        found = problems_in(response.content.decode(), numbers)
        tried(PART, len(numbers))
        leaked(PART, len(found))
        problems += [f"{who} {url}: {p}" for p in found]
    assert problems == []


def test_every_field_that_a_page_shows_shows_escaped(filled):
    numbers, pages = filled
    shown = set()
    for _who, _url, response in markup(pages):
        shown |= shown_in(response.content.decode(), numbers)
    expected = {field for field, _text in numbers.values()} - set(NEVER_SHOWN)
    assert sorted(expected - shown) == []
    assert sorted(shown & set(NEVER_SHOWN)) == [], "shown after all: take it off NEVER_SHOWN"


def test_no_page_fails_on_a_payload(filled):
    _numbers, pages = filled
    assert [(who, url) for who, url, r in pages if r.status_code >= 500] == []


def test_charts_are_svg_under_their_own_policy(filled):
    _numbers, pages = filled
    charts = [r for _who, url, r in pages if ".svg" in url and r.status_code == 200]
    assert charts
    for response in charts:
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response["Content-Security-Policy"].startswith("default-src 'none'")


def test_every_other_answer_is_a_file_to_save(filled):
    """What is not a page holds the payloads as they were typed (as data should), so a
    browser must never render it as a page: a type that is not HTML, not to be sniffed,
    and saved as a file."""
    numbers, pages = filled
    files = [r for _who, _url, r in pages
             if r.status_code == 200 and not r["Content-Type"].startswith(MARKUP)]
    assert {r["Content-Type"].split(";")[0] for r in files} >= {"text/calendar"}
    for response in files:
        tried(PART, len(numbers))
        if not (response["Content-Disposition"].startswith("attachment")
                and response["X-Content-Type-Options"] == "nosniff"):
            leaked(PART, len(numbers))
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "html" not in response["Content-Type"] and "xml" not in response["Content-Type"]


def test_calendar_files_have_the_text_as_text(filled, world):
    _numbers, pages = filled
    files = [r for _who, url, r in pages if url.endswith(".ics") and r.status_code == 200]
    assert len(files) >= 4  # one appointment for three people, and the private feed
    appointment = Appointment.objects.get(pk=world.ids["appointment_id"])
    for response in files:
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        # What was typed comes back as the same plain text, nothing more.
        assert str(event["LOCATION"]) == appointment.where
        assert str(event["SUMMARY"]).startswith(appointment.purpose)
        # The patient's own questions never leave Samenplan (M8).
        assert escape(appointment.questions) not in response.content.decode()
        assert appointment.questions not in response.content.decode()


def test_a_chart_shows_a_typed_name_as_text(filled, world):
    numbers, pages = filled
    name = Result.objects.get(pk=world.ids["result_id"]).name
    (chart,) = [r for _who, url, r in pages if "naam=" in url and _who == "patient"]
    assert xml_escape(name) in chart.content.decode()


def test_a_calendar_file_keeps_typed_line_breaks_inside_the_text(world):
    """iCalendar injection: a line break in what was typed must not start a property or
    an event of its own in the calendar app."""
    injected = "\r\nATTACH:https://evil.example/x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:nep"
    Appointment.objects.filter(pk=world.ids["appointment_id"]).update(
        purpose="Controle" + injected, where="De Linde" + injected)
    urls = [world.url("health:appointment_ics", ["plan_id", "appointment_id"]),
            world.url("health:calendar_feed", ["token"])]
    clients = [client_for(world.patient), Client()]
    for url, client in zip(urls, clients, strict=True):
        tried(PART)
        content = client.get(url).content
        (event,) = Calendar.from_ical(content).walk("VEVENT")
        if "ATTACH" in event or b"\r\nATTACH" in content:
            leaked(PART)
        assert "ATTACH" not in event
        # The summary is what for, and with whom (a contact, with a payload as name).
        assert str(event["SUMMARY"]).startswith("Controle" + injected.replace("\r\n", "\n"))
        assert str(event["LOCATION"]) == "De Linde" + injected.replace("\r\n", "\n")


def test_the_checks_find_what_they_look_for():
    """The checks themselves, on pages made to fail them."""
    numbers = {7: ("plans.Goal.text", payload(7, None))}
    assert problems_in("<p>" + escape(payload(7, None)) + "</p>", numbers) == []
    assert shown_in("<p>" + escape(payload(7, None)) + "</p>", numbers) == {"plans.Goal.text"}
    assert problems_in("<p>" + payload(7, None) + "</p>", numbers)
    assert problems_in('<a href=" JavaScript:alert(1)">x</a>', {}) == [
        '<a href= JavaScript:alert(1)>']
    assert problems_in('<p onclick="x()">x</p>', {}) == ["<p onclick=...>"]
    assert problems_in("<script>alert(1)</script>", {}) == ["<script>alert(1)"]
    assert shown_in("<p>" + payload(7, None) + "</p>", numbers) == set()
