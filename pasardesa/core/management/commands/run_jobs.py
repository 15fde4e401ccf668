"""The scheduled jobs of the embedded default, in one plain loop: every
installed app's ``jobs.py`` (see ``pasardesa.core.jobs``).

``make run`` starts it next to the web server; in production run it once per
site (or from cron with ``--once``). Every job is safe in two processes at once,
so a second copy does no harm.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from pasardesa.core.jobs import JobsFailed, run_all

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduled jobs of every app (its jobs.py) every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between runs (default 60)."
        )

    def handle(self, *args, once: bool = False, interval: int = 60, **options):
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            if not once:
                # A long-lived loop: drop connections past CONN_MAX_AGE or broken
                # (a restarted database), as Django does around each request.
                close_old_connections()
            try:
                results = run_all()
            except JobsFailed as failed:
                self._report(failed.results, once)
                # A database hiccup must not end the loop: log it, try next time.
                if once:
                    raise
                for name, exc in failed.failures.items():
                    logger.error(
                        "run_jobs: %s failed; trying again in %s s",
                        name,
                        interval,
                        exc_info=exc,
                    )
            else:
                self._report(results, once)
            if once or stop.wait(max(1, interval)):
                break

    def _report(self, results: dict[str, int], once: bool) -> None:
        # Every run when asked once; in the loop only when a job did something.
        if once or any(results.values()):
            self.stdout.write(", ".join(f"{name}: {count}" for name, count in results.items()))
