"""Helpers for the tests of paying orders: a store with a rekening bersama,
orders placed to be paid through it, and the steps people take.

Everything goes through the real services (``place_checkout``,
``confirm_payment``, ``transition_order``), so a test of a later step starts
from what the services build.
"""

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Fulfilment, Order, OrderStatus, PaymentMethod
from pasardesa.orders.services import transition_order
from pasardesa.payments.models import Payment, PaymentRole
from pasardesa.payments.services import confirm_payment
from pasardesa.stores.models import Store, StoreEscrow, StoreMember
from tests.factories import make_user, store_member
from tests.orders.factories import place, product

TREASURER_PHONE = "0812-3800-0900"


def open_escrow(store: Store, **fields) -> StoreEscrow:
    """``store``'s rekening bersama: a BUMDes bank account, no fee unless given."""
    values = {
        "holder_name": "BUMDes Uji Maju",
        "bank_name": "BRI",
        "bank_account_number": "012301000123456",
        "bank_account_holder": "BUMDes Uji Maju",
    } | fields
    escrow, _created = StoreEscrow.objects.update_or_create(store=store, defaults=values)
    return escrow


def treasurer(store: Store, phone: str = TREASURER_PHONE):
    """A treasurer of ``store``, invited and accepted the real way."""
    user = make_user(phone, "Bendahara Uji")
    store_member(store, user, StoreMember.Role.TREASURER)
    return user


def escrow_product(*, price_idr: int = 25_000, stock: int | None = 10, **escrow) -> Product:
    """A product whose store has a rekening bersama."""
    item = product(price_idr=price_idr, stock=stock)
    open_escrow(item.seller.store, **escrow)
    return Product.objects.select_related("seller__store").get(pk=item.pk)


def escrow_order(item: Product | None = None, quantity: int = 1, **buyer) -> Order:
    """An order placed to be paid into the rekening bersama (picked up)."""
    item = item or escrow_product()
    checkout = place(
        [(item, quantity)],
        choices={item.seller_id: (Fulfilment.PICKUP, PaymentMethod.ESCROW)},
        **buyer,
    )
    return checkout.orders.select_related("payment", "store", "seller").get()


def hold(order: Order, by=None) -> Payment:
    """The treasurer confirms the buyer's money arrived."""
    confirm_payment(
        payment=order.payment, actor=by or treasurer(order.store), actor_role=PaymentRole.TREASURER
    )
    return Payment.objects.get(pk=order.payment.pk)


def hand_over(order: Order) -> Order:
    """The seller accepts, readies and hands over the goods."""
    for status in (OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.DELIVERED):
        transition_order(order=order, to_status=status, actor=None, actor_role="penjual")
    order.refresh_from_db()
    return order
