"""Send the reminders that are due. See docs/reminders.md.

    python manage.py run_reminders            # keeps running; stops on SIGTERM or Ctrl-C
    python manage.py run_reminders --once     # sends what is due now, then exits (cron)
"""

import os
import signal
import socket
import threading

from django.core.management.base import BaseCommand

from samenplan.reminders.sending import process_due


class Command(BaseCommand):
    help = "Send the reminders that are due (check-ins between consults)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="Send what is due now, then exit (for cron).")
        parser.add_argument("--interval", type=float, default=60.0,
                            help="Seconds between two looks at the database (default 60).")
        parser.add_argument("--worker", default=f"{socket.gethostname()}:{os.getpid()}",
                            help="The name this worker claims reminders with.")

    def handle(self, *args, once=False, interval=60.0, worker="", **options):
        if once:
            self.stdout.write(f"{process_due(worker)} sent")
            return
        stop = threading.Event()

        def ask_to_stop(signum, frame):
            stop.set()

        previous = signal.signal(signal.SIGTERM, ask_to_stop)
        try:
            while not stop.is_set():
                sent = process_due(worker)
                if sent:
                    self.stdout.write(f"{sent} sent")
                # Sleeps, but wakes at once on SIGTERM; a send in progress is finished.
                stop.wait(interval)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write("stopped")
