"""The audit log (NEN 7513) answers who looked at or changed whose data, and when. Reads
are logged too; a write is logged in the same transaction as the change itself."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.plans import actions
from samenplan.plans.actions import do_record_evaluation, do_save_goal
from samenplan.plans.constants import Role
from samenplan.plans.models import Evaluation, Goal

from .conftest import actor_of


def events_from_now():
    """The events written after this call. The log is append-only: a test cannot empty
    it, so it looks past what was there."""
    start = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    return lambda: AuditEvent.objects.filter(seq__gt=start)


# Each page, and the section its read is logged under.
PAGES = [
    ("overview", "overview"),
    ("profile", "personal"),
    ("domains", "what_matters"),
    ("goals", "goals"),
    ("actions", "actions"),
    ("evaluations", "evaluations"),
    ("members", "members"),
    ("history", "history"),
]


@pytest.mark.parametrize("page, section", PAGES)
def test_it_logs_who_read_which_section(plan, provider, as_user, page, section):
    new = events_from_now()

    response = as_user(provider).get(reverse(f"plans:{page}", args=[plan.pk]))

    assert response.status_code == 200
    event = new().get()
    assert (event.kind, event.user, event.plan_id, event.section, event.role) == (
        AuditEvent.READ, provider, plan.pk, section, Role.PROVIDER)
    assert event.source == "127.0.0.1"


def test_it_logs_a_refusal_not_a_read_for_someone_who_is_not_a_member(plan, outsider,
                                                                     as_user):
    new = events_from_now()
    assert as_user(outsider).get(reverse("plans:goals", args=[plan.pk])).status_code == 404
    event = new().get(plan_id=plan.pk)
    assert (event.kind, event.user, event.section) == (AuditEvent.DENIED, outsider,
                                                       "plans:goals")


def test_it_logs_a_create_and_an_update(plan, patient, naaste, as_user):
    new = events_from_now()
    as_user(patient).post(reverse("plans:add_goal", args=[plan.pk]), {"text": "Weer lopen"})
    goal = Goal.objects.get(plan=plan)
    as_user(naaste).post(reverse("plans:edit_goal", args=[plan.pk, goal.pk]),
                         {"text": "Elke dag lopen", "status": "active"})

    writes = new().exclude(kind=AuditEvent.READ).order_by("pk")
    assert [(e.kind, e.user, e.plan_id, e.section, e.object_id) for e in writes] == [
        (AuditEvent.CREATE, patient, plan.pk, "goals", str(goal.pk)),
        (AuditEvent.UPDATE, naaste, plan.pk, "goals", str(goal.pk)),
    ]


def test_it_logs_a_refused_write_as_refused_and_nothing_else(plan, bystander, as_user):
    new = events_from_now()
    response = as_user(bystander).post(reverse("plans:add_goal", args=[plan.pk]),
                                       {"text": "Weer lopen"})
    assert response.status_code == 403
    assert [(e.kind, e.user, e.section) for e in new().exclude(kind=AuditEvent.READ)] == [
        (AuditEvent.DENIED, bystander, "plans:add_goal")]


def test_it_logs_nothing_when_the_write_fails(plan, provider, other_plan, outsider):
    """The evaluation is saved and logged first; a review of a goal of another plan then
    fails, and the whole write is undone, log included."""
    new = events_from_now()
    foreign_goal = Goal.objects.create(plan=other_plan, text="Van Bert", created_by=outsider)

    with pytest.raises(PermissionDenied):
        do_record_evaluation(
            actor_of(provider, plan),
            Evaluation(held_on="2026-01-10", participants="Anna en Karin"),
            [(foreign_goal, {"how_it_went": "Goed"})],
        )

    assert not Evaluation.objects.filter(plan=plan).exists()
    assert not new().exists()


def test_it_keeps_no_change_when_the_log_cannot_be_written(plan, patient, monkeypatch):
    def broken_log(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(actions, "do_record_event", broken_log)

    with pytest.raises(RuntimeError):
        do_save_goal(actor_of(patient, plan), Goal(text="Weer lopen"))

    assert not Goal.objects.exists()
    assert not Goal.history.exists()


def test_it_logs_a_providers_organisation_and_on_whose_behalf_a_naaste_writes(
        plan, patient, naaste, provider, as_user):
    new = events_from_now()
    as_user(provider).get(reverse("plans:goals", args=[plan.pk]))
    as_user(naaste).post(reverse("plans:add_goal", args=[plan.pk]), {"text": "Weer lopen"})
    read = new().get(user=provider)
    write = new().get(user=naaste, kind=AuditEvent.CREATE)
    assert (read.organisation, read.on_behalf_of_id) == ("Huisartsenpraktijk Test", None)
    assert (write.role, write.on_behalf_of_id) == (Role.NAASTE, patient.pk)
