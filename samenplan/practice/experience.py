"""When the experience questionnaire (D10) is asked, and of whom.

Only the patient answers: the questions are about their own experience, and a naaste
answering for them would give the naaste's view. The moment "start" is due while the
patient has been in the plan for less than 11 months and there is no start answer; the
moment "year" from 11 months on, while there is no year answer. A skipped moment is an
answer too (`skipped`), so it is not asked again."""

from django.utils import timezone

from samenplan.plans.constants import PlanStatus, Role

from .constants import Moment
from .indicators import months_before
from .models import ExperienceAnswer

YEAR_AFTER_MONTHS = 11


def due_moment(membership, today=None):
    """The moment this member is asked about now, or None."""
    if membership.role != Role.PATIENT or membership.plan.status != PlanStatus.ACTIVE:
        return None
    today = today or timezone.localdate()
    joined = timezone.localdate(membership.joined_at)
    moment = Moment.YEAR if joined <= months_before(today, YEAR_AFTER_MONTHS) else Moment.START
    if ExperienceAnswer.objects.filter(plan_id=membership.plan_id, moment=moment).exists():
        return None
    return moment
