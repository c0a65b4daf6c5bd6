"""Account pages: log in and out, passwords, and the second factor (TOTP).

Logging in and the password pages are Django's own views with our forms and templates;
the second-factor pages are small views around django-otp."""

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token

from . import actions, ratelimits
from .forms import (
    CodeForm,
    EasyReadForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from .queries import confirmed_totp_device


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


@login_required
def account_settings(request):
    form = EasyReadForm(request.POST if request.method == "POST" else None,
                        initial={"easy_read": request.user.easy_read})
    if request.method == "POST" and form.is_valid():
        easy_read = form.cleaned_data["easy_read"]
        actions.do_set_easy_read(request.user, easy_read)
        messages.success(request, _("Makkelijk lezen staat aan.") if easy_read
                         else _("Makkelijk lezen staat uit."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {
        "has_device": confirmed_totp_device(request.user) is not None,
        "easy_read_form": form,
    })


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")
    success_message = gettext_lazy("Uw wachtwoord is veranderd.")


@ratelimits.limit_password_reset
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link in the e-mail is built from SITE_URL, not from the Host header of the
        # request, so nobody can make us send a link to another site.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "timeout_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        actions.do_clear_login_failures(form.user)
        return response


def _keeping_next(url_name, request):
    """The URL of another second-factor page, passing on where to go afterwards."""
    url = resolve_url(url_name)
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


def _next_url(request):
    """Where to go after the code: the page someone asked for, if it is on this site."""
    url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _check_code(request, form, device):
    """Check the code against the device. django-otp counts wrong codes and makes each
    next try wait twice as long, and after RATELIMIT_WRONG_CODES_PER_USER wrong codes the
    page refuses until the window is over: guessing the 6 digits takes far too long."""
    ratelimits.refuse_when_too_many_wrong_codes(request)
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("De code klopte te vaak niet. Wacht even. Probeer het "
                                 "dan opnieuw met de code die u dan ziet."))
        return False
    if verify_token(request.user, device.persistent_id, form.cleaned_data["code"]) is None:
        ratelimits.count_wrong_code(request)
        form.add_error("code", _("Deze code klopt niet. Kijk in uw app en vul de code in "
                                 "die u nu ziet."))
        return False
    return True


def _mark_verified(request, device):
    # A new session key once the second factor is done, like Django does after the password.
    request.session.cycle_key()
    otp_login(request, device)


@login_required
def verify(request):
    """'Voer uw code in': the second step after the password."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = confirmed_totp_device(request.user)
    if device is None:
        return redirect(_keeping_next("accounts:setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_code(request, form, device):
        _mark_verified(request, device)
        return redirect(_next_url(request))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_code(device):
    """The otpauth:// link as a QR code, as an SVG in a data: URL for an <img>: our
    Content-Security-Policy allows data: images, and no script is needed."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def _grouped_secret(device):
    """The secret as people type it into an app: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@login_required
def setup(request):
    """Set up an authenticator app. Someone who already has one must first enter a code
    from it; otherwise knowing the password would be enough to replace the app."""
    has_device = confirmed_totp_device(request.user) is not None
    if has_device and not request.user.is_verified():
        return redirect(_keeping_next("accounts:verify", request))
    device = actions.do_start_totp_setup(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_code(request, form, device):
        actions.do_confirm_totp_device(device)
        _mark_verified(request, device)
        messages.success(request, _("Gelukt. Vanaf nu vult u bij het inloggen ook een code "
                                    "uit uw app in."))
        return redirect(_next_url(request) if "next" in request.GET else "accounts:settings")
    return render(request, "accounts/setup.html", {
        "form": form,
        "replacing": has_device,
        "qr_code": _qr_code(device),
        "secret": _grouped_secret(device),
    })


def rate_limited(request, exception):
    """django-ratelimit's page (RATELIMIT_VIEW) when someone tried too often."""
    return render(request, "accounts/rate_limited.html",
                  {"minutes": settings.RATELIMIT_MINUTES}, status=429)
