"""Pages of the payments app: setting up where money is paid.

- The seller's own QRIS (/kelola/penjual/<pk>/qris/): the owner, or a
  treasurer of the seller's store; staff get a 404.
- The store's rekening bersama (/kelola/toko/<slug>/rekening-bersama/): the
  operator.

A QRIS is set in two steps: the photo or the text is read and shown back
("Apakah ini QRIS Anda?" with the merchant name, NMID and city); only "Ya"
saves, and the service reads the carried payload again before it does.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from pasardesa.core.forms import add_service_errors, as_key
from pasardesa.core.web import dashboard_view
from pasardesa.payments.forms.setup import EscrowForm, QrisConfirmForm, QrisStickerForm
from pasardesa.payments.permissions import sellers_whose_qris_user_sets
from pasardesa.payments.qris import parse_static_qris
from pasardesa.payments.services import (
    clear_escrow_qris,
    clear_seller_qris,
    read_qris_sticker,
    set_escrow_qris,
    set_seller_qris,
    set_store_escrow,
)
from pasardesa.sellers.permissions import can_manage_seller
from pasardesa.stores.models import Store, StoreEscrow, StoreMember
from pasardesa.stores.permissions import stores_operated_by


def _qris_step(request, *, save, show_form, show_confirm, done):
    """The two steps of a QRIS on POST: read a sticker (then ask), or answer
    the question (then save on "Ya"). Returns a response."""
    if "answer" in request.POST:
        confirm = QrisConfirmForm(request.POST)
        if not confirm.is_valid():
            return show_form(QrisStickerForm())
        if confirm.cleaned_data["answer"] != "ya":
            messages.info(
                request, _("QRIS tidak disimpan. Unggah foto stiker yang benar atau tempel isinya.")
            )
            return done()
        try:
            save(confirm.cleaned_data["payload"])
        except ValidationError as exc:
            # Shown as if pasted, so the person sees what was refused and why.
            sticker = QrisStickerForm({"text": confirm.cleaned_data["payload"]})
            sticker.is_valid()
            add_service_errors(sticker, exc)
            return show_form(sticker)
        messages.success(request, _("QRIS sudah disimpan."))
        return done()
    sticker = QrisStickerForm(request.POST, request.FILES)
    if sticker.is_valid():
        try:
            static = read_qris_sticker(
                upload=sticker.cleaned_data["photo"], text=sticker.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(sticker, exc)
        else:
            return show_confirm(static, QrisConfirmForm(initial={"payload": static.payload}))
    return show_form(sticker)


def _current(holder) -> dict:
    """What the saved QRIS says (the city is read again from the payload)."""
    if not holder or not holder.has_qris:
        return {}
    try:
        city = parse_static_qris(holder.qris_payload).merchant_city
    except ValidationError:
        city = ""
    return {"name": holder.qris_merchant_name, "nmid": holder.qris_nmid, "city": city}


# --- The seller's QRIS ------------------------------------------------------------------


@dashboard_view("GET", "POST")
def seller_qris(request, pk: int):
    seller = get_object_or_404(
        sellers_whose_qris_user_sets(request.user).select_related("store"), pk=as_key(str(pk)) or 0
    )

    def show_form(form):
        return render(
            request,
            "payments/setup/seller_qris.html",
            {
                "seller": seller,
                "form": form,
                "current": _current(seller),
                # A treasurer setting it for the seller has no seller home to go back to.
                "runs_seller": can_manage_seller(request.user, seller),
            },
        )

    def show_confirm(static, form):
        return render(
            request,
            "payments/setup/qris_confirm.html",
            {"seller": seller, "static": static, "form": form, "back": request.path},
        )

    if request.method == "GET":
        return show_form(QrisStickerForm())
    return _qris_step(
        request,
        save=lambda payload: set_seller_qris(seller=seller, payload=payload, actor=request.user),
        show_form=show_form,
        show_confirm=show_confirm,
        done=lambda: redirect("payments:seller_qris", pk=seller.pk),
    )


@dashboard_view("POST")
def seller_qris_clear(request, pk: int):
    seller = get_object_or_404(sellers_whose_qris_user_sets(request.user), pk=as_key(str(pk)) or 0)
    clear_seller_qris(seller=seller, actor=request.user)
    messages.success(request, _("QRIS dihapus: pembeli tidak bisa lagi memilih QRIS langsung."))
    return redirect("payments:seller_qris", pk=seller.pk)


# --- The store's rekening bersama -------------------------------------------------------


def _operated(request, slug: str) -> Store:
    return get_object_or_404(stores_operated_by(request.user).select_related("village"), slug=slug)


def _escrow_of(store: Store) -> StoreEscrow | None:
    return StoreEscrow.objects.filter(store=store).first()


def _escrow_page(request, store, *, form=None, sticker=None):
    escrow = _escrow_of(store)
    return render(
        request,
        "payments/setup/escrow.html",
        {
            "store": store,
            "escrow": escrow,
            "form": form or EscrowForm(initial=EscrowForm.initial_for(store, escrow)),
            "sticker": sticker or QrisStickerForm(),
            "current": _current(escrow),
            "treasurers": list(
                StoreMember.objects.filter(store=store, role=StoreMember.Role.TREASURER)
                .select_related("user")
                .order_by("created_at", "pk")
            ),
        },
    )


@dashboard_view("GET", "POST")
def escrow_setup(request, slug: str):
    store = _operated(request, slug)
    if request.method == "GET":
        return _escrow_page(request, store)
    form = EscrowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_store_escrow(
                store=store,
                actor=request.user,
                holder_name=data["holder_name"],
                bank_name=data["bank_name"],
                bank_account_number=data["bank_account_number"],
                bank_account_holder=data["bank_account_holder"],
                fee_percent=data["fee_percent"],
                send_days=data["send_days"],
                release_hours=data["release_hours"],
                extend_days=data["extend_days"],
                is_active=data["is_active"],
                unpaid_expiry_hours=data["unpaid_expiry_hours"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Rekening bersama sudah disimpan."))
            return redirect("payments:escrow_setup", slug=store.slug)
    return _escrow_page(request, store, form=form)


@dashboard_view("POST")
def escrow_qris(request, slug: str):
    store = _operated(request, slug)

    def show_confirm(static, form):
        return render(
            request,
            "payments/setup/qris_confirm.html",
            {
                "store": store,
                "static": static,
                "form": form,
                "back": request.path.removesuffix("qris/"),
            },
        )

    return _qris_step(
        request,
        save=lambda payload: set_escrow_qris(store=store, payload=payload, actor=request.user),
        show_form=lambda sticker: _escrow_page(request, store, sticker=sticker),
        show_confirm=show_confirm,
        done=lambda: redirect("payments:escrow_setup", slug=store.slug),
    )


@dashboard_view("POST")
def escrow_qris_clear(request, slug: str):
    store = _operated(request, slug)
    try:
        clear_escrow_qris(store=store, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("QRIS rekening bersama dihapus."))
    return redirect("payments:escrow_setup", slug=store.slug)


urlpatterns = [
    path("kelola/penjual/<int:pk>/qris/", seller_qris, name="seller_qris"),
    path("kelola/penjual/<int:pk>/qris/hapus/", seller_qris_clear, name="seller_qris_clear"),
    path("kelola/toko/<slug:slug>/rekening-bersama/", escrow_setup, name="escrow_setup"),
    path("kelola/toko/<slug:slug>/rekening-bersama/qris/", escrow_qris, name="escrow_qris"),
    path(
        "kelola/toko/<slug:slug>/rekening-bersama/qris/hapus/",
        escrow_qris_clear,
        name="escrow_qris_clear",
    ),
]
