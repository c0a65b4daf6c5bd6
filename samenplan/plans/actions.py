"""Every write to a plan: `do_<verb>_<noun>()`, atomic, with its history and audit event.

Each function takes an `Actor` (who acts, in which plan membership, from where) and
checks `sections.may_write` itself, so the web views and the FHIR API obey the same rules.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent

from .constants import Access, Assignee, PlanStatus, Role
from .models import (
    Action,
    DomainNote,
    DomainScore,
    GoalReview,
    Invitation,
    Membership,
    Plan,
    Profile,
)
from .sections import NOT_SHARED, PARTS, may_fill_in, may_read, may_write


@dataclass
class Actor:
    user: object
    membership: Membership | None
    source: str | None = None

    @property
    def plan(self):
        return self.membership.plan


def require_write(actor, section):
    # Read the membership again: someone removed after their request began may no longer
    # write, since removal is effective at once.
    membership = actor.membership
    if membership is not None:
        membership = Membership.objects.filter(pk=membership.pk).first()
    if not may_write(membership, section):
        raise PermissionDenied(section if may_read(membership, section) else NOT_SHARED)


def save_and_log(actor, obj, section, kind):
    """Save with the actor as history user, and log the write."""
    obj._history_user = actor.user
    obj.save()
    do_record_event(actor.user, kind, section, plan=actor.plan, membership=actor.membership,
                    obj=obj, source=actor.source)
    return obj


def save_form_instance(actor, instance, section):
    kind = AuditEvent.UPDATE if instance.pk else AuditEvent.CREATE
    if not instance.pk:
        instance.plan = actor.plan
    elif instance.plan_id != actor.plan.pk:
        raise PermissionDenied("object of another plan")
    return save_and_log(actor, instance, section, kind)


# --- profile, indication, plan data, contacts (M1) ---------------------------------------

@transaction.atomic
def do_update_profile(actor, profile):
    require_write(actor, "personal")
    return save_and_log(actor, profile, "personal", AuditEvent.UPDATE)


@transaction.atomic
def do_update_plan_data(actor, plan):
    require_write(actor, "plan_data")
    return save_and_log(actor, plan, "plan_data", AuditEvent.UPDATE)


@transaction.atomic
def do_save_indication(actor, indication):
    require_write(actor, "indication")
    return save_form_instance(actor, indication, "indication")


@transaction.atomic
def do_save_contact(actor, contact):
    require_write(actor, "contacts")
    return save_form_instance(actor, contact, "contacts")


@transaction.atomic
def do_delete_contact(actor, contact):
    require_write(actor, "contacts")
    contact._history_user = actor.user
    do_record_event(actor.user, AuditEvent.DELETE, "contacts", plan=actor.plan,
                    membership=actor.membership, obj=contact, source=actor.source)
    contact.delete()


# --- life domains (M2, M3) ---------------------------------------------------------------

@transaction.atomic
def do_save_domain(actor, domain, what_matters, support_needs, score, scored_on):
    """Save what matters and the support needs for one domain, and a new score if given.
    Texts that did not change are not saved again, so the history shows real changes."""
    for section, text in ((DomainNote.WHAT_MATTERS, what_matters),
                          (DomainNote.SUPPORT_NEEDS, support_needs)):
        note = DomainNote.objects.filter(plan=actor.plan, domain=domain, section=section).first()
        if note is None and not text:
            continue
        if note is not None and note.text == text:
            continue
        require_write(actor, section)
        if note is None:
            note = DomainNote(plan=actor.plan, domain=domain, section=section)
        kind = AuditEvent.UPDATE if note.pk else AuditEvent.CREATE
        note.text = text
        note.updated_by = actor.user
        save_and_log(actor, note, section, kind)
    if score is not None:
        require_write(actor, "domain_scores")
        save_and_log(actor, DomainScore(plan=actor.plan, domain=domain, score=score,
                                 scored_on=scored_on, author=actor.user),
              "domain_scores", AuditEvent.CREATE)


@transaction.atomic
def do_choose_domain_set(actor, domain_set):
    require_write(actor, "what_matters")
    plan = actor.plan
    plan.domain_set = domain_set
    return save_and_log(actor, plan, "plan_data", AuditEvent.UPDATE)


@transaction.atomic
def do_tailor_plan(actor, light, hidden_parts):
    """Mijn plan op maat (issue 9): a light plan or the full one, and the parts the menu
    leaves out. Only the patient side chooses; nothing is deleted, and what members may
    see is unchanged (that is the sharing choice, per member)."""
    membership = Membership.objects.filter(pk=actor.membership.pk, removed_at=None).first()
    if membership is None or not membership.acts_for_patient:
        raise PermissionDenied("plan_data")
    unknown = set(hidden_parts) - set(PARTS)
    if unknown:
        raise ValidationError(_("Dit deel bestaat niet: %(parts)s.")
                              % {"parts": ", ".join(sorted(unknown))})
    plan = actor.plan
    plan.light = bool(light)
    plan.hidden_parts = [part for part in PARTS if part in hidden_parts]
    return save_and_log(actor, plan, "plan_data", AuditEvent.UPDATE)


# --- goals (M4) ---------------------------------------------------------------------------

@transaction.atomic
def do_save_goal(actor, goal):
    require_write(actor, "goals")
    if not goal.pk:
        goal.created_by = actor.user
    return save_form_instance(actor, goal, "goals")


# --- actions (M5) and the agreement rule (C2) ---------------------------------------------

AGREEMENT_FIELDS = ("what", "assignee", "assignee_member_id", "when", "goal_id")


def confirming_side(membership):
    """Which side of an agreement this member confirms for: 'patient', 'provider' or None.
    A naaste confirms for the patient only when the patient allows it."""
    if membership.acts_for_patient:
        return "patient"
    if membership.role == Role.PROVIDER:
        return "provider"
    return None


def _confirm(action, side, user, now):
    setattr(action, f"{side}_confirmed_by", user)
    setattr(action, f"{side}_confirmed_at", now)


def _clear(action, side):
    setattr(action, f"{side}_confirmed_by", None)
    setattr(action, f"{side}_confirmed_at", None)


def _validate_assignee(action):
    member = action.assignee_member
    if member is None:
        if action.assignee == Assignee.PROVIDER:
            raise ValidationError({"assignee_member": _("Kies welke zorgverlener dit doet.")})
        return
    if member.plan_id != action.plan_id or not member.is_active or member.role != action.assignee:
        raise ValidationError(
            {"assignee_member": _("Deze persoon past niet bij wie het doet. Kies opnieuw.")}
        )


@transaction.atomic
def do_propose_action(actor, action):
    """A new action. Proposing it counts as the proposer's side confirming it."""
    require_write(actor, "actions")
    action.plan = actor.plan
    _validate_assignee(action)
    action.proposed_by = actor.user
    _confirm(action, confirming_side(actor.membership), actor.user, timezone.now())
    return save_and_log(actor, action, "actions", AuditEvent.CREATE)


@transaction.atomic
def do_change_action(actor, action):
    """Change an action. When what, who or when changes, the agreement starts over: the
    changer's side confirms the new version and the other side must confirm it again."""
    require_write(actor, "actions")
    _validate_assignee(action)
    before = Action.objects.select_for_update().get(pk=action.pk, plan=actor.plan)
    # Start from the confirmations as stored now: one may have come in since the form
    # was opened.
    for side in ("patient", "provider"):
        for suffix in ("_confirmed_by", "_confirmed_at"):
            setattr(action, side + suffix, getattr(before, side + suffix))
    if any(getattr(before, f) != getattr(action, f) for f in AGREEMENT_FIELDS):
        side = confirming_side(actor.membership)
        other = "provider" if side == "patient" else "patient"
        _confirm(action, side, actor.user, timezone.now())
        _clear(action, other)
    return save_and_log(actor, action, "actions", AuditEvent.UPDATE)


@transaction.atomic
def do_confirm_action(actor, action):
    """Confirm an action for the actor's side. Raises ValidationError when that side has
    already confirmed it."""
    require_write(actor, "actions")
    action = Action.objects.select_for_update().get(pk=action.pk, plan=actor.plan)
    side = confirming_side(actor.membership)
    if getattr(action, f"{side}_confirmed_at"):
        raise ValidationError(_("U heeft deze afspraak al bevestigd."))
    _confirm(action, side, actor.user, timezone.now())
    return save_and_log(actor, action, "actions", AuditEvent.UPDATE)


# --- evaluations (M6) ---------------------------------------------------------------------

@transaction.atomic
def do_record_evaluation(actor, evaluation, reviews):
    """Save an evaluation with its per-goal reviews: a list of (goal, fields dict)."""
    require_write(actor, "evaluations")
    evaluation.created_by = actor.user
    save_form_instance(actor, evaluation, "evaluations")
    for goal, fields in reviews:
        if goal.plan_id != actor.plan.pk:
            raise PermissionDenied("goal of another plan")
        if not any(fields.values()):
            continue
        review = GoalReview(evaluation=evaluation, goal=goal, **fields)
        review._history_user = actor.user
        review.save()
    return evaluation


# --- plans, members and invitations (C3, D6, D7) ------------------------------------------

def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token):
    return Invitation.objects.select_related("plan", "plan__profile").filter(
        token_hash=_hash(token)
    ).first()


def _send_invitation(invitation, token, patient_name):
    link = settings.SITE_URL + reverse("plans:invitation", args=[token])
    context = {"invitation": invitation, "link": link, "patient_name": patient_name,
               "days": settings.INVITATION_VALID_DAYS}
    send_mail(
        # One line, whatever the names in it hold: a line break would be a new header.
        subject=" ".join(render_to_string("plans/email/invitation_subject.txt",
                                          context).split()),
        message=render_to_string("plans/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def _create_invitation(plan, invited_by, email, name, role, relation="", may_act=False):
    email = email.lower()
    if Invitation.objects.filter(plan=plan, email__iexact=email, accepted_at=None,
                                 declined_at=None, revoked_at=None,
                                 expires_at__gt=timezone.now()).exists():
        raise ValidationError({"email": _("Deze persoon heeft al een uitnodiging gekregen.")})
    if Membership.objects.filter(plan=plan, user__email__iexact=email,
                                 removed_at=None).exists():
        raise ValidationError({"email": _("Deze persoon doet al mee met dit plan.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        plan=plan, email=email, name=name, role=role, relation=relation,
        may_act_for_patient=may_act, invited_by=invited_by, token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation._history_user = invited_by
    invitation.save()
    return invitation, token


@transaction.atomic
def do_invite_member(actor, email, name, role, relation="", may_act=False):
    """The patient (or a naaste acting for them) invites a naaste or a provider."""
    require_write(actor, "members")
    if role not in (Role.NAASTE, Role.PROVIDER):
        raise ValidationError({"role": _("Kies naaste of zorgverlener.")})
    invitation, token = _create_invitation(
        actor.plan, actor.user, email, name, role, relation,
        # Only the patient decides who may act for them.
        may_act=may_act and role == Role.NAASTE and actor.membership.role == Role.PATIENT,
    )
    do_record_event(actor.user, AuditEvent.CREATE, "members", plan=actor.plan,
                    membership=actor.membership, obj=invitation, source=actor.source)
    _send_invitation(invitation, token, actor.plan.patient_name)
    return invitation


@transaction.atomic
def do_start_plan(provider, patient_name, patient_email, date_of_birth, source=None):
    """A provider starts a plan for a patient and invites them. Until the patient accepts,
    the plan is 'invited'; from acceptance on it is theirs (D6)."""
    if not provider.is_provider:
        raise PermissionDenied("only providers start plans for someone else")
    if Membership.objects.filter(user__email__iexact=patient_email, role=Role.PATIENT,
                                 removed_at=None).exists():
        raise ValidationError({"email": _(
            "Deze persoon heeft al een plan. Iedereen heeft één plan. Vraag of u mag meedoen."
        )})
    plan = Plan(status=PlanStatus.INVITED, created_by=provider)
    plan._history_user = provider
    plan.save()
    profile = Profile(plan=plan, name=patient_name, email=patient_email,
                      date_of_birth=date_of_birth)
    profile._history_user = provider
    profile.save()
    membership = Membership(plan=plan, user=provider, role=Role.PROVIDER, invited_by=provider)
    membership._history_user = provider
    membership.save()
    invitation, token = _create_invitation(plan, provider, patient_email, patient_name,
                                           Role.PATIENT)
    do_record_event(provider, AuditEvent.CREATE, "plan_data", plan=plan,
                    membership=membership, obj=plan, source=source)
    _send_invitation(invitation, token, patient_name)
    return plan


@transaction.atomic
def do_create_own_plan(user, source=None):
    """Someone starts their own plan: they are its patient from the start."""
    plan = Plan(status=PlanStatus.ACTIVE, created_by=user)
    plan._history_user = user
    plan.save()
    profile = Profile(plan=plan, name=user.name, email=user.email, phone=user.phone)
    profile._history_user = user
    profile.save()
    membership = Membership(plan=plan, user=user, role=Role.PATIENT)
    membership._history_user = user
    membership.save()
    do_record_event(user, AuditEvent.CREATE, "plan_data", plan=plan, membership=membership,
                    obj=plan, source=source)
    return plan


def invitation_problem(invitation):
    """Why this invitation can no longer be used, in plain words; None when it can."""
    if invitation is None:
        return _("Deze link werkt niet. Vraag om een nieuwe uitnodiging.")
    if invitation.accepted_at:
        return _("Deze uitnodiging is al gebruikt. U kunt gewoon inloggen.")
    if invitation.declined_at:
        return _("Deze uitnodiging is afgewezen.")
    if invitation.revoked_at:
        return _("Deze uitnodiging is ingetrokken. Vraag om een nieuwe uitnodiging.")
    if invitation.expires_at <= timezone.now():
        return _("Deze uitnodiging is verlopen. Vraag om een nieuwe uitnodiging.")
    return None


@transaction.atomic
def do_accept_invitation(invitation, user, source=None):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("Deze uitnodiging is voor %(email)s. Log in met dat e-mailadres.")
            % {"email": invitation.email}
        )
    plan = invitation.plan
    if invitation.role == Role.PATIENT and Membership.objects.filter(
        user=user, role=Role.PATIENT, removed_at=None
    ).exists():
        raise ValidationError(_("U heeft al een eigen plan. Iedereen heeft één plan."))
    membership = Membership(plan=plan, user=user, role=invitation.role,
                            relation=invitation.relation,
                            may_act_for_patient=invitation.may_act_for_patient,
                            invited_by=invitation.invited_by)
    membership._history_user = user
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    invitation.save()
    if invitation.role == Role.PATIENT:
        plan.status = PlanStatus.ACTIVE
        plan._history_user = user
        plan.save()
    do_record_event(user, AuditEvent.CREATE, "members", plan=plan, membership=membership,
                    obj=membership, source=source)
    return membership


@transaction.atomic
def do_decline_plan(invitation, reason, note, source=None):
    """The invited patient does not want a plan now (D7). The choice and the reason are
    kept, and the provider sees them."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if invitation.role != Role.PATIENT:
        raise ValidationError(_("Alleen de persoon van het plan kan het plan afwijzen."))
    invitation.declined_at = timezone.now()
    invitation.save()
    plan = invitation.plan
    plan.status = PlanStatus.DECLINED
    plan.decline_reason = reason
    plan.decline_note = note
    plan.declined_at = invitation.declined_at
    plan.save()
    do_record_event(None, AuditEvent.UPDATE, "plan_data", plan=plan, obj=plan, source=source)
    return plan


@transaction.atomic
def do_remove_member(actor, membership):
    """Remove someone from the plan, effective at once: every page checks membership."""
    require_write(actor, "members")
    membership = Membership.objects.select_for_update().get(pk=membership.pk, plan=actor.plan)
    if membership.role == Role.PATIENT:
        raise ValidationError(_("De persoon van het plan kan niet worden verwijderd."))
    if not membership.is_active:
        raise ValidationError(_("Deze persoon doet al niet meer mee."))
    membership.removed_at = timezone.now()
    membership.removed_by = actor.user
    return save_and_log(actor, membership, "members", AuditEvent.DELETE)


@transaction.atomic
def do_revoke_invitation(actor, invitation):
    require_write(actor, "members")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, plan=actor.plan)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    invitation.revoked_at = timezone.now()
    return save_and_log(actor, invitation, "members", AuditEvent.DELETE)


@transaction.atomic
def do_set_may_act(actor, membership, may_act):
    """The patient decides whether a naaste may act for them (fill in their parts of the
    plan and confirm agreements). Only the patient themself can change this."""
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied("only the patient decides who acts for them")
    membership = Membership.objects.select_for_update().get(pk=membership.pk, plan=actor.plan)
    if membership.role != Role.NAASTE or not membership.is_active:
        raise ValidationError(_("Dit kan alleen voor een naaste die meedoet."))
    membership.may_act_for_patient = may_act
    return save_and_log(actor, membership, "members", AuditEvent.UPDATE)


@transaction.atomic
def do_set_sharing(actor, membership, choices):
    """The patient decides per member which parts of the plan they see and fill in (F4).
    `choices` maps each part (sections.PARTS) to an Access. Only limits are kept: "see"
    for a part the member's role cannot fill in anyway is no limit, so it still holds when
    the patient later lets a naaste act for them. It takes effect at once: every request
    reads the membership again."""
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied("only the patient decides what they share")
    membership = Membership.objects.select_for_update().get(pk=membership.pk, plan=actor.plan)
    if membership.role == Role.PATIENT or not membership.is_active:
        raise ValidationError(_("Dit kan alleen voor iemand anders die meedoet."))
    if set(choices) != set(PARTS) or not set(choices.values()) <= set(Access.values):
        raise ValidationError(_("Kies bij elk deel wat deze persoon mag."))
    membership.section_access = {
        part: choice for part, choice in choices.items()
        if choice == Access.HIDDEN
        or (choice == Access.READ and any(may_fill_in(membership, k) for k in PARTS[part]))
    }
    return save_and_log(actor, membership, "members", AuditEvent.UPDATE)
