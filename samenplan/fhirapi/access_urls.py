"""Access to the FHIR API: the OAuth2 endpoints (django-oauth-toolkit, with our consent
screen) and "Gekoppelde apps" under Mijn gegevens. The API itself is in urls.py."""

from django.urls import path
from oauth2_provider import views as oauth

from . import access_views

app_name = "fhirapi_access"

urlpatterns = [
    path("oauth/authorize/", access_views.ConsentView.as_view(), name="authorize"),
    # Apps post here from outside the browser session, with their own credentials (the
    # code and its PKCE verifier, or a refresh token): django-oauth-toolkit's views,
    # without CSRF tokens, as OAuth2 requires. They read no session cookie.
    path("oauth/token/", oauth.TokenView.as_view(), name="token"),
    path("oauth/revoke/", oauth.RevokeTokenView.as_view(), name="revoke"),
    path("plan/<int:plan_id>/gegevens/gekoppelde-apps/", access_views.connected_apps,
         name="connected_apps"),
]
