"""The world of the attack suite is built once per test module, inside a transaction that
is rolled back when the module is done; each test runs in a savepoint within it (the `db`
fixture), so what one test changes is gone before the next one starts."""

import pytest
from django.db import transaction
from django.test import override_settings

from .world import FAST_HASHERS, build_world


@pytest.fixture(scope="module", autouse=True)
def fast_password_hashing():
    # Argon2 is slow on purpose; the personas' passwords need no such protection here.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def in_a_savepoint(db):
    """Each test in a savepoint inside the module's transaction (and through `db`,
    pytest-django knows that this suite needs the test database)."""
