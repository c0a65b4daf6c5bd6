"""`seed_bench`: the benchmark database holds what issue 10 asks per patient, the audit
chain stays whole, and the app works on the rows it wrote."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import User
from samenplan.audit.actions import verify_chain
from samenplan.audit.models import AuditEvent
from samenplan.conftest import client_for
from samenplan.health.models import Appointment, LogEntry, Measurement, Medication
from samenplan.plans import bench_seed
from samenplan.plans.constants import Role
from samenplan.plans.models import Action, Goal, Membership, Plan

PATIENTS = 3


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_bench", "--patients", str(PATIENTS), stdout=out)
    return out.getvalue()


def test_it_writes_what_the_issue_asks_per_patient(seeded):
    per = bench_seed.PER_PLAN
    assert Plan.objects.count() == PATIENTS
    assert Goal.objects.count() == PATIENTS * per["goals"]
    assert Action.objects.count() == PATIENTS * per["actions"]
    assert Measurement.objects.count() == PATIENTS * per["measurements"]
    assert Medication.objects.count() == PATIENTS * per["medicines"]
    assert Appointment.objects.count() == PATIENTS * per["appointments"]
    # One patient in ten writes 2,000 entries, and at least one does.
    per_plan = sorted(Plan.objects.get(pk=pk).log_entries.count()
                      for pk in Plan.objects.values_list("pk", flat=True))
    assert per_plan == [per["logbook"], per["logbook"], per["logbook_heavy"]]
    assert AuditEvent.objects.count() == round(5_000_000 * PATIENTS / 10000)
    assert "seeded 3 patients" in seeded


def test_each_plan_has_a_patient_a_provider_and_the_people_scale(seeded):
    for plan in Plan.objects.all():
        roles = sorted(plan.memberships.values_list("role", flat=True))
        assert roles.count(Role.PATIENT) == 1
        assert Role.PROVIDER in roles
    assert User.objects.filter(is_provider=True).count() == 1  # 200 per 10,000, at least 1
    assert Membership.objects.filter(role=Role.NAASTE).count() == 2  # 5,000 per 10,000


def test_every_row_has_its_history_row_made_by_its_author(seeded):
    assert LogEntry.history.count() == LogEntry.objects.count()
    assert Goal.history.count() == Goal.objects.count() == PATIENTS * 8
    entry = LogEntry.objects.order_by("pk").first()
    made = LogEntry.history.get(id=entry.pk)
    assert (made.history_type, made.history_user_id, made.history_date) == (
        "+", entry.author_id, entry.created_at)


def test_the_audit_chain_it_writes_verifies(seeded):
    assert verify_chain() == []


def test_the_app_keeps_working_on_the_seeded_rows(seeded):
    """The ids were handed out by the seed: the database's counters must be past them."""
    membership = Membership.objects.filter(role=Role.PATIENT).select_related("user").first()
    client = client_for(membership.user)
    page = client.get(reverse("plans:overview", args=[membership.plan_id]))
    assert page.status_code == 200
    assert membership.user.name in page.content.decode()
    history = client.get(reverse("plans:history", args=[membership.plan_id]))
    assert history.status_code == 200
    assert "Ik wil" in history.content.decode()  # the goals, as made
    yesterday = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("health:add_log_entry", args=[membership.plan_id]), {
        "occurred_at": yesterday, "kind": "pain", "intensity": "3", "text": "Na het seeden",
        "visibility": "team"})
    assert response.status_code == 302
    assert LogEntry.objects.filter(text="Na het seeden").count() == 1


def test_it_refuses_to_seed_twice(seeded):
    with pytest.raises(CommandError, match="already"):
        call_command("seed_bench", "--patients", "1", stdout=StringIO())
    assert Plan.objects.count() == PATIENTS
