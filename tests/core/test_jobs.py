"""Scheduled jobs are discovered from each app's jobs.py; core prunes old keys."""

import datetime
import uuid

import pytest
from django.utils import timezone

from pasardesa.core import jobs
from pasardesa.core.models import IdempotencyKey

pytestmark = pytest.mark.django_db


def test_every_apps_jobs_are_discovered_in_app_order():
    # When the jobs are discovered
    found = jobs.discover()
    # Then core's sweep comes first, then the catalogue's, then the orders
    # app's, each by its name
    assert list(found) == [
        "prune_idempotency_keys",
        "prune_pending_photos",
        "expire_orders",
        "expire_offers",
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
