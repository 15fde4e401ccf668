"""The seller's side of payments: the payment panel on their order page,
"Uang sudah masuk" for money paid straight to them, "Belum dibayar" in the
inbox, and the balance the village holds for them."""

import pytest
from django.urls import reverse

from pasardesa.orders.models import Order
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Payment, PaymentEvent, PaymentRole, PaymentStatus, Payout
from pasardesa.payments.services import confirm_receipt, ledger_account, post_transaction
from pasardesa.sellers.models import Seller, SellerMember
from tests.demo_fixtures import page
from tests.factories import SellerFactory, StoreFactory, make_user
from tests.orders.factories import place, product
from tests.payments.buyer_factories import ESCROW, TRANSFER, order_paid_by
from tests.payments.escrow_factories import escrow_product, hand_over, hold, treasurer

pytestmark = pytest.mark.django_db

S = PaymentStatus


def owner_client(client, seller: Seller, phone: str = "0812-3456-7801"):
    user = make_user(phone, "Pemilik Uji")
    SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.OWNER)
    client.force_login(user)
    return client


def detail_url(order: Order) -> str:
    return reverse("orders:seller_order", args=[order.seller_id, order.number])


def confirm_url(order: Order, seller_pk: int | None = None) -> str:
    return reverse("payments:seller_confirm", args=[seller_pk or order.seller_id, order.number])


def status_of(order: Order) -> str:
    return Payment.objects.get(order=order).status


class TestDirectPayment:
    def test_the_order_page_shows_the_amount_and_the_seller_confirms_it(self, client):
        # Given a transfer order the buyer says they paid
        order = order_paid_by(TRANSFER)
        Payment.objects.filter(order=order).update(buyer_says_paid_at=order.created_at)
        seller_client = owner_client(client, order.seller)
        amount = f"Rp{order.payment.amount_idr:,}".replace(",", ".")
        # When the seller opens the order
        html = page(seller_client.get(detail_url(order)))
        # Then they see what is owed, that the buyer says it is paid, and the button
        assert f"Menunggu pembayaran · {amount}" in html.text
        assert "Pembeli bilang sudah bayar" in html.text
        assert html.find_all("form", action=confirm_url(order))
        # When they tap "Uang sudah masuk"
        response = seller_client.post(confirm_url(order), follow=True)
        # Then the payment is paid, by the seller, and the page says so
        assert status_of(order) == S.PAID
        event = PaymentEvent.objects.filter(payment__order=order).last()
        assert event.actor_role == PaymentRole.SELLER
        assert "tercatat sudah masuk" in page(response).text
        # And a second tap (an old page) is a message, not an error
        again = seller_client.post(confirm_url(order), follow=True)
        assert again.status_code == 200
        assert page(again).find_all("div", class_="err")

    def test_another_seller_gets_not_found_and_nothing_changes(self, client):
        order = order_paid_by(TRANSFER)
        other = SellerFactory(store=StoreFactory())
        other_client = owner_client(client, other, phone="0812-3456-7809")
        # Their own seller id with this order's number, and this order's seller id
        assert other_client.post(confirm_url(order, seller_pk=other.pk)).status_code == 404
        assert other_client.post(confirm_url(order)).status_code == 404
        assert status_of(order) == S.AWAITING

    def test_confirming_needs_a_login_and_a_post(self, client):
        order = order_paid_by(TRANSFER)
        assert client.post(confirm_url(order)).status_code == 302  # to the login
        seller_client = owner_client(client, order.seller)
        assert seller_client.get(confirm_url(order)).status_code == 405
        assert status_of(order) == S.AWAITING


class TestEscrowForTheSeller:
    def test_unpaid_says_wait_for_the_treasurer_and_the_seller_cannot_confirm(self, client):
        order = order_paid_by(ESCROW)
        seller_client = owner_client(client, order.seller)
        html = page(seller_client.get(detail_url(order)))
        assert "Menunggu bendahara memastikan dana" in html.text
        assert not html.find_all("form", action=confirm_url(order))
        assert seller_client.post(confirm_url(order)).status_code == 404
        assert status_of(order) == S.AWAITING

    def test_held_money_tells_the_seller_to_send(self, client):
        order = order_paid_by(ESCROW)
        hold(order)
        html = page(owner_client(client, order.seller).get(detail_url(order)))
        assert "Dana aman di rekening bersama, silakan kirim" in html.text


class TestInbox:
    def test_unpaid_prepaid_orders_are_marked_and_cash_ones_are_not(self, client):
        # Given one seller with a transfer order not yet paid and a cash one
        unpaid = order_paid_by(TRANSFER)
        cash_product = product(seller=unpaid.seller, stock=5)
        cash = place([(cash_product, 1)]).orders.get()
        # When the seller opens the inbox
        html = page(
            owner_client(client, unpaid.seller).get(
                reverse("orders:seller_orders", args=[unpaid.seller_id])
            )
        )
        # Then only the transfer order is marked "Belum dibayar" (the newer
        # cash order comes first, the mark after the transfer order's number)
        text = html.text
        assert text.count("Belum dibayar") == 1
        assert text.index(cash.number) < text.index(unpaid.number) < text.index("Belum dibayar")


class TestBalance:
    def test_released_money_payouts_and_money_still_held(self, client):
        # Given a seller with one escrow order released (1,5 % fee) and one still held
        item = escrow_product(price_idr=100_000, fee_basis_points=150, stock=None)
        bendahara = treasurer(item.seller.store)
        released = order_paid_by(ESCROW, item=item)
        hold(released, by=bendahara)
        hand_over(released)
        confirm_receipt(order=released, actor=None)
        still_held = order_paid_by(ESCROW, item=item)
        held_payment = hold(still_held, by=bendahara)
        payment = Payment.objects.get(order=released)
        owed = payment.amount_idr - 1_500
        # and a payout of Rp50.000 already made by the treasurer
        store = released.store
        seller_account = ledger_account(
            store=store, kind=AccountKind.SELLER, seller=released.seller
        )
        escrow_account = ledger_account(store=store, kind=AccountKind.ESCROW)
        tx = post_transaction(
            key="test:payout:1",
            entries=[(seller_account, 50_000), (escrow_account, -50_000)],
            memo="Pembayaran ke penjual",
        )
        Payout.objects.create(
            store=store,
            kind=Payout.Kind.SELLER,
            seller=released.seller,
            amount_idr=50_000,
            paid_to="BRI 0123 a.n. Maria",
            reference="TRF-20261203-01",
            transaction=tx,
        )
        seller_client = owner_client(client, released.seller)
        # When the seller opens their balance
        response = seller_client.get(reverse("payments:seller_balance", args=[released.seller_id]))
        html = page(response)
        # Then they read what the village holds for them, the payout with its
        # reference, and the order whose money is still held
        rupiah = lambda n: f"Rp{n:,}".replace(",", ".")  # noqa: E731
        assert f"belum dibayarkan): {rupiah(owed - 50_000)}" in html.text
        assert "TRF-20261203-01" in html.text and rupiah(50_000) in html.text
        assert still_held.number in html.text
        assert rupiah(held_payment.amount_idr - held_payment.fee_idr) in html.text
        # And the seller's home links to it
        home = seller_client.get(reverse("kelola:seller_home", args=[released.seller_id]))
        assert reverse("payments:seller_balance", args=[released.seller_id]) in page(home).hrefs()

    def test_another_seller_gets_not_found(self, client):
        order = order_paid_by(TRANSFER)
        other = SellerFactory(store=StoreFactory())
        other_client = owner_client(client, other, phone="0812-3456-7809")
        url = reverse("payments:seller_balance", args=[order.seller_id])
        assert other_client.get(url).status_code == 404
