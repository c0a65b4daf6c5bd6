"""django-oauth-toolkit's validator, with Samenplan's rules: a code is made only on our
consent screen and is tied to the grant given there; each access token is tied to that
same grant; a grant that was stopped, or whose person left the plan or lost the right to
connect apps, gives no new token; only the authorization code flow (with its refresh
tokens) is there; and http redirects go only to the person's own computer."""

from urllib.parse import urlsplit

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauthlib.oauth2.rfc6749 import errors

from samenplan.fhirapi import ids

from .grants import do_grant_app, is_usable
from .models import PlanGrantCode, PlanGrantToken

GRANT_TYPES = ("authorization_code", "refresh_token")
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def redirect_allowed(uri):
    """https anywhere; http only to this computer (RFC 8252, apps on the desktop)."""
    try:
        parts = urlsplit(uri or "")
    except ValueError:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)


class PlanGrantValidator(OAuth2Validator):
    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        return grant_type in GRANT_TYPES and super().validate_grant_type(
            client_id, grant_type, client, request, *args, **kwargs)

    def validate_redirect_uri(self, client_id, redirect_uri, request, *args, **kwargs):
        return redirect_allowed(redirect_uri) and super().validate_redirect_uri(
            client_id, redirect_uri, request, *args, **kwargs)

    def get_default_redirect_uri(self, client_id, request, *args, **kwargs):
        uri = super().get_default_redirect_uri(client_id, request, *args, **kwargs)
        return uri if redirect_allowed(uri) else None

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        # The consent screen passes who says yes, in which plan (access_views.py). A code
        # asked for in any other way is refused.
        actor = getattr(request, "samenplan_actor", None)
        if actor is None:
            raise errors.AccessDeniedError(state=request.state, request=request)
        plan_grant = do_grant_app(actor, request.client, request.scopes)
        grant = self._create_authorization_code(request, code)
        PlanGrantCode.objects.create(code=grant, plan_grant=plan_grant)

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        if not super().validate_code(client_id, code, client, request, *args, **kwargs):
            return False
        link = (PlanGrantCode.objects.select_related("plan_grant__membership__user")
                .filter(code__code=code, code__application=client).first())
        return self._use_grant(request, link)

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        if not super().validate_refresh_token(refresh_token, client, request, *args, **kwargs):
            return False
        link = (PlanGrantToken.objects.select_related("plan_grant__membership__user")
                .filter(access_token_id=request.refresh_token_instance.access_token_id)
                .first())
        return self._use_grant(request, link)

    def _use_grant(self, request, link):
        if link is None or not is_usable(link.plan_grant):
            return False
        request.plan_grant = link.plan_grant
        return True

    def _create_access_token(self, expires, request, token, source_refresh_token=None):
        access_token = super()._create_access_token(expires, request, token,
                                                    source_refresh_token=source_refresh_token)
        PlanGrantToken.objects.create(access_token=access_token, plan_grant=request.plan_grant)
        return access_token

    def save_bearer_token(self, token, request, *args, **kwargs):
        super().save_bearer_token(token, request, *args, **kwargs)
        # The patient in context (SMART on FHIR): the FHIR id of the plan's Patient.
        token["patient"] = ids.make(request.plan_grant.membership.plan_id)
