"""The buyer's cart, kept in the Django session: no account needed.

The session holds only ``{product id: quantity}`` and, for products bought at
a price agreed by bargaining, ``{product id: offer token}``; names, prices and
stock are read from the catalogue each time, so the cart never shows a stale
price. It may mix sellers and villages: checkout makes one order per seller.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.catalog.models import Product
from pasardesa.catalog.selectors import public_products
from pasardesa.core.money import format_rupiah
from pasardesa.orders.models import MAX_CART_LINES, MAX_QUANTITY, Offer, OfferStatus
from pasardesa.sellers.models import Seller, closed_message

SESSION_KEY = "cart"
OFFERS_KEY = "cart_offers"
_INTEGER = re.compile(r"-?[0-9]{1,100}")
# Primary keys are BigAutoField: anything larger is not an id, whatever was posted.
_MAX_ID = 2**63 - 1


def clean_quantity(value) -> int:
    """A quantity a person typed or a form posted: a whole number 1..9,999.

    Raises ``ValidationError`` with a plain Indonesian message otherwise.
    """
    if isinstance(value, bool):
        value = None  # True is not "1 item"
    if isinstance(value, str):
        value = int(value) if _INTEGER.fullmatch(value.strip()) else None
    if not isinstance(value, int):
        raise ValidationError(_("Jumlah harus berupa angka bulat."), code="quantity_invalid")
    if value < 1:
        raise ValidationError(_("Jumlah paling sedikit 1."), code="quantity_too_small")
    if value > MAX_QUANTITY:
        raise ValidationError(
            _("Jumlah paling banyak %(max)s per produk.")
            % {"max": f"{MAX_QUANTITY:,}".replace(",", ".")},
            code="quantity_too_large",
        )
    return value


def clean_product_id(value) -> int:
    """A product id from a form or the session: a positive whole number."""
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _MAX_ID:
        raise ValidationError(_("Produk tidak ditemukan."), code="product_invalid")
    return value


@dataclass(frozen=True)
class CartLine:
    """A product in the cart, read fresh from the catalogue."""

    product: Product
    quantity: int
    # An accepted offer: the line is bought at its agreed price and quantity.
    offer: Offer | None = None

    @property
    def product_id(self) -> int:
        return self.product.pk

    @property
    def unit_price_idr(self) -> int:
        if self.offer is not None:
            return self.offer.unit_price_for(self.product)
        return self.product.sale_price_idr

    @property
    def line_total_idr(self) -> int:
        return self.unit_price_idr * self.quantity

    @property
    def line_total_display(self) -> str:
        return format_rupiah(self.line_total_idr)

    @property
    def is_short(self) -> bool:
        """More asked than in stock now (checkout will refuse it)."""
        return self.product.stock is not None and self.quantity > self.product.stock

    @property
    def is_over_limit(self) -> bool:
        """More asked than the seller allows per order now (checkout will refuse it)."""
        cap = self.product.max_per_order
        return self.offer is None and cap is not None and self.quantity > cap


@dataclass
class SellerGroup:
    """The lines of one seller: what becomes one order at checkout."""

    seller: Seller
    lines: list[CartLine] = field(default_factory=list)

    @property
    def subtotal_idr(self) -> int:
        return sum(line.line_total_idr for line in self.lines)

    @property
    def subtotal_display(self) -> str:
        return format_rupiah(self.subtotal_idr)


def group_by_seller(lines: Iterable[CartLine]) -> list[SellerGroup]:
    """Lines grouped per seller, sellers in the order their first item was added."""
    groups: dict[int, SellerGroup] = {}
    for line in lines:
        seller = line.product.seller
        groups.setdefault(seller.pk, SellerGroup(seller=seller)).lines.append(line)
    return list(groups.values())


class Cart:
    """The cart of one session. Every change is checked; a bad one raises
    ``ValidationError`` and leaves the cart as it was."""

    def __init__(self, session):
        self.session = session
        # How many products ``lines()`` last dropped because they are no longer
        # for sale (hidden, seller suspended, store closed down), and how many
        # agreed prices lapsed back to the normal price: the page says so.
        self.dropped = 0
        self.offers_lapsed = 0

    # --- the stored mapping ---------------------------------------------------

    def quantities(self) -> dict[int, int]:
        """``{product id: quantity}`` in the order the products were added.

        Whatever is malformed in the session (it may be old or tampered with)
        is skipped, never trusted.
        """
        raw = self.session.get(SESSION_KEY)
        if not isinstance(raw, dict):
            return {}
        cleaned: dict[int, int] = {}
        for key, value in list(raw.items())[:MAX_CART_LINES]:
            try:
                cleaned[clean_product_id(key)] = clean_quantity(value)
            except ValidationError:
                continue
        return cleaned

    def offer_tokens(self) -> dict[int, str]:
        """``{product id: offer token}`` of the lines bought at an agreed price."""
        raw = self.session.get(OFFERS_KEY)
        if not isinstance(raw, dict):
            return {}
        tokens: dict[int, str] = {}
        for key, value in list(raw.items())[:MAX_CART_LINES]:
            try:
                product_id = clean_product_id(key)
            except ValidationError:
                continue
            if isinstance(value, str) and 0 < len(value) <= 64:
                tokens[product_id] = value
        return tokens

    def _save(self, quantities: dict[int, int], tokens: dict[int, str] | None = None) -> None:
        self.session[SESSION_KEY] = {str(pk): qty for pk, qty in quantities.items()}
        if tokens is not None:
            self.session[OFFERS_KEY] = {
                str(pk): token for pk, token in tokens.items() if pk in quantities
            }
        self.session.modified = True

    def _refuse_offer_line(self, product_id: int) -> None:
        if product_id in self.offer_tokens():
            raise ValidationError(
                _(
                    "Produk ini ada di keranjang dengan harga tawaran, sejumlah yang "
                    "disepakati. Hapus dulu kalau mau membeli dengan harga biasa."
                ),
                code="offer_line",
            )

    def __len__(self) -> int:
        return len(self.quantities())

    def __contains__(self, product_id) -> bool:
        return product_id in self.quantities()

    @property
    def total_quantity(self) -> int:
        return sum(self.quantities().values())

    # --- changes ----------------------------------------------------------------

    def _check_product(self, product_id: int, quantity: int, *, capped: bool = True) -> None:
        """For sale, not closed for now, in stock, and (``capped``) within what
        the seller allows per order."""
        product = public_products().filter(pk=product_id).select_related("seller__store").first()
        if product is None:
            raise ValidationError(
                _("Produk ini sudah tidak dijual lagi."), code="product_unavailable"
            )
        # A stale product page still shows the button: "tutup sementara" is
        # checked here (and again at checkout), opening hours are not.
        if (closure := product.seller.closure_now) is not None:
            raise ValidationError(
                closed_message(product.seller, closure, product.name), code="closed"
            )
        if capped and product.max_per_order is not None and quantity > product.max_per_order:
            raise ValidationError(
                _("%(name)s paling banyak %(n)d %(unit)s dalam satu pesanan.")
                % {"name": product.name, "n": product.max_per_order, "unit": product.unit},
                code="over_limit",
            )
        if product.stock is not None and quantity > product.stock:
            if product.stock <= 0:
                raise ValidationError(
                    _("%(name)s sudah habis.") % {"name": product.name}, code="sold_out"
                )
            raise ValidationError(
                _("Stok %(name)s tinggal %(n)d.") % {"name": product.name, "n": product.stock},
                code="stock_short",
            )

    @staticmethod
    def _check_room(quantities: dict[int, int], product_id: int) -> None:
        if product_id not in quantities and len(quantities) >= MAX_CART_LINES:
            raise ValidationError(
                _("Keranjang paling banyak berisi %(max)d macam produk.") % {"max": MAX_CART_LINES},
                code="cart_full",
            )

    def add(self, product_id, quantity=1) -> int:
        """Put ``quantity`` more of a product in the cart; returns its new quantity."""
        product_id = clean_product_id(product_id)
        quantity = clean_quantity(quantity)
        self._refuse_offer_line(product_id)
        quantities = self.quantities()
        self._check_room(quantities, product_id)
        new_quantity = quantities.get(product_id, 0) + quantity
        if new_quantity > MAX_QUANTITY:
            clean_quantity(new_quantity)  # raises the "at most 9.999" message
        self._check_product(product_id, new_quantity)
        quantities[product_id] = new_quantity
        self._save(quantities)
        return new_quantity

    def set(self, product_id, quantity) -> int:
        """Change a product's quantity (adds it when it is not in the cart yet)."""
        product_id = clean_product_id(product_id)
        quantity = clean_quantity(quantity)
        self._refuse_offer_line(product_id)
        quantities = self.quantities()
        self._check_room(quantities, product_id)
        self._check_product(product_id, quantity)
        quantities[product_id] = quantity
        self._save(quantities)
        return quantity

    def add_offer(self, offer: Offer) -> None:
        """Put an accepted offer in the cart: its product at the agreed price and
        quantity, in place of the same product at the normal price."""
        if offer.status != OfferStatus.ACCEPTED or offer.expires_at <= timezone.now():
            raise ValidationError(
                _("Harga tawaran ini sudah tidak berlaku."), code="offer_not_accepted"
            )
        if offer.product_id is None:
            raise ValidationError(
                _("Produk ini sudah tidak dijual lagi."), code="product_unavailable"
            )
        quantities = self.quantities()
        self._check_room(quantities, offer.product_id)
        # The seller agreed to this quantity: their cap per order does not apply.
        self._check_product(offer.product_id, offer.quantity, capped=False)
        tokens = self.offer_tokens()
        quantities[offer.product_id] = offer.quantity
        tokens[offer.product_id] = offer.token
        self._save(quantities, tokens)

    def remove(self, product_id) -> None:
        """Take a product out of the cart; removing what is not there is fine."""
        try:
            product_id = clean_product_id(product_id)
        except ValidationError:
            return
        quantities = self.quantities()
        if quantities.pop(product_id, None) is not None:
            self._save(quantities, self.offer_tokens())

    def clear(self) -> None:
        for key in (SESSION_KEY, OFFERS_KEY):
            if key in self.session:
                del self.session[key]
                self.session.modified = True

    # --- reading ------------------------------------------------------------------

    def lines(self) -> list[CartLine]:
        """The cart's products still for sale, with their quantities: one query.

        Products no longer public are dropped from the cart (``self.dropped``
        says how many), so the buyer never checks out something not for sale.
        """
        quantities = self.quantities()
        self.dropped = self.offers_lapsed = 0
        if not quantities:
            return []
        products = {
            p.pk: p
            for p in public_products()
            .filter(pk__in=list(quantities))
            .select_related("seller__store__village", "category")
        }
        tokens = self.offer_tokens()
        offers = self._agreed_offers(tokens)
        self.dropped = len(quantities) - len(products)
        self.offers_lapsed = sum(1 for pk in tokens if pk in products and pk not in offers)
        if self.dropped or self.offers_lapsed:
            kept = {pk: qty for pk, qty in quantities.items() if pk in products}
            self._save(kept, {pk: tokens[pk] for pk in offers})
        return [
            CartLine(
                product=products[pk],
                quantity=offers[pk].quantity if pk in offers else qty,
                offer=offers.get(pk),
            )
            for pk, qty in quantities.items()
            if pk in products
        ]

    @staticmethod
    def _agreed_offers(tokens: dict[int, str]) -> dict[int, Offer]:
        """``{product id: offer}`` of the tokens still agreed and in time."""
        if not tokens:
            return {}
        found = Offer.objects.filter(
            token__in=list(tokens.values()),
            status=OfferStatus.ACCEPTED,
            expires_at__gt=timezone.now(),
        )
        return {
            offer.product_id: offer
            for offer in found
            if tokens.get(offer.product_id) == offer.token
        }

    def groups(self) -> list[SellerGroup]:
        return group_by_seller(self.lines())
