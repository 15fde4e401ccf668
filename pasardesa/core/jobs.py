"""Scheduled jobs, discovered the way the admin discovers ``admin.py``.

Each app that has periodic work keeps it in its own ``jobs.py`` and registers
each sweep with :func:`job`; ``manage.py run_jobs`` imports every installed
app's ``jobs`` module and runs what registered, so core knows no domain. A job
is a callable without arguments that returns how many things it did, and must
be safe when two runners run it at once (each row locked and re-checked in its
own transaction).

Core's own sweep lives here too: idempotency keys older than a week are pruned
(a retried form comes back within minutes, never a week later).
"""

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from pasardesa.core.models import IdempotencyKey

Job = Callable[[], int]
_registry: dict[str, Job] = {}

KEEP_IDEMPOTENCY_KEYS = datetime.timedelta(days=7)


def job(function: Job) -> Job:
    """Register ``function`` as a scheduled job, under its own name."""
    _registry[function.__name__] = function
    return function


def discover() -> dict[str, Job]:
    """Every registered job, by name, in the order of INSTALLED_APPS."""
    autodiscover_modules("jobs")
    return dict(_registry)


class JobsFailed(Exception):
    """Some jobs raised; the others ran. ``results`` holds what those did and
    ``failures`` each failed job's exception, by name."""

    def __init__(self, results: dict[str, int], failures: dict[str, Exception]):
        super().__init__(", ".join(f"{name}: {exc!r}" for name, exc in failures.items()))
        self.results, self.failures = results, failures


def run_all() -> dict[str, int]:
    """Run every job once; returns what each did. A job that raises does not
    keep the others from running: they all run, then ``JobsFailed`` says which
    failed."""
    results: dict[str, int] = {}
    failures: dict[str, Exception] = {}
    for name, function in discover().items():
        try:
            results[name] = function()
        except Exception as exc:  # reported after the others ran
            failures[name] = exc
    if failures:
        raise JobsFailed(results, failures)
    return results


@job
def prune_idempotency_keys(*, now: datetime.datetime | None = None) -> int:
    """Forget idempotency keys older than a week; returns how many went."""
    cutoff = (now or timezone.now()) - KEEP_IDEMPOTENCY_KEYS
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
