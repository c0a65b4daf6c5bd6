"""Reads of health data that depend on who asks."""

from django.db.models import Q

from .constants import Visibility
from .models import LogEntry


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
