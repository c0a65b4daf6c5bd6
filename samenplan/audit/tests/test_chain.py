"""The audit log is append-only and tamper-evident (NEN 7513): every row is numbered and
carries an HMAC over its content and the previous row's HMAC; `verify_audit` finds a
changed, a removed and an inserted row; on PostgreSQL a trigger refuses UPDATE and
DELETE; pruning after the retention period keeps the rest verifiable."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from samenplan.audit.actions import client_address, do_record_event, prune_before, verify_chain
from samenplan.audit.models import GENESIS, AppendOnly, AuditAnchor, AuditEvent

pytestmark = pytest.mark.django_db
TABLE = AuditEvent._meta.db_table
on_postgresql = pytest.mark.skipif("connection.vendor != 'postgresql'")


def record(count, section="logbook"):
    return [do_record_event(None, AuditEvent.READ, section) for _ in range(count)]


@contextmanager
def as_someone_with_database_access():
    """Raw SQL past the app, as an attacker or a careless DBA would; on PostgreSQL with
    triggers switched off (only a superuser can), to see that verify_audit still tells."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        yield cursor


def verify_exit_code():
    try:
        call_command("verify_audit")
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_events_form_a_chain_that_verifies():
    events = record(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert verify_chain() == []
    assert verify_exit_code() == 0


def test_the_app_cannot_change_or_remove_an_event():
    [event] = record(1)
    event.section = "goals"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update(section="goals")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().section == "logbook"


@on_postgresql
@pytest.mark.parametrize("sql", [f"UPDATE {TABLE} SET section = 'goals'",  # noqa: S608
                                 f"DELETE FROM {TABLE}"])  # noqa: S608
def test_on_postgresql_a_trigger_refuses_update_and_delete(sql):
    record(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.filter(section="logbook").count() == 2


def test_verify_audit_finds_a_changed_row():
    events = record(4)
    with as_someone_with_database_access() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET object_id = '99' WHERE id = %s",  # noqa: S608
                       [events[1].pk])
    problems = verify_chain()
    assert [(p.seq, "changed" in p.what) for p in problems] == [(2, True)]
    assert verify_exit_code() == 1


def test_verify_audit_finds_a_removed_row():
    events = record(4)
    with as_someone_with_database_access() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].pk])  # noqa: S608
    problems = verify_chain()
    assert [(p.seq, "removed" in p.what) for p in problems] == [(3, True)]
    assert verify_exit_code() == 1


def test_verify_audit_finds_an_inserted_row():
    events = record(3)
    last = events[-1]
    with as_someone_with_database_access() as cursor:
        # A made-up row at the end, linked to the last one, with a hash of its own making.
        cursor.execute(
            f"INSERT INTO {TABLE} (at, kind, role, organisation, section, object_id, seq, "  # noqa: S608
            "prev_hash, hash) VALUES (%s, 'read', '', '', 'logbook', '', %s, %s, %s)",
            [timezone.now(), last.seq + 1, last.hash, "f" * 64])
    problems = verify_chain()
    assert [(p.seq, "put in afterwards" in p.what) for p in problems] == [(4, True)]
    assert verify_exit_code() == 1


def test_a_row_copied_under_a_new_number_does_not_verify():
    events = record(2)
    copy = events[1]
    with as_someone_with_database_access() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (at, kind, role, organisation, section, object_id, seq, "  # noqa: S608
            "prev_hash, hash) VALUES (%s, %s, '', '', %s, '', %s, %s, %s)",
            [copy.at, copy.kind, copy.section, 3, copy.prev_hash, copy.hash])
    assert [p.seq for p in verify_chain()] == [3]


def old_events(count, days_ago):
    """Events written long ago, in a proper chain (no way through the app to write them)."""
    prev_hash, first = GENESIS, AuditEvent.objects.count() + 1
    for seq in range(first, first + count):
        event = AuditEvent(kind=AuditEvent.READ, section="logbook", seq=seq,
                           prev_hash=prev_hash, at=timezone.now() - timedelta(days=days_ago))
        event.hash = event.compute_hash()
        event.save()
        prev_hash = event.hash


def test_pruning_after_the_retention_period_keeps_the_chain_verifiable():
    old_events(5, days_ago=6 * 365)
    record(3)
    assert prune_before(timezone.now() - timedelta(days=5 * 365)) == 5
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == [6, 7, 8]
    assert AuditAnchor.objects.get().seq == 5
    assert verify_chain() == []
    record(1)
    assert verify_chain() == []
    call_command("prune_audit")  # nothing older than the retention period is left
    assert AuditEvent.objects.count() == 4


def test_removing_the_anchor_after_pruning_is_found():
    old_events(2, days_ago=6 * 365)
    record(2)
    prune_before(timezone.now() - timedelta(days=5 * 365))
    AuditAnchor.objects.all().delete()
    assert verify_chain()[0].what.startswith("removed")


def test_the_source_address_comes_from_the_proxy_header_when_one_is_set(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request) == "10.0.0.1"
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    assert client_address(request) == "203.0.113.7"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
