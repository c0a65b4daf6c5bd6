"""Reading the audit log for the person it is about: who looked at what, and when."""

from datetime import timedelta

from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import AuditEvent


def accesses_of_plan(plan, *, days=None, except_user=None):
    """Per day, person, part of the plan and kind of access: how often and when last,
    newest first. Without `days`, the whole log that is kept."""
    events = AuditEvent.objects.filter(plan_id=plan.pk)
    if days is not None:
        events = events.filter(at__gte=timezone.now() - timedelta(days=days))
    if except_user is not None:
        events = events.exclude(user_id=except_user.pk)
    return (
        events.annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values("day", "user_id", "role", "organisation", "section", "kind")
        .annotate(times=Count("pk"), last=Max("at"))
        .order_by("-last")
    )
