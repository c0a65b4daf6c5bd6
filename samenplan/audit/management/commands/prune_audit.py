"""`manage.py prune_audit`: remove audit events older than the retention period
(AUDIT_RETENTION_YEARS, default 5), keeping the rest of the chain verifiable."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samenplan.audit.actions import prune_before


class Command(BaseCommand):
    help = "Remove audit events older than the retention period; the chain stays verifiable."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=365.25 * settings.AUDIT_RETENTION_YEARS)
        removed = prune_before(cutoff)
        self.stdout.write(f"Removed {removed} audit events from before {cutoff:%Y-%m-%d}.")
