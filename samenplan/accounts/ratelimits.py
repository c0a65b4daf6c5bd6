"""Rate limits (django-ratelimit) on the pages where someone could guess or flood:
asking for a new password, the code from the authenticator app, and invitation links.

The numbers are settings (RATELIMIT_*, per RATELIMIT_MINUTES), read at every request.
The counters are in the shared cache, so every app process counts together. Past a limit
django-ratelimit raises Ratelimited, and its middleware shows views.rate_limited (429)."""

from django.conf import settings
from django.utils.decorators import method_decorator
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited


def per_window(setting):
    """A rate for django-ratelimit: the number in `setting` per RATELIMIT_MINUTES."""
    def rate(group, request):
        return f"{getattr(settings, setting)}/{settings.RATELIMIT_MINUTES}m"
    return rate


def posted_email(group, request):
    """The e-mail address typed in, as the form will read it."""
    return request.POST.get("email", "").strip().lower()


def per_email_address(group, request):
    """No limit per address when none was typed: the form says so itself."""
    if posted_email(group, request):
        return per_window("RATELIMIT_PASSWORD_RESET_PER_EMAIL")(group, request)
    return None


def limit_password_reset(view_class):
    """Every request for a new password counts, per IP address and per e-mail address:
    each one may send an e-mail."""
    for decorator in [
        ratelimit(group="password-reset-ip", key="ip", method="POST",
                  rate=per_window("RATELIMIT_PASSWORD_RESET_PER_IP")),
        ratelimit(group="password-reset-email", key=posted_email, method="POST",
                  rate=per_email_address),
    ]:
        view_class = method_decorator(decorator, name="post")(view_class)
    return view_class


# Invitation links, per IP address; the accept and the decline page count together.
limit_invitation = ratelimit(group="invitation", key="ip",
                             rate=per_window("RATELIMIT_INVITATION_PER_IP"))


def _wrong_codes(request, increment):
    # One count per user for the code page and the set-up page together.
    return get_usage(request, group="second-factor", key="user", increment=increment,
                     rate=per_window("RATELIMIT_WRONG_CODES_PER_USER"))


def refuse_when_too_many_wrong_codes(request):
    """Only wrong codes count: someone who logs in often is never stopped. When the
    counter cannot be read, the code is refused too."""
    usage = _wrong_codes(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        raise Ratelimited


def count_wrong_code(request):
    _wrong_codes(request, increment=True)
