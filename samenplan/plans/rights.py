"""My data rights (AVG): all of the person's data as one machine-readable file, and closing
the plan with everything in it.

The export holds every model of the plans and health apps that belongs to the plan,
found through the models themselves, so a model added later is exported too."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django_otp import devices_for_user

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.audit.queries import accesses_of_plan
from samenplan.health.queries import visible_log_entries

from .constants import Role
from .models import Membership, Plan

EXPORT_VERSION = 1
DELETED_NAME = "Verwijderd account"  # what the audit log and other plans show instead
# Secrets and bookkeeping that are nobody's personal data.
LEFT_OUT = {"token_hash"}
# Models of a plan that hang off another model rather than off the plan itself.
VIA = {"GoalReview": "evaluation__plan"}


def _plan_models():
    """Each model that belongs to a plan, with the lookup from it to its plan."""
    for app in ("plans", "health", "reminders", "practice"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical") or model is Plan:
                continue
            if model.__name__ in VIA:
                yield model, VIA[model.__name__]
            elif any(f.name == "plan" for f in model._meta.concrete_fields):
                yield model, "plan"


def _value(model_field, obj, users):
    value = getattr(obj, model_field.attname)
    if isinstance(model_field, models.ForeignKey) and value is not None:
        if model_field.related_model is get_user_model():
            return {"id": value, "name": users.get(value, "")}
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if hasattr(value, "as_tuple"):  # Decimal
        return str(value)
    return value


def _rows(queryset, users):
    fields = [f for f in queryset.model._meta.concrete_fields if f.name not in LEFT_OUT]
    many = [m2m.name for m2m in queryset.model._meta.many_to_many]
    rows = []
    for obj in queryset.prefetch_related(*many).order_by("pk"):
        row = {f.name: _value(f, obj, users) for f in fields}
        for name in many:
            row[name] = sorted(related.pk for related in getattr(obj, name).all())
        rows.append(row)
    return rows


def plan_export(actor):
    """Everything in the plan, as the patient side sees it, as plain data. Logbook entries
    another member kept for themself stay theirs and are left out."""
    plan = actor.plan
    users = dict(get_user_model().objects.filter(memberships__plan=plan)
                 .values_list("pk", "name").distinct())
    data = {
        "format": "samenplan-export",
        "version": EXPORT_VERSION,
        "made_at": timezone.now().isoformat(),
        "plan": _rows(Plan.objects.filter(pk=plan.pk), users)[0],
    }
    for model, lookup in _plan_models():
        queryset = model.objects.filter(**{lookup: plan})
        if model.__name__ == "LogEntry":
            queryset = visible_log_entries(actor.membership)
        data[model._meta.model_name] = _rows(queryset, users)
    data["access_log"] = [
        {**row, "day": row["day"].isoformat(), "last": row["last"].isoformat(),
         "user": {"id": row["user_id"], "name": users.get(row["user_id"], "")}}
        for row in accesses_of_plan(plan)
    ]
    for row in data["access_log"]:
        del row["user_id"]
    do_record_event(actor.user, AuditEvent.EXPORT, "plan", plan=plan,
                    membership=actor.membership, source=actor.source)
    return data


def _history_rows(plan_id, evaluation_ids):
    yield Plan.history.filter(id=plan_id)
    for model, lookup in _plan_models():
        history = getattr(model, "history", None)
        if history is None:
            continue
        if lookup == "plan":
            yield history.filter(plan_id=plan_id)
        else:
            yield history.filter(evaluation_id__in=evaluation_ids)


@transaction.atomic
def do_close_plan(actor):
    """Close the plan and remove the account (AVG): every entry of the plan and its history
    go; the account keeps no name, e-mail address, password or second factor and can no
    longer log in. The audit log stays, as the retention rule says (docs/audit.md)."""
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied("only the patient closes their plan")
    plan, user = Plan.objects.select_for_update().get(pk=actor.plan.pk), actor.user
    do_record_event(user, AuditEvent.DELETE, "plan", plan=plan, membership=actor.membership,
                    source=actor.source)
    evaluation_ids = list(plan.evaluations.values_list("pk", flat=True))
    # Entries first: some keep their author's membership (PROTECT), the memberships last.
    for model, lookup in _plan_models():
        if model is not Membership:
            model.objects.filter(**{lookup: plan}).delete()
    plan_id = plan.pk
    plan.delete()
    for rows in _history_rows(plan_id, evaluation_ids):
        rows.delete()
    # Elsewhere this person was a naaste or provider: they stop there, as if removed.
    now = timezone.now()
    for membership in Membership.objects.filter(user=user, removed_at=None):
        membership.removed_at, membership.removed_by = now, user
        membership._history_user = user
        membership.save()
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    user.name = DELETED_NAME
    user.email = f"verwijderd-{user.pk}@account.invalid"
    user.phone = ""
    user.profession = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.organisations.clear()
