"""Asking for a new password, entering the code from the app and opening invitation links
are limited per IP address, e-mail address or user. Past the limit the page says, in plain
words, when to try again (429)."""

import pytest
from django.core import checks, mail
from django.test import Client
from django.urls import reverse

from samenplan.accounts.actions import do_set_totp_device
from samenplan.accounts.tests.test_second_factor import DEMO_KEY, SETUP, VERIFY
from samenplan.conftest import make_user

from .helpers import code_for, log_in, wrong_code_for

RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATELIMIT_MINUTES = 15
    settings.RATELIMIT_PASSWORD_RESET_PER_IP = 100
    settings.RATELIMIT_PASSWORD_RESET_PER_EMAIL = 100
    settings.RATELIMIT_WRONG_CODES_PER_USER = 100
    settings.RATELIMIT_INVITATION_PER_IP = 100
    # django-otp's own wait after a wrong code would hide ours.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return settings


def assert_limited(response):
    assert response.status_code == 429
    content = response.content.decode()
    assert "U heeft het te vaak geprobeerd" in content
    assert "Probeer het over 15 minuten opnieuw." in content
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def reset(email, ip="127.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(RESET, {"email": email})


# Password reset


def test_it_limits_password_resets_per_email_address(limits, patient):
    limits.RATELIMIT_PASSWORD_RESET_PER_EMAIL = 2
    assert reset(patient.email, "10.0.0.1").status_code == 302
    assert reset(patient.email.upper(), "10.0.0.2").status_code == 302
    assert len(mail.outbox) == 2
    assert_limited(reset(f" {patient.email} ", "10.0.0.3"))
    assert len(mail.outbox) == 2
    # Another address is not stopped.
    assert reset("iemand@example.org", "10.0.0.4").status_code == 302


def test_an_empty_address_is_not_counted_as_one_address(limits, db):
    limits.RATELIMIT_PASSWORD_RESET_PER_EMAIL = 1
    for ip in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]:
        response = reset("", ip)
        assert response.status_code == 200
        assert response.context["form"].errors


def test_it_limits_password_resets_per_ip_address(limits, db):
    limits.RATELIMIT_PASSWORD_RESET_PER_IP = 2
    assert reset("een@example.org").status_code == 302
    assert reset("twee@example.org").status_code == 302
    assert_limited(reset("drie@example.org"))
    assert reset("drie@example.org", "10.0.0.9").status_code == 302


def test_the_form_itself_is_not_limited(limits, client, db):
    limits.RATELIMIT_PASSWORD_RESET_PER_IP = 1
    reset("een@example.org")
    assert client.get(RESET).status_code == 200


def test_the_limited_page_is_in_english_too(limits, db):
    limits.RATELIMIT_PASSWORD_RESET_PER_IP = 0
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.post(RESET, {"email": "een@example.org"})
    assert response.status_code == 429
    assert '<html lang="en"' in response.content.decode()


# The code from the authenticator app


def logged_in_with_password(user):
    client = Client()
    assert log_in(client, user).status_code == 302
    return client


def test_it_refuses_codes_after_too_many_wrong_ones(limits, provider):
    limits.RATELIMIT_WRONG_CODES_PER_USER = 2
    device = do_set_totp_device(provider, DEMO_KEY)
    client = logged_in_with_password(provider)
    for _ in range(2):
        assert "Deze code klopt niet." in client.post(
            VERIFY, {"code": wrong_code_for(device)}).content.decode()
    # Now even the right code is refused: it could be a lucky guess.
    assert_limited(client.post(VERIFY, {"code": code_for(device)}))
    assert client.get("/")["Location"].startswith(VERIFY)
    # Someone else is not stopped.
    other = make_user("huisarts@example.org", "Pieter Bakker", is_provider=True)
    other_device = do_set_totp_device(other, DEMO_KEY)
    response = logged_in_with_password(other).post(VERIFY, {"code": code_for(other_device)})
    assert response.status_code == 302


def test_right_codes_do_not_count(limits, provider):
    limits.RATELIMIT_WRONG_CODES_PER_USER = 1
    device = do_set_totp_device(provider, DEMO_KEY)
    for _ in range(3):
        response = logged_in_with_password(provider).post(VERIFY, {"code": code_for(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        device.last_t = -1  # the same code may be used again in this test
        device.save()


def test_it_refuses_codes_on_the_set_up_page_after_too_many_wrong_ones(limits, provider):
    limits.RATELIMIT_WRONG_CODES_PER_USER = 2
    client = logged_in_with_password(provider)
    client.get(SETUP)
    device = provider.totpdevice_set.get()
    for _ in range(2):
        assert client.post(SETUP, {"code": wrong_code_for(device)}).status_code == 200
    assert_limited(client.post(SETUP, {"code": code_for(device)}))
    device.refresh_from_db()
    assert not device.confirmed


# Invitation links


def test_it_limits_invitation_links_per_ip_address(limits, plan):
    limits.RATELIMIT_INVITATION_PER_IP = 3
    client = Client(REMOTE_ADDR="10.0.0.5")
    link = reverse("plans:invitation", args=["raden-1"])
    assert client.get(link).status_code == 404
    assert client.get(reverse("plans:invitation", args=["raden-2"])).status_code == 404
    # The page to say no counts with them.
    assert client.get(reverse("plans:decline", args=["raden-3"])).status_code == 410
    assert_limited(client.get(reverse("plans:invitation", args=["raden-4"])))
    assert_limited(client.post(reverse("plans:decline", args=["raden-5"])))
    assert Client(REMOTE_ADDR="10.0.0.6").get(link).status_code == 404


# Set-up


def test_the_limits_are_settings_per_window(settings):
    for name in ["RATELIMIT_MINUTES", "RATELIMIT_PASSWORD_RESET_PER_IP",
                 "RATELIMIT_PASSWORD_RESET_PER_EMAIL", "RATELIMIT_WRONG_CODES_PER_USER",
                 "RATELIMIT_INVITATION_PER_IP"]:
        assert isinstance(getattr(settings, name), int), name


def test_django_ratelimit_finds_nothing_wrong():
    found = [message for message in checks.run_checks(tags=[checks.Tags.caches])
             if message.id.startswith("django_ratelimit") and not message.is_silenced()]
    assert not found
