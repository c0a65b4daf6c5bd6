import datetime
import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnly(Exception):
    """The audit log is only ever added to (NEN 7513); see `prune` for the one exception."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit events are never changed")

    def delete(self):
        raise AppendOnly("audit events are never removed, only pruned after retention")


class AuditEvent(models.Model):
    """One access to someone's data (NEN 7513): who, what, whose, when, from where.

    Rows are only ever added. `plan_id` is a plain number, not a foreign key, so the log
    outlives the plan it describes. Each row carries a number in the chain (`seq`, no gaps)
    and an HMAC over its content and the previous row's HMAC, so that `verify_audit`
    finds any row that was changed, removed or put in afterwards."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    DENIED = "denied"
    EXPORT = "export"  # a download of the data
    PRINT = "print"
    KIND_CHOICES = [(k, k) for k in (READ, CREATE, UPDATE, DELETE, DENIED, EXPORT, PRINT)]

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    # A plain number in the database: removing an account changes nothing in the log.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING,
                             related_name="+", db_constraint=False)
    role = models.CharField(max_length=20, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    # A naaste acting for the patient writes on the patient's behalf: the patient's user id.
    on_behalf_of_id = models.BigIntegerField(null=True)
    plan_id = models.BigIntegerField(null=True)
    section = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    source = models.GenericIPAddressField(null=True)
    seq = models.BigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            # "Wie keek" (a plan's events, newest first) and a provider's last visit to a
            # plan (the caseload): see docs/performance.md, "Indexes".
            models.Index(fields=["plan_id", "at"], name="audit_plan_at"),
            models.Index(fields=["user", "plan_id", "at"], name="audit_user_plan_at"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit events are never removed, only pruned after retention")

    def compute_hash(self):
        return event_hash({name: getattr(self, name) for name in HASHED})


class AuditAnchor(models.Model):
    """Where the chain starts after the oldest rows were pruned (retention): the number
    and HMAC of the last row removed."""

    seq = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    pruned_at = models.DateTimeField(default=timezone.now)
    removed = models.BigIntegerField()

    class Meta:
        ordering = ["-seq"]


GENESIS = "0" * 64
# What the HMAC covers. Change it only together with a new way to verify old rows.
HASHED = ("seq", "at", "kind", "user_id", "role", "organisation", "on_behalf_of_id",
          "plan_id", "section", "object_id", "source", "prev_hash")


def event_hash(values):
    """The HMAC-SHA256 of an event's content (a dict of the HASHED fields)."""
    content = dict(values)
    content["at"] = content["at"].astimezone(datetime.UTC).isoformat()
    message = json.dumps(content, sort_keys=True, default=str).encode()
    return hmac.new(settings.AUDIT_HMAC_KEY.encode(), message, hashlib.sha256).hexdigest()
