"""Placing a cart: what happens when a buyer places a checkout is read in
``place_checkout`` (one order per seller, stock reserved, offers used). No signals."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pasardesa.catalog.models import Product
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.money import format_rupiah
from pasardesa.orders.cart import clean_product_id, clean_quantity
from pasardesa.orders.models import (
    DELIVERED,
    MAX_CART_LINES,
    ActorRole,
    Checkout,
    Fulfilment,
    Offer,
    OfferStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    payment_methods_for,
)
from pasardesa.orders.services.common import (
    clean_contact,
    clean_key,
    clean_note,
    new_numbers,
    private_token,
)
from pasardesa.orders.services.offers import transition_offer
from pasardesa.orders.services.participants import participants
from pasardesa.regions.models import Region
from pasardesa.sellers.models import Seller, closed_message

CHECKOUT_SCOPE = scope("orders", "place_checkout")  # anonymous buyers: one scope


# --- What changed between the cart and the checkout ------------------------------


@dataclass(frozen=True)
class CartChange:
    """One product that is not as the buyer saw it. ``kind`` is ``"price"``,
    ``"stock"``, ``"limit"`` (more than the seller allows per order;
    ``available`` is the cap), ``"unavailable"``, ``"closed"`` or ``"offer"``
    (an agreed price that no longer holds); ``message`` says it in words."""

    product_id: int
    kind: str
    message: str
    product_name: str = ""
    seen_price_idr: int | None = None
    price_idr: int | None = None
    requested: int | None = None
    available: int | None = None


class CartChanged(ValidationError):
    """Something in the cart changed since the buyer saw it; nothing was placed.

    ``changes`` lists every product concerned, so the page can show the buyer
    all of it at once before they confirm again.
    """

    def __init__(self, changes: list[CartChange]):
        super().__init__([change.message for change in changes], code="cart_changed")
        self.changes = changes


def _stock_change(product: Product, requested: int) -> CartChange:
    available = max(product.stock or 0, 0)
    if available == 0:
        message = _("%(name)s sudah habis terjual.") % {"name": product.name}
    else:
        message = _("Stok %(name)s tinggal %(n)d %(unit)s, Anda memesan %(q)d.") % {
            "name": product.name,
            "n": available,
            "unit": product.unit,
            "q": requested,
        }
    return CartChange(
        product_id=product.pk,
        kind="stock",
        message=message,
        product_name=product.name,
        requested=requested,
        available=available,
    )


def _limit_change(product: Product, requested: int) -> CartChange:
    return CartChange(
        product_id=product.pk,
        kind="limit",
        message=_("%(name)s paling banyak %(n)d %(unit)s dalam satu pesanan, Anda memesan %(q)d.")
        % {"name": product.name, "n": product.max_per_order, "unit": product.unit, "q": requested},
        product_name=product.name,
        requested=requested,
        available=product.max_per_order,
    )


# --- What the buyer sends, typed -----------------------------------------------------


@dataclass(frozen=True)
class CartItem:
    """One line of the cart as the checkout takes it: a product, how many, and
    the private token of the offer whose agreed price it is bought at."""

    product_id: int
    quantity: int
    offer_token: str | None = None

    @classmethod
    def parse(cls, product_id, quantity, offer_token: str | None = None) -> "CartItem":
        """From what a form or session holds; a product id that is not an id or
        a quantity outside 1..9,999 raises a plain ``ValidationError``."""
        return cls(clean_product_id(product_id), clean_quantity(quantity), offer_token or None)


@dataclass(frozen=True)
class BuyerDetails:
    """Who orders and where the goods go, as the buyer typed it; the service
    checks every field and names each one that is wrong."""

    name: str
    phone: str
    address: str
    village_code: str
    dusun: str = ""
    rt: str = ""
    rw: str = ""
    note: str = ""


# --- Checking what the buyer sent --------------------------------------------------


def _clean_items(cart_items: Sequence[CartItem]) -> tuple[dict[int, int], dict[int, str]]:
    """``{product id: quantity}`` and ``{product id: offer token}`` from the cart.

    Raises ``ValidationError`` (non-field) for an empty or oversized cart or a
    quantity outside 1..9,999. The same product twice is added up (an offer's
    product cannot be: its quantity is the agreed one).
    """
    items: dict[int, int] = {}
    offer_tokens: dict[int, str] = {}
    for count, line in enumerate(cart_items, start=1):
        if count > MAX_CART_LINES:
            raise ValidationError(
                _("Satu pesanan paling banyak berisi %(max)d macam produk.")
                % {"max": MAX_CART_LINES},
                code="cart_too_long",
            )
        product_id, quantity, token = line.product_id, line.quantity, line.offer_token
        if token or product_id in offer_tokens:
            if product_id in items or not isinstance(token, str):
                raise ValidationError(
                    _(
                        "Produk dengan harga tawaran hanya bisa dipesan sekali, "
                        "sejumlah yang disepakati."
                    ),
                    code="offer_twice",
                )
            offer_tokens[product_id] = token
        items[product_id] = clean_quantity(items.get(product_id, 0) + clean_quantity(quantity))
    if not items:
        raise ValidationError(_("Keranjang Anda masih kosong."), code="cart_empty")
    return items, offer_tokens


@dataclass(frozen=True)
class _Buyer:
    name: str
    phone: str
    address: str
    village: Region | None
    dusun: str
    rt: str
    rw: str
    note: str


def _clean_buyer(details: BuyerDetails, *, delivered: bool) -> _Buyer:
    """The buyer's details, or one ``ValidationError`` naming every bad field.
    Address and village are needed only when something is ``delivered``; a
    village given anyway must be a real one."""
    errors: dict[str, str] = {}
    name, phone = clean_contact(details.name, details.phone, errors)
    dusun, rt, rw, note = details.dusun, details.rt, details.rw, details.note
    address = (details.address or "").strip()
    if not address and delivered:
        errors["address"] = _("Tulis alamat Anda: jalan, nomor rumah atau patokan.")
    elif len(address) > 500:
        errors["address"] = _("Alamat paling panjang 500 huruf.")
    village = None
    code = (details.village_code or "").strip()
    if code and len(code) <= 13:
        village = Region.objects.filter(code=code, level=Region.Level.DESA).first()
    if village is None and (code or delivered):
        errors["village"] = _("Pilih desa/kelurahan dari daftar.")
    dusun = (dusun or "").strip()
    if len(dusun) > 60:
        errors["dusun"] = _("Nama dusun paling panjang 60 huruf.")
    rt, rw = (rt or "").strip(), (rw or "").strip()
    for field, value in (("rt", rt), ("rw", rw)):
        if value and not (value.isascii() and value.isdigit() and len(value) <= 3):
            errors[field] = _("RT/RW ditulis dengan angka, paling banyak 3 angka.")
    try:
        note = clean_note(note)
    except ValidationError as exc:
        errors["note"] = exc.message_dict["note"][0]
    if errors:
        raise ValidationError(errors)
    return _Buyer(name, phone, address, village, dusun, rt, rw, note)


def _delivers(choices: Mapping) -> bool:
    """Whether any seller is asked to bring the goods (as posted; the choices
    themselves are checked with the products)."""
    return any(
        isinstance(choice, tuple | list) and choice and choice[0] in DELIVERED
        for choice in (choices or {}).values()
    )


# Why a seller does not take a way of paying (cash they always take).
_NOT_OFFERED = {
    PaymentMethod.TRANSFER: gettext_lazy(
        "%(seller)s belum mencantumkan rekening; pilih bayar di tempat."
    ),
    PaymentMethod.QRIS: gettext_lazy("%(seller)s belum memasang QRIS; pilih cara bayar lain."),
    PaymentMethod.ESCROW: gettext_lazy(
        "Toko desa %(seller)s belum membuka rekening bersama; pilih cara bayar lain."
    ),
}


def _clean_choices(choices: Mapping, sellers: Mapping[int, Seller]) -> dict[int, tuple[str, str]]:
    """Fulfilment and payment for every seller in the cart; a payment method
    only where the seller (or their store) offers it."""
    by_seller: dict[int, tuple] = {}
    for key, value in (choices or {}).items():
        try:
            by_seller[int(key)] = tuple(value) if isinstance(value, tuple | list) else ()
        except (TypeError, ValueError):
            continue
    cleaned = {}
    for seller_id, seller in sorted(sellers.items()):
        choice = by_seller.get(seller_id, ())
        fulfilment, payment = choice if len(choice) == 2 else ("", "")
        if fulfilment not in Fulfilment.values or payment not in PaymentMethod.values:
            raise ValidationError(
                _("Pilih cara pengambilan dan cara bayar untuk setiap penjual."),
                code="choice_missing",
            )
        if payment not in payment_methods_for(seller):
            raise ValidationError(
                _NOT_OFFERED[payment] % {"seller": seller.business_name},
                code="payment_not_offered",
            )
        cleaned[seller_id] = (fulfilment, payment)
    return cleaned


def _seen_price(expected_prices: Mapping, product_id: int) -> int | None:
    value = (expected_prices or {}).get(product_id, (expected_prices or {}).get(str(product_id)))
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Placing a cart ----------------------------------------------------------------


def place_checkout(
    *,
    items: Sequence[CartItem],
    buyer: BuyerDetails,
    choices: Mapping[int, tuple[str, str]],
    expected_prices: Mapping[int, int],
    idempotency_key: uuid.UUID | str,
    user=None,
) -> Checkout:
    """Place a cart: one ``Checkout`` and one new ``Order`` per seller, or nothing.

    - ``items``: the cart's ``CartItem``s. A line with an
      accepted offer's token is bought at the agreed price (or the sale
      price, if the seller has made it lower since), for the agreed
      quantity, and the offer becomes ordered: once, whatever the concurrency
      (its row is locked and ``OrderLine.offer`` is one-to-one).
    - ``choices``: ``{seller id: (fulfilment, payment method)}`` for every seller.
    - ``expected_prices``: ``{product id: unit price the buyer was shown}``; the
      checkout page carries them in hidden fields, so a price changed (or a
      price field tampered with) after the page was drawn is caught.
    - ``idempotency_key``: the form's hidden key. The same key placed again
      (double tap, browser retry) returns the first checkout, even when the
      cart has been emptied meanwhile.

    Every product is re-checked with its row locked (in primary-key order, so
    concurrent checkouts never deadlock): still for sale, seller open, same
    price, enough stock, within the seller's cap per order (``max_per_order``;
    not for an agreed offer), an offer still agreed. Anything off raises a
    ``CartChanged`` listing all of it (each change says its kind: price,
    stock, limit, unavailable, closed, offer). Counted stock is
    taken with a conditional UPDATE, so it never goes below zero.

    Raises ``ValidationError``: non-field for the cart (empty, more than 100
    lines, quantity outside 1..9,999, a missing fulfilment/payment choice), or
    keyed by field (``buyer_name``, ``buyer_phone``, ``address``, ``village``,
    ``dusun``, ``rt``, ``rw``, ``note``) for the buyer's details.
    """
    key = clean_key(idempotency_key)

    def place() -> Checkout:
        # Checked inside: a retry whose cart was emptied meanwhile still finds
        # the first checkout (run_once answers before this runs). A key older
        # than the pruned idempotency records still names its checkout in the
        # unique column: answer with it rather than fail on the insert.
        if (placed := Checkout.objects.filter(idempotency_key=key).first()) is not None:
            return placed
        quantities, offer_tokens = _clean_items(items)
        return _place(
            items=quantities,
            offer_tokens=offer_tokens,
            buyer=_clean_buyer(buyer, delivered=_delivers(choices)),
            choices=choices,
            expected_prices=expected_prices,
            key=key,
            user=user,
        )

    checkout, _created = run_once(
        scope=CHECKOUT_SCOPE,
        key=key,
        action=place,
        load=lambda pk: Checkout.objects.get(pk=pk),
    )
    return checkout


def _place(
    *,
    items: dict[int, int],
    offer_tokens: dict[int, str],
    buyer: _Buyer,
    choices: Mapping,
    expected_prices: Mapping,
    key: uuid.UUID,
    user,
) -> Checkout:
    """The inside of ``place_checkout``: runs in its transaction."""
    now = timezone.now()
    # Lock every product row, always in primary-key order: two carts sharing
    # products queue instead of deadlocking. Only the product rows ("self").
    products = {
        p.pk: p
        for p in Product.objects.select_for_update(of=("self",))
        .filter(pk__in=list(items))
        .select_related("seller__store")
        .prefetch_related("seller__opening_hours")
        .order_by("pk")
    }
    # Then the offers, also in primary-key order (offer steps lock only the
    # offer, so there is no cycle).
    offers = {
        offer.product_id: offer
        for offer in Offer.objects.select_for_update()
        .filter(token__in=list(offer_tokens.values()))
        .order_by("pk")
    }
    changes: list[CartChange] = []
    for product_id, quantity in items.items():
        product = products.get(product_id)
        if product is None or not product.is_for_sale:
            # No name: an id the buyer never saw must not reveal a hidden product.
            changes.append(
                CartChange(
                    product_id=product_id,
                    kind="unavailable",
                    message=_("Produk nomor %(id)d sudah tidak dijual lagi.") % {"id": product_id},
                )
            )
            continue
        seller = product.seller
        # Outside opening hours the order is taken (the answer time waits for
        # the opening); only a "tutup sementara" refuses it.
        if (closure := seller.closure_at(now)) is not None:
            changes.append(
                CartChange(
                    product_id=product_id,
                    kind="closed",
                    message=closed_message(seller, closure, product.name),
                    product_name=product.name,
                )
            )
            continue
        offer = None
        if product_id in offer_tokens:
            offer = offers.get(product_id)
            if not _offer_holds(offer, offer_tokens[product_id], quantity, now):
                changes.append(
                    CartChange(
                        product_id=product_id,
                        kind="offer",
                        message=_(
                            "Harga tawaran untuk %(name)s sudah tidak berlaku; "
                            "harga biasa %(price)s per %(unit)s."
                        )
                        % {
                            "name": product.name,
                            "price": format_rupiah(product.sale_price_idr),
                            "unit": product.unit,
                        },
                        product_name=product.name,
                        price_idr=product.sale_price_idr,
                    )
                )
                continue
        price = offer.unit_price_for(product) if offer else product.sale_price_idr
        seen = _seen_price(expected_prices, product_id)
        if seen != price:
            changes.append(
                CartChange(
                    product_id=product_id,
                    kind="price",
                    message=_("Harga %(name)s sekarang %(price)s per %(unit)s.")
                    % {"name": product.name, "price": format_rupiah(price), "unit": product.unit},
                    product_name=product.name,
                    seen_price_idr=seen,
                    price_idr=price,
                )
            )
        if product.stock is not None and product.stock < quantity:
            changes.append(_stock_change(product, quantity))
        # The seller's cap per order, so one stranger cannot hold a whole
        # shelf; an agreed offer's quantity is the seller's own yes.
        cap = product.max_per_order
        if offer is None and cap is not None and quantity > cap:
            changes.append(_limit_change(product, quantity))
    if changes:
        raise CartChanged(changes)

    def unit_price(product: Product) -> int:
        offer = offers.get(product.pk) if product.pk in offer_tokens else None
        return offer.unit_price_for(product) if offer else product.sale_price_idr

    by_seller: dict[int, list[Product]] = {}
    for product_id in items:
        product = products[product_id]
        by_seller.setdefault(product.seller_id, []).append(product)
    chosen = _clean_choices(choices, {pk: rows[0].seller for pk, rows in by_seller.items()})

    # Take counted stock, in primary-key order. The rows are locked already;
    # the condition still guards the rule on any database and isolation level.
    for product_id in sorted(items):
        product = products[product_id]
        if product.stock is None:
            continue
        taken = Product.objects.filter(pk=product_id, stock__gte=items[product_id]).update(
            stock=F("stock") - items[product_id], updated_at=now
        )
        if not taken:
            product.refresh_from_db(fields=["stock"])
            raise CartChanged([_stock_change(product, items[product_id])])

    checkout = Checkout.objects.create(
        buyer_name=buyer.name,
        buyer_phone=buyer.phone,
        address=buyer.address,
        village=buyer.village,
        dusun=buyer.dusun,
        rt=buyer.rt,
        rw=buyer.rw,
        note=buyer.note,
        buyer=user if getattr(user, "is_authenticated", False) else None,
        idempotency_key=key,
    )
    lines: list[OrderLine] = []
    events: list[OrderEvent] = []
    for seller_id in sorted(by_seller):
        seller_products = by_seller[seller_id]
        seller = seller_products[0].seller
        # The date in the number is the store's own: 00.40 WITA is already tomorrow in Alor.
        [number] = new_numbers(Order, "PD", 1, timezone.localdate(now, seller.store.time_zone))
        fulfilment, payment = chosen[seller_id]
        order = Order.objects.create(
            checkout=checkout,
            seller=seller,
            store=seller.store,
            number=number,
            tracking_token=private_token(),
            status=OrderStatus.NEW,
            fulfilment=fulfilment,
            payment_method=payment,
            transfer_to=_transfer_to(seller) if payment == PaymentMethod.TRANSFER else "",
            subtotal_idr=sum(unit_price(p) * items[p.pk] for p in seller_products),
            expires_at=seller.answer_deadline(now, list(seller.opening_hours.all())),
        )
        lines += [
            OrderLine(
                order=order,
                product=product,
                product_name=product.name,
                unit=product.unit,
                unit_price_idr=unit_price(product),
                quantity=items[product.pk],
                line_total_idr=unit_price(product) * items[product.pk],
                stock_reserved=product.stock is not None,
                offer=offers.get(product.pk) if product.pk in offer_tokens else None,
            )
            for product in seller_products
        ]
        events.append(
            OrderEvent(
                order=order,
                from_status="",
                to_status=OrderStatus.NEW,
                actor=checkout.buyer,
                actor_role=ActorRole.BUYER,
            )
        )
    OrderLine.objects.bulk_create(lines)
    OrderEvent.objects.bulk_create(events)
    placed = [event.order for event in events]
    for participant in participants():
        participant.orders_placed(placed, now=now)
    for line in lines:
        if line.offer is not None:
            transition_offer(
                offer=line.offer,
                to_status=OfferStatus.ORDERED,
                actor=checkout.buyer,
                actor_role=ActorRole.BUYER,
                order_number=line.order.number,
                now=now,
            )
    return checkout


def _transfer_to(seller: Seller) -> str:
    """The account snapshot, in the site's language whatever the buyer browses in
    (both sides read it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(seller.bank_account_display)


def _offer_holds(offer: Offer | None, token: str, quantity: int, now) -> bool:
    """The cart's offer is this product's, still agreed, in time, same quantity."""
    return (
        offer is not None
        and offer.token == token
        and offer.status == OfferStatus.ACCEPTED
        and offer.expires_at > now
        and offer.quantity == quantity
    )
