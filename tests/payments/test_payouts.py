"""Paying out of the rekening bersama: a seller what was released to them, a
buyer their refund; once per key, never more than owed, never by a
treasurer for their own seller."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from pasardesa.payments.ledger import AccountKind, LedgerTransaction
from pasardesa.payments.models import Payment, PaymentEvent, Payout
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.selectors.treasury import books, refunds_due, sellers_owed
from pasardesa.payments.services import pay_out_seller, pay_refund
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import StoreMember
from tests.factories import StoreFactory
from tests.payments.treasury_factories import (
    appoint,
    escrow_item,
    refunded,
    released,
    seller_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return escrow_item(price_idr=100_000)


@pytest.fixture
def treasurer(item):
    return appoint(item.seller.store, "0812-3800-0900")


def owed(seller) -> int:
    return next((r.amount_idr for r in sellers_owed(seller.store) if r.seller == seller), 0)


class TestPayingASeller:
    def test_paying_what_is_owed_books_it_once_and_records_the_account(self, item, treasurer):
        # given a seller owed one released order
        order = released(item, by=treasurer)
        due = owed(item.seller)
        assert due == order.payment.amount_idr
        # when the treasurer records the transfer
        payout = pay_out_seller(
            store=item.seller.store,
            seller=item.seller,
            amount_idr=due,
            reference="TRF 001",
            actor=treasurer,
            key=uuid.uuid4(),
        )
        # then the seller is owed nothing, the bank should hold that much less
        assert owed(item.seller) == 0
        assert books(item.seller.store).expected_idr == 0
        assert payout.paid_to == "BRI 0123456789012 a.n. Maria Lado"
        assert payout.transaction.key.startswith("payout:")
        assert payout.paid_by == treasurer
        assert ledger_problems() == []

    def test_part_of_it_leaves_the_rest_owed(self, item, treasurer):
        order = released(item, by=treasurer)
        pay_out_seller(
            store=item.seller.store,
            seller=item.seller,
            amount_idr=40_000,
            reference="TRF 002",
            actor=treasurer,
            key=uuid.uuid4(),
        )
        assert owed(item.seller) == order.payment.amount_idr - 40_000

    def test_the_same_key_twice_pays_once(self, item, treasurer):
        released(item, by=treasurer)
        key = uuid.uuid4()
        args = {
            "store": item.seller.store,
            "seller": item.seller,
            "amount_idr": 50_000,
            "reference": "TRF 003",
            "actor": treasurer,
            "key": key,
        }
        first = pay_out_seller(**args)
        again = pay_out_seller(**args)
        assert again.pk == first.pk
        assert Payout.objects.count() == 1
        assert LedgerTransaction.objects.filter(key__startswith="payout:").count() == 1

    def test_more_than_owed_is_refused_in_plain_words(self, item, treasurer):
        order = released(item, by=treasurer)
        with pytest.raises(ValidationError) as excinfo:
            pay_out_seller(
                store=item.seller.store,
                seller=item.seller,
                amount_idr=order.payment.amount_idr + 1,
                reference="TRF 004",
                actor=treasurer,
                key=uuid.uuid4(),
            )
        assert "lebih besar dari yang harus dibayar" in excinfo.value.message_dict["amount"][0]
        assert Payout.objects.count() == 0
        assert owed(item.seller) == order.payment.amount_idr

    @pytest.mark.parametrize("role", [SellerMember.Role.OWNER, SellerMember.Role.STAFF])
    def test_a_treasurer_never_pays_out_their_own_seller(self, item, treasurer, role):
        own = appoint(item.seller.store, "0812-3800-0901")
        SellerMember.objects.create(seller=item.seller, user=own, role=role)
        released(item, by=treasurer)
        with pytest.raises(ValidationError, match="bendahara lain"):
            pay_out_seller(
                store=item.seller.store,
                seller=item.seller,
                amount_idr=10_000,
                reference="TRF 005",
                actor=own,
                key=uuid.uuid4(),
            )
        assert Payout.objects.count() == 0

    @pytest.mark.parametrize("who", ["operator", "other_treasurer", "owner"])
    def test_only_a_treasurer_of_the_store_pays(self, item, treasurer, who):
        released(item, by=treasurer)
        actor = {
            "operator": lambda: appoint(
                item.seller.store, "0812-3800-0902", StoreMember.Role.OPERATOR
            ),
            "other_treasurer": lambda: appoint(StoreFactory(), "0812-3800-0903"),
            "owner": lambda: seller_member(item.seller, "0812-3800-0904"),
        }[who]()
        with pytest.raises(ValidationError):
            pay_out_seller(
                store=item.seller.store,
                seller=item.seller,
                amount_idr=10_000,
                reference="TRF 006",
                actor=actor,
                key=uuid.uuid4(),
            )
        assert Payout.objects.count() == 0

    def test_a_reference_is_required(self, item, treasurer):
        released(item, by=treasurer)
        with pytest.raises(ValidationError) as excinfo:
            pay_out_seller(
                store=item.seller.store,
                seller=item.seller,
                amount_idr=10_000,
                reference="  ",
                actor=treasurer,
                key=uuid.uuid4(),
            )
        assert "reference" in excinfo.value.message_dict


class TestPayingARefund:
    def test_the_whole_refund_goes_to_the_account_the_buyer_gave(self, item, treasurer):
        # given a declined order whose buyer wrote where to send the money
        order = refunded(item, by=treasurer)
        Payment.objects.filter(pk=order.payment.pk).update(refund_to="DANA 0813-3800-1234")
        payment = Payment.objects.get(pk=order.payment.pk)
        assert refunds_due(item.seller.store)[0].amount_idr == payment.amount_idr
        # when the treasurer pays it back
        payout = pay_refund(payment=payment, reference="TRF R1", actor=treasurer, key=uuid.uuid4())
        # then nothing is owed, the buyer's history says so, the books hold
        assert payout.amount_idr == payment.amount_idr
        assert payout.paid_to == "DANA 0813-3800-1234"
        assert refunds_due(item.seller.store) == []
        note = PaymentEvent.objects.filter(payment=payment).last().note
        assert "TRF R1" in note
        assert books(item.seller.store).expected_idr == 0
        assert ledger_problems() == []

    def test_without_an_account_the_treasurer_must_write_one(self, item, treasurer):
        order = refunded(item, by=treasurer)
        with pytest.raises(ValidationError) as excinfo:
            pay_refund(payment=order.payment, reference="R2", actor=treasurer, key=uuid.uuid4())
        assert "paid_to" in excinfo.value.message_dict
        payout = pay_refund(
            payment=order.payment,
            reference="R2",
            actor=treasurer,
            key=uuid.uuid4(),
            paid_to="BNI 987654321 a.n. Yohanis",
        )
        assert payout.paid_to == "BNI 987654321 a.n. Yohanis"

    def test_a_retry_returns_the_first_and_a_second_refund_is_refused(self, item, treasurer):
        order = refunded(item, by=treasurer)
        key = uuid.uuid4()
        first = pay_refund(
            payment=order.payment, reference="R3", actor=treasurer, key=key, paid_to="BRI 1"
        )
        again = pay_refund(
            payment=order.payment, reference="R3", actor=treasurer, key=key, paid_to="BRI 1"
        )
        assert again.pk == first.pk
        with pytest.raises(ValidationError, match="Tidak ada dana"):
            pay_refund(
                payment=order.payment,
                reference="R4",
                actor=treasurer,
                key=uuid.uuid4(),
                paid_to="BRI 1",
            )
        assert Payout.objects.count() == 1

    def test_a_treasurer_never_refunds_for_their_own_seller(self, item, treasurer):
        own = appoint(item.seller.store, "0812-3800-0905")
        SellerMember.objects.create(seller=item.seller, user=own, role=SellerMember.Role.STAFF)
        order = refunded(item, by=treasurer)
        with pytest.raises(ValidationError, match="bendahara lain"):
            pay_refund(
                payment=order.payment, reference="R5", actor=own, key=uuid.uuid4(), paid_to="x"
            )
        assert Payout.objects.count() == 0


def test_a_treasurer_never_confirms_money_for_their_own_seller(item):
    # flow.confirm_payment refuses; the treasurer's pages rely on it
    from tests.payments.escrow_factories import escrow_order, hold

    own = appoint(item.seller.store, "0812-3800-0906")
    SellerMember.objects.create(seller=item.seller, user=own, role=SellerMember.Role.OWNER)
    order = escrow_order(item)
    with pytest.raises(ValidationError, match="bendahara lain"):
        hold(order, by=own)
    assert Payment.objects.get(pk=order.payment.pk).status == "awaiting"
    assert books(item.seller.store).held_idr == 0
    assert AccountKind.HELD  # the kind the refusal leaves untouched
