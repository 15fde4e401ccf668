"""Pages of the payments app: the treasurer (bendahara) of a store's rekening
bersama, under /kelola/toko/<slug>/bendahara/.

Every store is resolved through ``stores_treasured_by``: another store's
treasurer, the operator, a seller or a stranger get a 404. Payments, sellers
and refunds are then looked up inside that store only.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.core.forms import add_service_errors, as_key
from pasardesa.core.money import format_rupiah
from pasardesa.core.web import absolute_uri, dashboard_view
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.payments.forms.treasurer import PayoutForm, ReconciliationForm, RefundForm
from pasardesa.payments.models import Payment, PaymentRole, PaymentStatus, Payout
from pasardesa.payments.permissions import own_seller_ids, treasured_store_or_404
from pasardesa.payments.selectors import treasury
from pasardesa.payments.services import (
    confirm_payment,
    pay_out_seller,
    pay_refund,
    record_reconciliation,
)
from pasardesa.sellers.models import Seller

_BASE = "kelola/toko/<slug:slug>/bendahara/"


def _key(pk: str) -> int:
    """A row key from the URL, or 404 (a 20-digit number is no row, not a 500)."""
    value = as_key(str(pk))
    if value is None:
        raise Http404
    return value


def _page(request, store, template: str, here: str, **context):
    return render(
        request,
        template,
        {"store": store, "here": here, "counts": treasury.treasury_counts(store), **context},
    )


def _unshown(request, failed) -> None:
    """A form that failed for a row no longer listed (paid meanwhile): say why at the top."""
    if failed is not None:
        errors = [e for field_errors in failed[1].errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))


def _escrow_payment(store, pk) -> Payment:
    return get_object_or_404(
        Payment.objects.filter(store=store, method="escrow").select_related(
            "order__checkout", "seller", "store"
        ),
        pk=_key(pk),
    )


@dashboard_view("GET")
def home(request, slug: str):
    store = treasured_store_or_404(request, slug)
    return _page(
        request,
        store,
        "payments/treasurer/home.html",
        "home",
        books=treasury.books(store),
    )


# --- Payments to confirm ----------------------------------------------------------------


@dashboard_view("GET")
def to_confirm(request, slug: str):
    store = treasured_store_or_404(request, slug)
    return _page(
        request,
        store,
        "payments/treasurer/to_confirm.html",
        "confirm",
        payments=list(treasury.payments_to_confirm(store)[:100]),
        own=own_seller_ids(request.user),
    )


@dashboard_view("POST")
def confirm(request, slug: str, pk: int):
    """ "Dana sudah masuk": the money is in the village's account; the seller may send."""
    store = treasured_store_or_404(request, slug)
    payment = _escrow_payment(store, pk)
    try:
        confirm_payment(payment=payment, actor=request.user, actor_role=PaymentRole.TREASURER)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("payments:treasurer_confirm_list", slug=store.slug)
    messages.success(
        request,
        _("Dana pesanan %(number)s dicatat masuk: %(amount)s ditahan di rekening bersama.")
        % {"number": payment.order.number, "amount": format_rupiah(payment.amount_idr)},
    )
    return redirect("payments:treasurer_confirmed", slug=store.slug, pk=payment.pk)


def _seller_told(request, payment: Payment) -> str | None:
    """One tap to tell the seller the money is safe, with their own order page
    (never the buyer's tracking link: that is the buyer's alone)."""
    order = payment.order
    link = absolute_uri(
        request,
        reverse(
            "orders:seller_order", kwargs={"seller_pk": payment.seller_id, "number": order.number}
        ),
    )
    text = _(
        "Halo %(seller)s, dana aman: pembayaran pesanan %(number)s sebesar %(amount)s sudah "
        "masuk rekening bersama %(holder)s. Silakan kirim atau serahkan barangnya. "
        "Buka pesanan: %(link)s"
    ) % {
        "seller": payment.seller.business_name,
        "number": order.number,
        "amount": format_rupiah(payment.amount_idr),
        "holder": payment.store.escrow.holder_name,
        "link": link,
    }
    return whatsapp_link(payment.seller.whatsapp, text)


@dashboard_view("GET")
def confirmed(request, slug: str, pk: int):
    store = treasured_store_or_404(request, slug)
    payment = _escrow_payment(store, pk)
    held = payment.status == PaymentStatus.HELD
    return _page(
        request,
        store,
        "payments/treasurer/confirmed.html",
        "confirm",
        payment=payment,
        whatsapp_url=_seller_told(request, payment) if held else None,
    )


# --- Money held ----------------------------------------------------------------------


@dashboard_view("GET")
def held(request, slug: str):
    store = treasured_store_or_404(request, slug)
    return _page(
        request,
        store,
        "payments/treasurer/held.html",
        "held",
        payments=list(treasury.money_held(store)[:200]),
    )


# --- Payouts to sellers -----------------------------------------------------------------


def _ids(kind: str, pk: int) -> str:
    """Field ids unique on a page of many rows, so each label names its own field."""
    return f"id_{kind}{pk}_%s"


def _payouts_page(request, store, failed: tuple[int, PayoutForm] | None = None):
    own = own_seller_ids(request.user)
    rows = []
    for row in treasury.sellers_owed(store):
        if failed and failed[0] == row.seller.pk:
            row.form, failed = failed[1], None
        else:
            row.form = PayoutForm(
                initial={"amount": row.amount_idr}, auto_id=_ids("seller", row.seller.pk)
            )
        row.is_own = row.seller.pk in own
        rows.append(row)
    _unshown(request, failed)
    return _page(
        request,
        store,
        "payments/treasurer/payouts.html",
        "payouts",
        told=_just_paid(request, store, Payout.Kind.SELLER),
        rows=rows,
        paid=treasury.recent_payouts(store, kind=Payout.Kind.SELLER),
    )


def _just_paid(request, store, kind: str) -> str | None:
    """After a payout, one tap to tell whoever was paid: the seller with a
    link to their own page, the buyer with their own tracking link."""
    pk = as_key(request.GET.get("dibayar", ""))
    made = (
        Payout.objects.filter(store=store, kind=kind, pk=pk)
        .select_related("seller", "payment__order__checkout")
        .first()
        if pk
        else None
    )
    if made is None:
        return None
    words = {
        "amount": format_rupiah(made.amount_idr),
        "holder": store.escrow.holder_name,
        "to": made.paid_to,
        "ref": made.reference,
    }
    if kind == Payout.Kind.SELLER:
        link = absolute_uri(request, reverse("kelola:seller_home", args=[made.seller_id]))
        text = _(
            "Halo %(seller)s, dana %(amount)s sudah ditransfer dari rekening bersama "
            "%(holder)s ke %(to)s (referensi %(ref)s). Lapak Anda: %(link)s"
        ) % {**words, "seller": made.seller.business_name, "link": link}
        return whatsapp_link(made.seller.whatsapp, text)
    order = made.payment.order
    link = absolute_uri(request, reverse("orders:track", args=[order.tracking_token]))
    text = _(
        "Halo %(name)s, dana pesanan %(number)s sebesar %(amount)s sudah dikembalikan dari "
        "rekening bersama %(holder)s ke %(to)s (referensi %(ref)s). Pesanan Anda: %(link)s"
    ) % {**words, "name": order.checkout.buyer_name, "number": order.number, "link": link}
    return whatsapp_link(order.checkout.buyer_phone, text)


@dashboard_view("GET")
def payouts(request, slug: str):
    store = treasured_store_or_404(request, slug)
    return _payouts_page(request, store)


@dashboard_view("POST")
def payout(request, slug: str, seller_pk: int):
    store = treasured_store_or_404(request, slug)
    seller = get_object_or_404(Seller.objects.filter(store=store), pk=_key(seller_pk))
    form = PayoutForm(request.POST, auto_id=_ids("seller", seller.pk))
    if form.is_valid():
        try:
            made = pay_out_seller(
                store=store,
                seller=seller,
                amount_idr=form.cleaned_data["amount"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
                key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(amount)s ke %(seller)s dicatat dibayar (referensi %(ref)s).")
                % {
                    "amount": format_rupiah(made.amount_idr),
                    "seller": seller.business_name,
                    "ref": made.reference,
                },
            )
            url = reverse("payments:treasurer_payouts", args=[store.slug])
            return redirect(f"{url}?dibayar={made.pk}")
    return _payouts_page(request, store, failed=(seller.pk, form))


@dashboard_view("GET")
def payouts_csv(request, slug: str):
    store = treasured_store_or_404(request, slug)
    response = HttpResponse(treasury.payouts_csv(store), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pembayaran-penjual-{store.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Refunds to buyers ------------------------------------------------------------------


def _ask_buyer(request, payment: Payment) -> str | None:
    """One tap asking the buyer where to send the refund; the message is for
    the buyer, so it may carry their own tracking link."""
    order = payment.order
    link = absolute_uri(request, reverse("orders:track", args=[order.tracking_token]))
    text = _(
        "Halo %(name)s, dana pesanan %(number)s akan dikembalikan dari rekening bersama "
        "%(holder)s. Mohon tulis nomor rekening bank atau dompet digital Anda (dan atas nama "
        "siapa) di halaman pesanan: %(link)s"
    ) % {
        "name": order.checkout.buyer_name,
        "number": order.number,
        "holder": payment.store.escrow.holder_name,
        "link": link,
    }
    return whatsapp_link(order.checkout.buyer_phone, text)


def _refunds_page(request, store, failed: tuple[int, RefundForm] | None = None):
    own = own_seller_ids(request.user)
    rows = []
    for row in treasury.refunds_due(store):
        payment = row.payment
        if failed and failed[0] == payment.pk:
            row.form, failed = failed[1], None
        else:
            row.form = RefundForm(auto_id=_ids("refund", payment.pk))
        row.is_own = payment.seller_id in own
        row.ask_url = None if payment.refund_to else _ask_buyer(request, payment)
        rows.append(row)
    _unshown(request, failed)
    return _page(
        request,
        store,
        "payments/treasurer/refunds.html",
        "refunds",
        told=_just_paid(request, store, Payout.Kind.REFUND),
        rows=rows,
        paid=treasury.recent_payouts(store, kind=Payout.Kind.REFUND),
    )


@dashboard_view("GET")
def refunds(request, slug: str):
    store = treasured_store_or_404(request, slug)
    return _refunds_page(request, store)


@dashboard_view("POST")
def refund(request, slug: str, pk: int):
    store = treasured_store_or_404(request, slug)
    payment = _escrow_payment(store, pk)
    form = RefundForm(request.POST, auto_id=_ids("refund", payment.pk))
    if form.is_valid():
        try:
            made = pay_refund(
                payment=payment,
                reference=form.cleaned_data["reference"],
                paid_to=form.cleaned_data["paid_to"],
                actor=request.user,
                key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(amount)s dikembalikan ke pembeli pesanan %(number)s (referensi %(ref)s).")
                % {
                    "amount": format_rupiah(made.amount_idr),
                    "number": payment.order.number,
                    "ref": made.reference,
                },
            )
            url = reverse("payments:treasurer_refunds", args=[store.slug])
            return redirect(f"{url}?dibayar={made.pk}")
    return _refunds_page(request, store, failed=(payment.pk, form))


# --- Reconciliation ---------------------------------------------------------------------


@dashboard_view("GET", "POST")
def reconcile(request, slug: str):
    store = treasured_store_or_404(request, slug)
    today = timezone.localtime(timezone.now(), store.time_zone).date()
    form = ReconciliationForm(request.POST or None, initial={"date": today})
    if request.method == "POST" and form.is_valid():
        try:
            entry = record_reconciliation(
                store=store,
                date=form.cleaned_data["date"],
                bank_balance_idr=form.cleaned_data["bank_balance"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if entry.difference_idr:
                messages.warning(
                    request,
                    _("Saldo bank berbeda %(diff)s dari buku. Periksa mutasi rekening.")
                    % {"diff": format_rupiah(abs(entry.difference_idr))},
                )
            else:
                messages.success(request, _("Saldo bank cocok dengan buku."))
            return redirect("payments:treasurer_reconcile", slug=store.slug)
    return _page(
        request,
        store,
        "payments/treasurer/reconcile.html",
        "reconcile",
        form=form,
        books=treasury.books(store),
        entries=treasury.reconciliations(store),
    )


urlpatterns = [
    path(_BASE, home, name="treasurer_home"),
    path(_BASE + "dana-masuk/", to_confirm, name="treasurer_confirm_list"),
    path(_BASE + "dana-masuk/<int:pk>/", confirm, name="treasurer_confirm"),
    path(_BASE + "dana-masuk/<int:pk>/aman/", confirmed, name="treasurer_confirmed"),
    path(_BASE + "dana-ditahan/", held, name="treasurer_held"),
    path(_BASE + "pembayaran-penjual/", payouts, name="treasurer_payouts"),
    path(_BASE + "pembayaran-penjual.csv", payouts_csv, name="treasurer_payouts_csv"),
    path(_BASE + "pembayaran-penjual/<int:seller_pk>/", payout, name="treasurer_payout"),
    path(_BASE + "pengembalian/", refunds, name="treasurer_refunds"),
    path(_BASE + "pengembalian/<int:pk>/", refund, name="treasurer_refund"),
    path(_BASE + "pencocokan/", reconcile, name="treasurer_reconcile"),
]
