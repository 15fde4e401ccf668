"""Real concurrency for the PostgreSQL tests: threads with their own database
connections (Django keeps one per thread), started together by a barrier."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def in_parallel(count: int, work, expected: dict[type[Exception], str]) -> list[tuple[str, object]]:
    """Run ``work(i)`` in ``count`` threads at once; ``[(outcome, value)]``.

    ``outcome`` is ``"ok"`` with the result, the name ``expected`` gives the
    first exception class the error is an instance of, or ``"error"`` (the
    test reports it with its type). Each thread closes its connection.
    """
    barrier = threading.Barrier(count)

    def run(i: int) -> tuple[str, object]:
        try:
            barrier.wait(timeout=30)
            return "ok", work(i)
        except Exception as exc:
            name = next((n for cls, n in expected.items() if isinstance(exc, cls)), "error")
            return name, exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count), timeout=120))
