"""Shared personas for every test: a plan with its patient, a naaste who may act for the
patient, a naaste who may not, a provider, and an outsider who has a plan of their own."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.utils import translation

from samenplan.accounts.models import Organisation, User
from samenplan.plans.actions import do_create_own_plan
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership

# The table of attempts and leaks of the attack suite, printed after every run.
from samenplan.security.tests.attempts import (  # noqa: F401
    pytest_runtest_call,
    pytest_runtest_logreport,
    pytest_terminal_summary,
)

PASSWORD = "Samenplan-test-2026"


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with the least work it allows. Its real cost, a third of a second per
    password on purpose, made the tests spend most of their time hashing."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


def cheap_password_hashers():
    """The hashers of settings.py, with Argon2 (the same algorithm) made cheap."""
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    return [f"{__name__}.CheapArgon2PasswordHasher" if hasher == argon2 else hasher
            for hasher in settings.PASSWORD_HASHERS]


@pytest.fixture(autouse=True)
def cheap_argon2(settings):
    settings.PASSWORD_HASHERS = cheap_password_hashers()


@pytest.fixture(autouse=True)
def dutch():
    """Each test starts in Dutch: a request in another language leaves its language
    active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_user(email, name, **fields):
    return User.objects.create_user(email, PASSWORD, name=name, **fields)


def add_member(plan, user, role, **fields):
    return Membership.objects.create(plan=plan, user=user, role=role, **fields)


@pytest.fixture
def patient(db):
    return make_user("patient@example.org", "Anna de Vries")


@pytest.fixture
def plan(patient):
    return do_create_own_plan(patient)


@pytest.fixture
def naaste(plan):
    user = make_user("naaste@example.org", "Sanne de Vries")
    add_member(plan, user, Role.NAASTE, relation="dochter", may_act_for_patient=True)
    return user


@pytest.fixture
def bystander(plan):
    """A naaste who may read the plan but not act for the patient."""
    user = make_user("buur@example.org", "Henk Buur")
    add_member(plan, user, Role.NAASTE, relation="buurman")
    return user


@pytest.fixture
def provider(plan):
    organisation = Organisation.objects.create(name="Huisartsenpraktijk Test")
    user = make_user("poh@example.org", "Karin Jansen", is_provider=True,
                     profession="praktijkondersteuner")
    user.organisations.add(organisation)
    add_member(plan, user, Role.PROVIDER)
    return user


@pytest.fixture
def outsider(db):
    """Someone with a plan of their own, who is not a member of `plan`."""
    user = make_user("bert@example.org", "Bert Visser")
    do_create_own_plan(user)
    return user


def client_for(user):
    """A logged-in client. Providers are logged in with a verified second factor."""
    client = Client()
    client.force_login(user)
    if user.is_provider:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def as_user():
    return client_for
