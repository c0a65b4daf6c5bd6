"""Reads about the person who is logged in."""

from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_totp_device(user):
    """The authenticator app this user has set up and confirmed, or None."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
