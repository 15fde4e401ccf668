"""The complaint timers: the seller silent (granted), nobody deciding in 14
days (refunded); each runs once per complaint and leaves the books whole."""

import datetime

import pytest
from django.utils import timezone

from pasardesa.orders.models import OrderStatus
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Complaint, ComplaintStatus, PaymentStatus
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.services import (
    buyer_answer,
    grant_unanswered_complaints,
    refund_undecided_complaints,
    seller_answer,
)
from tests.payments.complaint_factories import by_kind, complain, sent_order

pytestmark = pytest.mark.django_db

C = ComplaintStatus
HOUR = datetime.timedelta(hours=1)


def fresh(complaint) -> Complaint:
    return Complaint.objects.select_related("payment__order").get(pk=complaint.pk)


def test_a_seller_silent_for_two_days_loses_the_complaint():
    # Given a complaint nobody answered
    order = sent_order()
    complaint = complain(order)
    # When the job runs before and after the seller's 2×24 h
    assert grant_unanswered_complaints(now=complaint.seller_answer_by - HOUR) == 0
    assert grant_unanswered_complaints(now=complaint.seller_answer_by + HOUR) == 1
    # Then it is granted: everything back to the buyer, the order done
    complaint = fresh(complaint)
    assert complaint.status == C.GRANTED
    assert complaint.decided_role == "sistem"
    assert complaint.payment.status == PaymentStatus.REFUNDED
    assert complaint.payment.order.status == OrderStatus.COMPLETED
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr
    assert ledger_problems() == []
    # And a second run finds nothing
    assert grant_unanswered_complaints(now=complaint.seller_answer_by + 2 * HOUR) == 0


def test_an_answered_complaint_is_not_granted():
    complaint = complain(sent_order())
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Tidak benar")
    assert grant_unanswered_complaints(now=timezone.now() + datetime.timedelta(days=3)) == 0
    assert fresh(complaint).status == C.OPERATOR


def test_goods_sent_back_that_the_seller_never_confirms_are_refunded():
    complaint = complain(sent_order())
    seller_answer(complaint=complaint, answer="return", actor=None)
    buyer_answer(complaint=complaint, answer="sent_back", actor=None, placed_here=True)
    complaint = fresh(complaint)
    assert grant_unanswered_complaints(now=complaint.seller_answer_by + HOUR) == 1
    assert fresh(complaint).status == C.REFUNDED


@pytest.mark.parametrize("where", ["operator", "offered", "appealed"])
def test_nobody_deciding_in_fourteen_days_refunds_the_buyer(where):
    order = sent_order()
    complaint = complain(order)
    if where == "offered":
        seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=5_000)
    else:
        seller_answer(complaint=complaint, answer="disagree", actor=None, text="Tidak benar")
    if where == "appealed":
        Complaint.objects.filter(pk=complaint.pk).update(operator_by=timezone.now())
        buyer_answer(
            complaint=fresh(complaint), answer="appeal", actor=None, placed_here=True, text="Lama"
        )
    complaint = fresh(complaint)
    assert refund_undecided_complaints(now=complaint.decide_by - HOUR) == 0
    assert refund_undecided_complaints(now=complaint.decide_by + HOUR) == 1
    complaint = fresh(complaint)
    assert complaint.status == C.REFUNDED
    assert complaint.payment.status == PaymentStatus.REFUNDED
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr
    assert by_kind(order.store)[AccountKind.HELD] == 0
    assert ledger_problems() == []
    assert refund_undecided_complaints(now=complaint.decide_by + 2 * HOUR) == 0


def test_a_late_appeal_gives_the_region_its_own_days():
    complaint = complain(sent_order())
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Tidak benar")
    # The operator silent until day 13
    Complaint.objects.filter(pk=complaint.pk).update(
        operator_by=timezone.now(), decide_by=timezone.now() + datetime.timedelta(days=1)
    )
    buyer_answer(
        complaint=fresh(complaint), answer="appeal", actor=None, placed_here=True, text="Lama"
    )
    complaint = fresh(complaint)
    assert complaint.decide_by - timezone.now() > datetime.timedelta(days=2, hours=23)
