"""Paying for an order: the payment made with it, each step of its state
table, and the ledger transaction every escrow step that moves money posts.

One lock order everywhere: the order row (``transition_order`` takes it), then
the payment row, then the ledger accounts (``post_transaction``, in pk order).
A service that starts from the payment therefore moves the order first when
both change, so two taps (the buyer confirming while the timer releases) are
decided one after the other and only one takes effect.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.core.images import process_photo
from pasardesa.orders.models import (
    PREPAID,
    ActorRole,
    Order,
    OrderStatus,
    PaymentMethod,
)
from pasardesa.orders.services import transition_order
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import MAX_UNIQUE_CODE, Payment, PaymentEvent, PaymentRole
from pasardesa.payments.models import PaymentStatus as S
from pasardesa.payments.services.ledger import ledger_account, post_transaction
from pasardesa.payments.state import PAYMENT_MACHINE
from pasardesa.sellers.models import SellerMember


# A payment's ledger keys: one per step that moves money, so a retried step
# posts nothing twice.
def ledger_key(payment: Payment, step: str) -> str:
    return f"payment:{payment.pk}:{step}"


# --- Made with the order ---------------------------------------------------------------


def _pay_to(order: Order) -> tuple[str, str]:
    """(where the money goes in words, the static QRIS) as the buyer sees them now."""
    if order.payment_method == PaymentMethod.ESCROW:
        escrow = order.store.escrow
        where = escrow.holder_name
        if escrow.bank_account_number:
            where = _("%(holder)s, %(bank)s %(number)s a.n. %(name)s") % {
                "holder": escrow.holder_name,
                "bank": escrow.bank_name,
                "number": escrow.bank_account_number,
                "name": escrow.bank_account_holder,
            }
        return where[:240], escrow.qris_payload
    if order.payment_method == PaymentMethod.QRIS:
        return order.seller.qris_merchant_name, order.seller.qris_payload
    return order.transfer_to, ""


def _taken_codes(order: Order) -> set[int]:
    awaiting = Payment.objects.filter(status=S.AWAITING)
    if order.payment_method == PaymentMethod.ESCROW:
        awaiting = awaiting.filter(store=order.store, method=PaymentMethod.ESCROW)
    else:
        awaiting = awaiting.filter(seller=order.seller).exclude(method=PaymentMethod.ESCROW)
    return set(awaiting.values_list("unique_code_idr", flat=True))


def _new_payment(order: Order, now: datetime.datetime) -> Payment:
    """The order's payment with a unique code no other unpaid order to the same
    account carries; a race for the last free codes is settled by the
    database's unique constraint and retried."""
    where, qris = _pay_to(order)
    fee = (
        order.store.escrow.fee_for(order.subtotal_idr)
        if order.payment_method == PaymentMethod.ESCROW
        else 0
    )
    for _attempt in range(5):
        free = sorted(set(range(1, MAX_UNIQUE_CODE + 1)) - _taken_codes(order))
        if not free:
            raise ValidationError(
                _("Terlalu banyak pesanan menunggu pembayaran ke rekening ini; coba lagi nanti."),
                code="no_unique_code",
            )
        code = secrets.choice(free)
        try:
            with transaction.atomic():
                return Payment.objects.create(
                    order=order,
                    store=order.store,
                    seller=order.seller,
                    method=order.payment_method,
                    amount_idr=order.subtotal_idr + code,
                    unique_code_idr=code,
                    fee_idr=fee,
                    pay_to=where,
                    qris_payload=qris,
                    pay_by=now + datetime.timedelta(hours=order.store.unpaid_expiry_hours),
                )
        except IntegrityError:
            continue
    raise ValidationError(
        _("Kode pembayaran tidak bisa dibuat sekarang; coba lagi."), code="no_unique_code"
    )


def create_payments(orders: list[Order], *, now: datetime.datetime) -> list[Payment]:
    """A payment for each order of a checkout that is paid first."""
    made = []
    for order in orders:
        if order.payment_method not in PREPAID:
            continue
        payment = _new_payment(order, now)
        PaymentEvent.objects.create(
            payment=payment,
            from_status="",
            to_status=S.AWAITING,
            actor=order.checkout.buyer,
            actor_role=PaymentRole.BUYER,
        )
        made.append(payment)
    return made


# --- Moving a payment -------------------------------------------------------------------


def step_payment(
    payment: Payment, to_status: str, *, actor, actor_role: str, note: str = "", **fields
):
    """Move the (locked) ``payment`` one step of the table, set ``fields``, write the event."""
    from_status = payment.status
    PAYMENT_MACHINE.check(from_status, to_status, actor_role)
    if to_status in {S.HELD, S.SENT, S.DISPUTED, S.RELEASED, S.REFUNDED, S.SPLIT}:
        if not payment.is_escrow:
            raise ValidationError(_("Langkah ini hanya untuk rekening bersama."))
    elif to_status == S.PAID and payment.is_escrow:
        raise ValidationError(_("Dana rekening bersama dipastikan oleh bendahara."))
    payment.status = to_status
    for name, value in fields.items():
        setattr(payment, name, value)
    payment.save(update_fields=["status", "updated_at", *fields])
    return PaymentEvent.objects.create(
        payment=payment,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        actor_role=actor_role,
        note=note[:500],
    )


def locked_payment(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().select_related("store", "seller").get(pk=payment.pk)


def payment_accounts(payment: Payment, *kinds: str):
    store = payment.store
    made = []
    for kind in kinds:
        if kind in (AccountKind.HELD, AccountKind.REFUND):
            made.append(ledger_account(store=store, kind=kind, order=payment.order))
        elif kind == AccountKind.SELLER:
            made.append(ledger_account(store=store, kind=kind, seller=payment.seller))
        else:
            made.append(ledger_account(store=store, kind=kind))
    return made


def book_release(payment: Payment, *, seller_part: int, step: str) -> None:
    """Held money to the seller (less the village fee) and, for ``seller_part`` <
    the whole, the rest back to the buyer."""
    buyer_part = payment.amount_idr - seller_part
    fee = payment.fee_idr * seller_part // payment.amount_idr if payment.amount_idr else 0
    held, seller, fee_account, refund = payment_accounts(
        payment, AccountKind.HELD, AccountKind.SELLER, AccountKind.FEE, AccountKind.REFUND
    )
    entries = [(held, payment.amount_idr)]
    if seller_part - fee:
        entries.append((seller, -(seller_part - fee)))
    if fee:
        entries.append((fee_account, -fee))
    if buyer_part:
        entries.append((refund, -buyer_part))
    post_transaction(
        key=ledger_key(payment, step),
        entries=entries,
        memo=f"{payment.order.number}: {step}",
    )


def _not_their_own(actor, payment: Payment) -> None:
    """A treasurer never decides money of a seller they own or staff."""
    if (
        actor is not None
        and SellerMember.objects.filter(user=actor, seller=payment.seller).exists()
    ):
        raise ValidationError(
            _(
                "Anda pemilik atau staf penjual pesanan ini; bendahara lain yang harus "
                "memastikan uangnya."
            ),
            code="own_seller",
        )


@transaction.atomic
def confirm_payment(*, payment: Payment, actor, actor_role: str, note: str = "") -> PaymentEvent:
    """The money arrived: the treasurer for the rekening bersama (held, the
    seller may send), the seller for a direct transfer or QRIS (paid).

    Raises ``IllegalTransition`` when it was confirmed already (a double tap,
    a second treasurer) or the order ended; nothing changes then.
    """
    payment = locked_payment(payment)
    if payment.is_escrow:
        _not_their_own(actor, payment)
        escrow, held = payment_accounts(payment, AccountKind.ESCROW, AccountKind.HELD)
        event = step_payment(
            payment,
            S.HELD,
            actor=actor,
            actor_role=actor_role,
            note=note,
            send_by=timezone.now() + datetime.timedelta(days=payment.store.escrow.send_days),
        )
        post_transaction(
            key=ledger_key(payment, "held"),
            entries=[(escrow, payment.amount_idr), (held, -payment.amount_idr)],
            memo=f"{payment.order.number}: dana masuk",
        )
        return event
    return step_payment(payment, S.PAID, actor=actor, actor_role=actor_role, note=note)


def refund_in_full(payment: Payment, *, actor, actor_role: str, note: str) -> PaymentEvent:
    held, refund = payment_accounts(payment, AccountKind.HELD, AccountKind.REFUND)
    event = step_payment(payment, S.REFUNDED, actor=actor, actor_role=actor_role, note=note)
    post_transaction(
        key=ledger_key(payment, "refund"),
        entries=[(held, payment.amount_idr), (refund, -payment.amount_idr)],
        memo=f"{payment.order.number}: dana dikembalikan",
    )
    return event


class OrderPayments:
    """The payments app's part in placing an order and in its steps (see
    ``pasardesa.orders.services.participants``)."""

    def orders_placed(self, orders: list[Order], *, now: datetime.datetime) -> None:
        create_payments(orders, now=now)

    def order_stepping(
        self, order: Order, *, from_status: str, to_status: str, actor, actor_role: str
    ) -> None:
        payment = (
            Payment.objects.select_for_update()
            .select_related("store", "seller")
            .filter(order=order)
            .first()
        )
        if payment is None:
            return
        if to_status in (OrderStatus.DECLINED, OrderStatus.CANCELLED, OrderStatus.EXPIRED):
            if payment.status == S.AWAITING:
                step_payment(payment, S.CANCELLED, actor=None, actor_role=PaymentRole.SYSTEM)
            elif payment.status == S.HELD:
                refund_in_full(
                    payment,
                    actor=None,
                    actor_role=PaymentRole.SYSTEM,
                    note=_("Pesanan berakhir sebelum barang diserahkan."),
                )
        elif to_status == OrderStatus.DELIVERED and payment.is_escrow:
            if payment.status != S.HELD:
                raise ValidationError(
                    _(
                        "Dana pembeli belum masuk rekening bersama. Jangan serahkan barang "
                        "sebelum bendahara memastikan dananya."
                    ),
                    code="not_held",
                )
            release_hours = payment.store.escrow.release_hours
            step_payment(
                payment,
                S.SENT,
                actor=actor,
                actor_role=PaymentRole.SELLER,
                release_at=timezone.now() + datetime.timedelta(hours=release_hours),
            )
        elif to_status == OrderStatus.COMPLETED and payment.is_escrow:
            if payment.status == S.SENT:
                role = PaymentRole.BUYER if actor_role == ActorRole.BUYER else PaymentRole.SYSTEM
                step_payment(payment, S.RELEASED, actor=actor, actor_role=role)
                book_release(payment, seller_part=payment.amount_idr, step="released")
            elif payment.status == S.DISPUTED:
                raise ValidationError(
                    _("Pesanan ini masih dikomplain; tunggu keputusannya."), code="disputed"
                )
        elif to_status == OrderStatus.COMPLETED and payment.status == S.AWAITING:
            # A direct payment's order is done: the seller saying so says they
            # were paid; the buyer saying so is the system's inference, not the seller's word.
            role = PaymentRole.SELLER if actor_role == ActorRole.SELLER else PaymentRole.SYSTEM
            step_payment(payment, S.PAID, actor=actor, actor_role=role)


@transaction.atomic
def confirm_receipt(*, order: Order, actor) -> None:
    """The buyer has the goods: the order is done and the held money released."""
    transition_order(
        order=order, to_status=OrderStatus.COMPLETED, actor=actor, actor_role=ActorRole.BUYER
    )


@transaction.atomic
def extend_release(*, payment: Payment, actor) -> Payment:
    """The buyer needs more time before the money is released: once, by the
    store's ``extend_days``."""
    payment = locked_payment(payment)
    if payment.status != S.SENT:
        raise ValidationError(_("Batas waktu hanya bisa diperpanjang sebelum dana dilepas."))
    if payment.extended:
        raise ValidationError(_("Batas waktu sudah pernah diperpanjang; hanya bisa sekali."))
    days = payment.store.escrow.extend_days
    payment.release_at = payment.release_at + datetime.timedelta(days=days)
    payment.extended = True
    payment.save(update_fields=["release_at", "extended", "updated_at"])
    PaymentEvent.objects.create(
        payment=payment,
        from_status=payment.status,
        to_status=payment.status,
        actor=actor,
        actor_role=PaymentRole.BUYER,
        note=_("Batas waktu diperpanjang %(days)d hari.") % {"days": days},
    )
    return payment


def buyer_says_paid(*, payment: Payment, proof=None) -> Payment:
    """The buyer tapped "Saya sudah bayar" (and may have sent a proof photo).

    ``proof`` is the uploaded file as it came: it passes the photo pipeline's
    checks (type, size, decompression bomb; ``ValidationError`` with a plain
    message, nothing changes) and only its re-encoded WebP is kept, under a
    random name, since media files are served to whoever knows the name and an
    order number is easy to guess. The photo is encoded before any row is
    locked, so a slow upload never holds the payment.
    """
    encoded = process_photo(proof, stem="bukti").detail.content if proof is not None else None
    return _buyer_says_paid(payment=payment, encoded=encoded)


@transaction.atomic
def _buyer_says_paid(*, payment: Payment, encoded) -> Payment:
    payment = locked_payment(payment)
    if payment.status != S.AWAITING:
        raise ValidationError(_("Pembayaran ini sudah tidak menunggu."))
    payment.buyer_says_paid_at = payment.buyer_says_paid_at or timezone.now()
    fields = ["buyer_says_paid_at", "updated_at"]
    if encoded is not None:
        payment.proof.save(f"bukti-{secrets.token_urlsafe(16)}.webp", encoded, save=False)
        fields.append("proof")
    payment.save(update_fields=fields)
    return payment


# Where the buyer may say where a refund goes: money is (or may soon be) owed back.
REFUND_ACCOUNT_STATUSES = frozenset({S.DISPUTED, S.REFUNDED, S.SPLIT})
MAX_REFUND_ACCOUNT = 200


@transaction.atomic
def set_refund_account(*, payment: Payment, refund_to: str) -> Payment:
    """The buyer's bank or e-wallet account for the refund, in their words
    ("BRI 0123456789 a.n. Nur Aini"); the caller has proven the buyer.

    Accepted while money is or may be owed back and nothing was paid back yet:
    once the treasurer paid, the account they paid to is what the books say.
    """
    payment = locked_payment(payment)
    text = " ".join((refund_to or "").split())
    if not text:
        raise ValidationError(
            {"refund_to": _("Tulis bank atau e-wallet, nomor rekening, dan atas nama.")}
        )
    if len(text) > MAX_REFUND_ACCOUNT:
        raise ValidationError(
            {"refund_to": _("Paling panjang %(max)d huruf.") % {"max": MAX_REFUND_ACCOUNT}}
        )
    if not any(ch.isdigit() for ch in text):
        raise ValidationError({"refund_to": _("Nomor rekening atau nomor e-wallet belum ditulis.")})
    if payment.status not in REFUND_ACCOUNT_STATUSES:
        raise ValidationError(_("Pesanan ini tidak punya dana yang dikembalikan."))
    if payment.refunds.exists():
        raise ValidationError(_("Dana sudah dikembalikan; rekening tidak bisa diganti lagi."))
    payment.refund_to = text
    payment.save(update_fields=["refund_to", "updated_at"])
    return payment


# --- Timers (jobs) ----------------------------------------------------------------------


def _each_due(due, run) -> int:
    """Run ``run(payment)`` for each due payment in its own transaction.

    The order is locked before the payment, as everywhere (see the module's
    docstring); rows another runner or a person holds are skipped until the
    next run, and ``run`` re-checks what changed meanwhile.
    """
    done = 0
    for pk, order_id in list(due.values_list("pk", "order_id")[:500]):
        with transaction.atomic():
            if not Order.objects.select_for_update(skip_locked=True).filter(pk=order_id).exists():
                continue
            payment = (
                Payment.objects.select_for_update(skip_locked=True)
                .select_related("order", "store", "seller")
                .filter(pk=pk)
                .first()
            )
            if payment is not None and run(payment):
                done += 1
    return done


UNPAID_CANCELLABLE = (
    OrderStatus.NEW,
    OrderStatus.ACCEPTED,
    OrderStatus.PREPARING,
    OrderStatus.READY,
)


# A buyer who said "Saya sudah bayar" before the deadline gets one more day for
# the treasurer (or the seller) to see the money: a transfer made at the last
# minute must not arrive for an order already cancelled.
CLAIMED_GRACE = datetime.timedelta(hours=24)


def unpaid_cancel_at(payment: Payment) -> datetime.datetime:
    """When ``payment``, still awaited, is cancelled for not being paid."""
    claimed = (
        payment.buyer_says_paid_at is not None and payment.buyer_says_paid_at <= payment.pay_by
    )
    return payment.pay_by + CLAIMED_GRACE if claimed else payment.pay_by


def cancel_unpaid(*, now: datetime.datetime | None = None) -> int:
    """Orders paid first that nobody paid in the store's time: cancelled, stock
    back (a day later when the buyer said in time that they paid)."""
    now = now or timezone.now()

    def run(payment: Payment) -> bool:
        if payment.status != S.AWAITING or unpaid_cancel_at(payment) > now:
            return False
        order = payment.order
        if order.status not in UNPAID_CANCELLABLE:
            return False
        step_payment(payment, S.UNPAID, actor=None, actor_role=PaymentRole.SYSTEM)
        transition_order(
            order=order,
            to_status=OrderStatus.CANCELLED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
            note=_("Tidak dibayar sampai batas waktu."),
        )
        return True

    # Only orders still cancellable: one handed over unpaid (a direct payment
    # the seller trusted) is theirs to settle, and must not crowd out the rest.
    due = Payment.objects.filter(
        Q(buyer_says_paid_at__isnull=True)
        | Q(buyer_says_paid_at__gt=F("pay_by"))
        | Q(pay_by__lte=now - CLAIMED_GRACE),
        status=S.AWAITING,
        pay_by__lte=now,
        order__status__in=UNPAID_CANCELLABLE,
    )
    return _each_due(due, run)


def cancel_unsent(*, now: datetime.datetime | None = None) -> int:
    """Escrow orders the seller did not hand over in time: cancelled, refunded in full."""
    now = now or timezone.now()

    def run(payment: Payment) -> bool:
        if payment.status != S.HELD or payment.send_by is None or payment.send_by > now:
            return False
        transition_order(
            order=payment.order,
            to_status=OrderStatus.CANCELLED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
            note=_("Penjual tidak menyerahkan barang sampai batas waktu; dana dikembalikan."),
        )
        return True

    return _each_due(Payment.objects.filter(status=S.HELD, send_by__lte=now), run)


def release_due(*, now: datetime.datetime | None = None) -> int:
    """Escrow orders handed over whose buyer neither confirmed nor complained
    in time: done, and the money released to the seller."""
    now = now or timezone.now()

    def run(payment: Payment) -> bool:
        if payment.status != S.SENT or payment.release_at > now:
            return False
        transition_order(
            order=payment.order,
            to_status=OrderStatus.COMPLETED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
            note=_("Dana dilepas otomatis: batas waktu pembeli habis."),
        )
        return True

    return _each_due(Payment.objects.filter(status=S.SENT, release_at__lte=now), run)


__all__ = [
    "REFUND_ACCOUNT_STATUSES",
    "OrderPayments",
    "book_release",
    "buyer_says_paid",
    "cancel_unpaid",
    "cancel_unsent",
    "confirm_payment",
    "confirm_receipt",
    "create_payments",
    "extend_release",
    "ledger_key",
    "locked_payment",
    "payment_accounts",
    "refund_in_full",
    "release_due",
    "step_payment",
]
