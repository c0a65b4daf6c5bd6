"""`manage.py seed_bench --patients 10000`: the benchmark database of issue 10. See
samenplan/plans/bench_seed.py for what it holds, and docs/performance.md for its use."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from samenplan.plans import bench_seed


class Command(BaseCommand):
    help = "Fill the database with a care group at full size, for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=10000)

    def handle(self, *args, patients, **options):
        if patients < 1:
            raise CommandError("--patients must be 1 or more.")
        if connection.vendor != "postgresql":
            self.stderr.write("Note: the benchmarks run on PostgreSQL; this is "
                              f"{connection.vendor}, which is slower to fill.")
        if bench_seed.is_seeded():
            raise CommandError("This database holds the benchmark care group already. "
                               "Start from an empty database.")
        bench_seed.Seed(patients, self.stdout.write).run()
