"""Fixtures for the plans tests, on top of the shared personas in samenplan/conftest.py."""

import pytest

from samenplan.conftest import add_member, make_user
from samenplan.plans.actions import Actor
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Argon2 is slow on purpose, and every persona has a password: without this the
    # plans suite spends most of its time hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def membership_of(user, plan):
    return Membership.objects.get(plan=plan, user=user, removed_at=None)


def actor_of(user, plan):
    """An Actor as a view makes it: the user in their active membership of this plan."""
    return Actor(user, membership_of(user, plan))


@pytest.fixture
def other_plan(outsider):
    """The outsider's own plan, with a naaste of its own."""
    plan = Membership.objects.get(user=outsider, role=Role.PATIENT).plan
    add_member(plan, make_user("els@example.org", "Els Visser"), Role.NAASTE,
               relation="zus", may_act_for_patient=True)
    return plan
