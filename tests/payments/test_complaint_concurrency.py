"""Complaints under real concurrent connections (PostgreSQL): ten taps of one
decision, or a person and the timer at once, settle the money once."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Complaint, ComplaintStatus
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.services import (
    decide_complaint,
    refund_undecided_complaints,
    seller_answer,
)
from tests.orders.parallel import in_parallel
from tests.payments.complaint_factories import by_kind, complain, sent_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EXPECTED = {ValidationError: "refused"}


def test_ten_concurrent_agrees_refund_once():
    # Given an open complaint
    order = sent_order()
    complaint = complain(order)

    # When the seller's "agree" arrives ten times at once
    def agree(i):
        return seller_answer(complaint=complaint, answer="agree", actor=None).pk

    results = in_parallel(10, agree, EXPECTED)

    # Then one takes effect, the others are refused, the buyer is owed it once
    assert Counter(outcome for outcome, _v in results) == {"ok": 1, "refused": 9}, results
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr
    assert ledger_problems() == []


def test_the_region_and_the_timer_at_once_settle_once():
    # Given a complaint waiting for the operator whose 14 days ran out
    order = sent_order()
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Barang baik")
    Complaint.objects.filter(pk=complaint.pk).update(decide_by=timezone.now())

    # When the operator decides while the 14-day timer runs, five times each
    def work(i):
        if i % 2:
            return refund_undecided_complaints(now=timezone.now())
        return decide_complaint(
            complaint=complaint, outcome="release", actor=None, actor_role="pengelola"
        ).pk

    results = in_parallel(10, work, EXPECTED)

    # Then the complaint ends one way, the money moves at most once
    assert "error" not in {outcome for outcome, _v in results}, results
    complaint.refresh_from_db()
    totals = by_kind(order.store)
    assert totals[AccountKind.HELD] + totals[AccountKind.REFUND] == complaint.amount_idr
    assert complaint.status in (ComplaintStatus.REFUNDED, ComplaintStatus.DECIDED)
    assert ledger_problems() == []
