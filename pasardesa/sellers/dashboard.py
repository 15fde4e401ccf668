"""The seller's own dashboard (/kelola/penjual/…): register, the seller's home,
profile, opening hours, open/closed switch and staff.

Every view resolves the seller through ``sellers.permissions``: another
seller's profile is a 404, whatever the URL or the POST says.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pasardesa.core.forms import add_service_errors
from pasardesa.core.phones import format_phone_national
from pasardesa.core.ratelimit import RateLimit, client_ip
from pasardesa.core.web import dashboard_view, too_many_requests
from pasardesa.sellers import services
from pasardesa.sellers.forms import (
    BankAccountForm,
    OpeningHoursForm,
    OpenSwitchForm,
    ResubmitForm,
    SellerProfileForm,
    SellerRegisterForm,
    StaffAddForm,
    StaffRemoveForm,
)
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.sellers.permissions import (
    managed_seller_or_404,
    owned_seller_or_404,
)
from pasardesa.sellers.state import VerificationRole
from pasardesa.stores.forms import ClosureForm
from pasardesa.stores.models import Store

# Stores listed in the register form's drop-down; above that, the person
# searches for their village first (a list of thousands would not fit a page).
STORE_LIST_LIMIT = 60
PRODUCTS_PER_PAGE = 20
# One address may file 10 seller registrations an hour (a village office
# helping its traders); a script flooding the operators' queues may not.
REGISTRATIONS_BY_IP = RateLimit("seller-register:ip", 10, 60 * 60)


def _store_choices(request):
    """The stores offered in the drop-down: all when few, else those matching
    ``?cari=`` (and the one preselected with ``?toko=``)."""
    stores = Store.objects.filter(is_active=True).select_related("village")
    query = request.GET.get("cari", "").strip()[:60]
    if query:
        stores = stores.filter(Q(name__icontains=query) | Q(village__name__icontains=query))
    slug = request.GET.get("toko") or request.POST.get("store") or ""
    chosen = list(Store.objects.filter(is_active=True, slug=slug)[:1])
    listed = list(stores.order_by("name")[: STORE_LIST_LIMIT + 1])
    many = len(listed) > STORE_LIST_LIMIT
    listed = listed[:STORE_LIST_LIMIT]
    listed += [store for store in chosen if store not in listed]
    return listed, many, query


@dashboard_view("GET", "POST")
def register(request):
    ip = client_ip(request)
    if request.method == "POST" and REGISTRATIONS_BY_IP.exceeded(ip):
        return too_many_requests(
            request,
            _(
                "Terlalu banyak pendaftaran penjual dari sambungan ini dalam satu jam. "
                "Coba lagi nanti."
            ),
        )
    stores, many, query = _store_choices(request)
    if request.method == "POST":
        form = SellerRegisterForm(request.POST, request.FILES, store_choices=stores)
        if form.is_valid():
            data = form.cleaned_data
            try:
                seller = services.register_seller_with_photo(
                    store=data["store"],
                    owner=request.user,
                    idempotency_key=data["idempotency_key"],
                    **form.service_kwargs(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                REGISTRATIONS_BY_IP.hit(ip)
                messages.success(
                    request,
                    _(
                        "Pendaftaran terkirim. Pengelola toko desa akan memeriksa data Anda; "
                        "sementara itu Anda sudah bisa menambah produk."
                    ),
                )
                return redirect("kelola:seller_home", seller.pk)
    else:
        initial = {
            "whatsapp": format_phone_national(request.user.phone),
            "owner_name": request.user.name,
        }
        if toko := request.GET.get("toko"):
            initial["store"] = toko
        form = SellerRegisterForm(initial=initial, store_choices=stores)
    return render(
        request,
        "sellers/manage/register.html",
        {"form": form, "many_stores": many, "store_query": query},
    )


@dashboard_view("GET", "POST")
def profile(request, pk: int):
    seller = managed_seller_or_404(request, pk)
    if request.method == "POST":
        form = SellerProfileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.update_seller_profile(seller=seller, **form.service_kwargs())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Profil usaha sudah disimpan."))
                return redirect("kelola:seller_home", seller.pk)
    else:
        form = SellerProfileForm(initial=SellerProfileForm.initial_for(seller))
    return render(request, "sellers/manage/profile.html", {"seller": seller, "form": form})


def _hours_page(request, seller: Seller, *, hours_form=None, closure_form=None, status=200):
    """The "Jam buka" page: weekly hours and the "tutup sementara" switch; a
    form that failed comes back bound, the other one as stored."""
    return render(
        request,
        "sellers/manage/hours.html",
        {
            "seller": seller,
            "form": hours_form or OpeningHoursForm(initial=OpeningHoursForm.initial_for(seller)),
            "closure_form": closure_form
            or ClosureForm(
                initial=ClosureForm.initial_for(until=seller.closed_until, note=seller.closed_note)
            ),
        },
        status=status,
    )


@dashboard_view("GET", "POST")
def hours(request, pk: int):
    seller = managed_seller_or_404(request, pk)
    if request.method == "POST":
        form = OpeningHoursForm(request.POST)
        if form.is_valid():
            try:
                services.set_opening_hours(seller=seller, hours=form.hours())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Jam buka sudah disimpan."))
                return redirect("kelola:seller_home", seller.pk)
        return _hours_page(request, seller, hours_form=form)
    return _hours_page(request, seller)


@dashboard_view("POST")
def closure(request, pk: int):
    """The seller's "tutup sementara" with its last day and note (the one-tap
    switch on the seller's home is ``toggle_open``)."""
    seller = managed_seller_or_404(request, pk)
    form = ClosureForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_seller_open(
                seller=seller,
                is_open=not data["closed"],
                closed_until=data["closed_until"],
                closed_note=data["closed_note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if data["closed"]:
                messages.success(
                    request,
                    _("Lapak Anda tutup sementara. Pembeli tidak bisa memesan sampai Anda buka."),
                )
            else:
                messages.success(request, _("Lapak Anda buka lagi. Pembeli bisa memesan."))
            return redirect("sellers:hours", seller.pk)
    return _hours_page(request, seller, closure_form=form)


@dashboard_view("POST")
def toggle_open(request, pk: int):
    seller = managed_seller_or_404(request, pk)
    form = OpenSwitchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih buka atau tutup."))
    else:
        services.set_seller_open(seller=seller, is_open=form.cleaned_data["is_open"])
        if form.cleaned_data["is_open"]:
            messages.success(request, _("Lapak Anda sekarang BUKA."))
        else:
            messages.success(request, _("Lapak Anda sekarang TUTUP. Pembeli melihat tanda Tutup."))
    return redirect("kelola:seller_home", seller.pk)


@dashboard_view("POST")
def resubmit(request, pk: int):
    seller = managed_seller_or_404(request, pk)
    form = ResubmitForm(request.POST)
    if form.is_valid():
        try:
            services.change_seller_status(
                seller=seller,
                to_status=Seller.Status.PENDING,
                actor=request.user,
                role=VerificationRole.SELLER,
                reason=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Data Anda diajukan ulang. Pengelola toko desa akan memeriksanya.")
            )
    else:
        messages.error(request, _("Catatan terlalu panjang (paling banyak 1.000 huruf)."))
    return redirect("kelola:seller_home", seller.pk)


@dashboard_view("GET", "POST")
def staff(request, pk: int):
    seller = owned_seller_or_404(request, pk)
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_seller_staff(seller=seller, phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s sekarang staf %(seller)s.")
                % {"name": member.user.name or member.user.phone, "seller": seller.business_name},
            )
            return redirect("sellers:staff", seller.pk)
    members = seller.members.select_related("user").order_by("role", "created_at")
    return render(
        request,
        "sellers/manage/staff.html",
        {"seller": seller, "form": form, "members": members, "owner_role": SellerMember.Role.OWNER},
    )


# Suggestions only (the field is free text): the banks and wallets villagers use.
BANK_SUGGESTIONS = ["BRI", "BNI", "Mandiri", "BCA", "BSI", "BTN", "Bank NTT", "Bank Jateng"]
BANK_SUGGESTIONS += ["Bank NTB Syariah", "Bank Kalsel", "DANA", "OVO", "GoPay", "ShopeePay"]


@dashboard_view("GET", "POST")
def bank_account(request, pk: int):
    """The transfer account: the owner's alone, like the team (staff must not
    be able to redirect the buyers' money)."""
    seller = owned_seller_or_404(request, pk)
    if request.method == "POST":
        form = BankAccountForm(request.POST)
        if form.is_valid():
            try:
                services.set_bank_account(seller=seller, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Rekening disimpan: pembeli bisa memilih transfer.")
                    if seller.has_bank_account
                    else _("Rekening dihapus: pembeli hanya bisa bayar di tempat."),
                )
                return redirect("kelola:seller_home", seller.pk)
    else:
        form = BankAccountForm(initial=BankAccountForm.initial_for(seller))
    return render(
        request,
        "sellers/manage/bank.html",
        {"seller": seller, "form": form, "banks": BANK_SUGGESTIONS},
    )


@dashboard_view("POST")
def staff_remove(request, pk: int):
    seller = owned_seller_or_404(request, pk)
    form = StaffRemoveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Staf ini tidak ditemukan di tim usaha Anda."))
        services.remove_seller_staff(seller=seller, member_id=form.cleaned_data["member"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Staf sudah dikeluarkan dari tim."))
    return redirect(reverse("sellers:staff", args=[seller.pk]))
