"""What a patient writes never ends up in a log line, an error report or an error e-mail:
reports leave out everything that was posted and every local variable, and nobody gets
errors by e-mail."""

import logging

import pytest
from django.core import mail
from django.core.signals import got_request_exception
from django.urls import path
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, get_exception_reporter_class

from samenplan.accounts.reporting import NoPatientDataFilter
from samenplan.conftest import client_for

# Put together, so that the source lines a report shows do not hold the text itself.
NOTE = " ".join(["Mijn suiker was 14,2 na de verjaardag van tante", "Ria"])


def failing_view(request):
    note = request.POST["notitie"]
    words = note.split()
    raise RuntimeError(f"Er ging iets mis na {len(words)} woorden")


urlpatterns = [path("fout/", failing_view)]
pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def failure(patient, settings, capfd, caplog):
    """Post the note to a view that fails; returns what was logged and what happened."""
    settings.ADMINS = [("Beheer", "beheer@example.org")]
    caught = {}

    def keep(sender, request, **kwargs):
        import sys
        caught["request"], caught["exc_info"] = request, sys.exc_info()

    got_request_exception.connect(keep)
    client = client_for(patient)
    client.raise_request_exception = False
    try:
        with caplog.at_level(logging.DEBUG):
            response = client.post("/fout/", {"notitie": NOTE})
    finally:
        got_request_exception.disconnect(keep)
    output = capfd.readouterr()
    return {"response": response, "logged": caplog.text + output.out + output.err,
            "records": caplog.records, **caught}


def test_the_error_is_logged_without_the_text(failure):
    assert failure["response"].status_code == 500
    assert "Internal Server Error: /fout/" in failure["logged"]
    assert "RuntimeError: Er ging iets mis na 10 woorden" in failure["logged"]
    assert NOTE not in failure["logged"]
    assert "tante Ria" not in failure["logged"]


def test_the_error_report_leaves_out_posted_text_and_local_variables(failure):
    request, exc_info = failure["request"], failure["exc_info"]
    reporter = ExceptionReporter(request, *exc_info)
    assert isinstance(reporter.filter, NoPatientDataFilter)
    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert "failing_view" in report  # the report is there ...
        assert "notitie" in report  # ... with the names of the posted fields
        assert "tante Ria" not in report  # ... but not what was written


def test_the_error_report_names_the_user_by_number(failure, patient):
    reporter_class = get_exception_reporter_class(failure["request"])
    report = reporter_class(failure["request"], *failure["exc_info"]).get_traceback_text()
    assert f"USER: user {patient.pk}" in report
    assert "Anna de Vries" not in report
    assert "tante Ria" not in report


def test_the_debug_page_leaves_out_the_text_too(patient, settings):
    settings.DEBUG = True
    client = client_for(patient)
    client.raise_request_exception = False
    response = client.post("/fout/", {"notitie": NOTE})
    assert response.status_code == 500
    content = response.content.decode()
    assert "RuntimeError" in content
    assert "tante Ria" not in content
    assert "Anna de Vries" not in content


def test_nobody_gets_the_error_by_email(failure):
    assert mail.outbox == []


def test_an_error_email_would_leave_out_the_text_as_well(failure, settings):
    # Should someone add Django's mail handler after all.
    record = next(r for r in failure["records"] if r.name == "django.request")
    AdminEmailHandler(include_html=True).emit(record)
    (message,) = mail.outbox
    assert "RuntimeError" in message.body
    assert "tante Ria" not in message.body
    assert all("tante Ria" not in html for html, _type in message.alternatives)

