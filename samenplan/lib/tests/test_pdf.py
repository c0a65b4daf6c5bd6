"""The PDF renderer fetches only the app's own static files and the document's own files:
no file on the server, no address on the network, however the HTML or the CSS asks."""

import http.server
import io
import re
import threading

import pypdf
import pytest
from django.urls import reverse

from samenplan.booklet import views
from samenplan.conftest import client_for
from samenplan.health.models import LogEntry
from samenplan.lib.pdf import ORIGIN, OwnFilesOnly, Refused, own_file_url, render_pdf
from samenplan.plans.models import Goal
from samenplan.plans.tests.conftest import membership_of
from samenplan.security.tests.test_stored_xss import PAYLOADS


class Listener:
    """A web server on loopback that counts the requests it gets: none may come."""

    def __init__(self):
        self.requests = []
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                listener.requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///proc/self/environ",
    "http://127.0.0.1:9/x.css",
    "https://example.org/tracker.png",
    "ftp://example.org/x",
    "data:text/css,body{color:red}",
    "https://samenplan.invalid.example.org/static/samenplan/site.css",  # another host
    ORIGIN + "static/../samenplan/settings.py",  # climbing out of the static folders
    ORIGIN + "static/samenplan/%2e%2e/%2e%2e/settings.py",
    ORIGIN + "static/samenplan/site.css?x=1",  # a query can carry data away
    ORIGIN + "static/samenplan/nonexistent.css",
    ORIGIN + "static/../../../../etc/passwd.css",
    ORIGIN + "document/not-this-document.svg",
    ORIGIN + "settings.py",
])
def test_the_fetcher_refuses_what_is_not_our_own(url):
    fetcher = OwnFilesOnly({"chart.svg": (b"<svg/>", "image/svg+xml")})
    with pytest.raises(Refused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_our_static_files_and_the_documents_own():
    fetcher = OwnFilesOnly({"chart.svg": (b"<svg/>", "image/svg+xml")})
    css = fetcher.fetch(ORIGIN + "static/samenplan/booklet.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    chart = fetcher.fetch(own_file_url("chart.svg"))
    assert chart.content_type == "image/svg+xml" and chart.read() == b"<svg/>"
    assert fetcher.refused == []


def test_a_document_that_asks_for_files_and_addresses_gets_none(listener):
    html = f"""<html lang="nl"><head><title>t</title>
    <link rel="stylesheet" href="{listener.url}/linked.css">
    <style>@import url("{listener.url}/imported.css");
      body {{ background: url("file:///etc/hostname"); }}
      @font-face {{ font-family: x; src: url("{listener.url}/font.woff2"); }}
      p {{ font-family: x; }}</style></head>
    <body><p>Hallo</p><img src="file:///etc/passwd" alt="x"><img src="{listener.url}/i.png"
    alt="y"><object data="{listener.url}/o.svg"></object></body></html>"""
    fetcher = OwnFilesOnly()
    pdf = render_pdf(html, fetcher)
    assert "Hallo" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert listener.requests == []
    refused = set(fetcher.refused)
    assert {f"{listener.url}/linked.css", f"{listener.url}/imported.css", "file:///etc/hostname",
            "file:///etc/passwd", f"{listener.url}/i.png"} <= refused


def test_the_booklet_prints_hostile_text_as_text_and_fetches_nothing(
        plan, patient, listener, monkeypatch):
    """The payloads of the attack suite, and some that aim at a PDF renderer, typed into
    the plan: the booklet shows them as the letters they are, and asks for no URL."""
    hostile = [p.format(n=n) for n, p in enumerate(PAYLOADS)] + [
        '<img src="file:///etc/passwd">', f'<link rel="stylesheet" href="{listener.url}/x.css">',
        f'<style>@import "{listener.url}/y.css";</style>',
        f'<svg><image href="{listener.url}/z.png"/></svg>',
    ]
    for text in hostile:
        Goal.objects.create(plan=plan, text=text, created_by=patient)
    LogEntry.objects.create(plan=plan, kind="note", text=" ".join(hostile),
                            occurred_at=plan.created_at, author=patient,
                            author_member=membership_of(patient, plan))
    plan.profile.name = hostile[1]
    plan.profile.save()
    fetchers = []
    make = views.make_booklet

    def spy(actor, form, today=None):
        pdf, fetcher = make(actor, form, today)
        fetchers.append(fetcher)
        return pdf, fetcher

    monkeypatch.setattr(views, "make_booklet", spy)
    response = client_for(patient).get(
        reverse("booklet:pdf", args=[plan.pk]),
        {"delen": ["personal", "goals", "logbook"], "papier": "a4", "letters": "normaal"})
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    for payload in hostile:
        assert re.sub(r"\s+", "", payload) in text, payload
    assert listener.requests == []
    assert fetchers[0].refused == []  # no markup came through, so nothing even asked
