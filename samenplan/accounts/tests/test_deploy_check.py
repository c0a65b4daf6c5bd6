"""Production settings pass Django's deployment checklist, warnings included."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "AUDIT_HMAC_KEY": "another-long-random-key-for-the-audit-chain",
    "ALLOWED_HOSTS": "samenplan.example.nl",
    "SECURE_SSL_REDIRECT": "1",
    "DATABASE_URL": "sqlite:///:memory:",
}


def deploy_check(**changes):
    # Only what a server has: none of the test run's own variables.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(PRODUCTION, **changes)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                           "WARNING"], cwd=PROJECT, env=env, capture_output=True, text=True)


def test_production_settings_pass_the_deployment_checklist():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_without_the_https_redirect():
    # Without this the check above could pass for the wrong reason.
    result = deploy_check(SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0 and "security.W008" in result.stdout + result.stderr
