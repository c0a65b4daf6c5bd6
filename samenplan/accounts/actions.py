"""Writes to accounts: `do_<verb>_<noun>()`, each atomic.

A person has at most one confirmed TOTP device; a new one replaces the old one only once
it has been confirmed with a valid code."""

from axes.utils import reset as reset_axes
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator-app"


@transaction.atomic
def do_set_totp_device(user, hex_key, confirmed=True):
    """(Re)create the user's TOTP device with a known key. The demo loader uses this so
    that all demo providers share one secret that is written in the README."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=hex_key, confirmed=confirmed)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def do_start_totp_setup(user):
    """The unconfirmed device whose secret the set-up page shows. Reused on every visit,
    so reloading the page does not change the secret someone is typing into their app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def do_confirm_totp_device(device):
    """The person typed a valid code from this device, so their app works: it becomes
    their only second factor, and an older device (an old phone) stops working."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def do_clear_login_failures(user):
    """After a password reset the person has shown they own the e-mail address, so the
    lock-out that sent them to the reset page should not keep them out any longer."""
    reset_axes(username=user.email)


@transaction.atomic
def do_set_easy_read(user, easy_read):
    """Makkelijk lezen on or off; it stays with the account, on every device."""
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    return user
