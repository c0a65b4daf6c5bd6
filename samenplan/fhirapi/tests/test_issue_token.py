"""`manage.py issue_token`: one line of JSON with a working token, for tests and scripts;
a clear error, and an exit code other than 0, for what it cannot do."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from oauth2_provider.models import Application

from samenplan.audit.models import AuditEvent
from samenplan.fhirapi.auth import ApiRefused, require_scope
from samenplan.fhirapi.grants import SECTION
from samenplan.fhirapi.management.commands.issue_token import APPLICATION_NAME, Command
from samenplan.fhirapi.models import PlanGrant

from .access import access_with, membership_of


def issue(*args):
    out = StringIO()
    call_command("issue_token", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


def test_it_prints_a_token_for_the_patients_own_plan(plan, patient):
    answer = issue("--user", patient.email, "--scope", "patient/*.read")
    assert set(answer) == {"access_token", "patient"}
    assert answer["patient"] == str(plan.pk)
    access = access_with(answer["access_token"])
    assert access.actor.membership == membership_of(patient, plan)
    assert access.scopes == {"patient/*.read"} and access.patient_id == str(plan.pk)
    with pytest.raises(ApiRefused):
        require_scope(access, "patient/*.write")
    grant = PlanGrant.objects.get()
    assert grant.application.name == APPLICATION_NAME
    assert AuditEvent.objects.filter(kind=AuditEvent.CREATE, section=SECTION,
                                     object_id=str(grant.pk)).count() == 1


def test_the_address_is_not_case_sensitive_and_both_scopes_can_be_asked(plan, patient):
    answer = issue("--user", patient.email.upper(), "--scope",
                   "patient/*.read patient/*.write")
    assert access_with(answer["access_token"]).scopes == {"patient/*.read", "patient/*.write"}


def test_it_reuses_its_app(plan, patient, naaste):
    issue("--user", patient.email)
    issue("--user", naaste.email, "--plan", str(plan.pk))
    issue("--user", patient.email)
    assert Application.objects.filter(name=APPLICATION_NAME).count() == 1
    # No app can log in as it: it has no address to send a code to.
    assert Application.objects.get().redirect_uris == ""


@pytest.mark.parametrize("who", ["naaste", "bystander", "provider"])
def test_with_plan_it_works_for_any_active_member(plan, naaste, bystander, provider, who):
    user = {"naaste": naaste, "bystander": bystander, "provider": provider}[who]
    answer = issue("--user", user.email, "--plan", str(plan.pk))
    assert answer["patient"] == str(plan.pk)
    assert access_with(answer["access_token"]).actor.membership == membership_of(user, plan)


@pytest.mark.parametrize("args, message", [
    (["--user", "nobody@example.org"], "No active account"),
    (["--user", "naaste@example.org"], "has no plan of their own"),
    (["--user", "bert@example.org", "--plan", "PLAN"], "is not an active member of plan"),
    (["--user", "patient@example.org", "--scope", "patient/*.*"], "Unknown scope patient/*.*"),
    (["--user", "patient@example.org", "--scope", ""], "Unknown scope (none given)"),
])
def test_it_refuses_what_it_cannot_do(plan, naaste, outsider, args, message):
    args = [str(plan.pk) if arg == "PLAN" else arg for arg in args]
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("issue_token", *args, stdout=StringIO())
    assert not PlanGrant.objects.exists()


def test_an_inactive_account_gets_no_token(plan, patient):
    patient.is_active = False
    patient.save()
    with pytest.raises(CommandError, match="No active account"):
        call_command("issue_token", "--user", patient.email, stdout=StringIO())


def test_a_refusal_ends_with_an_exit_code_other_than_0(db, capsys):
    with pytest.raises(SystemExit) as ended:
        Command().run_from_argv(["manage.py", "issue_token", "--user", "nobody@example.org"])
    assert ended.value.code != 0
    assert "No active account" in capsys.readouterr().err


def test_without_user_it_says_what_is_missing(db, capsys):
    with pytest.raises(SystemExit) as ended:
        Command().run_from_argv(["manage.py", "issue_token"])
    assert ended.value.code != 0 and "--user" in capsys.readouterr().err
