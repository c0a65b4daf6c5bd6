"""Who is asking, for the FHIR API: the bearer token of the request, checked by
django-oauth-toolkit (known, not expired, not revoked), and the plan membership it was
given through, read again on every request.

    access = api_access(request)           # or ApiRefused(401/403, ...)
    require_scope(access, WRITE_SCOPE)     # before a write
    do_save_goal(access.actor, goal)       # the actions check the sharing rules again

A token gives what the person who connected the app may do in that plan, and never more:
their membership goes into the `Actor` that every query and action takes, so the
patient's sharing rules (sections.may_read / may_write) hold for the app too, as they are
at that moment. A member removed from the plan, or an app stopped under "Gekoppelde
apps", is refused at the next request.
"""

import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import get_access_token_model
from oauth2_provider.oauth2_backends import get_oauthlib_core

from samenplan.audit.actions import client_address, do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import Actor

from . import ids
from .grants import READ_SCOPE, WRITE_SCOPE, is_usable  # noqa: F401  (callers import them here)
from .models import PlanGrant, PlanGrantToken

# The audit log's name for a refused API request.
SECTION = "fhir_api"
REALM = "samenplan"


@dataclass(frozen=True)
class ApiAccess:
    actor: Actor
    scopes: frozenset[str]
    patient_id: str  # the FHIR id of the plan's Patient


class ApiRefused(Exception):
    """The request may not go on. `status` is the HTTP status (401: no valid token, 403:
    the token may not do this), `code` the FHIR issue type for the OperationOutcome
    (login, expired, forbidden), `message` for the person, and `headers` the answer's
    WWW-Authenticate (RFC 6750)."""

    def __init__(self, status, code, message, error=None, scope=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.error = error  # RFC 6750: invalid_request, invalid_token, insufficient_scope
        self.scope = scope

    @property
    def headers(self):
        parts = [f'realm="{REALM}"']
        if self.error:
            parts.append(f'error="{self.error}"')
        if self.scope:
            parts.append(f'scope="{self.scope}"')
        return {"WWW-Authenticate": "Bearer " + ", ".join(parts)}


def _bearer(request):
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _expired(token):
    """Whether this token is one of ours that expired (rather than unknown or revoked):
    tokens are stored as their SHA-256 only, as django-oauth-toolkit finds them."""
    checksum = hashlib.sha256(token.encode()).hexdigest()
    known = get_access_token_model().objects.filter(token_checksum=checksum).first()
    return known is not None and known.is_expired()


def _refuse_member(grant, request, message):
    """A 403 for a known person in a known plan: in the audit log as a refused attempt."""
    do_record_event(grant.user, AuditEvent.DENIED, SECTION, plan_id=grant.membership.plan_id,
                    membership=grant.membership, source=client_address(request))
    return ApiRefused(403, "forbidden", message)


def api_access(request):
    """The ApiAccess of this request, or ApiRefused."""
    token = _bearer(request)
    if not token:
        raise ApiRefused(401, "login", _("Er is geen toegangscode meegestuurd."))
    valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
    if not valid:
        if _expired(token):
            raise ApiRefused(401, "expired", _("Deze toegangscode is verlopen."),
                             error="invalid_token")
        raise ApiRefused(401, "login", _("Deze toegangscode werkt niet (meer)."),
                         error="invalid_token")
    access_token = oauth_request.access_token
    link = (PlanGrantToken.objects.select_related("plan_grant__membership__plan",
                                                  "plan_grant__membership__user")
            .filter(access_token=access_token).first())
    if link is None or link.plan_grant.revoked_at is not None:
        raise ApiRefused(401, "login", _("Deze toegangscode werkt niet (meer)."),
                         error="invalid_token")
    grant = link.plan_grant
    if not is_usable(grant) or access_token.user_id != grant.user_id:
        raise _refuse_member(grant, request,
                             _("U heeft geen toegang (meer) tot dit plan via deze app."))
    PlanGrant.objects.filter(pk=grant.pk).update(last_used_at=timezone.now())
    actor = Actor(grant.membership.user, grant.membership, client_address(request))
    return ApiAccess(
        actor=actor,
        scopes=frozenset(access_token.scope.split()) & grant.scopes,
        patient_id=ids.make(grant.membership.plan_id),
    )


def require_scope(access, scope):
    """Refuse (403, logged) when the token does not have this scope."""
    if scope not in access.scopes:
        do_record_event(access.actor.user, AuditEvent.DENIED, SECTION, plan=access.actor.plan,
                        membership=access.actor.membership, source=access.actor.source)
        raise ApiRefused(403, "forbidden", _("Deze app mag dit niet doen."),
                         error="insufficient_scope", scope=scope)
