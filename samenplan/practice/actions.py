"""Writes of the practice app: `do_<verb>_<noun>()`, atomic, with their audit event."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership

from .constants import QUESTIONS, Moment
from .models import ExperienceAnswer

SECTION = "experience"


@transaction.atomic
def do_answer_experience(actor, moment, answers=None, note=""):
    """Save the patient's answers for this moment, or that they skipped it (`answers`
    None). Only the patient answers; one answer per plan per moment."""
    membership = Membership.objects.filter(pk=actor.membership.pk, removed_at=None).first()
    if membership is None or membership.role != Role.PATIENT:
        raise PermissionDenied(SECTION)
    moment = Moment(moment)
    answer = ExperienceAnswer(plan=membership.plan, membership=membership, moment=moment,
                              answered_at=timezone.now(), skipped=answers is None,
                              note="" if answers is None else note)
    for name, _question, _short in QUESTIONS:
        setattr(answer, name, None if answers is None else answers[name])
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:
        raise ValidationError(_("U heeft deze vragen al beantwoord.")) from None
    do_record_event(actor.user, AuditEvent.CREATE, SECTION, plan=membership.plan,
                    membership=membership, obj=answer, source=actor.source)
    return answer
