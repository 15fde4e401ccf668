"""Bargaining (tawar): a buyer's offer on a negotiable product, the answers
back and forth, and its end.

What a buyer's offer does is read in ``make_offer``; every later step (accept,
counter, decline, cancel, expire, order) goes through ``transition_offer``,
which checks ``OFFER_TRANSITIONS`` and writes an ``OfferEvent``. Checking out
an agreed price is part of ``place_checkout`` (accepted → ordered, in its
transaction).

Stock is not held by an offer: accepting checks that the quantity is there,
and the checkout takes it like any order (an agreed price is not a promise
of goods someone else already bought).
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.catalog.models import Product
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.money import MAX_PRICE_IDR, format_rupiah
from pasardesa.orders.cart import clean_product_id, clean_quantity
from pasardesa.orders.models import (
    ACCEPTED_OFFER_HOURS,
    MAX_OFFER_ROUNDS,
    ActorRole,
    Offer,
    OfferEvent,
    OfferStatus,
)
from pasardesa.orders.services.common import (
    clean_contact,
    clean_key,
    clean_note,
    expire_due,
    new_numbers,
    private_token,
)
from pasardesa.orders.state import OFFER_MACHINE, IllegalTransition

OFFER_SCOPE = scope("orders", "make_offer")  # anonymous buyers: one scope
# What a step may change, copied back onto the caller's instance.
_CHANGING_FIELDS = (
    "status",
    "buyer_price_idr",
    "seller_price_idr",
    "agreed_price_idr",
    "rounds",
    "expires_at",
    "updated_at",
)


class OfferChanged(IllegalTransition):
    """The offer moved on since the page was drawn (the other side answered,
    it lapsed); nothing was changed. The message says what it is now."""


def _answer_deadline(offer_or_product, to_status: str, now: datetime.datetime):
    """The other side answers within the store's time limit for orders; when
    that side is the seller, counted from their next opening (like an order)."""
    seller = offer_or_product.seller
    if to_status == OfferStatus.PENDING:
        return seller.answer_deadline(now, list(seller.opening_hours.all()))
    return now + datetime.timedelta(hours=seller.store.order_expiry_hours)


def _product_of(offer: Offer) -> Product | None:
    """The offer's product as it is now (None once deleted)."""
    if offer.product_id is None:
        return None
    return Product.objects.select_related("seller__store").filter(pk=offer.product_id).first()


def _clean_price(value, field: str = "price_idr") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({field: _("Tulis harga tawaran dalam rupiah, contoh 12.500.")})
    if value < 1:
        raise ValidationError({field: _("Harga tawaran paling sedikit Rp1.")})
    if value > MAX_PRICE_IDR:
        raise ValidationError({field: _("Harga tawaran terlalu besar.")})
    return value


def _check_stock(product: Product | None, quantity: int, field: str = "quantity") -> None:
    """The product is still for sale with ``quantity`` in stock, else a message."""
    if product is None or not product.is_for_sale:
        raise ValidationError(_("Produk ini sudah tidak dijual lagi."), code="product_unavailable")
    if product.stock is not None and product.stock < quantity:
        if product.stock <= 0:
            message = _("%(name)s sudah habis.") % {"name": product.name}
        else:
            message = _("Stok %(name)s tinggal %(n)d %(unit)s, kurang dari %(q)d.") % {
                "name": product.name,
                "n": product.stock,
                "unit": product.unit,
                "q": quantity,
            }
        raise ValidationError({field: message}, code="stock_short")


# --- The buyer's first offer --------------------------------------------------------


def make_offer(
    *,
    product_id: int,
    quantity,
    price_idr,
    buyer_name: str,
    buyer_phone: str,
    idempotency_key: uuid.UUID | str,
    note: str = "",
    user=None,
) -> Offer:
    """A buyer offers ``price_idr`` per unit for ``quantity`` of a product.

    The product must be public and marked negotiable, the price below its
    sale price (at the sale price the buyer simply orders), the quantity in
    stock. The seller has the store's answer time (``order_expiry_hours``).
    The same ``idempotency_key`` again returns the first offer.

    Raises ``ValidationError`` keyed by ``price_idr``, ``quantity``,
    ``buyer_name``, ``buyer_phone`` or ``note``, or non-field when the product
    cannot be bargained for.
    """
    key = clean_key(idempotency_key)
    existing = Offer.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    name, phone = clean_contact(buyer_name, buyer_phone, errors)
    try:
        quantity = clean_quantity(quantity)
    except ValidationError as exc:
        errors["quantity"] = exc.messages[0]
    try:
        price_idr = _clean_price(price_idr)
    except ValidationError as exc:
        errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    try:
        note = clean_note(note)
    except ValidationError as exc:
        errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    try:
        product_id = clean_product_id(product_id)
    except ValidationError:
        product = None
    else:
        product = Product.objects.select_related("seller__store").filter(pk=product_id).first()
    if product is None or not product.is_for_sale or not product.is_negotiable:
        raise ValidationError(_("Produk ini tidak bisa ditawar."), code="not_negotiable")
    if "price_idr" not in errors and price_idr >= product.sale_price_idr:
        errors["price_idr"] = _(
            "Tawaran harus di bawah harga jual %(price)s. Setuju dengan harga itu? "
            "Langsung pesan saja."
        ) % {"price": format_rupiah(product.sale_price_idr)}
    if "quantity" not in errors:
        try:
            _check_stock(product, quantity)
        except ValidationError as exc:
            errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)

    def create() -> Offer:
        now = timezone.now()
        offer = Offer.objects.create(
            number=new_numbers(
                Offer, "TW", 1, timezone.localdate(now, product.seller.store.time_zone)
            )[0],
            token=private_token(),
            product=product,
            seller=product.seller,
            store=product.seller.store,
            product_name=product.name,
            unit=product.unit,
            list_price_idr=product.sale_price_idr,
            quantity=quantity,
            buyer_name=name,
            buyer_phone=phone,
            buyer=user if getattr(user, "is_authenticated", False) else None,
            status=OfferStatus.PENDING,
            buyer_price_idr=price_idr,
            rounds=1,
            expires_at=_answer_deadline(product, OfferStatus.PENDING, now),
            idempotency_key=key,
        )
        OfferEvent.objects.create(
            offer=offer,
            from_status="",
            to_status=OfferStatus.PENDING,
            price_idr=price_idr,
            actor=offer.buyer,
            actor_role=ActorRole.BUYER,
            note=note,
        )
        return offer

    offer, _created = run_once(
        scope=OFFER_SCOPE, key=key, action=create, load=lambda pk: Offer.objects.get(pk=pk)
    )
    return offer


# --- Every later step ----------------------------------------------------------------


def _check_proposal(offer: Offer, to_status: str, price_idr, product: Product | None) -> int:
    """The price of a counter: the seller's above the buyer's last offer, not
    above their own last counter nor the sale price; the buyer's below the
    seller's counter and not below their own last offer. Each side only moves
    towards the other."""
    price = _clean_price(price_idr)
    if offer.rounds >= MAX_OFFER_ROUNDS:
        raise ValidationError(
            {
                "price_idr": _("Sudah %(n)d kali tawar-menawar. Terima harga terakhir, atau tolak.")
                % {"n": MAX_OFFER_ROUNDS}
            }
        )
    if to_status == OfferStatus.COUNTERED:
        ceiling = product.sale_price_idr if product is not None else offer.list_price_idr
        if price <= offer.buyer_price_idr:
            raise ValidationError(
                {
                    "price_idr": _(
                        "Harga balik harus di atas tawaran pembeli %(price)s; "
                        "kalau setuju, terima saja tawarannya."
                    )
                    % {"price": format_rupiah(offer.buyer_price_idr)}
                }
            )
        if offer.seller_price_idr is not None and price > offer.seller_price_idr:
            raise ValidationError(
                {
                    "price_idr": _(
                        "Harga balik tidak boleh di atas harga Anda sebelumnya %(price)s."
                    )
                    % {"price": format_rupiah(offer.seller_price_idr)}
                }
            )
        if price > ceiling:
            raise ValidationError(
                {
                    "price_idr": _("Harga balik tidak boleh di atas harga jual %(price)s.")
                    % {"price": format_rupiah(ceiling)}
                }
            )
    else:
        if price >= offer.seller_price_idr:
            raise ValidationError(
                {
                    "price_idr": _(
                        "Tawaran baru harus di bawah harga penjual %(price)s; "
                        "kalau setuju, terima saja harganya."
                    )
                    % {"price": format_rupiah(offer.seller_price_idr)}
                }
            )
        if price < offer.buyer_price_idr:
            raise ValidationError(
                {
                    "price_idr": _(
                        "Tawaran baru tidak boleh di bawah tawaran Anda sebelumnya %(price)s."
                    )
                    % {"price": format_rupiah(offer.buyer_price_idr)}
                }
            )
    return price


@transaction.atomic
def transition_offer(
    *,
    offer: Offer,
    to_status: str,
    actor,
    actor_role: str,
    price_idr: int | None = None,
    note: str = "",
    seen_status: str = "",
    seen_round: int | None = None,
    order_number: str = "",
    now: datetime.datetime | None = None,
) -> OfferEvent:
    """Move ``offer`` one step along ``OFFER_TRANSITIONS`` and record it.

    - accepting (the seller a pending offer, the buyer a counter) agrees on
      the price on the table, if the product is still for sale with the
      quantity in stock; the buyer then has ``ACCEPTED_OFFER_HOURS`` to check
      it out;
    - countering needs ``price_idr`` (see ``_check_proposal``) and gives the
      other side the store's answer time again;
    - ordering happens only inside ``place_checkout``, which passes the
      ``order_number`` the agreed price went into;
    - ``seen_status`` / ``seen_round``: what the page showed; when the offer
      has moved on since, ``OfferChanged`` is raised and nothing changes (a
      seller never accepts a price they have not seen).

    The offer row is locked first, so two taps are decided one after the
    other. The caller has resolved ``offer`` for this actor (the seller's
    inbox, the buyer's private link). Raises ``IllegalTransition`` or
    ``ValidationError`` (under ``price_idr``, ``note`` or non-field).
    """
    now = now or timezone.now()
    # Only the offer row: its store is read, not changed, and locking it would
    # queue every offer of the village behind this one.
    locked = Offer.objects.select_for_update(of=("self",)).select_related("store").get(pk=offer.pk)
    if (seen_status and seen_status != locked.status) or (
        seen_round is not None and seen_round != locked.rounds
    ):
        raise OfferChanged(
            _('Tawaran ini sudah berubah menjadi "%(status)s" sejak halaman dibuka. Periksa lagi.')
            % {"status": OFFER_MACHINE.label(locked.status)}
        )
    from_status = locked.status
    step = OFFER_MACHINE.check(from_status, to_status, actor_role)
    lapsed = locked.expires_at <= now
    if to_status == OfferStatus.EXPIRED and not lapsed:
        raise OfferChanged(_("Tawaran ini belum lewat waktunya."))
    if to_status != OfferStatus.EXPIRED and lapsed:
        raise OfferChanged(_("Tawaran ini sudah lewat waktunya."))
    if to_status == OfferStatus.ORDERED:
        if not order_number:
            raise IllegalTransition(
                _("Harga tawaran dipesan lewat tombol “Pesan dengan harga ini”.")
            )
        note = _("Dipesan: %(number)s") % {"number": order_number}
    note = clean_note(note)
    # Only a counter and an accept look at the product (its price, its stock);
    # ordering, cancelling and expiring need no query for it.
    event_price = None
    if step.needs_price:
        event_price = _check_proposal(locked, to_status, price_idr, _product_of(locked))
        if to_status == OfferStatus.COUNTERED:
            locked.seller_price_idr = event_price
        else:
            locked.buyer_price_idr = event_price
        locked.rounds += 1
        locked.expires_at = _answer_deadline(locked, to_status, now)
    elif to_status == OfferStatus.ACCEPTED:
        _check_stock(_product_of(locked), locked.quantity)
        locked.agreed_price_idr = event_price = locked.price_on_table_idr
        locked.expires_at = now + datetime.timedelta(hours=ACCEPTED_OFFER_HOURS)
    locked.status = to_status
    locked.save()
    for field in _CHANGING_FIELDS:
        setattr(offer, field, getattr(locked, field))
    return OfferEvent.objects.create(
        offer=locked,
        from_status=from_status,
        to_status=to_status,
        price_idr=event_price,
        actor=actor,
        actor_role=actor_role,
        note=note,
    )


def expire_offers(*, now: datetime.datetime | None = None) -> int:
    """Expire every open offer past its ``expires_at``; return how many
    (an offer answered or ordered meanwhile is skipped)."""
    now = now or timezone.now()
    return expire_due(
        Offer.objects.filter(status__in=OFFER_MACHINE.open, expires_at__lte=now),
        lambda pk: transition_offer(
            offer=Offer(pk=pk),
            to_status=OfferStatus.EXPIRED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
            now=now,
        ),
    )
