"""Giving an app access to a plan and stopping it: the actions (`do_<verb>_<noun>()`,
atomic, with their audit event) and the reads that depend on who asks. The OAuth2 flow
itself is django-oauth-toolkit's; see models.py for how its tokens are tied to a plan."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from oauth2_provider.models import get_grant_model, revoke_access_token

from samenplan.audit.actions import do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership
from samenplan.plans.queries import active_memberships

from . import ids
from .models import PlanGrant

# The audit log's name for this part (granting is a create, changing the scopes an
# update, stopping a delete).
SECTION = "connected_apps"
READ_SCOPE = "patient/*.read"
WRITE_SCOPE = "patient/*.write"


def may_connect_apps(membership):
    """On the consent screen the patient, and a naaste who may act for the patient, may let
    an app use the plan. A provider may not, nor a naaste who may only read."""
    return membership is not None and membership.is_active and membership.acts_for_patient


def may_see_apps(membership):
    """Who sees "Gekoppelde apps": the patient (every app in the plan) and a naaste (the
    apps they connected, also after the patient no longer lets them act)."""
    return (membership is not None and membership.is_active
            and membership.role in (Role.PATIENT, Role.NAASTE))


def connectable_memberships(user):
    """The plans this user may connect an app to (their own first)."""
    memberships = [m for m in active_memberships(user) if may_connect_apps(m)]
    return sorted(memberships, key=lambda m: m.role != Role.PATIENT)


def is_usable(grant):
    """Whether the grant still gives access: not stopped, and its person still in the plan
    (with an account that works). What the app may do there is what that person may do
    now: the same membership, so the same sharing rules, go into every query and action."""
    membership = grant.membership
    return (grant.revoked_at is None and membership.is_active
            and membership.user_id == grant.user_id and membership.user.is_active)


def visible_grants(actor):
    """The apps connected to this plan that this person sees on "Gekoppelde apps": the
    patient sees every app in their plan (also those a naaste connected), a naaste their
    own."""
    grants = PlanGrant.objects.filter(
        membership__plan=actor.plan, membership__removed_at=None, revoked_at=None,
    ).select_related("application", "membership__user")
    if actor.membership.role != Role.PATIENT:
        grants = grants.filter(membership=actor.membership)
    return grants


def visible_grant(actor, pk):
    """One of `visible_grants`, or 404."""
    parsed = ids.parse(str(pk))
    grant = visible_grants(actor).filter(pk=parsed[1]).first() if parsed else None
    if grant is None:
        raise Http404
    return grant


def _membership_again(actor):
    # Read the membership again, as every write does: a right taken away holds at once.
    return Membership.objects.filter(pk=actor.membership.pk).select_related("user").first()


@transaction.atomic
def do_grant_app(actor, application, scopes, *, on_consent_screen=True):
    """The person said yes on the consent screen: this app may use the plan, with these
    scopes. Saying yes again to the same app replaces its scopes. The command line
    (`issue_token`, for tests and scripts, run on the server itself) may also make a grant
    for a member who cannot use the consent screen, such as a provider."""
    membership = _membership_again(actor)
    allowed = may_connect_apps(membership) if on_consent_screen else (
        membership is not None and membership.is_active)
    if not allowed:
        raise PermissionDenied(SECTION)
    scope = " ".join(sorted(set(scopes)))
    grant = (PlanGrant.objects.select_for_update()
             .filter(application=application, membership=membership, revoked_at=None).first())
    if grant is None:
        grant = PlanGrant.objects.create(application=application, user=actor.user,
                                         membership=membership, scope=scope)
        kind = AuditEvent.CREATE
    else:
        grant.scope = scope
        grant.save(update_fields=["scope"])
        kind = AuditEvent.UPDATE
    do_record_event(actor.user, kind, SECTION, plan=membership.plan, membership=membership,
                    obj=grant, source=actor.source)
    return grant


@transaction.atomic
def do_revoke_app(actor, grant):
    """Stop an app: the grant ends, and with it every token and code it gave, at once."""
    membership = _membership_again(actor)
    if not may_see_apps(membership) or grant.membership.plan_id != membership.plan_id or (
            membership.role != Role.PATIENT and grant.membership_id != membership.pk):
        raise PermissionDenied(SECTION)
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor.user
    grant.save(update_fields=["revoked_at", "revoked_by"])
    for link in list(grant.tokens.select_related("access_token")):
        # Revokes the refresh token too, so that it cannot make a new access token.
        revoke_access_token(link.access_token)
    get_grant_model().objects.filter(plan_grant_link__plan_grant=grant).delete()
    do_record_event(actor.user, AuditEvent.DELETE, SECTION, plan=membership.plan,
                    membership=membership, obj=grant, source=actor.source)
