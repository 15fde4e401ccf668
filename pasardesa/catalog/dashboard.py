"""The seller's product dashboard (/kelola/…): add, edit, hide/show, duplicate,
stock, photos, CSV import and export.

Every product is resolved through ``sellers_managed_by(request.user)``: a
product of another seller is a 404 and stays unchanged.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pasardesa.catalog import csv_io, services
from pasardesa.catalog.manage_forms import (
    UNITS,
    CsvImportForm,
    PhotoMoveForm,
    ProductAddForm,
    ProductForm,
    StockForm,
    VisibilityForm,
)
from pasardesa.catalog.models import Product, ProductPhoto
from pasardesa.core.forms import add_service_errors
from pasardesa.core.web import dashboard_view, redirect_back
from pasardesa.sellers.permissions import managed_seller_or_404, sellers_managed_by

# Errors listed on the import page; a file of 1,000 bad rows would not fit a page.
MAX_ERRORS_SHOWN = 50


def managed_products(user):
    return Product.objects.filter(seller__in=sellers_managed_by(user))


def _product_or_404(request, pk: int) -> Product:
    return get_object_or_404(
        managed_products(request.user).select_related("seller__store", "category"), pk=pk
    )


def _manage_url(product: Product) -> str:
    return reverse("kelola:seller_home", args=[product.seller_id])


def _report_photo_errors(request, saved: services.SavedProduct) -> None:
    for error in saved.photo_errors:
        messages.error(request, error)


def _form_page(request, form, *, seller, product=None, lost_uploads: bool = False):
    return render(
        request,
        "catalog/manage/product_form.html",
        {
            "form": form,
            "seller": seller,
            "product": product,
            "photos": list(product.photos.all()) if product else [],
            "units": UNITS,
            "lost_uploads": lost_uploads,
        },
    )


def _hold_photos(request, form, *, product=None) -> services.HeldPhotos:
    """After ``form.is_valid()``: keep what was sent (minus the photos ticked
    "hapus") for the form's next post, and show it on the form."""
    held = services.hold_photos(
        owner=request.user,
        key=form.cleaned_data.get("idempotency_key"),
        uploads=form.cleaned_data.get("photos") or [],
        discard=form.discarded(),
        product=product,
    )
    form.show_kept(held.photos)
    return held


def _refused(request, form, held, **page):
    """The form again, with what was kept, and why any file was not."""
    for error in held.errors:
        form.add_error("photos", error)
    # Files that were neither kept nor refused with a reason (too many at
    # once, or a form without its key): the seller must pick them again.
    cleaned = form.cleaned_data
    lost = any(request.FILES.getlist("photos")) and (
        "photos" not in cleaned or cleaned.get("idempotency_key") is None
    )
    return _form_page(request, form, lost_uploads=lost, **page)


@dashboard_view("GET", "POST")
def product_add(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    if request.method != "POST":
        return _form_page(request, ProductAddForm(), seller=seller)
    form = ProductAddForm(request.POST, request.FILES)
    valid = form.is_valid()
    held = _hold_photos(request, form)
    if not valid:
        return _refused(request, form, held, seller=seller)
    try:
        saved = services.create_product_with_photos(
            seller=seller,
            data=form.product_data(),
            idempotency_key=form.cleaned_data["idempotency_key"],
            owner=request.user,
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _refused(request, form, held, seller=seller)
    if not saved.created:
        messages.info(request, _("Produk ini sudah tersimpan sebelumnya."))
        return redirect("kelola:seller_home", seller.pk)
    saved.photo_errors[:0] = held.errors
    if saved.photo_errors:
        messages.success(request, _("Produk disimpan, tetapi ada foto yang ditolak:"))
        _report_photo_errors(request, saved)
    else:
        messages.success(request, _("“%(name)s” sudah ditambahkan.") % {"name": saved.product.name})
    # Its own page offers "Tambah produk lain" at the top: sellers list many
    # products in one go.
    return redirect("catalog:product_edit", saved.product.pk)


@dashboard_view("GET", "POST")
def product_edit(request, pk: int):
    product = _product_or_404(request, pk)
    photo_count = product.photos.count()
    page = {"seller": product.seller, "product": product}
    if request.method != "POST":
        form = ProductForm(initial=ProductForm.initial_for(product), photo_count=photo_count)
        return _form_page(request, form, **page)
    form = ProductForm(request.POST, request.FILES, photo_count=photo_count)
    valid = form.is_valid()
    held = _hold_photos(request, form, product=product)
    if not valid:
        return _refused(request, form, held, **page)
    try:
        saved = services.update_product_with_photos(
            product=product,
            data=form.product_data(status=product.status),
            owner=request.user,
            key=form.cleaned_data["idempotency_key"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _refused(request, form, held, **page)
    saved.photo_errors[:0] = held.errors
    if saved.photo_errors:
        messages.success(request, _("Perubahan disimpan, tetapi ada foto yang ditolak:"))
        _report_photo_errors(request, saved)
        return redirect("catalog:product_edit", product.pk)
    messages.success(request, _("“%(name)s” sudah disimpan.") % {"name": saved.product.name})
    return redirect("kelola:seller_home", product.seller_id)


@dashboard_view("POST")
def product_visibility(request, pk: int):
    product = _product_or_404(request, pk)
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tampilkan atau sembunyikan."))
        return redirect_back(request, _manage_url(product))
    visible = form.cleaned_data["tampil"]
    try:
        services.set_product_visible(product=product, visible=visible)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if visible:
            messages.success(request, _("“%(name)s” tampil lagi.") % {"name": product.name})
        else:
            messages.success(
                request,
                _("“%(name)s” disembunyikan dari pembeli.") % {"name": product.name},
            )
    return redirect_back(request, _manage_url(product))


@dashboard_view("POST")
def product_duplicate(request, pk: int):
    product = _product_or_404(request, pk)
    try:
        copy = services.duplicate_product(product=product)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect_back(request, _manage_url(product))
    messages.success(
        request,
        _("Salinan dibuat dan masih disembunyikan. Ubah seperlunya, lalu tampilkan."),
    )
    return redirect("catalog:product_edit", copy.pk)


@dashboard_view("POST")
def product_stock(request, pk: int):
    product = _product_or_404(request, pk)
    form = StockForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Stok harus bilangan bulat dari 0 sampai 1.000.000 (“%(name)s”).")
            % {"name": product.name},
        )
        return redirect_back(request, _manage_url(product))
    action, amount = form.cleaned_data["aksi"], form.cleaned_data["jumlah"]
    try:
        if action == "tambah":
            services.adjust_stock(product=product, delta=1)
        elif action == "kurang":
            services.adjust_stock(product=product, delta=-1)
        else:
            services.set_stock(product=product, stock=amount)
    except ValidationError as exc:
        messages.error(request, f"{product.name}: {' '.join(exc.messages)}")
    else:
        if product.stock is None:
            messages.success(request, _("Stok “%(name)s” tidak dihitung.") % {"name": product.name})
        else:
            messages.success(
                request,
                _("Stok “%(name)s” sekarang %(n)d.") % {"name": product.name, "n": product.stock},
            )
    return redirect_back(request, _manage_url(product))


@dashboard_view("GET", "POST")
def product_sold_out(request, pk: int):
    """ "Stok habis" asks first, on a page of its own: a tap beside "+1" must
    never empty the stock by mistake (and a confirmation needs no JavaScript)."""
    product = _product_or_404(request, pk)
    if request.method != "POST":
        return render(request, "catalog/manage/sold_out.html", {"product": product})
    try:
        services.mark_sold_out(product=product)
    except ValidationError as exc:
        messages.error(request, f"{product.name}: {' '.join(exc.messages)}")
    else:
        messages.success(
            request, _("“%(name)s” ditandai stok habis (stok 0).") % {"name": product.name}
        )
    return redirect("catalog:product_edit", product.pk)


def _photo_or_404(request, pk: int, photo_pk: int) -> ProductPhoto:
    product = _product_or_404(request, pk)
    return get_object_or_404(product.photos.select_related("product"), pk=photo_pk)


@dashboard_view("POST")
def photo_delete(request, pk: int, photo_pk: int):
    photo = _photo_or_404(request, pk, photo_pk)
    try:
        services.delete_product_photo(photo=photo)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Foto sudah dihapus."))
    return redirect("catalog:product_edit", pk)


@dashboard_view("POST")
def photo_move(request, pk: int, photo_pk: int):
    photo = _photo_or_404(request, pk, photo_pk)
    form = PhotoMoveForm(request.POST)
    if form.is_valid():
        offset = -1 if form.cleaned_data["arah"] == "naik" else 1
        try:
            services.move_product_photo(photo=photo, offset=offset)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Urutan foto sudah diubah."))
    return redirect("catalog:product_edit", pk)


def _csv_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@dashboard_view("GET")
def csv_export(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    return _csv_response(csv_io.export_products(seller), f"produk-{seller.slug}.csv")


@dashboard_view("GET")
def csv_template(request, seller_pk: int):
    managed_seller_or_404(request, seller_pk)
    return _csv_response(csv_io.template_csv(), "contoh-produk.csv")


@dashboard_view("GET", "POST")
def csv_import(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        parsed = csv_io.read_products_csv(form.cleaned_data["file"], seller=seller)
        errors = parsed.errors
        if parsed.ok:
            try:
                summary = services.import_products(seller=seller, rows=parsed.rows)
            except services.ImportRejected as exc:
                errors = [csv_io.RowError(exc.line, " ".join(exc.messages))]
            else:
                messages.success(
                    request,
                    _("Impor selesai: %(created)d produk baru, %(updated)d produk diperbarui.")
                    % {"created": summary.created, "updated": summary.updated},
                )
                return redirect("kelola:seller_home", seller.pk)
    return render(
        request,
        "catalog/manage/import.html",
        {
            "seller": seller,
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "more_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "columns": csv_io.COLUMNS,
        },
    )
