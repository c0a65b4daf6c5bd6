"""My data rights (AVG): the patient downloads all their data, and can close the plan and
remove the account after a clear confirmation; the audit log stays."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.actions import verify_chain
from samenplan.audit.models import AuditEvent
from samenplan.conftest import PASSWORD, add_member
from samenplan.health.constants import Visibility
from samenplan.health.models import LogEntry
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership, Plan
from samenplan.plans.rights import DELETED_NAME

from .conftest import membership_of
from .test_plan_isolation import fill_plan


@pytest.fixture
def ids(plan, patient):
    return fill_plan(plan, patient)


def download(client, plan):
    return client.get(reverse("plans:download", args=[plan.pk]))


def test_the_patient_downloads_everything_in_the_plan(ids, plan, patient, naaste, as_user):
    LogEntry.objects.create(plan=plan, kind="note", text="Alleen voor Sanne",
                            visibility=Visibility.ONLY_ME, occurred_at=timezone.now(),
                            author=naaste, author_member=membership_of(naaste, plan))
    response = download(as_user(patient), plan)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="samenplan-')
    data = json.loads(response.content)
    assert data["format"] == "samenplan-export" and data["plan"]["id"] == plan.pk
    assert data["profile"][0]["name"] == "Anna de Vries"
    assert [g["text"] for g in data["goal"]] == ["Weer naar de markt lopen"]
    assert data["action"][0]["what"] == "Elke dag lopen"
    assert float(data["measurement"][0]["value"]) == 80
    assert data["medication"][0]["name"] == "Metformine"
    assert {m["user"]["name"] for m in data["membership"]} >= {"Anna de Vries",
                                                               "Sanne de Vries"}
    # Someone else's private note stays theirs; secrets are nobody's data.
    assert "Alleen voor Sanne" not in response.content.decode()
    assert "token_hash" not in response.content.decode()
    # Every model of the plan is in it, so one added later is not forgotten.
    plan_models = {m._meta.model_name for app in ("plans", "health")
                   for m in apps.get_app_config(app).get_models()
                   if not m.__name__.startswith("Historical") and m is not Plan}
    assert plan_models <= set(data)
    assert data["access_log"], "the log of who looked is part of the data"
    assert AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.EXPORT,
                                     user=patient).count() == 1


def test_only_the_patient_downloads(plan, naaste, bystander, provider, as_user):
    for user in (naaste, bystander, provider):
        assert download(as_user(user), plan).status_code == 403


def close(client, plan, **data):
    return client.post(reverse("plans:close", args=[plan.pk]), data)


def test_closing_needs_a_clear_confirmation(ids, plan, patient, as_user):
    client = as_user(patient)
    page = client.get(reverse("plans:close", args=[plan.pk]))
    assert "Dit kunt u niet terugdraaien." in page.content.decode()
    assert "5 jaar" in page.content.decode()
    for data in ({"password": PASSWORD}, {"sure": "on", "password": "fout"}):
        response = close(client, plan, **data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert Plan.objects.filter(pk=plan.pk).exists()
    patient.refresh_from_db()
    assert patient.is_active


def test_only_the_patient_closes_the_plan(plan, naaste, provider, as_user):
    for user in (naaste, provider):
        assert close(as_user(user), plan, sure="on", password=PASSWORD).status_code == 403
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_closing_removes_the_plan_and_the_account_and_keeps_the_audit_log(
    ids, plan, patient, naaste, outsider, as_user
):
    # Anna is also a naaste in Bert's plan.
    bert_plan = outsider.memberships.get().plan
    add_member(bert_plan, patient, Role.NAASTE, relation="buurvrouw")
    as_user(naaste).get(reverse("plans:goals", args=[plan.pk]))
    events_before = AuditEvent.objects.filter(plan_id=plan.pk).count()

    anna = as_user(patient)
    response = close(anna, plan, sure="on", password=PASSWORD)
    assert response.status_code == 200
    assert "Uw plan is gesloten" in response.content.decode()

    for app in ("plans", "health"):
        for model in apps.get_app_config(app).get_models():
            fields = {f.attname for f in model._meta.concrete_fields}
            key = "plan_id" if "plan_id" in fields else ("id" if model is Plan else None)
            if key:
                left = model._default_manager.filter(**{key: plan.pk}).count()
                assert left == 0, f"{model.__name__} keeps {left} rows"
    assert Plan.objects.filter(pk=bert_plan.pk).exists()
    assert not Membership.objects.filter(user=patient, removed_at=None).exists()

    patient.refresh_from_db()
    assert patient.name == DELETED_NAME and "vries" not in patient.email
    assert not patient.is_active and not patient.has_usable_password()
    for email in ("patient@example.org", patient.email):
        assert ModelBackend().authenticate(None, username=email, password=PASSWORD) is None
    # The open session ends too.
    assert anna.get(reverse("plans:home")).status_code == 302

    assert AuditEvent.objects.filter(plan_id=plan.pk).count() == events_before + 1
    assert AuditEvent.objects.filter(plan_id=plan.pk, kind=AuditEvent.DELETE,
                                     section="plan").exists()
    assert verify_chain() == []
