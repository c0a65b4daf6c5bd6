"""The load test (issue 10): locust against gunicorn on PostgreSQL, with the budgets.

    .venv/bin/python bench/loadtest.py --database-url URL [--users 50] [--duration 5m]
        [--max-duration 30s] [--max-users 10] [--warmup 15s] [--workers 5]

The database at URL must be seeded already (`manage.py seed_bench --patients N`, or
`load_demo --patients N`). The script picks people from it by role, not by e-mail address:
patients (active patient memberships on active plans), naasten, providers with up to 20
of their plans, and plans with a year of data (a logbook entry or measurement older than
330 days) for the FHIR apps and the booklets. It logs them in by writing their sessions
as Client.force_login does (providers with a confirmed second factor, made if they have
none), gives the apps access tokens as `manage.py issue_token` does, and passes all of it
to bench/locustfile.py in a JSON file. It starts gunicorn with bench.settings (production
settings, plus the minimal view /bench/ceiling/) on a free port of 127.0.0.1, and runs
locust headless, once, in phases:

- warm-up (15 s, not reported): the mixed load, while the workers load their code,
  templates and database connections;
- mixed (5 min): 50 people at once, each waiting 1 to 5 s between clicks: patients
  (their plan overview most, logbook, adding a logbook entry through the form, agenda,
  measurements), naasten (overview and logbook), providers (Mijn patiënten, consult
  view), FHIR apps (reads, searches, $everything) and now and then a booklet. Per page:
  requests per second, p50/p95/p99 and failures. The budgets are measured here;
- throughput (30 s per page): 10 users asking for one page again and again without
  waiting, for the minimal view, the plan overview, logbook, consult view, Mijn
  patiënten and $everything: the most requests per second each page gets, and that as a
  share of the minimal view's, measured in the same run. Between phases the users finish
  their request and the server gets a pause, so no phase inherits the one before's work.

With the defaults the whole run takes about 9 minutes; --duration 1m --max-duration 10s
--warmup 5s takes 2. It prints a markdown table per phase and one of the budgets, checks
that every logbook POST counted as saved is a new row, says how busy the CPUs were (on two
cores another test run on the machine changes every figure), stops gunicorn (also on
Ctrl-C), and exits 1 if any request failed or the logbook rows do not match.
"""

import argparse
import csv
import json
import os
import random
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# A run may leave a session or token unused longer than a person would (a provider is in
# the mixed phase, then waits for the throughput phases): give them time enough. What the
# app checks per request is the same.
LONG_ENOUGH = str(2 * 60 * 60)
SAMPLE = {"patients": 500, "naasten": 200, "providers": 50, "plans_per_provider": 20,
          "apps": 100, "booklets": 20}
# (budget, page, statistic, limit in ms): measured in the mixed phase.
BUDGETS = [
    ("plan overview p95 < 150 ms", "plan overview", "95%", 150),
    ("plan overview (naaste) p95 < 150 ms", "plan overview (naaste)", "95%", 150),
    ("consult view p95 < 250 ms", "consult view", "95%", 250),
    ("`$everything` (a year of data) p95 < 300 ms", "FHIR $everything", "95%", 300),
    ("booklet < 3 s (slowest)", "booklet PDF", "Max Response Time", 3000),
]
OVERVIEW_SHARE = 0.40  # of the minimal view's throughput


def seconds(text):
    """'90', '90s' or '5m' in seconds."""
    found = re.fullmatch(r"(\d+)\s*([sm]?)", text.strip())
    if not found:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (say 90, 90s or 5m)")
    return int(found.group(1)) * (60 if found.group(2) == "m" else 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="a seeded PostgreSQL database")
    parser.add_argument("--users", type=int, default=50, help="people at once, mixed phase")
    parser.add_argument("--duration", type=seconds, default=300, help="of the mixed phase")
    parser.add_argument("--max-users", type=int, default=10,
                        help="users without think time, throughput phases")
    parser.add_argument("--max-duration", type=seconds, default=30,
                        help="of each throughput phase")
    parser.add_argument("--warmup", type=seconds, default=15)
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1,
                        help="gunicorn sync workers (default: 2 x cores + 1)")
    args = parser.parse_args()

    # The harness and gunicorn share these: the session hash needs the same SECRET_KEY.
    os.environ.update(DJANGO_SETTINGS_MODULE="bench.settings", DEBUG="0",
                      DATABASE_URL=args.database_url, SESSION_COOKIE_AGE=LONG_ENOUGH,
                      PROVIDER_IDLE_SECONDS=LONG_ENOUGH, OAUTH_ACCESS_TOKEN_SECONDS=LONG_ENOUGH)
    if not os.environ.get("SECRET_KEY"):
        os.environ["SAMENPLAN_ALLOW_INSECURE_KEY"] = "1"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("The load test runs on PostgreSQL: give --database-url postgres://...")

    folder = Path(tempfile.mkdtemp(prefix="samenplan-load-"))
    data = prepare(args, folder)
    before = counts(data)
    print(describe_data(args), flush=True)
    connection.close()  # the harness's own connection waits idle until the end otherwise
    busy = others_busy()
    if busy:
        print("Warning: busy on this machine before the start (the figures suffer): "
              + ", ".join(busy))
    cpu = CpuUse()
    try:
        with gunicorn(args, folder) as base_url:
            run_locust(args, base_url, folder)
    finally:
        forget_sessions(data)
    cpu.stop()
    stats = read_stats(folder)
    spans = json.loads((folder / "spans.json").read_text())
    failures = report(args, stats, spans, folder)
    failures += check_writes(stats, before, counts(data))
    print(cpu)
    print(f"\nlocust's CSV files and the logs: {folder}")
    sys.exit(1 if failures else 0)


# --- who takes part -------------------------------------------------------------------------

def login_session(user):
    """A session as Client.force_login leaves it, with the second factor verified for
    whoever has an authenticator app; a provider without one gets one (they need it)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from samenplan.accounts.queries import confirmed_totp_device

    session = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # What a real login records: axes' backend only guards, ModelBackend logs in.
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = confirmed_totp_device(user)
    if device is None and user.is_provider:
        device = TOTPDevice.objects.create(user=user, name="Load test", confirmed=True)
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def prepare(args, folder):
    """The pools of people for bench/locustfile.py, logged in, in folder/data.json."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from samenplan.fhirapi import ids
    from samenplan.fhirapi.management.commands.issue_token import Command as IssueToken
    from samenplan.health.models import LogEntry, Measurement
    from samenplan.plans.actions import Actor
    from samenplan.plans.constants import PlanStatus, Role
    from samenplan.plans.models import Membership
    from samenplan.plans.sections import PARTS, may_read

    rng = random.Random(2026)  # the same people each run on the same data
    active = Membership.objects.filter(removed_at=None, plan__status=PlanStatus.ACTIVE,
                                       user__is_active=True).select_related("user")

    def sample(queryset, size):
        keys = list(queryset.order_by("pk").values_list("pk", flat=True))
        return list(queryset.filter(pk__in=rng.sample(keys, min(size, len(keys)))))

    patients = active.filter(role=Role.PATIENT)
    year_ago = timezone.now() - timedelta(days=330)
    full = patients.filter(
        Exists(LogEntry.objects.filter(plan=OuterRef("plan"), occurred_at__lte=year_ago))
        | Exists(Measurement.objects.filter(plan=OuterRef("plan"), measured_at__lte=year_ago)))
    if not full.exists():
        print("No plan has a year of data: the FHIR apps and booklets use any plan.")
        full = patients
    naasten = sample(active.filter(role=Role.NAASTE), SAMPLE["naasten"])
    provider_ids = sorted(set(active.filter(role=Role.PROVIDER).values_list("user_id",
                                                                            flat=True)))
    providers = []
    for user_id in rng.sample(provider_ids, min(SAMPLE["providers"], len(provider_ids))):
        theirs = [m for m in active.filter(role=Role.PROVIDER, user_id=user_id)
                  if any(may_read(m, part) for part in PARTS)]
        if theirs:
            plans = rng.sample(theirs, min(SAMPLE["plans_per_provider"], len(theirs)))
            providers.append({"session": login_session(theirs[0].user),
                              "plans": [m.plan_id for m in plans]})
    token = IssueToken()
    data = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "parts": list(PARTS),
        "patients": [{"session": login_session(m.user), "plan": m.plan_id}
                     for m in sample(patients, SAMPLE["patients"])],
        "naasten": [{"session": login_session(m.user), "plan": m.plan_id,
                     "logbook": may_read(m, "logbook")} for m in naasten],
        "providers": providers,
        "apps": [{"token": token.issue(Actor(m.user, m), ["patient/*.read"]),
                  "patient": ids.make(m.plan_id)} for m in sample(full, SAMPLE["apps"])],
        "booklets": [{"session": login_session(m.user), "plan": m.plan_id}
                     for m in sample(full, SAMPLE["booklets"])],
        "phases": {"warmup": args.warmup, "users": args.users, "mixed": args.duration,
                   "max": args.max_duration, "max_users": args.max_users},
        "spans": str(folder / "spans.json"),
    }
    (folder / "data.json").write_text(json.dumps(data))
    return data


def counts(data):
    """The rows that the load test adds: logbook entries (in the sampled patients' plans)
    and audit events."""
    from samenplan.audit.models import AuditEvent
    from samenplan.health.models import LogEntry

    plans = [person["plan"] for person in data["patients"]]
    return {"log entries": LogEntry.objects.filter(plan_id__in=plans).count(),
            "audit events": AuditEvent.objects.count()}


def forget_sessions(data):
    """Log everyone out again: their sessions and the apps' tokens go (the data file in
    the temporary folder opens nothing any more)."""
    import hashlib

    from django.contrib.sessions.models import Session
    from oauth2_provider.models import get_access_token_model

    keys = [person["session"] for pool in ("patients", "naasten", "providers", "booklets")
            for person in data[pool]]
    Session.objects.filter(session_key__in=keys).delete()
    # django-oauth-toolkit finds a token by its SHA-256 (it stores no more).
    checksums = [hashlib.sha256(app["token"].encode()).hexdigest() for app in data["apps"]]
    get_access_token_model().objects.filter(token_checksum__in=checksums).delete()


def describe_data(args):
    from django.db.models import Count

    from samenplan.health.models import LogEntry, Measurement
    from samenplan.plans.constants import PlanStatus, Role
    from samenplan.plans.models import Membership, Plan

    members = dict(Membership.objects.filter(removed_at=None).values_list("role")
                   .annotate(n=Count("user_id", distinct=True)))
    return (f"Data: {Plan.objects.filter(status=PlanStatus.ACTIVE).count():,} active plans, "
            f"{members.get(Role.PATIENT, 0):,} patients, {members.get(Role.NAASTE, 0):,} "
            f"naasten, {members.get(Role.PROVIDER, 0):,} providers, "
            f"{LogEntry.objects.count():,} logbook entries, "
            f"{Measurement.objects.count():,} measurements. gunicorn: {args.workers} sync "
            f"workers on {os.cpu_count()} cores. locust: {args.users} users "
            f"{args.duration} s mixed, then {args.max_users} users {args.max_duration} s "
            "per page.")


# --- the server and the load ---------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(args, folder):
    """gunicorn with bench.settings on a free port; stopped (gracefully, SIGTERM) however
    the block ends. Sync workers: one request at a time per process, as in production.

    By default 2 x cores + 1, gunicorn's own rule: 5 here. A page is mostly Python, but a
    booklet holds its worker for seconds and a year of FHIR for a few hundred ms, and a
    sync worker that holds one request makes the next wait in the queue, however idle the
    cores. With 3 workers the mixed phase's short pages had a p95 four times their p50 (the
    overview 180 against 40 ms); with 6 it was 85 ms, at the same throughput (runs of
    2026-12-01 on the seeded care group, docs/performance.md)."""
    port = free_port()
    log = folder / "gunicorn.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "samenplan.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--worker-class", "sync", "--timeout", "60", "--error-logfile", str(log)],
        cwd=PROJECT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, base_url + "/bench/ceiling/", log)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(server, url, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at its start:\n{log.read_text()[-3000:]}")
        try:
            # The minimal view redirects nobody: 200 when the app is up.
            with urllib.request.urlopen(url, timeout=5) as answer:  # nosec B310 (our own)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


def run_locust(args, base_url, folder):
    total = args.warmup + args.duration + 6 * (args.max_duration + 2)
    print(f"Running locust for about {total / 60:.1f} minutes (log: {folder}/locust.log)...",
          flush=True)
    env = {**os.environ, "SAMENPLAN_BENCH_DATA": str(folder / "data.json")}
    with open(folder / "locust.log", "w", encoding="utf-8") as log:
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(PROJECT / "bench" / "locustfile.py"),
             "--headless", "--host", base_url, "--csv", str(folder / "locust"),
             "--only-summary", "--stop-timeout", "60"],
            cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            locust.wait()
        finally:
            if locust.poll() is None:
                locust.terminate()
                locust.wait()
    # locust exits 1 when a request failed; that is reported below. Without its
    # figures there is nothing to report.
    if not (folder / "locust_stats.csv").exists() or not (folder / "spans.json").exists():
        sys.exit(f"locust did not finish:\n{(folder / 'locust.log').read_text()[-3000:]}")


# --- the machine ---------------------------------------------------------------------------

def others_busy(seconds=2):
    """Processes keeping the CPU busy before the start (another test run, say): on two
    cores they take what the load test measures."""
    import psutil

    processes = list(psutil.process_iter(["name"]))
    for process in processes:
        try:
            process.cpu_percent(None)
        except psutil.Error:
            pass
    time.sleep(seconds)
    busy = []
    for process in processes:
        try:
            share = process.cpu_percent(None)
        except psutil.Error:
            continue
        if share >= 10 and process.pid != os.getpid():
            busy.append(f"{process.info['name']} ({process.pid}) {share:.0f}%")
    return busy


class CpuUse:
    """How busy the machine's CPUs were during the run, and how much of it was gunicorn
    and locust (children of this script); the rest is PostgreSQL and anything else."""

    def __init__(self):
        import psutil

        self.psutil = psutil
        psutil.cpu_percent(None)
        self.started = time.monotonic()
        self.children = self._children()

    @staticmethod
    def _children():
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def stop(self):
        # Both have ended (and gunicorn has reaped its workers), so their CPU time is in.
        self.busy = self.psutil.cpu_percent(None)
        elapsed = time.monotonic() - self.started
        self.ours = 100 * (self._children() - self.children) / elapsed / os.cpu_count()

    def __str__(self):
        return (f"CPU of the {os.cpu_count()} cores during the run: {self.busy:.0f}% busy, of "
                f"which gunicorn and locust {self.ours:.0f}%, PostgreSQL and anything else "
                f"{max(self.busy - self.ours, 0):.0f}%.")


# --- the report ----------------------------------------------------------------------------

def read_stats(folder):
    with open(folder / "locust_stats.csv", encoding="utf-8") as file:
        return {row["Name"]: row for row in csv.DictReader(file) if row["Name"] != "Aggregated"}


def ms(row, column):
    value = row.get(column, "N/A")
    return "–" if value in ("N/A", "") else f"{float(value):,.0f}"


def rate(row, spans):
    """Requests per second while this page was being asked for."""
    first, last = spans[row["Name"]]
    return int(row["Request Count"]) / max(last - first, 1e-3)


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def report(args, stats, spans, folder):
    """Print the tables; return how many requests failed."""
    mixed = {name: row for name, row in stats.items()
             if not name.startswith(("warm-up: ", "max: "))}
    print(f"\n### Mixed: {args.users} users, 1–5 s between clicks, {args.duration} s\n")
    print(table(["page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                 "failures"],
                [[name, row["Request Count"], f"{rate(row, spans):.1f}", ms(row, "50%"),
                  ms(row, "95%"), ms(row, "99%"), ms(row, "Max Response Time"),
                  row["Failure Count"]] for name, row in sorted(mixed.items())]))

    throughput = {name.removeprefix("max: "): (row, rate(row, spans))
                  for name, row in stats.items() if name.startswith("max: ")}
    ceiling = throughput.get("minimal view", (None, 0))[1]
    print(f"\n### Throughput: {args.max_users} users, no think time, "
          f"{args.max_duration} s per page\n")
    print(table(["page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "failures",
                 "share of minimal view"],
                [[name, row["Request Count"], f"{per_second:.1f}", ms(row, "50%"),
                  ms(row, "95%"), ms(row, "99%"), row["Failure Count"],
                  f"{per_second / ceiling:.0%}" if ceiling else "–"]
                 for name, (row, per_second) in throughput.items()]))

    failed = sum(int(row["Failure Count"]) for row in stats.values())
    rows = []
    for budget, page, column, limit in BUDGETS:
        row = mixed.get(page)
        if row is None or row.get(column) in (None, "", "N/A"):
            rows.append([budget, "not measured", "–"])
            continue
        value = float(row[column])
        verdict = (f"holds ({limit - value:,.0f} ms to spare)" if value < limit else
                   f"misses by {value - limit:,.0f} ms ({value / limit:.2f}× the budget)")
        rows.append([budget, f"{value:,.0f} ms", verdict])
    rows.append(["zero errors", f"{failed} failed of "
                 f"{sum(int(r['Request Count']) for r in stats.values())}",
                 "holds" if not failed else "misses"])
    overview = throughput.get("plan overview", (None, 0))[1]
    if ceiling:
        share = overview / ceiling
        rows.append([f"plan overview ≥ {OVERVIEW_SHARE:.0%} of the minimal view's req/s",
                     f"{share:.0%} ({overview:.0f} of {ceiling:.0f} req/s)",
                     "holds" if share >= OVERVIEW_SHARE else
                     f"misses by {OVERVIEW_SHARE - share:.0%} points"])
    print("\n### Budgets\n")
    print(table(["budget", "measured", "result"], rows))
    if failed:
        print("\nFailures:")
        with open(folder / "locust_failures.csv", encoding="utf-8") as file:
            for row in csv.DictReader(file):
                print(f"- {row['Occurrences']}× {row['Name']}: {row['Error'][:200]}")
    # An error in the locustfile itself (a page that is not what it expects) stops the
    # task before locust counts the request: it is an error of the run all the same.
    with open(folder / "locust_exceptions.csv", encoding="utf-8") as file:
        errors = list(csv.DictReader(file))
    for row in errors:
        print(f"- {row['Count']}× error in the locustfile: {row['Message'][:200]}")
    return failed + sum(int(row["Count"]) for row in errors)


def check_writes(stats, before, after):
    """That the load was real: every logbook POST that locust counted as saved is a new
    row. Returns 1 if not."""
    posted = sum(int(row["Request Count"]) - int(row["Failure Count"])
                 for name, row in stats.items() if name.endswith("logbook entry (POST)"))
    added = after["log entries"] - before["log entries"]
    print(f"\nLogbook entries saved according to locust: {posted}; new rows: {added}. "
          f"Audit events written: {after['audit events'] - before['audit events']:,}.")
    if posted != added:
        print("The logbook POSTs and the new rows do not match.")
        return 1
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # gunicorn and locust are stopped on the way out
        sys.exit(130)
