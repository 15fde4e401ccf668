"""Setting up where money is paid: a seller's own static QRIS, and the store's
rekening bersama (the village's bank account and/or QRIS, its fee and timers).

A QRIS is read twice: once to show the person what the sticker says ("Apakah
ini QRIS Anda?"), and again from the confirmed text when it is saved, so a
payload carried through a hidden form field is never trusted unparsed.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.payments.permissions import sellers_whose_qris_user_sets
from pasardesa.payments.qris import ERROR_EMPTY, StaticQris, decode_qr_image, parse_static_qris
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store, StoreEscrow
from pasardesa.stores.permissions import stores_operated_by

MAX_FEE_BASIS_POINTS = 1000  # 10 %
_PERCENT = re.compile(r"^\d{1,2}([.,]\d{1,2})?$")


def read_qris_sticker(*, upload=None, text: str = "") -> StaticQris:
    """The checked static QRIS of an uploaded photo/screenshot, else of pasted text.

    Every refusal (not an image, a decompression bomb, a blank photo, no QR,
    a URL, wrong CRC, not a QRIS...) is a ``ValidationError`` with a plain
    Indonesian message and the reader's ``code``.
    """
    if upload is not None:
        text = decode_qr_image(upload)
    if not (text or "").strip():
        raise ValidationError(ERROR_EMPTY, code="empty")
    return parse_static_qris(text)


def _qris_fields(static: StaticQris | None) -> dict[str, str]:
    if static is None:
        return {"qris_payload": "", "qris_merchant_name": "", "qris_nmid": ""}
    return {
        "qris_payload": static.payload,
        # The model's lengths are EMVCo's limits; the parser keeps within them.
        "qris_merchant_name": static.merchant_name[:25],
        "qris_nmid": static.nmid[:32],
    }


def _check_sets_qris(seller: Seller, actor) -> None:
    if not sellers_whose_qris_user_sets(actor).filter(pk=seller.pk).exists():
        raise ValidationError(
            _("Hanya pemilik usaha atau bendahara toko desa yang boleh mengatur QRIS."),
            code="not_allowed",
        )


@transaction.atomic
def set_seller_qris(*, seller: Seller, payload: str, actor) -> Seller:
    """Where buyers choosing "QRIS langsung" pay this seller.

    Only the seller's owner (never staff: a QRIS decides where buyers' money
    goes) or a treasurer of the seller's store. ``payload`` is parsed again
    here, whatever showed it before.
    """
    _check_sets_qris(seller, actor)
    fields = _qris_fields(parse_static_qris(payload))
    Seller.objects.filter(pk=seller.pk).update(**fields, updated_at=timezone.now())
    seller.refresh_from_db(fields=list(fields))
    return seller


@transaction.atomic
def clear_seller_qris(*, seller: Seller, actor) -> Seller:
    """No more "QRIS langsung" for this seller; orders made already keep theirs."""
    _check_sets_qris(seller, actor)
    fields = _qris_fields(None)
    Seller.objects.filter(pk=seller.pk).update(**fields, updated_at=timezone.now())
    seller.refresh_from_db(fields=list(fields))
    return seller


def parse_fee_percent(text) -> int:
    """ "1,5" (or "1.5", "1,5 %", "0", "") as basis points: 150. At most 10 %,
    at most two decimals, so the fee is exact."""
    value = str(text if text is not None else "").replace("%", "").strip()
    if not value:
        return 0
    if not _PERCENT.match(value):
        raise ValidationError(
            {"fee_percent": _("Tulis persen dengan angka, mis. 0 atau 1,5 (paling tinggi 10).")}
        )
    try:
        points = Decimal(value.replace(",", ".")) * 100
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        raise ValidationError({"fee_percent": _("Tulis persen dengan angka.")}) from None
    if points > MAX_FEE_BASIS_POINTS:
        raise ValidationError({"fee_percent": _("Biaya desa paling tinggi 10 %.")})
    return int(points)


def _in_range(errors: dict, name: str, value, low: int, high: int, message: str) -> int:
    if type(value) is not int or not low <= value <= high:
        errors[name] = message
        return low
    return value


@transaction.atomic
def set_store_escrow(
    *,
    store: Store,
    actor,
    holder_name: str,
    bank_name: str = "",
    bank_account_number: str = "",
    bank_account_holder: str = "",
    qris_payload: str | None = None,
    fee_percent="0",
    send_days: int = 2,
    release_hours: int = 48,
    extend_days: int = 3,
    is_active: bool = True,
    unpaid_expiry_hours: int | None = None,
) -> StoreEscrow:
    """The operator sets up (or changes) the store's rekening bersama.

    The bank account is all three of name, number and holder, or none; a
    buyer must have somewhere to pay (a bank account, a QRIS or both).
    ``qris_payload`` None keeps the QRIS there is, "" removes it, any other
    text is checked as a static QRIS. Orders placed already keep the account
    they were shown. Raises ``ValidationError`` keyed by field; nothing
    changes then.
    """
    if not stores_operated_by(actor).filter(pk=store.pk).exists():
        raise ValidationError(
            _("Hanya pengelola toko ini yang boleh mengatur rekening bersama."),
            code="not_allowed",
        )
    store = Store.objects.select_for_update().get(pk=store.pk)
    current = StoreEscrow.objects.filter(store=store).first()
    errors: dict[str, str] = {}
    holder = " ".join((holder_name or "").split())
    if not holder:
        errors["holder_name"] = _("Tulis nama pemegang rekening bersama, mis. BUMDes Maju.")
    elif len(holder) > 120:
        errors["holder_name"] = _("Nama paling panjang 120 huruf.")
    bank = " ".join((bank_name or "").split())
    account_holder = " ".join((bank_account_holder or "").split())
    digits = "".join(ch for ch in (bank_account_number or "").strip() if ch not in " .-")
    if bank or digits or account_holder:
        if not bank:
            errors["bank_name"] = _("Tulis nama bank, mis. BRI atau BNI.")
        elif len(bank) > 40:
            errors["bank_name"] = _("Nama bank paling panjang 40 huruf.")
        if not (digits.isascii() and digits.isdigit() and 5 <= len(digits) <= 20):
            errors["bank_account_number"] = _("Nomor rekening berisi 5 sampai 20 angka.")
        if not account_holder:
            errors["bank_account_holder"] = _(
                "Tulis nama pemilik rekening, seperti di buku tabungan."
            )
        elif len(account_holder) > 120:
            errors["bank_account_holder"] = _("Nama paling panjang 120 huruf.")
    if qris_payload is None:
        qris = {
            "qris_payload": current.qris_payload if current else "",
            "qris_merchant_name": current.qris_merchant_name if current else "",
            "qris_nmid": current.qris_nmid if current else "",
        }
    elif qris_payload == "":
        qris = _qris_fields(None)
    else:
        try:
            qris = _qris_fields(parse_static_qris(qris_payload))
        except ValidationError as exc:
            errors["qris"] = " ".join(exc.messages)
            qris = _qris_fields(None)
    if not digits and not qris["qris_payload"] and "qris" not in errors:
        errors["bank_account_number"] = _(
            "Isi rekening bank atau pasang QRIS: pembeli harus tahu ke mana membayar."
        )
    try:
        fee = parse_fee_percent(fee_percent)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
        fee = 0
    send_days = _in_range(
        errors, "send_days", send_days, 1, 14, _("Batas kirim antara 1 dan 14 hari.")
    )
    release_hours = _in_range(
        errors,
        "release_hours",
        release_hours,
        24,
        336,
        _("Dana dilepas otomatis antara 24 dan 336 jam (14 hari) setelah diserahkan."),
    )
    extend_days = _in_range(
        errors, "extend_days", extend_days, 1, 14, _("Perpanjangan antara 1 dan 14 hari.")
    )
    if unpaid_expiry_hours is not None:
        unpaid_expiry_hours = _in_range(
            errors,
            "unpaid_expiry_hours",
            unpaid_expiry_hours,
            1,
            168,
            _("Batas waktu bayar antara 1 dan 168 jam (7 hari)."),
        )
    if errors:
        raise ValidationError(errors)
    escrow, _created = StoreEscrow.objects.update_or_create(
        store=store,
        defaults={
            "holder_name": holder,
            "bank_name": bank,
            "bank_account_number": digits,
            "bank_account_holder": account_holder,
            **qris,
            "fee_basis_points": fee,
            "send_days": send_days,
            "release_hours": release_hours,
            "extend_days": extend_days,
            "is_active": bool(is_active),
        },
    )
    if unpaid_expiry_hours is not None and unpaid_expiry_hours != store.unpaid_expiry_hours:
        Store.objects.filter(pk=store.pk).update(unpaid_expiry_hours=unpaid_expiry_hours)
        store.unpaid_expiry_hours = unpaid_expiry_hours
    return escrow


@transaction.atomic
def set_escrow_qris(*, store: Store, payload: str, actor) -> StoreEscrow:
    """The QRIS sticker of the village's rekening bersama (confirmed by the operator)."""
    escrow = _operated_escrow(store, actor)
    static = parse_static_qris(payload)
    fields = _qris_fields(static)
    if escrow is None:
        # A village with a QRIS and no bank account starts here: the QRIS's
        # merchant is the holder until the operator writes the name, and
        # buyers are offered it only once the operator saves the whole setup.
        return StoreEscrow.objects.create(
            store=store, holder_name=static.merchant_name, is_active=False, **fields
        )
    StoreEscrow.objects.filter(pk=escrow.pk).update(**fields, updated_at=timezone.now())
    escrow.refresh_from_db()
    return escrow


@transaction.atomic
def clear_escrow_qris(*, store: Store, actor) -> StoreEscrow:
    escrow = _operated_escrow(store, actor)
    if escrow is None or not escrow.bank_account_number:
        raise ValidationError(
            _("QRIS tidak bisa dihapus: rekening bersama ini belum punya rekening bank."),
            code="nowhere_to_pay",
        )
    fields = _qris_fields(None)
    StoreEscrow.objects.filter(pk=escrow.pk).update(**fields, updated_at=timezone.now())
    escrow.refresh_from_db()
    return escrow


def _operated_escrow(store: Store, actor) -> StoreEscrow | None:
    if not stores_operated_by(actor).filter(pk=store.pk).exists():
        raise ValidationError(
            _("Hanya pengelola toko ini yang boleh mengatur rekening bersama."),
            code="not_allowed",
        )
    return StoreEscrow.objects.select_for_update().filter(store=store).first()


__all__ = [
    "clear_escrow_qris",
    "clear_seller_qris",
    "parse_fee_percent",
    "read_qris_sticker",
    "set_escrow_qris",
    "set_seller_qris",
    "set_store_escrow",
]
