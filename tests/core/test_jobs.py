"""Scheduled jobs are discovered from each app's jobs.py; core prunes old keys."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from pasardesa.core import jobs
from pasardesa.core.models import IdempotencyKey

pytestmark = pytest.mark.django_db


def test_every_apps_jobs_are_discovered_in_app_order():
    # When the jobs are discovered
    found = jobs.discover()
    # Then core's sweep comes first, then the catalogue's, the orders app's
    # and the payments app's, each by its name
    assert list(found) == [
        "prune_idempotency_keys",
        "prune_pending_photos",
        "expire_orders",
        "expire_offers",
        "cancel_unpaid",
        "cancel_unsent",
        "release_due",
        "grant_unanswered_complaints",
        "apply_unappealed_decisions",
        "refund_undecided_complaints",
    ]


def test_keys_older_than_a_week_are_pruned_and_newer_ones_kept():
    # Given a key of eight days ago and one of six days ago
    now = timezone.now()
    old = IdempotencyKey.objects.create(scope="orders.place_checkout:anon", key=uuid.uuid4())
    recent = IdempotencyKey.objects.create(scope="orders.place_checkout:anon", key=uuid.uuid4())
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=8))
    IdempotencyKey.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=6))
    # When the job runs (twice: the second finds nothing)
    assert jobs.prune_idempotency_keys(now=now) == 1
    assert jobs.prune_idempotency_keys(now=now) == 0
    # Then only the recent key is left
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_failing_job_does_not_keep_the_others_from_running(monkeypatch):
    # Given a round of three jobs whose middle one breaks
    ran = []

    def first():
        ran.append("first")
        return 1

    def broken():
        raise RuntimeError("database went away")

    def last():
        ran.append("last")
        return 2

    monkeypatch.setattr(jobs, "discover", lambda: {"first": first, "broken": broken, "last": last})
    # When the round runs
    with pytest.raises(jobs.JobsFailed) as caught:
        jobs.run_all()
    # Then the jobs after the broken one still ran, and the failure names it
    assert ran == ["first", "last"]
    assert caught.value.results == {"first": 1, "last": 2}
    assert list(caught.value.failures) == ["broken"]
    assert "database went away" in str(caught.value)


def test_run_jobs_once_reports_what_ran_and_fails_loudly(monkeypatch):
    def broken():
        raise RuntimeError("database went away")

    monkeypatch.setattr(jobs, "discover", lambda: {"ok_job": lambda: 3, "broken": broken})
    out = io.StringIO()
    # When cron runs one round and a job breaks
    with pytest.raises(jobs.JobsFailed):
        call_command("run_jobs", "--once", stdout=out)
    # Then what did run is still reported before the failure
    assert out.getvalue().strip() == "ok_job: 3"
