import pytest

from samenplan.plans.tests.conftest import actor_of  # noqa: F401


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
