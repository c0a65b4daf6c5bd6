"""Brute force: guessing or replaying the secrets that open Samenplan.

- Passwords: django-axes locks an e-mail address (with its IP address) out after
  AXES_FAILURE_LIMIT wrong passwords. samenplan/accounts/tests/test_lockout.py attacks
  that already; attempts.py counts its failed logins in the table, not written twice here.
- Links with a secret (an invitation, the private calendar address): a used invitation
  stays used, guessed secrets open nothing, and each secret has at least 128 bits from
  the `secrets` module; only its hash is stored.
- The code from the authenticator app (TOTP): a code that was used once is refused after
  that, and so is an older one (django-otp keeps the last time step used, `last_t`)."""

import secrets
import time
from base64 import b32encode

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from samenplan.conftest import PASSWORD, client_for, make_user
from samenplan.health.models import CalendarFeed
from samenplan.plans.models import Invitation, Membership

from .attempts import leaked, tried
from .world import sha256, snapshot

REUSE = "brute force: invitation used again"
GUESS = "brute force: guessed secret links"
REPLAY = "brute force: TOTP code replayed"
VERIFY = reverse("accounts:verify")
SIGNUP = {"name": "Indringer", "password1": "Een-nieuw-wachtwoord-77",
          "password2": "Een-nieuw-wachtwoord-77"}
REFUSED = (404, 410, 429)  # unknown, used up, or too many tries from this address


def refused(part, response):
    """Count one attempt; it leaked if the answer is not a refusal."""
    tried(part)
    if response.status_code not in REFUSED:
        leaked(part)
    return response.status_code in REFUSED


# --- invitations ---------------------------------------------------------------------


@pytest.fixture
def accepted(world):
    """The world's open invitation, accepted by the invited person."""
    token = world.tokens["plans:invitation"]
    url = reverse("plans:invitation", args=[token])
    ilse = make_user("ilse@attack.example", "Ilse de Vriendin")
    assert client_for(ilse).post(url).status_code == 302
    return url, token, ilse


def test_a_used_invitation_link_opens_nothing_for_anyone(world, accepted):
    url, token, ilse = accepted
    outsider, invited = client_for(world.outsider), client_for(ilse)
    before = snapshot()
    attempts = [
        Client().get(url),
        Client().post(url, SIGNUP),  # make an account with the link someone forwarded
        outsider.post(url),  # join with another account
        invited.post(url),  # join a second time
        Client().post(reverse("plans:decline", args=[token]), {"reason": "other"}),
    ]
    assert [refused(REUSE, r) for r in attempts] == [True] * len(attempts)
    assert snapshot() == before
    assert Membership.objects.filter(plan=world.plan, user=ilse).count() == 1


def guesses(real):
    """Random secrets as long as a real one, and near misses of the real one: one letter
    off, cut short, in capitals, and its hash (from a stolen copy of the database)."""
    near = [real[:-1] + ("A" if real[-1] != "A" else "B"), real[:-8], real.upper(),
            sha256(real), real + "x"]
    return [secrets.token_urlsafe(32) for _ in range(50)] + near


@pytest.mark.parametrize("name", ["plans:invitation", "plans:decline", "health:calendar_feed"])
def test_guessed_secret_links_open_nothing(world, name, settings):
    # The rate limit on invitation links would stop the guessing after a few tries; here
    # every guess must reach the check of the secret itself.
    settings.RATELIMIT_INVITATION_PER_IP = 10**6
    client = client_for(world.outsider)
    patient_name = world.plan.profile.name
    opened, answers = [], set()
    for i, guess in enumerate(guesses(world.tokens[name])):
        # Half of the guesses from someone logged in, half from someone who is not.
        response = (client if i % 2 else Client()).get(reverse(name, args=[guess]))
        answers.add(response.status_code)
        if not refused(GUESS, response) or patient_name in response.content.decode():
            opened.append(guess)
    assert opened == []
    assert 429 not in answers
    # The real secret does open it: the guesses were refused for being wrong.
    assert Client().get(reverse(name, args=[world.tokens[name]])).status_code == 200


def test_an_invitation_secret_has_at_least_128_random_bits_and_only_its_hash_is_kept(
        world, monkeypatch):
    made = record_token_urlsafe(monkeypatch)
    client = client_for(world.patient)
    response = client.post(reverse("plans:members", args=[world.plan.pk]),
                           {"name": "Piet", "email": "piet@attack.example", "role": "naaste"})
    assert response.status_code == 302
    ((nbytes, token),) = made
    assert nbytes >= 16  # 128 bits
    (message,) = mail.outbox
    assert reverse("plans:invitation", args=[token]) in message.body  # the link is the secret
    invitation = Invitation.objects.get(email="piet@attack.example")
    assert invitation.token_hash == sha256(token)
    assert token not in str(snapshot())  # not in any row, history included


def test_a_calendar_secret_has_at_least_128_random_bits_and_only_its_hash_is_kept(
        world, monkeypatch):
    made = record_token_urlsafe(monkeypatch)
    client = client_for(world.patient)
    client.post(reverse("health:start_calendar_feed", args=[world.plan.pk]))
    ((nbytes, token),) = made
    assert nbytes >= 16
    page = client.get(reverse("health:agenda", args=[world.plan.pk])).content.decode()
    assert reverse("health:calendar_feed", args=[token]) in page  # shown once, to the patient
    assert CalendarFeed.objects.filter(plan=world.plan, revoked_at=None).get().token_hash == (
        sha256(token))
    assert token not in str(snapshot())


def record_token_urlsafe(monkeypatch):
    """Every secrets.token_urlsafe() call from now on: (bytes asked for, the token)."""
    made, real = [], secrets.token_urlsafe

    def recording(nbytes=None):
        token = real(nbytes)
        made.append((nbytes, token))
        return token

    monkeypatch.setattr(secrets, "token_urlsafe", recording)
    return made


# --- the code from the authenticator app ------------------------------------------------


def code(device, steps_back=0):
    """The code the app shows now, or `steps_back` time steps of 30 seconds ago."""
    return pyotp.TOTP(b32encode(device.bin_key).decode()).at(time.time() - 30 * steps_back)


def with_password(user):
    client = Client()
    response = client.post(reverse("accounts:login"),
                           {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def assert_replay_refused(client, used_code):
    tried(REPLAY)
    response = client.post(VERIFY, {"code": used_code})
    through = response.status_code == 302
    if through:
        leaked(REPLAY)
    assert not through
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get(reverse("plans:home"))["Location"].startswith(VERIFY)


def test_a_used_code_cannot_be_used_again_nor_an_older_one(world):
    """Someone who saw the provider type a code (or caught it on its way), and knows the
    password, is too late: the code was used, and so was its time step."""
    device = TOTPDevice.objects.get(user=world.provider)
    used, older = code(device), code(device, steps_back=1)
    assert with_password(world.provider).post(VERIFY, {"code": used}).status_code == 302
    device.refresh_from_db()
    # The time step of the used code is remembered.
    assert device.last_t >= (time.time() - device.t0) // device.step - 1
    assert_replay_refused(with_password(world.provider), used)
    device.throttle_reset()
    assert_replay_refused(with_password(world.provider), older)


def test_the_code_that_set_up_the_app_cannot_log_in_afterwards(world):
    naaste = world.naaste
    client = client_for(naaste)
    setup = reverse("accounts:setup")
    client.get(setup)
    device = TOTPDevice.objects.get(user=naaste, confirmed=False)
    used = code(device)
    assert client.post(setup, {"code": used}).status_code == 302
    assert_replay_refused(with_password(naaste), used)
