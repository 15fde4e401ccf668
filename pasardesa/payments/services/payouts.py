"""Money out of the rekening bersama: the treasurer pays a seller what was
released to them, or pays a buyer back what is owed for a refund.

Each payout is one ledger transaction keyed ``payout:<form key>`` and one
``Payout`` row pointing at it. The ledger's key is the idempotency: a double
tap or a retry with the same key finds the first posting and returns its
payout, so the money leaves the books once. The ledger also refuses to pay
more than is owed, under any number of concurrent taps (it locks the
accounts before reading their balances).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.core.money import format_rupiah
from pasardesa.payments.ledger import AccountKind, LedgerTransaction
from pasardesa.payments.models import Payment, PaymentEvent, PaymentRole, Payout, Reconciliation
from pasardesa.payments.permissions import is_treasurer_of, own_seller_ids
from pasardesa.payments.selectors.ledger import balance
from pasardesa.payments.selectors.treasury import books
from pasardesa.payments.services.ledger import LedgerError, ledger_account, post_transaction
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store

MAX_REFERENCE_CHARS = 60


def payout_key(key) -> str:
    return f"payout:{key}"


def _check_treasurer(store: Store, seller_id: int, actor) -> None:
    if not is_treasurer_of(actor, store):
        raise ValidationError(
            _("Hanya bendahara toko ini yang boleh mencatat pembayaran."), code="not_allowed"
        )
    if seller_id in own_seller_ids(actor):
        raise ValidationError(
            _("Anda pemilik atau staf penjual ini; bendahara lain yang harus membayarkan uangnya."),
            code="own_seller",
        )


def _reference(reference: str) -> str:
    text = " ".join((reference or "").split())
    if not text:
        raise ValidationError(
            {"reference": _("Tulis nomor referensi transfer dari bank (ada di bukti transfer).")}
        )
    if len(text) > MAX_REFERENCE_CHARS:
        raise ValidationError({"reference": _("Nomor referensi paling panjang 60 karakter.")})
    return text


def _first(key: str, *, kind: str, seller=None, payment=None) -> Payout | None:
    """The payout an earlier tap with ``key`` made, if any; a key reused for
    another payout is refused rather than answered with the wrong one."""
    first = Payout.objects.filter(transaction__key=key).select_related("transaction").first()
    if first is None:
        return None
    if (
        first.kind != kind
        or first.seller_id != getattr(seller, "pk", None)
        or (first.payment_id != getattr(payment, "pk", None))
    ):
        raise ValidationError(
            _("Formulir ini sudah dipakai untuk pembayaran lain. Muat ulang halamannya."),
            code="key_reused",
        )
    return first


def _post(key: str, entries, memo: str, owed_account, amount_idr: int) -> LedgerTransaction:
    try:
        return post_transaction(key=key, entries=entries, memo=memo)
    except LedgerError:
        owed = balance(owed_account)
        if owed < amount_idr:
            raise ValidationError(
                {
                    "amount": _(
                        "Jumlah ini lebih besar dari yang harus dibayar (%(owed)s). "
                        "Mungkin sudah dibayar lewat ketukan lain; muat ulang halamannya."
                    )
                    % {"owed": format_rupiah(owed)}
                },
                code="more_than_owed",
            ) from None
        raise


def _payout_for(transaction_row: LedgerTransaction, **fields) -> tuple[Payout, bool]:
    """(the payout of ``transaction_row``, made now?): made now, or by the twin
    tap that posted it first (its row is committed with the posting)."""
    existing = Payout.objects.filter(transaction=transaction_row).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Payout.objects.create(transaction=transaction_row, **fields), True
    except IntegrityError:
        return Payout.objects.get(transaction=transaction_row), False


@transaction.atomic
def pay_out_seller(
    *,
    store: Store,
    seller: Seller,
    amount_idr: int,
    reference: str,
    actor,
    key,
    paid_to: str = "",
) -> Payout:
    """The treasurer transferred ``amount_idr`` of what ``seller`` is owed.

    ``paid_to`` defaults to the seller's bank account. Refuses a treasurer
    paying their own seller, an amount beyond what is owed, a missing
    reference. A retry with ``key`` returns the first payout.
    """
    if seller.store_id != store.pk:
        raise ValidationError(_("Penjual ini bukan penjual toko ini."), code="other_store")
    _check_treasurer(store, seller.pk, actor)
    ledger = payout_key(key)
    first = _first(ledger, kind=Payout.Kind.SELLER, seller=seller)
    if first is not None:
        return first
    if type(amount_idr) is not int or amount_idr <= 0:
        raise ValidationError({"amount": _("Tulis jumlah yang dibayarkan, lebih dari Rp0.")})
    reference = _reference(reference)
    if not paid_to and seller.has_bank_account:
        # Digits as the bank statement prints them, not grouped for reading.
        paid_to = _("%(bank)s %(number)s a.n. %(holder)s") % {
            "bank": seller.bank_name,
            "number": seller.bank_account_number,
            "holder": seller.bank_account_holder,
        }
    paid_to = " ".join((paid_to or "").split())[:240]
    if not paid_to:
        raise ValidationError(
            _("Penjual ini belum mengisi rekening. Minta dia mengisinya di halaman Rekening."),
            code="no_account",
        )
    owed_account = ledger_account(store=store, kind=AccountKind.SELLER, seller=seller)
    escrow = ledger_account(store=store, kind=AccountKind.ESCROW)
    posted = _post(
        ledger,
        [(owed_account, amount_idr), (escrow, -amount_idr)],
        f"{seller.business_name}: dibayar {reference}"[:200],
        owed_account,
        amount_idr,
    )
    payout, _made = _payout_for(
        posted,
        store=store,
        kind=Payout.Kind.SELLER,
        seller=seller,
        amount_idr=amount_idr,
        paid_to=paid_to,
        reference=reference,
        paid_by=actor,
    )
    return payout


@transaction.atomic
def pay_refund(*, payment: Payment, reference: str, actor, key, paid_to: str = "") -> Payout:
    """The treasurer transferred back to the buyer all the order's refund owes.

    ``paid_to`` defaults to the account the buyer gave (``Payment.refund_to``);
    without either there is nowhere to pay. A retry with ``key`` returns the
    first payout; a second refund of the same money is refused.
    """
    payment = Payment.objects.select_related("store", "order").get(pk=payment.pk)
    _check_treasurer(payment.store, payment.seller_id, actor)
    ledger = payout_key(key)
    first = _first(ledger, kind=Payout.Kind.REFUND, payment=payment)
    if first is not None:
        return first
    reference = _reference(reference)
    paid_to = " ".join((paid_to or payment.refund_to or "").split())[:240]
    if not paid_to:
        raise ValidationError(
            {"paid_to": _("Tulis rekening atau dompet digital pembeli tujuan transfer.")}
        )
    owed_account = ledger_account(store=payment.store, kind=AccountKind.REFUND, order=payment.order)
    amount_idr = balance(owed_account)
    if amount_idr <= 0:
        raise ValidationError(
            _("Tidak ada dana yang harus dikembalikan untuk pesanan ini (mungkin sudah dibayar)."),
            code="nothing_owed",
        )
    escrow = ledger_account(store=payment.store, kind=AccountKind.ESCROW)
    posted = _post(
        ledger,
        [(owed_account, amount_idr), (escrow, -amount_idr)],
        f"{payment.order.number}: dana dikembalikan {reference}"[:200],
        owed_account,
        amount_idr,
    )
    payout, made = _payout_for(
        posted,
        store=payment.store,
        kind=Payout.Kind.REFUND,
        payment=payment,
        amount_idr=amount_idr,
        paid_to=paid_to,
        reference=reference,
        paid_by=actor,
    )
    if made:
        # The buyer's history says their money went out, to where, with which reference.
        PaymentEvent.objects.create(
            payment=payment,
            from_status=payment.status,
            to_status=payment.status,
            actor=actor,
            actor_role=PaymentRole.TREASURER,
            note=(
                _("Dana %(amount)s dikembalikan ke %(to)s, referensi %(ref)s.")
                % {"amount": format_rupiah(amount_idr), "to": paid_to, "ref": reference}
            )[:500],
        )
    return payout


@transaction.atomic
def record_reconciliation(
    *, store: Store, date: datetime.date, bank_balance_idr: int, actor
) -> Reconciliation:
    """The treasurer read ``bank_balance_idr`` on the bank statement at the end
    of ``date``: kept beside what the books expected at the end of that day
    (in the store's zone), so the difference is on record."""
    if not is_treasurer_of(actor, store):
        raise ValidationError(
            _("Hanya bendahara toko ini yang boleh mencocokkan saldo."), code="not_allowed"
        )
    if type(bank_balance_idr) is not int:
        raise ValidationError({"bank_balance": _("Tulis saldo bank dalam rupiah bulat.")})
    today = timezone.localtime(timezone.now(), store.time_zone).date()
    if date > today:
        raise ValidationError({"date": _("Tanggal saldo tidak boleh setelah hari ini.")})
    end_of_day = datetime.datetime.combine(
        date + datetime.timedelta(days=1), datetime.time(), tzinfo=store.time_zone
    )
    return Reconciliation.objects.create(
        store=store,
        date=date,
        bank_balance_idr=bank_balance_idr,
        expected_idr=books(store, until=end_of_day).expected_idr,
        entered_by=actor,
    )


__all__ = ["pay_out_seller", "pay_refund", "payout_key", "record_reconciliation"]
