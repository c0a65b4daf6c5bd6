"""Small helpers for the account tests."""

from base64 import b32encode

import pyotp
from django.conf import settings
from django.urls import reverse

from samenplan.conftest import PASSWORD


def log_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"),
                       {"username": user.email, "password": password, **extra})


def code_for(device):
    """The code an authenticator app shows now for this device."""
    return pyotp.TOTP(b32encode(device.bin_key).decode()).now()


def wrong_code_for(device):
    return "000000" if code_for(device) != "000000" else "111111"


def reset_path(email):
    """The path of the password-reset link in an e-mail."""
    link = next(line for line in email.body.splitlines()
                if line.startswith(settings.SITE_URL + "/"))
    return link.removeprefix(settings.SITE_URL)
