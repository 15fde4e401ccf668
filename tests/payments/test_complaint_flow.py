"""Complaints step by step: filed inside the window only, each answer and
decision, illegal steps refused, and what each outcome does to the books."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pasardesa.orders.models import OrderStatus
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import (
    Complaint,
    ComplaintEvent,
    ComplaintPhoto,
    ComplaintStatus,
    Payment,
    PaymentRole,
    PaymentStatus,
)
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.services import (
    buyer_answer,
    confirm_receipt,
    decide_complaint,
    seller_answer,
    seller_appeal,
)
from pasardesa.payments.services.complaints import can_appeal
from pasardesa.payments.state import COMPLAINT_MACHINE, IllegalTransition
from tests.demo_fixtures import photo_upload, png_declaring
from tests.orders.factories import BUYER_PHONE
from tests.payments.complaint_factories import by_kind, complain, sent_order
from tests.payments.escrow_factories import escrow_order, escrow_product, hold

pytestmark = pytest.mark.django_db

C = ComplaintStatus
R = PaymentRole


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_related("payment__order").get(pk=complaint.pk)


def at_operator(order) -> Complaint:
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Barang baik saat kirim")
    return fresh(complaint)


# --- Filing and the window ----------------------------------------------------------------


def test_a_complaint_inside_the_window_holds_the_money_and_waits_for_the_seller():
    # Given an escrow order handed over
    order = sent_order()
    # When the buyer complains with two photos
    complaint = complain(order, photos=[photo_upload(), photo_upload("b.jpg")])
    # Then the payment is disputed, the money still held, the seller has 2×24 h
    complaint = fresh(complaint)
    assert complaint.status == C.OPEN
    assert complaint.payment.status == PaymentStatus.DISPUTED
    assert by_kind(order.store)[AccountKind.HELD] == complaint.amount_idr
    assert complaint.seller_answer_by - complaint.created_at == pytest.approx(
        datetime.timedelta(hours=48), abs=datetime.timedelta(seconds=5)
    )
    assert complaint.decide_by - complaint.created_at == pytest.approx(
        datetime.timedelta(days=14), abs=datetime.timedelta(seconds=5)
    )
    photos = list(ComplaintPhoto.objects.filter(complaint=complaint))
    assert [p.position for p in photos] == [0, 1]
    assert all(p.image.name.endswith(".webp") and p.thumb.name.endswith(".webp") for p in photos)
    assert ComplaintEvent.objects.get(complaint=complaint).text == complaint.description
    # And confirming receipt is refused while it is open
    with pytest.raises(ValidationError):
        confirm_receipt(order=order, actor=None)


def test_no_complaint_before_the_goods_were_handed_over():
    order = escrow_order(escrow_product())
    hold(order)
    with pytest.raises(ValidationError, match="setelah barang diserahkan"):
        complain(order)
    assert not Complaint.objects.exists()


def test_no_complaint_after_the_money_was_released():
    order = sent_order()
    confirm_receipt(order=order, actor=None)
    with pytest.raises(ValidationError):
        complain(order)
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.RELEASED


def test_no_complaint_once_the_release_time_has_passed():
    order = sent_order()
    Payment.objects.filter(pk=order.payment.pk).update(
        release_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="Batas waktu komplain"):
        complain(order)


def test_a_second_complaint_is_refused_and_a_retried_form_returns_the_first():
    order = sent_order()
    key = uuid.uuid4()
    first = complain(order, idempotency_key=key)
    again = complain(order, idempotency_key=key)
    assert again.pk == first.pk
    with pytest.raises(ValidationError, match="sudah diajukan"):
        complain(order)
    assert Complaint.objects.count() == 1


def test_another_device_must_type_the_buyers_number():
    order = sent_order()
    with pytest.raises(ValidationError) as refused:
        complain(order, placed_here=False, phone="0812-0000-0000")
    assert "buyer_phone" in refused.value.message_dict
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.SENT
    complaint = complain(order, placed_here=False, phone=BUYER_PHONE)
    assert complaint.status == C.OPEN


def test_four_photos_or_a_bad_file_are_refused_and_nothing_is_stored():
    order = sent_order()
    with pytest.raises(ValidationError) as too_many:
        complain(order, photos=[photo_upload(f"{i}.jpg") for i in range(4)])
    assert "photos" in too_many.value.message_dict
    text = SimpleUploadedFile("x.jpg", b"not a photo", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="bukan foto"):
        complain(order, photos=[photo_upload(), text])
    bomb = SimpleUploadedFile("b.png", png_declaring(20_000, 20_000), content_type="image/png")
    with pytest.raises(ValidationError):
        complain(order, photos=[bomb])
    assert not Complaint.objects.exists()
    assert not ComplaintPhoto.objects.exists()
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.SENT


def test_a_complaint_needs_a_reason_and_a_story():
    order = sent_order()
    with pytest.raises(ValidationError) as refused:
        complain(order, reason="bosan", description="  ")
    assert set(refused.value.message_dict) == {"reason", "description"}


# --- The seller's answers -----------------------------------------------------------------


def test_the_seller_agrees_the_buyer_gets_everything_back_and_the_order_ends():
    order = sent_order(fee_basis_points=200)
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="agree", actor=None)
    complaint = fresh(complaint)
    assert complaint.status == C.REFUNDED
    assert (complaint.buyer_part_idr, complaint.seller_part_idr) == (complaint.amount_idr, 0)
    assert complaint.payment.status == PaymentStatus.REFUNDED
    assert complaint.payment.order.status == OrderStatus.COMPLETED
    totals = by_kind(order.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.REFUND] == complaint.amount_idr
    assert totals[AccountKind.SELLER] == 0
    assert totals[AccountKind.FEE] == 0
    assert ledger_problems() == []


def test_a_double_tap_on_agree_changes_nothing_twice():
    order = sent_order()
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="agree", actor=None)
    with pytest.raises(ValidationError):
        seller_answer(complaint=complaint, answer="agree", actor=None)
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr
    assert ComplaintEvent.objects.filter(complaint=complaint).count() == 2


def test_a_partial_offer_accepted_splits_the_money_less_a_proportional_fee():
    # Given a 2 % fee and a complaint
    order = sent_order(price_idr=100_000, fee_basis_points=200)
    complaint = complain(order)
    amount = complaint.amount_idr
    # When the seller offers Rp30.000 back and the buyer accepts
    seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=30_000)
    assert fresh(complaint).status == C.OFFERED
    buyer_answer(complaint=complaint, answer="accept", actor=None, placed_here=True)
    # Then the buyer is owed 30.000, the seller the rest less its share of the fee
    complaint = fresh(complaint)
    assert complaint.status == C.SPLIT
    assert (complaint.buyer_part_idr, complaint.seller_part_idr) == (30_000, amount - 30_000)
    payment = complaint.payment
    fee = payment.fee_idr * (amount - 30_000) // amount
    totals = by_kind(order.store)
    assert totals[AccountKind.REFUND] == 30_000
    assert totals[AccountKind.FEE] == fee
    assert totals[AccountKind.SELLER] == amount - 30_000 - fee
    assert totals[AccountKind.HELD] == 0
    assert payment.status == PaymentStatus.SPLIT
    assert ledger_problems() == []


@pytest.mark.parametrize("offer", [None, 0, -5, 10_000_000])
def test_an_offer_must_be_part_of_the_amount(offer):
    complaint = complain(sent_order())
    with pytest.raises(ValidationError) as refused:
        seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=offer)
    assert "offer_idr" in refused.value.message_dict
    assert fresh(complaint).status == C.OPEN


def test_a_refused_offer_goes_to_the_operator():
    complaint = complain(sent_order())
    seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=10_000)
    buyer_answer(complaint=complaint, answer="refuse", actor=None, placed_here=True)
    complaint = fresh(complaint)
    assert complaint.status == C.OPERATOR
    assert complaint.operator_by is not None


def test_goods_back_then_received_refunds_in_full():
    order = sent_order()
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="return", actor=None)
    buyer_answer(
        complaint=complaint, answer="sent_back", actor=None, placed_here=True, text="Resi J123"
    )
    assert fresh(complaint).status == C.RETURN_SENT
    seller_answer(complaint=complaint, answer="received_back", actor=None)
    complaint = fresh(complaint)
    assert complaint.status == C.REFUNDED
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr
    assert ledger_problems() == []


def test_disagreeing_needs_a_reason():
    complaint = complain(sent_order())
    with pytest.raises(ValidationError):
        seller_answer(complaint=complaint, answer="disagree", actor=None, text="")
    assert fresh(complaint).status == C.OPEN


def test_illegal_steps_are_refused():
    complaint = complain(sent_order())
    # The buyer cannot accept an offer that was never made
    with pytest.raises(ValidationError):
        buyer_answer(complaint=complaint, answer="accept", actor=None, placed_here=True)
    # The seller cannot decide for the operator
    with pytest.raises(IllegalTransition):
        decide_complaint(complaint=complaint, outcome="release", actor=None, actor_role=R.SELLER)
    # Nobody decides before the seller answered and the operator was asked
    with pytest.raises(IllegalTransition):
        decide_complaint(complaint=complaint, outcome="release", actor=None, actor_role=R.OPERATOR)
    # No appeal before a decision
    with pytest.raises(ValidationError):
        seller_appeal(complaint=complaint, actor=None, text="Tidak adil")
    assert fresh(complaint).status == C.OPEN


def test_the_table_names_who_takes_each_step():
    # The seller never releases the money to themselves
    assert R.SELLER not in {
        role
        for (src, to), step in COMPLAINT_MACHINE.transitions.items()
        if to == C.RELEASED
        for role in step.roles
    }
    with pytest.raises(IllegalTransition):
        COMPLAINT_MACHINE.check(C.OPERATOR, C.DECIDED, R.SELLER)
    with pytest.raises(IllegalTransition):
        COMPLAINT_MACHINE.check(C.APPEALED, C.RELEASED, R.OPERATOR)
    with pytest.raises(IllegalTransition):
        COMPLAINT_MACHINE.check(C.REFUNDED, C.OPEN, R.SYSTEM)
    assert COMPLAINT_MACHINE.terminal == {C.REFUNDED, C.GRANTED, C.SPLIT, C.RELEASED}


# --- The operator and the appeal ----------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "seller_part", "status", "refund"),
    [
        ("release", None, C.RELEASED, 0),
        ("refund", None, C.REFUNDED, "all"),
        ("split", 40_000, C.SPLIT, "rest"),
        ("split", 0, C.REFUNDED, "all"),
    ],
)
def test_the_operators_decision_takes_effect_after_the_appeal_window(
    outcome, seller_part, status, refund
):
    from pasardesa.payments.services import apply_unappealed_decisions

    order = sent_order()
    complaint = at_operator(order)
    amount = complaint.amount_idr
    decide_complaint(
        complaint=complaint,
        outcome=outcome,
        seller_part_idr=seller_part,
        actor=None,
        actor_role=R.OPERATOR,
    )
    complaint = fresh(complaint)
    assert complaint.status == C.DECIDED
    assert complaint.payment.status == PaymentStatus.DISPUTED
    assert by_kind(order.store)[AccountKind.HELD] == amount
    # Nothing moves before the window closes
    assert apply_unappealed_decisions(now=timezone.now()) == 0
    assert apply_unappealed_decisions(now=complaint.appeal_by + datetime.timedelta(seconds=1)) == 1
    complaint = fresh(complaint)
    assert complaint.status == status
    expected_refund = {0: 0, "all": amount, "rest": amount - (seller_part or 0)}[refund]
    totals = by_kind(order.store)
    assert totals[AccountKind.REFUND] == expected_refund
    assert totals[AccountKind.SELLER] == amount - expected_refund
    assert totals[AccountKind.HELD] == 0
    assert complaint.payment.order.status == OrderStatus.COMPLETED
    assert complaint.decided_role == R.OPERATOR
    assert ledger_problems() == []
    # A second run changes nothing
    assert apply_unappealed_decisions(now=complaint.appeal_by + datetime.timedelta(days=1)) == 0


def test_a_split_beyond_the_amount_is_refused():
    complaint = at_operator(sent_order())
    with pytest.raises(ValidationError) as refused:
        decide_complaint(
            complaint=complaint,
            outcome="split",
            seller_part_idr=complaint.amount_idr + 1,
            actor=None,
            actor_role=R.OPERATOR,
        )
    assert "seller_part" in refused.value.message_dict
    assert fresh(complaint).status == C.OPERATOR


def test_either_side_appeals_once_and_the_region_decides_at_once():
    order = sent_order()
    complaint = at_operator(order)
    decide_complaint(complaint=complaint, outcome="release", actor=None, actor_role=R.OPERATOR)
    buyer_answer(
        complaint=complaint, answer="appeal", actor=None, placed_here=True, text="Barang rusak"
    )
    complaint = fresh(complaint)
    assert complaint.status == C.APPEALED
    assert complaint.appealed_role == R.BUYER
    assert complaint.buyer_part_idr is None
    # The other side cannot appeal a second time
    with pytest.raises(ValidationError):
        seller_appeal(complaint=complaint, actor=None, text="Saya juga")
    decide_complaint(
        complaint=complaint,
        outcome="split",
        seller_part_idr=50_000,
        actor=None,
        actor_role=R.REGION,
    )
    complaint = fresh(complaint)
    assert complaint.status == C.SPLIT
    assert complaint.decided_role == R.REGION
    assert by_kind(order.store)[AccountKind.REFUND] == complaint.amount_idr - 50_000
    assert not can_appeal(complaint)
    assert ledger_problems() == []


def test_an_operator_who_lets_three_days_pass_can_be_appealed():
    complaint = at_operator(sent_order())
    assert not can_appeal(complaint)
    later = complaint.operator_by + datetime.timedelta(minutes=1)
    assert can_appeal(complaint, later)
    Complaint.objects.filter(pk=complaint.pk).update(operator_by=timezone.now())
    seller_appeal(complaint=fresh(complaint), actor=None, text="Pengelola diam saja")
    assert fresh(complaint).status == C.APPEALED


def test_an_operator_who_owns_the_seller_cannot_decide():
    from tests.factories import make_user

    order = sent_order()
    complaint = at_operator(order)
    owner = make_user("0812-3900-0001", "Pemilik")
    order.seller.members.create(user=owner, role="owner")
    with pytest.raises(ValidationError, match="pemilik atau staf"):
        decide_complaint(complaint=complaint, outcome="release", actor=owner, actor_role=R.OPERATOR)


def test_the_goods_back_branch_can_go_to_the_operator_from_either_side():
    # The buyer cannot send the goods back (needs a reason)
    first = complain(sent_order())
    seller_answer(complaint=first, answer="return", actor=None)
    with pytest.raises(ValidationError):
        buyer_answer(complaint=first, answer="refuse", actor=None, placed_here=True, text="")
    buyer_answer(
        complaint=first, answer="refuse", actor=None, placed_here=True, text="Barang hilang"
    )
    assert fresh(first).status == C.OPERATOR
    # The seller says what came back is not what they sent
    second = complain(sent_order())
    seller_answer(complaint=second, answer="return", actor=None)
    buyer_answer(complaint=second, answer="sent_back", actor=None, placed_here=True)
    with pytest.raises(ValidationError):
        buyer_answer(complaint=second, answer="sent_back", actor=None, placed_here=True)
    seller_answer(complaint=second, answer="disagree", actor=None, text="Yang kembali beda")
    assert fresh(second).status == C.OPERATOR


def test_an_appeal_released_to_the_seller_pays_the_seller_less_the_fee():
    order = sent_order(fee_basis_points=100)
    complaint = at_operator(order)
    decide_complaint(complaint=complaint, outcome="refund", actor=None, actor_role=R.OPERATOR)
    seller_appeal(complaint=complaint, actor=None, text="Barang tidak rusak, ada video")
    decide_complaint(complaint=complaint, outcome="release", actor=None, actor_role=R.REGION)
    complaint = fresh(complaint)
    assert complaint.status == C.RELEASED
    assert complaint.appealed_role == R.SELLER
    totals = by_kind(order.store)
    fee = complaint.payment.fee_idr
    assert totals[AccountKind.SELLER] == complaint.amount_idr - fee
    assert totals[AccountKind.FEE] == fee
    assert totals[AccountKind.REFUND] == 0
    assert ledger_problems() == []


def test_a_message_changes_no_status_and_a_closed_complaint_takes_none():
    from pasardesa.payments.services import add_message

    complaint = complain(sent_order())
    add_message(complaint=complaint, actor=None, actor_role=R.OPERATOR, text="Saya pantau")
    assert fresh(complaint).status == C.OPEN
    seller_answer(complaint=complaint, answer="agree", actor=None)
    with pytest.raises(ValidationError, match="sudah selesai"):
        add_message(complaint=complaint, actor=None, actor_role=R.OPERATOR, text="Lagi")
