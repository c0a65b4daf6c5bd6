"""`manage.py verify_audit`: check the audit log's hash chain; exit 1 if it is broken."""

from django.core.management.base import BaseCommand

from samenplan.audit.actions import verify_chain
from samenplan.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check that no audit event was changed, removed or put in afterwards."

    def handle(self, *args, **options):
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            self.stderr.write(f"The audit log is NOT intact: {len(problems)} problem(s).")
            raise SystemExit(1)
        self.stdout.write(f"The audit log is intact: {AuditEvent.objects.count()} events.")
