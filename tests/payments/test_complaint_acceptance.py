"""Both sides may accept the operator's decision instead of waiting out the
appeal window: when both have, the money moves at once; one alone changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasardesa.orders.models import OrderStatus
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import ComplaintStatus, Payment, PaymentRole, PaymentStatus
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.services import buyer_answer, decide_complaint, seller_answer
from tests.demo_fixtures import page
from tests.payments.buyer_factories import placed_in
from tests.payments.complaint_factories import by_kind, complain, sent_order

pytestmark = pytest.mark.django_db

C = ComplaintStatus


def decided_split(seller_part: int = 60_000):
    """A complaint the seller disagreed with and the operator split."""
    order = sent_order(price_idr=100_000)
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Sudah rapi.")
    decide_complaint(
        complaint=complaint,
        outcome="split",
        actor=None,
        actor_role=PaymentRole.OPERATOR,
        seller_part_idr=seller_part,
    )
    complaint.refresh_from_db()
    return order, complaint


def test_one_side_accepting_moves_no_money():
    order, complaint = decided_split()
    buyer_answer(complaint=complaint, answer="accept_decision", actor=None, placed_here=True)
    complaint.refresh_from_db()
    assert complaint.status == C.DECIDED
    assert complaint.buyer_accepted_at is not None
    assert Payment.objects.get(order=order).status == PaymentStatus.DISPUTED
    assert by_kind(order.store)[AccountKind.HELD] == complaint.amount_idr


def test_both_sides_accepting_settles_the_split_at_once():
    # Given a split decided by the operator (seller Rp60.000, the rest back)
    order, complaint = decided_split(seller_part=60_000)
    # When the seller and then the buyer accept it
    seller_answer(complaint=complaint, answer="accept_decision", actor=None)
    buyer_answer(complaint=complaint, answer="accept_decision", actor=None, placed_here=True)
    # Then the money moved as decided, the order is done and the books agree
    complaint.refresh_from_db()
    order.refresh_from_db()
    assert complaint.status == C.SPLIT
    assert complaint.decided_role == PaymentRole.OPERATOR
    assert order.status == OrderStatus.COMPLETED
    totals = by_kind(order.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.SELLER] == 60_000
    assert totals[AccountKind.REFUND] == complaint.amount_idr - 60_000
    assert ledger_problems() == []


def test_a_side_accepts_once_and_only_a_decided_complaint():
    _order, complaint = decided_split()
    seller_answer(complaint=complaint, answer="accept_decision", actor=None)
    with pytest.raises(ValidationError, match="sudah berubah"):
        seller_answer(complaint=complaint, answer="accept_decision", actor=None)
    fresh = complain(sent_order())
    with pytest.raises(ValidationError, match="sudah berubah"):
        buyer_answer(complaint=fresh, answer="accept_decision", actor=None, placed_here=True)


def test_the_buyer_from_another_device_must_give_the_number():
    _order, complaint = decided_split()
    with pytest.raises(ValidationError):
        buyer_answer(
            complaint=complaint,
            answer="accept_decision",
            actor=None,
            placed_here=False,
            phone="0812-0000-0000",
        )
    complaint.refresh_from_db()
    assert complaint.buyer_accepted_at is None


def test_the_page_no_longer_offers_an_appeal_to_the_side_that_accepted(client):
    # Given a decided split the buyer accepted, from the browser that placed it
    order, complaint = decided_split()
    placed_in(client, order)
    url = reverse("payments:complaint", args=[order.tracking_token])
    assert "Banding ke admin wilayah" in page(client.get(url)).text
    buyer_answer(complaint=complaint, answer="accept_decision", actor=None, placed_here=True)
    # Then their page offers neither the appeal nor accepting again
    text = page(client.get(url)).text
    assert "Banding ke admin wilayah" not in text
    assert "Terima keputusan" not in text
