"""Are the hot queries served by indexes? EXPLAIN ANALYZE on the seeded database (issue 10).

    .venv/bin/python bench/explain.py --database-url postgres://.../samenplan_bench

On a database filled by `seed_bench`, it opens each hot page once as its user would (a
patient with 2,000 logbook entries, their naaste, their provider, an app with a token),
catches every SELECT the page runs, and runs EXPLAIN (ANALYZE, FORMAT JSON) on each. It
prints per page the number of queries, their time in the database and the slowest one,
and lists every sequential scan of a table with more than 10,000 rows: that is a query an
index should serve. It exits with 1 if it finds one, so `make bench` shows it.
"""

import argparse
import json
import os
import sys
from io import StringIO
from pathlib import Path

BIG_TABLE = 10_000  # rows; a sequential scan of a smaller table is cheap and fine


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True, help="a database seeded by seed_bench")
    args = parser.parse_args()
    os.environ.update(DEBUG="0", SAMENPLAN_ALLOW_INSECURE_KEY="1",
                      DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="samenplan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    problems = [line for page in pages() for line in explain(*page)]
    if problems:
        print("\nSequential scans of big tables:")
        print("\n".join(problems))
        sys.exit(1)
    print("\nNo sequential scan of a big table.")


def pages():
    """(name, client, url) of each hot page."""
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from samenplan.conftest import client_for
    from samenplan.plans.constants import Role
    from samenplan.plans.models import Plan

    # The plan with the most logbook entries: the heaviest a page gets.
    plan = Plan.objects.annotate(n=Count("log_entries")).order_by("-n", "pk").first()
    member = {m.role: m.user for m in plan.memberships.filter(removed_at__isnull=True)
              .select_related("user")}
    patient, naaste, provider = member[Role.PATIENT], member.get(Role.NAASTE), member[Role.PROVIDER]
    out = StringIO()
    call_command("issue_token", "--user", patient.email, "--scope", "patient/*.read", stdout=out)
    token = json.loads(out.getvalue())
    app = Client(headers={"Authorization": f"Bearer {token['access_token']}",
                          "Accept": "application/fhir+json"})
    as_patient, as_provider = client_for(patient), client_for(provider)
    plan_pages = ["plans:overview", "plans:goals", "plans:actions", "health:logbook",
                  "health:measurements", "health:agenda", "health:medicines", "health:results"]
    yield from ((f"patient: {name}", as_patient, reverse(name, args=[plan.pk]))
                for name in plan_pages)
    if naaste:
        as_naaste = client_for(naaste)
        for name in ("plans:overview", "health:logbook"):
            yield f"naaste: {name}", as_naaste, reverse(name, args=[plan.pk])
    caseload = reverse("caseload:list")
    for sort in ("naam", "afspraak", "evaluatie", "nieuw"):
        yield f"provider: caseload ({sort})", as_provider, f"{caseload}?sorteer={sort}"
    yield "provider: consult", as_provider, reverse("consult:view", args=[plan.pk])
    patient_id = token["patient"]
    yield "app: $everything", app, f"/fhir/Patient/{patient_id}/$everything"
    yield "app: Observation search", app, f"/fhir/Observation?patient={patient_id}&_count=50"
    yield "app: Appointment search", app, f"/fhir/Appointment?patient={patient_id}"


def explain(name, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as caught:
        response = client.get(url)
    assert response.status_code == 200, f"{name}: {url} gave {response.status_code}"
    total, slowest, scans = 0.0, (0.0, ""), []
    with connection.cursor() as cursor:
        for query in caught.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]
            ms = plan["Execution Time"]
            total += ms
            slowest = max(slowest, (ms, sql))
            scans += [f"  {name}: Seq Scan on {node['Relation Name']} "
                      f"({node.get('Plan Rows', 0):,} rows planned, {ms:.1f} ms): {sql[:300]}"
                      for node in nodes(plan["Plan"])
                      if node["Node Type"] == "Seq Scan" and rows_in(node["Relation Name"])
                      > BIG_TABLE]
    print(f"{name:<34}{len(caught):>4} queries {total:>8.1f} ms in the database, "
          f"slowest {slowest[0]:.1f} ms")
    return scans


def nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def rows_in(table, _cache={}):  # noqa: B006 (a cache on purpose)
    from django.db import connection

    if table not in _cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
            _cache[table] = cursor.fetchone()[0]
    return _cache[table]


if __name__ == "__main__":
    main()
