"""Pages of the payments app: buyer.

The payment page of one order (``/bayar/<token>/``) hangs off the buyer's
private tracking token, with the tracking page's rules: never cached, never
indexed, an unknown token (or an order paid in cash) is a 404. Anyone holding
the link may read it and say "Saya sudah bayar" (that moves no money: a
person still confirms it).

Moving money is another matter: "Pesanan sudah saya terima" releases the
held money to the seller, so from a forwarded link it must not be possible.
As with cancelling (``orders.services.cancel_by_buyer``), the browser that
placed the order acts with one tap; any other device must type the WhatsApp
number the order was placed with, and a few wrong numbers lock the link for
an hour.
"""

import io
import re

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pasardesa.core.money import format_rupiah
from pasardesa.core.ratelimit import RateLimit
from pasardesa.core.web import absolute_uri
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.orders.services import is_buyer_phone
from pasardesa.orders.views.common import private
from pasardesa.orders.views.tracking import placed_here
from pasardesa.payments.forms.buyer import BuyerProofForm, PaidForm, RefundAccountForm
from pasardesa.payments.models import Payment, PaymentStatus
from pasardesa.payments.qris import dynamic_qris, parse_static_qris
from pasardesa.payments.selectors.buyer import payment_by_token, treasurer_phones
from pasardesa.payments.services import (
    buyer_says_paid,
    confirm_receipt,
    extend_release,
    set_refund_account,
)

# Wrong numbers per order link: enough for typos, too few to try numbers.
PROOF_FAILURES = RateLimit("payment-buyer:fail", 5, 60 * 60)

# Scale 5 draws a module as 5 px: a QRIS of ~200 characters (version 9–10)
# is about 300 px, which a second phone reads off a cheap screen.
QR_SCALE = 5
QR_PNG_SCALE = 8
# The codes of core.images' refusals (not a photo, too large, a bomb, broken).
PHOTO_REFUSALS = frozenset({"not_image", "too_large", "too_many_pixels", "broken"})


def _payment_or_404(token: str) -> Payment:
    payment = payment_by_token(token)
    if payment is None:
        raise Http404
    return payment


# --- QRIS --------------------------------------------------------------------------


def dynamic_payload(payment: Payment) -> str | None:
    """The QRIS for exactly this payment's amount, with the order number as its
    reference; None without a QRIS, or when the stored sticker no longer checks
    out (the page then shows the account and says so, never an error page)."""
    if not payment.qris_payload:
        return None
    try:
        return dynamic_qris(
            parse_static_qris(payment.qris_payload),
            payment.amount_idr,
            reference=payment.order.number,
        )
    except ValidationError:
        return None


def _qr(payload: str):
    return segno.make(payload, error="m", micro=False)


def qr_svg(payload: str) -> str:
    """The QR as inline SVG: one path, no XML declaration, white background
    (a dark-mode page must not invert what the camera reads)."""
    return _qr(payload).svg_inline(scale=QR_SCALE, border=4, light="#fff", title="QRIS")


def qr_png(payload: str) -> bytes:
    buffer = io.BytesIO()
    _qr(payload).save(buffer, kind="png", scale=QR_PNG_SCALE, border=4)
    return buffer.getvalue()


# --- The account, copy-friendly -----------------------------------------------------

_ACCOUNT_NUMBER = re.compile(r"\d[\d ]{3,}\d")


def account_number(pay_to: str) -> str:
    """The account number inside ``pay_to`` (as the buyer saw it when ordering:
    a later change of account must not redirect this payment), digits only,
    so a long press copies exactly what the banking app wants."""
    found = max(_ACCOUNT_NUMBER.findall(pay_to or ""), key=len, default="")
    return found.replace(" ", "")


# --- Telling whoever confirms ---------------------------------------------------------


def confirmer_links(request, payment: Payment) -> list[tuple[str, str]]:
    """``[(who, wa.me link)]`` to whoever confirms the money: the store's
    treasurers (or, without one, the operator's number) for the rekening
    bersama, the seller for a direct payment.

    Each message carries the order number, the amount and the link to *their*
    page (behind their login), never the buyer's tracking link: whoever holds
    that acts as the buyer.
    """
    order = payment.order
    if payment.is_escrow:
        # The treasurer pages are their own module's; the path is stable.
        url = absolute_uri(request, f"/kelola/toko/{payment.store.slug}/bendahara/")
        phones = treasurer_phones(payment.store) or [payment.store.whatsapp]
        who = [(_("Bendahara %(store)s") % {"store": payment.store.name}, p) for p in phones]
    else:
        url = absolute_uri(
            request, reverse("orders:seller_order", args=[order.seller_id, order.number])
        )
        who = [(payment.seller.business_name, payment.seller.whatsapp)]
    with translation.override(settings.LANGUAGE_CODE):
        text = "\n".join(
            [
                _("Halo, saya sudah membayar pesanan %(number)s di Pasar Desa.")
                % {"number": order.number},
                _("Jumlah: %(amount)s (%(method)s)")
                % {
                    "amount": format_rupiah(payment.amount_idr),
                    "method": order.get_payment_method_display(),
                },
                _("Nama: %(name)s") % {"name": order.checkout.buyer_name},
                _("Mohon dipastikan di sini: %(url)s") % {"url": url},
            ]
        )
    links = []
    for name, phone in who:
        link = whatsapp_link(phone, text)
        if link and link not in (existing for _n, existing in links):
            links.append((name, link))
    return links


# --- The payment page ---------------------------------------------------------------


def _page(request, payment: Payment, form: PaidForm | None = None, status: int = 200):
    order = payment.order
    payload = dynamic_payload(payment) if payment.status == PaymentStatus.AWAITING else None
    escrow = getattr(payment.store, "escrow", None) if payment.is_escrow else None
    context = {
        "payment": payment,
        "order": order,
        "escrow": escrow,
        "awaiting": payment.status == PaymentStatus.AWAITING,
        # segno draws the SVG from our own payload: nothing of the request in it.
        "qr_svg": mark_safe(qr_svg(payload)) if payload else "",
        "qris_broken": bool(payment.qris_payload) and payload is None,
        "account_number": account_number(payment.pay_to),
        "form": form or PaidForm(),
        "confirmers": confirmer_links(request, payment) if payment.buyer_says_paid_at else [],
    }
    return private(render(request, "payments/buyer/pay.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pay(request, token: str):
    payment = _payment_or_404(token)
    if request.method != "POST":
        return _page(request, payment)
    form = PaidForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, payment, form)
    try:
        buyer_says_paid(payment=payment, proof=form.cleaned_data["bukti"] or None)
    except ValidationError as exc:
        if getattr(exc, "code", None) not in PHOTO_REFUSALS:
            # No longer awaited (confirmed, expired meanwhile): the page says where it stands.
            messages.error(request, " ".join(exc.messages))
            return redirect("payments:pay", token=token)
        # A refused photo comes back with its plain reason under the field.
        form.add_error("bukti", exc.messages)
        return _page(request, payment, form)
    messages.success(
        request,
        _("Terima kasih. Kabari yang memastikan pembayaran Anda lewat WhatsApp di bawah."),
    )
    return redirect("payments:pay", token=token)


@never_cache
@require_safe
def qris_png(request, token: str):
    """ "Simpan gambar QR": many e-wallets scan from the gallery."""
    payment = _payment_or_404(token)
    payload = dynamic_payload(payment) if payment.status == PaymentStatus.AWAITING else None
    if payload is None:
        raise Http404
    response = HttpResponse(qr_png(payload), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="qris-{payment.order.number}.png"'
    return private(response)


# --- Received, extend (the tracking page's payment panel) --------------------------------


def _proven(request, payment: Payment) -> bool:
    """Whether this request may act as the buyer: the browser that placed the
    order, or the right WhatsApp number typed (wrong ones are counted)."""
    order = payment.order
    if placed_here(request, order):
        return True
    token = order.tracking_token
    if PROOF_FAILURES.exceeded(token):
        messages.error(
            request,
            _("Terlalu banyak nomor yang salah. Coba lagi satu jam lagi dari HP pemesan."),
        )
        return False
    form = BuyerProofForm(request.POST)
    matches = form.is_valid() and is_buyer_phone(order, form.cleaned_data["buyer_phone"])
    if not matches:
        PROOF_FAILURES.hit(token)
        messages.error(
            request,
            _(
                "Link ini dibuka dari perangkat lain. Tulis nomor WhatsApp yang sama "
                "dengan saat memesan."
            ),
        )
    return matches


def _back(payment: Payment):
    return redirect("orders:track", token=payment.order.tracking_token)


def _buyer_step(request, token: str, act, done: str):
    """One of the buyer's steps on their escrow payment, once they are proven
    the buyer: ``act(payment, user)``, then back to the tracking page."""
    payment = _payment_or_404(token)
    if not payment.is_escrow:
        raise Http404
    if _proven(request, payment):
        user = request.user if request.user.is_authenticated else None
        try:
            act(payment, user)
        except ValidationError as exc:  # IllegalTransition included
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
    return _back(payment)


@never_cache
@require_POST
def received(request, token: str):
    return _buyer_step(
        request,
        token,
        lambda payment, user: confirm_receipt(order=payment.order, actor=user),
        _("Terima kasih. Dana dilepas ke penjual."),
    )


@never_cache
@require_POST
def extend(request, token: str):
    return _buyer_step(
        request,
        token,
        lambda payment, user: extend_release(payment=payment, actor=user),
        _("Batas waktu diperpanjang."),
    )


@never_cache
@require_POST
def refund_account(request, token: str):
    payment = _payment_or_404(token)
    if not payment.is_escrow:
        raise Http404
    form = RefundAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("refund_to", [])))
    elif _proven(request, payment):
        try:
            set_refund_account(payment=payment, refund_to=form.cleaned_data["refund_to"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Rekening disimpan. Bendahara mengembalikan dana ke rekening ini.")
            )
    return _back(payment)


urlpatterns = [
    path("bayar/<str:token>/", pay, name="pay"),
    path("pesanan/<str:token>/rekening-pengembalian/", refund_account, name="refund_account"),
    path("bayar/<str:token>/qris.png", qris_png, name="qris_png"),
    path("pesanan/<str:token>/diterima/", received, name="received"),
    path("pesanan/<str:token>/perpanjang/", extend, name="extend"),
]
