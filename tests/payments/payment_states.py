"""Payments in each status, reached through the real services wherever one
exists (a complaint's steps have none yet: ``step_payment`` is the one mover
they will call), and a snapshot of everything a step could change.

Shared by the state machine, stateful and concurrency tests of the payment flow.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Fulfilment, Order, OrderEvent, OrderStatus, PaymentMethod
from pasardesa.orders.services import transition_order
from pasardesa.payments.ledger import LedgerEntry, LedgerTransaction
from pasardesa.payments.models import (
    Complaint,
    ComplaintEvent,
    Payment,
    PaymentEvent,
    PaymentRole,
    PaymentStatus,
    Payout,
)
from pasardesa.payments.services.flow import (
    book_release,
    cancel_unpaid,
    confirm_payment,
    confirm_receipt,
    locked_payment,
    step_payment,
)
from pasardesa.stores.models import StoreMember
from tests.orders.factories import place, product
from tests.payments.escrow_factories import (
    escrow_order,
    escrow_product,
    hand_over,
    hold,
    treasurer,
)
from tests.payments.qris_samples import GOPAY_STATIC

S = PaymentStatus
DIRECT = (PaymentMethod.TRANSFER, PaymentMethod.QRIS)


def direct_product(*, price_idr: int = 25_000, stock: int | None = 10, seller=None) -> Product:
    """A product whose seller takes transfers to their bank and their own QRIS."""
    item = product(price_idr=price_idr, stock=stock, **({"seller": seller} if seller else {}))
    seller = item.seller
    seller.bank_name = "BRI"
    seller.bank_account_number = "0123456789"
    seller.bank_account_holder = "Mama Halijah"
    seller.qris_payload = GOPAY_STATIC
    seller.qris_merchant_name = "aldo soft"
    seller.save()
    return Product.objects.select_related("seller__store").get(pk=item.pk)


def direct_order(method: str = PaymentMethod.TRANSFER, item: Product | None = None) -> Order:
    item = item or direct_product()
    checkout = place([(item, 1)], choices={item.seller_id: (Fulfilment.PICKUP, method)})
    return checkout.orders.select_related("payment", "store", "seller").get()


def seller_steps(order: Order, *statuses: str) -> None:
    for status in statuses:
        transition_order(order=order, to_status=status, actor=None, actor_role="penjual")


def store_treasurer(store, n: int = 0):
    """The ``n``-th treasurer of ``store`` (made on first use): one phone per store and n."""
    member = (
        StoreMember.objects.filter(store=store, role=StoreMember.Role.TREASURER)
        .select_related("user")
        .order_by("pk")
    )
    found = list(member)
    if len(found) > n:
        return found[n].user
    return treasurer(store, phone=f"0812{n + 1}{store.pk:07d}")


def dispute(payment: Payment) -> Payment:
    with transaction.atomic():
        step_payment(locked_payment(payment), S.DISPUTED, actor=None, actor_role=PaymentRole.BUYER)
    return Payment.objects.get(pk=payment.pk)


def payment_in(status: str, *, method: str = PaymentMethod.ESCROW, fee_basis_points: int = 0):
    """A payment (with its order) walked to ``status`` the way it happens."""
    if method in DIRECT:
        order = direct_order(method)
    else:
        order = escrow_order(escrow_product(fee_basis_points=fee_basis_points))
    payment = order.payment
    if status == S.AWAITING:
        pass
    elif status == S.PAID:
        confirm_payment(payment=payment, actor=None, actor_role=PaymentRole.SELLER)
    elif status == S.UNPAID:
        Payment.objects.filter(pk=payment.pk).update(
            pay_by=timezone.now() - datetime.timedelta(minutes=1)
        )
        assert cancel_unpaid() == 1
    elif status == S.CANCELLED:
        seller_steps(order, OrderStatus.DECLINED)
    else:
        hold(order, by=store_treasurer(order.store))
        if status == S.REFUNDED:
            seller_steps(order, OrderStatus.DECLINED)
        elif status != S.HELD:
            hand_over(order)
            if status == S.RELEASED:
                confirm_receipt(order=order, actor=None)
            elif status in (S.DISPUTED, S.SPLIT):
                payment = dispute(payment)
                if status == S.SPLIT:
                    with transaction.atomic():
                        locked = locked_payment(payment)
                        step_payment(locked, S.SPLIT, actor=None, actor_role=PaymentRole.OPERATOR)
                        book_release(locked, seller_part=locked.amount_idr // 2, step="split")
    payment = Payment.objects.select_related("order", "store", "seller").get(pk=payment.pk)
    assert payment.status == status
    return payment


def snapshot() -> dict:
    """Everything an order's or a payment's step could change, as plain values."""
    return {
        "orders": list(Order.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        "payments": list(
            Payment.objects.order_by("pk").values_list(
                "pk", "status", "send_by", "release_at", "extended", "refund_to", "updated_at"
            )
        ),
        "complaints": list(
            Complaint.objects.order_by("pk").values_list("pk", "status", "updated_at")
        ),
        "complaint_events": ComplaintEvent.objects.count(),
        "payouts": list(Payout.objects.order_by("pk").values_list("pk", "amount_idr")),
        "payment_events": PaymentEvent.objects.count(),
        "order_events": OrderEvent.objects.count(),
        "transactions": LedgerTransaction.objects.count(),
        "entries": LedgerEntry.objects.count(),
        "stock": list(Product.objects.order_by("pk").values_list("pk", "stock")),
    }
