"""Security middleware: the second factor, and the shorter idle time for providers.
(The Content-Security-Policy comes from django-csp, see settings.py.)"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .queries import confirmed_totp_device


class RequireSecondFactorMiddleware:
    """After the password, providers (who see other people's care data) and anyone who
    has set up an authenticator app must enter a code before they can use Samenplan.

    Until then every page sends them to the code page, or, for a provider without an app,
    to the set-up page. `request.user.is_verified()` comes from django-otp's OTPMiddleware,
    which must run before this one."""

    # What someone needs while they have not yet entered a code.
    ALLOWED_VIEWS = {"accounts:verify", "accounts:setup", "accounts:logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if (request.resolver_match.view_name in self.ALLOWED_VIEWS
                or request.path.startswith(settings.STATIC_URL)):
            return None
        device = confirmed_totp_device(user)
        if device is None and not user.is_provider:
            return None
        target = reverse("accounts:verify" if device else "accounts:setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class ProviderIdleTimeoutMiddleware:
    """A provider sees many people's care data: their session ends after
    PROVIDER_IDLE_SECONDS (15 minutes) without a request, sooner than the 30 minutes of
    everyone else. The session still ends when the browser closes."""

    KEY = "samenplan_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_provider:
            now = time.time()
            last_seen = request.session.get(self.KEY, now)
            if now - last_seen > settings.PROVIDER_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("U was een tijd niet actief. Log opnieuw in."))
                login = reverse("accounts:login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            request.session[self.KEY] = now
        return self.get_response(request)
