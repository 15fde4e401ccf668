"""WhatsApp messages about an order: every order continues there with one tap.

Messages are written in the site's language (Indonesian) whatever language the
sender browses in, because the person reading them is the other side.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from pasardesa.core.money import format_rupiah
from pasardesa.core.phones import format_phone_national
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.orders.models import Fulfilment, Offer, OfferStatus, Order


def seller_message(order: Order, answer_url: str) -> str:
    """The buyer's "Kirim ke WhatsApp penjual" text: number, lines, total,
    fulfilment, payment, buyer and the seller's own page of the order.

    ``order`` should come with ``checkout`` and ``lines`` loaded (see
    ``selectors``); ``answer_url`` is absolute (the seller taps it) and is the
    order in the seller's dashboard, behind their login: never the buyer's
    tracking link, whose holder could cancel the order as the buyer.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _seller_message(order, answer_url)


def _seller_message(order: Order, answer_url: str) -> str:
    checkout = order.checkout
    lines = "\n".join(
        _("- %(quantity)s × %(name)s @ %(price)s/%(unit)s = %(total)s")
        % {
            "quantity": line.quantity,
            "name": line.product_name,
            "price": format_rupiah(line.unit_price_idr),
            "unit": line.unit,
            "total": format_rupiah(line.line_total_idr),
        }
        for line in order.lines.all()
    )
    parts = [
        _("Halo %(seller)s, saya pesan lewat Pasar Desa.") % {"seller": order.seller.business_name},
        _("No. pesanan: %(number)s") % {"number": order.number},
        lines,
        _("Total: %(total)s") % {"total": format_rupiah(order.subtotal_idr)},
        _("Pengambilan: %(fulfilment)s") % {"fulfilment": order.get_fulfilment_display()},
        _("Pembayaran: %(payment)s") % {"payment": order.get_payment_method_display()},
        *(
            [_("Transfer ke: %(account)s") % {"account": order.transfer_to}]
            if order.transfer_to
            else []
        ),
        _("Nama: %(name)s (%(phone)s)")
        % {"name": checkout.buyer_name, "phone": format_phone_national(checkout.buyer_phone)},
    ]
    if order.fulfilment == Fulfilment.SELLER_DELIVERY:
        parts.append(_("Alamat: %(address)s") % {"address": delivery_address(order)})
    if checkout.note:
        parts.append(_("Catatan: %(note)s") % {"note": checkout.note})
    parts.append(_("Jawab di sini: %(url)s") % {"url": answer_url})
    return "\n".join(parts)


def delivery_address(order: Order) -> str:
    """Address text, dusun, RT/RW and the village, on one line."""
    checkout = order.checkout
    village = checkout.village.place_name if checkout.village else ""
    pieces = [checkout.address, checkout.dusun, checkout.rt_rw, village]
    return ", ".join(piece for piece in pieces if piece)


def seller_link(order: Order, answer_url: str) -> str | None:
    """wa.me link to the seller with ``seller_message``; None without a valid number."""
    return whatsapp_link(order.seller.whatsapp, seller_message(order, answer_url))


def buyer_link(order: Order) -> str | None:
    """wa.me link from the seller's order page to the buyer, naming the order
    (no link: the seller has no private page of the buyer's to give, and the
    sent text stays in the seller's chat)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Halo %(name)s, tentang pesanan %(number)s di Pasar Desa:") % {
            "name": order.checkout.buyer_name,
            "number": order.number,
        }
        if order.transfer_to:
            text += "\n" + _("Total %(total)s, silakan transfer ke %(account)s.") % {
                "total": format_rupiah(order.subtotal_idr),
                "account": order.transfer_to,
            }
    return whatsapp_link(order.checkout.buyer_phone, text)


# --- Offers (tawar) ------------------------------------------------------------------


def _offer_terms(offer: Offer) -> str:
    return _("%(quantity)s %(unit)s %(name)s, %(price)s per %(unit)s (total %(total)s)") % {
        "quantity": offer.quantity,
        "unit": offer.unit,
        "name": offer.product_name,
        "price": format_rupiah(offer.price_on_table_idr),
        "total": format_rupiah(offer.total_on_table_idr),
    }


def offer_seller_link(offer: Offer, answer_url: str) -> str | None:
    """wa.me link from the buyer's offer page to the seller: the terms on the
    table and the seller's own page to answer (``answer_url``, in the seller's
    dashboard; never the buyer's private link, which would let the seller
    answer as the buyer)."""
    with translation.override(settings.LANGUAGE_CODE):
        if offer.status == OfferStatus.ACCEPTED:
            opening = _("Halo %(seller)s, saya setuju dengan harga Anda di Pasar Desa:")
        else:
            opening = _("Halo %(seller)s, saya menawar lewat Pasar Desa:")
        text = "\n".join(
            [
                opening % {"seller": offer.seller.business_name},
                _offer_terms(offer),
                _("No. tawaran: %(number)s") % {"number": offer.number},
                _("Jawab di sini: %(url)s") % {"url": answer_url},
            ]
        )
    return whatsapp_link(offer.seller.whatsapp, text)


def offer_buyer_link(offer: Offer) -> str | None:
    """wa.me link from the seller's offer page to the buyer, saying where the
    offer stands."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Halo %(name)s, tentang tawaran %(number)s di Pasar Desa:")
            % {"name": offer.buyer_name, "number": offer.number},
        ]
        if offer.status == OfferStatus.COUNTERED:
            lines.append(_("Saya bisa memberi harga: %(terms)s.") % {"terms": _offer_terms(offer)})
            lines.append(_("Buka link tawaran Anda untuk menerima atau menawar lagi."))
        elif offer.status == OfferStatus.ACCEPTED:
            lines.append(_("Tawaran Anda saya terima: %(terms)s.") % {"terms": _offer_terms(offer)})
            lines.append(_("Silakan pesan lewat link tawaran Anda dalam 24 jam."))
        text = "\n".join(lines)
    return whatsapp_link(offer.buyer_phone, text)
