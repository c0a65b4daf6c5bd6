"""Reads of health data that depend on who asks."""

from django.db.models import Q
from django.utils import timezone

from .actions import feed_hash
from .constants import Visibility
from .models import CalendarFeed, LogEntry


def visible_log_entries(membership):
    """The logbook entries of this member's plan that they may see: their own, those for
    everyone in the plan, and those the author shared with them (M7)."""
    return (
        LogEntry.objects.filter(plan_id=membership.plan_id)
        .filter(
            Q(author_member=membership)
            | Q(visibility=Visibility.TEAM)
            | Q(visibility=Visibility.CHOSEN, shared_with=membership)
        )
        .distinct()
    )


def own_log_entry(membership, pk):
    """An entry this member wrote, or None: only the author changes or removes it."""
    return LogEntry.objects.filter(plan_id=membership.plan_id, author_member=membership,
                                   pk=pk).first()


def coming_and_past_appointments(plan):
    now = timezone.now()
    appointments = plan.appointments.select_related("with_member__user", "with_contact")
    return (list(appointments.filter(starts_at__gte=now)),
            list(appointments.filter(starts_at__lt=now).order_by("-starts_at", "-pk")))


def plan_of_calendar_feed(token):
    """The plan whose private calendar address this is, or None (unknown or stopped)."""
    feed = CalendarFeed.objects.filter(token_hash=feed_hash(token), revoked_at=None).first()
    return feed.plan if feed else None


def active_calendar_feed(plan):
    return CalendarFeed.objects.filter(plan=plan, revoked_at=None).first()
