from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One access to someone's data (NEN 7513): who, what, whose, when, from where.

    Rows are only ever added. `plan_id` is a plain number, not a foreign key, so the log
    outlives the plan it describes."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    DENIED = "denied"
    KIND_CHOICES = [(k, k) for k in (READ, CREATE, UPDATE, DELETE, DENIED)]

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+")
    role = models.CharField(max_length=20, blank=True)
    plan_id = models.BigIntegerField(null=True, db_index=True)
    section = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    source = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-at", "-pk"]
