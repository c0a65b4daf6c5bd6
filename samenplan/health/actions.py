"""Every write to health data: `do_<verb>_<noun>()`, atomic, with history and audit event."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import require_write, save_form_instance

from .constants import Visibility

LOGBOOK = "logbook"


def _require_author(actor, entry):
    if entry.pk and entry.author_member_id != actor.membership.pk:
        raise PermissionDenied("only the author changes a logbook entry")


@transaction.atomic
def do_save_log_entry(actor, entry, shared_with=()):
    """Add or change a logbook entry. `shared_with` counts only when the author chose
    "Alleen de mensen die ik kies"; they must be members of this plan."""
    require_write(actor, LOGBOOK)
    _require_author(actor, entry)
    if not entry.pk:
        entry.author, entry.author_member = actor.user, actor.membership
    chosen = list(shared_with) if entry.visibility == Visibility.CHOSEN else []
    if any(m.plan_id != actor.plan.pk for m in chosen):
        raise PermissionDenied("member of another plan")
    save_form_instance(actor, entry, LOGBOOK)
    entry.shared_with.set(chosen)
    return entry


@transaction.atomic
def do_delete_log_entry(actor, entry):
    require_write(actor, LOGBOOK)
    _require_author(actor, entry)
    entry._history_user = actor.user
    do_record_event(actor.user, AuditEvent.DELETE, LOGBOOK, plan=actor.plan,
                    membership=actor.membership, obj=entry, source=actor.source)
    entry.delete()
