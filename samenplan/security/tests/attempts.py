"""How many attacks the suite tried, and how many got through.

Each part of the attack suite calls `tried(part)` for every attempt and `leaked(part)`
for every attempt that got through (before its assert fails), so the table at the end of
the run says how much was tried, not only that the tests passed:

    from samenplan.security.tests.attempts import leaked, tried

    tried("IDOR", len(urls))
    if response.status_code != 404:
        leaked("IDOR")

samenplan/conftest.py imports the hooks below, so the table is printed after every run
that counted something, whichever tests it ran (`-q` included)."""

from collections import Counter

import pytest

TRIED = Counter()
LEAKED = Counter()


def tried(part, n=1):
    TRIED[part] += n


def leaked(part, n=1):
    LEAKED[part] += n


# Tests elsewhere that already attack, counted here instead of written twice: per test
# file, its part. Every failed login in them (Django's user_login_failed signal, sent for
# a wrong password and for any password once locked out) is one attempt; a failing test
# there counts as a leak.
COUNTED_ELSEWHERE = {
    "samenplan/accounts/tests/test_lockout.py": "brute force: password, lock-out (axes)",
}


def _part_of(item_or_report):
    return COUNTED_ELSEWHERE.get(item_or_report.nodeid.split("::")[0])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    part = _part_of(item)
    if part is None:
        return (yield)
    from django.contrib.auth.signals import user_login_failed

    def count(**kwargs):
        tried(part)

    user_login_failed.connect(count, dispatch_uid="security-attempts")
    try:
        return (yield)
    finally:
        user_login_failed.disconnect(dispatch_uid="security-attempts")


def pytest_runtest_logreport(report):
    part = _part_of(report)
    if part and report.when == "call" and report.failed:
        leaked(part)


def pytest_terminal_summary(terminalreporter):
    if not TRIED:
        return
    write = terminalreporter.write_line
    terminalreporter.section("attack suite: attempts and leaks")
    width = max(len(part) for part in TRIED)
    write(f"{'part':<{width}}  {'tried':>7}  {'leaked':>6}")
    for part in sorted(TRIED):
        write(f"{part:<{width}}  {TRIED[part]:>7}  {LEAKED[part]:>6}")
