"""The regional admin's console (/kelola/wilayah/<code>/…): the stores of a
provinsi, kabupaten or kecamatan, opening a store, appointing its operator.

Every object is looked up through the permission querysets of
``pasardesa.stores.permissions``: another store's seller, product or person is
simply not found (404), so nothing of it is ever shown or changed. Each view
validates a form, calls one service and redirects with a message.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pasardesa.core.forms import add_service_errors
from pasardesa.core.phones import format_phone_national as phone_national
from pasardesa.core.web import dashboard_view, paginate
from pasardesa.kelola import selectors
from pasardesa.kelola.forms import (
    AppointOperatorForm,
    DeactivateStoreForm,
    OpenStoreForm,
)
from pasardesa.kelola.selectors import dashboard_counts
from pasardesa.kelola.whatsapp import invitation_link
from pasardesa.regions.models import Region, in_region
from pasardesa.stores import services
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.permissions import can_administer_region, stores_in_administered_regions
from pasardesa.stores.selectors import store_invitations, store_team, villages_for_new_store

PAGE_SIZE = 20


def _region(request, code: str) -> Region:
    """A provinsi, kabupaten or kecamatan the user administers, else 404."""
    region = Region.objects.filter(code=code, level__lte=Region.Level.KECAMATAN).first()
    if region is None or not can_administer_region(request.user, region):
        raise Http404
    return region


def _region_store(request, region: Region, slug: str) -> Store:
    stores = stores_in_administered_regions(request.user).filter(
        in_region(region.code, "village__")
    )
    return get_object_or_404(stores.select_related("village"), slug=slug)


@dashboard_view("GET")
def region_manage(request, code: str):
    region = _region(request, code)
    stores = selectors.region_stores(region).filter(
        pk__in=stores_in_administered_regions(request.user).values("pk")
    )
    return render(
        request,
        "kelola/region/home.html",
        {"region": region, "page_obj": paginate(request, stores, PAGE_SIZE)},
    )


@dashboard_view("GET", "POST")
def region_open_store(request, code: str):
    region = _region(request, code)
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        form = OpenStoreForm(region, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                store = services.open_store_with_operator(
                    village=data["village"],
                    name=data["name"],
                    operator_phone=data["operator_phone"],
                    opened_by=request.user,
                    idempotency_key=data["idempotency_key"] or uuid.uuid4(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "%(store)s sudah dibuka. Kabari pengelolanya lewat WhatsApp: dia "
                        "menerima undangan setelah masuk, lalu mengisi profil toko. Toko "
                        "tampil untuk pembeli setelah ada produk yang dijual."
                    )
                    % {"store": store.name},
                )
                return redirect("kelola:region_store", code=region.code, slug=store.slug)
    else:
        chosen = request.GET.get("desa", "")
        form = OpenStoreForm(region, initial={"village": chosen}) if chosen else None
    return render(
        request,
        "kelola/region/open.html",
        {
            "region": region,
            "query": query,
            "villages": villages_for_new_store(region, query) if query else None,
            "form": form,
        },
    )


def _region_store_page(request, region: Region, store: Store, form):
    invitations = list(store_invitations(store).filter(role=StoreMember.Role.OPERATOR))
    for invitation in invitations:
        invitation.whatsapp_url = invitation_link(request, invitation)
    return render(
        request,
        "kelola/region/store.html",
        {
            "region": region,
            "store": store,
            "operators": store_team(store).filter(role=StoreMember.Role.OPERATOR),
            "invitations": invitations,
            "form": form,
        },
    )


@dashboard_view("GET")
def region_store(request, code: str, slug: str):
    region = _region(request, code)
    store = _region_store(request, region, slug)
    return _region_store_page(request, region, store, AppointOperatorForm())


@dashboard_view("POST")
def region_appoint_operator(request, code: str, slug: str):
    region = _region(request, code)
    store = _region_store(request, region, slug)
    form = AppointOperatorForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_store_member(
                store=store,
                phone=form.cleaned_data["phone"],
                role=StoreMember.Role.OPERATOR,
                invited_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Undangan menjadi pengelola %(store)s sudah dibuat untuk %(phone)s. "
                    "Kabari orangnya lewat WhatsApp: dia harus masuk dengan nomor itu dan "
                    "menerimanya."
                )
                % {"store": store.name, "phone": phone_national(invitation.phone)},
            )
            return redirect("kelola:region_store", code=region.code, slug=store.slug)
    return _region_store_page(request, region, store, form)


@dashboard_view("GET", "POST")
def region_deactivate_store(request, code: str, slug: str):
    """Closing a whole store is asked twice: the GET says what happens and asks
    why, only the POST with a reason closes it (no JavaScript needed)."""
    region = _region(request, code)
    store = _region_store(request, region, slug)
    if not store.is_active:
        return redirect("kelola:region_store", code=region.code, slug=store.slug)
    form = DeactivateStoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_store_active(
                store=store,
                is_active=False,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(store)s dinonaktifkan: tidak tampil lagi untuk pembeli.")
                % {"store": store.name},
            )
            return redirect("kelola:region_store", code=region.code, slug=store.slug)
    return render(
        request,
        "kelola/region/deactivate.html",
        {"region": region, "store": store, "form": form, "counts": dashboard_counts(store)},
    )


@dashboard_view("POST")
def region_reactivate_store(request, code: str, slug: str):
    region = _region(request, code)
    store = _region_store(request, region, slug)
    services.set_store_active(store=store, is_active=True)
    messages.success(request, _("%(store)s aktif lagi.") % {"store": store.name})
    return redirect("kelola:region_store", code=region.code, slug=store.slug)
