"""Writing audit events. Callers run this inside the same transaction as the change, so
the change and its event are saved together or not at all."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from .models import GENESIS, AuditAnchor, AuditEvent

# Any number: the PostgreSQL advisory lock that puts audit events in one line.
CHAIN_LOCK = 7513


def _lock_chain():
    """One writer at a time adds to the chain, until its transaction ends; otherwise two
    requests could both link to the same previous row. SQLite allows one writer anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def _chain_end():
    """The number and HMAC of the newest row, or of the anchor left by pruning."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    if last is None:
        anchor = AuditAnchor.objects.values_list("seq", "hash").first()
        last = anchor or (0, GENESIS)
    return last


def _organisation(user, membership):
    if membership is None or membership.role != "provider":
        return ""
    return ", ".join(sorted(user.organisations.values_list("name", flat=True)))


def _on_behalf_of(kind, membership):
    """A naaste who may act for the patient and writes: on the patient's behalf."""
    if (membership is None or membership.role != "naaste" or not membership.may_act_for_patient
            or kind not in (AuditEvent.CREATE, AuditEvent.UPDATE, AuditEvent.DELETE)):
        return None
    return membership.plan.memberships.filter(role="patient").values_list(
        "user_id", flat=True).first()


@transaction.atomic
def do_record_event(user, kind, section, *, plan=None, plan_id=None, membership=None, obj=None,
                    source=None):
    return do_record_sections(user, kind, [section], plan=plan, plan_id=plan_id,
                              membership=membership, obj=obj, source=source)[0]


@transaction.atomic
def do_record_sections(user, kind, sections, *, plan=None, plan_id=None, membership=None,
                       obj=None, source=None):
    """One event per section, written in one insert: for a read of many parts of one plan
    at once (the FHIR API's $everything)."""
    if not sections:
        return []
    user = user if user is not None and user.is_authenticated else None
    _lock_chain()
    seq, prev_hash = _chain_end()
    role = membership.role if membership is not None else ""
    organisation = _organisation(user, membership) if user else ""
    on_behalf_of_id = _on_behalf_of(kind, membership)
    events = []
    for section in sections:
        seq += 1
        event = AuditEvent(
            kind=kind, user=user, role=role, organisation=organisation,
            on_behalf_of_id=on_behalf_of_id, plan_id=plan.pk if plan is not None else plan_id,
            section=section, object_id=str(obj.pk) if obj is not None else "", source=source,
            seq=seq, prev_hash=prev_hash,
        )
        event.hash = prev_hash = event.compute_hash()
        events.append(event)
    return AuditEvent.objects.bulk_create(events)


@transaction.atomic
def do_record_reads(user, section, memberships, source=None):
    """One READ event per membership's plan, by this user, written in one insert: for a
    list that shows something of many plans at once (a provider's caseload)."""
    if not memberships:
        return
    _lock_chain()
    seq, prev_hash = _chain_end()
    organisation = _organisation(user, memberships[0])
    events = []
    for membership in memberships:
        seq += 1
        event = AuditEvent(kind=AuditEvent.READ, user=user, role=membership.role,
                           organisation=organisation, plan_id=membership.plan_id,
                           section=section, source=source, seq=seq, prev_hash=prev_hash)
        event.hash = prev_hash = event.compute_hash()
        events.append(event)
    AuditEvent.objects.bulk_create(events)


def client_address(request):
    """Where the request came from: behind a proxy, the header it puts the client in."""
    header = settings.CLIENT_ADDRESS_HEADER
    return (header and request.META.get(header)) or request.META.get("REMOTE_ADDR") or None


# --- verifying and pruning the chain -----------------------------------------------------

@dataclass
class Problem:
    seq: int
    pk: int | None
    what: str

    def __str__(self):
        where = f"row {self.pk} (number {self.seq})" if self.pk else f"number {self.seq}"
        return f"{where}: {self.what}"


def verify_chain(chunk_size=5000):
    """Every place where the log is not as it was written: a row changed, rows missing, a
    row put in afterwards. An empty list means the chain is whole."""
    anchor = AuditAnchor.objects.first()
    expected, prev_hash = (anchor.seq + 1, anchor.hash) if anchor else (1, GENESIS)
    problems = []
    rows = AuditEvent.objects.order_by("seq", "pk").iterator(chunk_size=chunk_size)
    for event in rows:
        if event.seq < expected:
            problems.append(Problem(event.seq, event.pk, "put in afterwards (its number is "
                                    "already taken)"))
            continue
        if event.seq > expected:
            missing = f"{expected}" if event.seq == expected + 1 else \
                f"{expected} to {event.seq - 1}"
            problems.append(Problem(expected, None, f"removed (number {missing} is missing)"))
        if event.compute_hash() != event.hash:
            problems.append(Problem(event.seq, event.pk, "changed (its content does not "
                                    "match its HMAC), or put in afterwards"))
        elif event.prev_hash != prev_hash and event.seq == expected:
            problems.append(Problem(event.seq, event.pk, "does not link to the row before "
                                    "it: a row before it was changed or replaced"))
        expected, prev_hash = event.seq + 1, event.hash
    return problems


@transaction.atomic
def prune_before(cutoff):
    """Remove the events older than `cutoff` (the retention period), oldest first, and
    leave an anchor so that the rest of the chain still verifies. Returns how many."""
    _lock_chain()
    last_old = (AuditEvent.objects.filter(at__lt=cutoff).order_by("-seq")
                .values_list("seq", "hash").first())
    if last_old is None:
        return 0
    seq, hash_ = last_old
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The trigger that refuses deletes lets this one transaction through.
            cursor.execute("SET LOCAL samenplan.audit_prune = 'on'")
        # The table is the model's own name, not input; seq is a parameter.
        cursor.execute("DELETE FROM {} WHERE seq <= %s".format(  # noqa: S608, UP032  # nosec B608
            connection.ops.quote_name(table)), [seq])
        removed = cursor.rowcount
    AuditAnchor.objects.create(seq=seq, hash=hash_, removed=removed)
    return removed
