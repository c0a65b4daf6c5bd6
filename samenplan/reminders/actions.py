"""Every write of check-ins: `do_<verb>_<noun>()`, atomic, with history and audit event.

Check-ins are about goals, so they follow the rules of the part "goals" (sections.py):
whoever may fill in the goals (the patient, or a naaste who may act for them) chooses the
check-ins and answers them; whoever may not see the goals sees none of this."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import require_write
from samenplan.plans.constants import GoalStatus

from . import schedule
from .constants import Frequency, ReminderKind, Score
from .models import CheckInAnswer, CheckInPlan, Reminder

SECTION = "goals"


def _log(actor, kind, obj):
    do_record_event(actor.user, kind, SECTION, plan=actor.plan, membership=actor.membership,
                    obj=obj, source=actor.source)


def _cancel_pending(plan, kind=ReminderKind.CHECKIN):
    """Forget the rounds not sent yet and not being sent right now."""
    Reminder.objects.filter(plan=plan, kind=kind, sent_at=None, skipped_at=None,
                            claimed_at=None).delete()


def schedule_next_check_in(check_in_plan, after):
    """Schedule the first round after `after`, once: a round already there stays."""
    if not check_in_plan.active:
        return None
    due = schedule.next_due(check_in_plan.frequency, check_in_plan.started_at, after)
    try:
        with transaction.atomic():
            reminder, _created = Reminder.objects.get_or_create(
                plan_id=check_in_plan.plan_id, kind=ReminderKind.CHECKIN, due_at=due)
    except IntegrityError:
        # Another worker scheduled the same round at the same moment.
        reminder = Reminder.objects.get(plan_id=check_in_plan.plan_id,
                                        kind=ReminderKind.CHECKIN, due_at=due)
    return reminder


@transaction.atomic
def do_start_check_ins(actor, frequency, goals):
    """Turn check-ins on (or change them) for these goals of the plan. The rounds count
    from now; a round not sent yet is replaced by the new first one."""
    require_write(actor, SECTION)
    goals = list(goals)
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Kies hoe vaak.")})
    if not goals:
        raise ValidationError({"goals": _("Kies minstens één doel.")})
    if any(g.plan_id != actor.plan.pk for g in goals):
        raise PermissionDenied("goal of another plan")
    if any(g.status != GoalStatus.ACTIVE for g in goals):
        raise ValidationError({"goals": _("Kies alleen doelen waar u nu aan werkt.")})
    check_in_plan, created = CheckInPlan.objects.get_or_create(plan=actor.plan)
    check_in_plan.active = True
    check_in_plan.frequency = frequency
    check_in_plan.started_at = timezone.now()
    check_in_plan.stopped_at = None
    check_in_plan.changed_by = actor.user
    check_in_plan._history_user = actor.user
    check_in_plan.save()
    check_in_plan.goals.set(goals)
    _log(actor, AuditEvent.CREATE if created else AuditEvent.UPDATE, check_in_plan)
    _cancel_pending(actor.plan)
    schedule_next_check_in(check_in_plan, check_in_plan.started_at)
    return check_in_plan


@transaction.atomic
def do_stop_check_ins(actor):
    """Stop the check-ins at once: no round is sent any more (one being sent right now
    is skipped by the worker, which reads `active` again before sending)."""
    require_write(actor, SECTION)
    check_in_plan = CheckInPlan.objects.select_for_update().filter(plan=actor.plan).first()
    if check_in_plan is None or not check_in_plan.active:
        return check_in_plan
    check_in_plan.active = False
    check_in_plan.stopped_at = timezone.now()
    check_in_plan.changed_by = actor.user
    check_in_plan._history_user = actor.user
    check_in_plan.save()
    _log(actor, AuditEvent.UPDATE, check_in_plan)
    _cancel_pending(actor.plan)
    return check_in_plan


def latest_sent_round(plan):
    return Reminder.objects.filter(plan=plan, kind=ReminderKind.CHECKIN).exclude(
        sent_at=None).order_by("-sent_at").first()


@transaction.atomic
def do_answer_check_in(actor, goal, score, note="", reminder=None):
    """Write down how it goes with one goal of the plan."""
    require_write(actor, SECTION)
    if goal.plan_id != actor.plan.pk or (reminder is not None
                                         and reminder.plan_id != actor.plan.pk):
        raise PermissionDenied("object of another plan")
    if score not in Score.values:
        raise ValidationError({"score": _("Kies hoe het gaat.")})
    answer = CheckInAnswer(plan=actor.plan, goal=goal, reminder=reminder, score=score,
                           note=note.strip(), author=actor.user,
                           author_member=actor.membership)
    answer._history_user = actor.user
    answer.save()
    _log(actor, AuditEvent.CREATE, answer)
    return answer
