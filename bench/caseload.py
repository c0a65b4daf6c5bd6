"""How long "Mijn patiënten" takes for a provider with 2,000 patients (issue 8).

    .venv/bin/python bench/caseload.py [--runs N] [--patients N] [--database-url URL]

It loads the demo with a care group of 4,000 patients into a new SQLite database in a
temporary folder (or into the empty database at --database-url), so that each of the
group's two practice nurses has 2,000 plans; Esther Mulder visited half of hers yesterday
(audit log). Then, per order of the list, it times the caseload query for the first page
(count and the 25 rows) and the whole page as her browser gets it (login session, second
factor, the query, the template and the 25 audit events), and counts the queries.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--patients", type=int, default=4000,
                        help="patients in the care group; half are Esther's")
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="samenplan-bench-")
    os.environ.update(DEBUG="1", SAMENPLAN_ALLOW_INSECURE_KEY="1",
                      DATABASE_URL=args.database_url or f"sqlite:///{folder}/bench.sqlite3")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenplan.settings")
    django.setup()
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from samenplan.accounts.models import User
    from samenplan.audit.actions import _chain_end
    from samenplan.audit.models import AuditEvent
    from samenplan.conftest import client_for
    from samenplan.practice.caseload import PAGE_SIZE
    from samenplan.practice.queries import SORTS, filtered_caseload

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", "--patients", str(args.patients), stdout=StringIO())
    loaded = time.perf_counter() - started
    esther = User.objects.get(email="esther@zorggroep-debrug.example.org")
    plan_ids = list(esther.memberships.filter(role="provider").values_list("plan_id", flat=True))
    seq, prev_hash = _chain_end()
    yesterday = timezone.now() - timedelta(days=1)
    visits = []
    for plan_id in plan_ids[::2]:
        seq += 1
        event = AuditEvent(at=yesterday, kind=AuditEvent.READ, user=esther, role="provider",
                           plan_id=plan_id, section="overview", seq=seq, prev_hash=prev_hash)
        event.hash = prev_hash = event.compute_hash()
        visits.append(event)
    AuditEvent.objects.bulk_create(visits)

    client = client_for(esther)
    url = reverse("caseload:list")
    print(f"Demo with {args.patients} patients loaded in {loaded:.1f} s; Esther has "
          f"{len(plan_ids)} plans ({connection.vendor}). Median of {args.runs} runs.")
    print(f"{'order':<12}{'query ms':>10}{'page ms':>10}{'queries':>9}")
    for sort in SORTS:
        query_times, page_times = [], []
        for _run in range(args.runs):
            started = time.perf_counter()
            rows = filtered_caseload(esther, sort=sort)
            rows.count()
            list(rows[:PAGE_SIZE])
            query_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, {"sorteer": sort})
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        print(f"{sort:<12}{statistics.median(query_times) * 1000:>10.0f}"
              f"{statistics.median(page_times) * 1000:>10.0f}{len(queries):>9}")


if __name__ == "__main__":
    main()
