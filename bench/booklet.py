"""How long Anna's whole booklet takes to make (issue 6: goal under 3 s on 2 cores).

    make bench-booklet            # or: .venv/bin/python bench/booklet.py [--runs N]

It loads the demo into a new SQLite database in a temporary folder, then makes Anna's
booklet with every part, in each paper and text size, several times, and prints per
variant the median time, its ratio to the goal, and how that time splits between
gathering the plan and its charts (the queries and pygal) and WeasyPrint's layout.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 3.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = tempfile.mkdtemp(prefix="samenplan-bench-")
    os.environ.update(DEBUG="1", DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    import pypdf

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenplan.settings")
    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.http import QueryDict
    from django.template.loader import render_to_string

    from samenplan.booklet import views
    from samenplan.booklet.content import Files, booklet_parts
    from samenplan.plans.actions import Actor
    from samenplan.plans.models import Membership
    from samenplan.plans.sections import PARTS

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    membership = Membership.objects.select_related("user", "plan").get(
        user__email="anna@example.org", role="patient")
    actor = Actor(membership.user, membership, "bench")

    print(f"Anna's whole booklet ({len(PARTS)} parts), median of {runs} runs, "
          f"goal {GOAL_SECONDS:g} s")
    print(f"{'variant':<16}{'pages':>6}{'seconds':>9}{'x goal':>8}{'gather':>8}{'layout':>8}")
    for paper in ("a4", "a5"):
        for letters in ("normaal", "groot"):
            query = QueryDict(mutable=True)
            query.setlist("delen", list(PARTS))
            query.update({"papier": paper, "letters": letters})
            form = views.booklet_form(actor, query)
            assert form.is_valid(), form.errors
            totals, gathers = [], []
            for _ in range(runs):
                start = time.perf_counter()
                parts = booklet_parts(actor, list(PARTS), Files())
                render_to_string("booklet/booklet.html",
                                 views.plan_context(actor, "overview", parts=parts))
                gathers.append(time.perf_counter() - start)
                start = time.perf_counter()
                pdf, _fetcher = views.make_booklet(actor, form)
                totals.append(time.perf_counter() - start)
            total, gather = statistics.median(totals), statistics.median(gathers)
            pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
            print(f"{paper + ' ' + letters:<16}{pages:>6}{total:>9.2f}"
                  f"{total / GOAL_SECONDS:>8.2f}{gather / total:>8.0%}{1 - gather / total:>8.0%}")


if __name__ == "__main__":
    main()
