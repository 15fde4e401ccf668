"""Helpers for the treasurer's tests: people in each role around one store's
rekening bersama, and escrow orders brought (through the real services) to
the point where a seller or a buyer is owed money."""

from pasardesa.orders.models import Order, OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.payments.services import confirm_receipt
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import StoreMember
from tests.factories import make_user, store_member
from tests.payments.escrow_factories import escrow_order, escrow_product, hand_over, hold


def person(phone: str, name: str = "Orang Uji"):
    return make_user(phone, name)


def appoint(store, phone: str, role: str = StoreMember.Role.TREASURER, name: str = "Bendahara"):
    """A member of ``store``'s team (treasurer by default), invited and accepted."""
    user = make_user(phone, name)
    store_member(store, user, role)
    return user


def seller_member(seller: Seller, phone: str, role: str = SellerMember.Role.OWNER, name="Pemilik"):
    user = make_user(phone, name)
    SellerMember.objects.create(seller=seller, user=user, role=role)
    return user


def with_bank(seller: Seller) -> Seller:
    Seller.objects.filter(pk=seller.pk).update(
        bank_name="BRI", bank_account_number="0123456789012", bank_account_holder="Maria Lado"
    )
    seller.refresh_from_db()
    return seller


def released(item, *, by) -> Order:
    """An escrow order paid, confirmed by ``by``, handed over and received:
    its seller is owed the money."""
    order = escrow_order(item)
    hold(order, by=by)
    hand_over(order)
    confirm_receipt(order=order, actor=None)
    order.refresh_from_db()
    return order


def refunded(item, *, by, **buyer) -> Order:
    """An escrow order paid, confirmed by ``by``, then declined by the seller:
    its buyer is owed everything they paid."""
    order = escrow_order(item, **buyer)
    hold(order, by=by)
    transition_order(order=order, to_status=OrderStatus.DECLINED, actor=None, actor_role="penjual")
    order.refresh_from_db()
    return order


def escrow_item(price_idr: int = 100_000, **escrow):
    """A product whose seller has a bank account, in a store with a rekening bersama."""
    item = escrow_product(price_idr=price_idr, stock=None, **escrow)
    with_bank(item.seller)
    item.seller.refresh_from_db()
    return item
