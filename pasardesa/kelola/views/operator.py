"""The village operator's console (/kelola/toko/<slug>/…).

Every object is looked up through the permission querysets of
``pasardesa.stores.permissions``: another store's seller, product or person is
simply not found (404), so nothing of it is ever shown or changed. Each view
validates a form, calls one service and redirects with a message.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.accounts.services import issue_reset_link
from pasardesa.catalog import selectors as catalog_selectors
from pasardesa.catalog import services as catalog_services
from pasardesa.catalog.models import Product
from pasardesa.core.forms import add_service_errors, as_key
from pasardesa.core.phones import format_phone_national as phone_national
from pasardesa.core.state import IllegalTransition
from pasardesa.core.web import absolute_uri, dashboard_view, paginate
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.kelola import selectors
from pasardesa.kelola.forms import (
    AddMemberForm,
    NoteForm,
    ReasonForm,
    StoreProfileForm,
    VerifyForm,
)
from pasardesa.kelola.whatsapp import invitation_link, seller_queue_link
from pasardesa.sellers import selectors as seller_selectors
from pasardesa.sellers import services as seller_services
from pasardesa.sellers.models import Seller
from pasardesa.sellers.state import SELLER_MACHINE, VerificationRole
from pasardesa.stores import services
from pasardesa.stores.forms import ClosureForm
from pasardesa.stores.models import Store
from pasardesa.stores.permissions import stores_operated_by
from pasardesa.stores.selectors import store_invitations, store_team

DASHBOARD_PAGE_SIZE = 20


def _store(request, slug: str) -> Store:
    """A store the user operates (any store for a platform superuser), else 404."""
    return get_object_or_404(stores_operated_by(request.user).select_related("village"), slug=slug)


# --- The village operator ---------------------------------------------------


def _with_whatsapp(request, store: Store, sellers):
    """Each seller waiting for verification gets ``whatsapp_url``: one tap to
    greet them and arrange the check."""
    sellers = list(sellers)
    for seller in sellers:
        if seller.status == Seller.Status.PENDING:
            seller.whatsapp_url = seller_queue_link(request, seller, store)
    return sellers


@dashboard_view("GET")
def manage(request, slug: str):
    store = _store(request, slug)
    return render(
        request,
        "kelola/store/home.html",
        {
            "store": store,
            "counts": selectors.dashboard_counts(store),
            "queue": _with_whatsapp(
                request,
                store,
                seller_selectors.store_sellers(store, status=Seller.Status.PENDING)[:10],
            ),
        },
    )


@dashboard_view("GET", "POST")
def profile(request, slug: str):
    store = _store(request, slug)
    form = StoreProfileForm(store, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The store's own profile and its showcase, saved all or nothing.
            with transaction.atomic():
                services.update_store_profile(
                    store=store,
                    name=data["name"],
                    tagline=data["tagline"],
                    description=data["description"],
                    whatsapp=data["whatsapp"],
                    address=data["address"],
                    logo=data["logo"],
                    remove_logo=data["remove_logo"],
                    order_expiry_hours=data["order_expiry_hours"],
                )
                catalog_services.set_showcase(
                    store=store,
                    featured_product=data["featured_product"],
                    hidden_categories=form.hidden_categories(),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Profil toko sudah disimpan."))
            return redirect("kelola:store_profile", slug=store.slug)
    return render(request, "kelola/store/profile.html", {"store": store, "form": form})


@dashboard_view("GET")
def sellers(request, slug: str):
    store = _store(request, slug)
    status = request.GET.get("status", "")
    if status not in Seller.Status.values:
        status = ""
    page_obj = paginate(
        request, seller_selectors.store_sellers(store, status=status), DASHBOARD_PAGE_SIZE
    )
    page_obj.object_list = _with_whatsapp(request, store, page_obj.object_list)
    return render(
        request,
        "kelola/store/sellers.html",
        {
            "store": store,
            "status": status,
            "statuses": Seller.Status.choices,
            "page_obj": page_obj,
        },
    )


# The form each of the operator's steps asks for: verifying has its checklist;
# otherwise a reason when the state table needs one, else an optional note.
STEP_FORMS = {"verifikasi": VerifyForm}


def _step_form(step, *args):
    form_class = STEP_FORMS.get(step.name) or (ReasonForm if step.needs_note else NoteForm)
    return form_class(*args, prefix=step.name)


def _seller_page(request, store: Store, seller: Seller, bound=None):
    """The review page; ``bound`` is a (action, form) that failed and is shown again."""
    forms = {
        step.name: _step_form(step)
        for _to, step in SELLER_MACHINE.next_steps(seller.status, VerificationRole.OPERATOR)
    }
    if bound is not None:
        forms[bound[0]] = bound[1]
    greeting = _("Halo %(owner)s, saya pengelola %(store)s di Pasar Desa.") % {
        "owner": seller.owner_name,
        "store": store.name,
    }
    return render(
        request,
        "kelola/store/seller.html",
        {
            "store": store,
            "seller": seller,
            "forms": forms,
            "whatsapp_url": whatsapp_link(seller.whatsapp, greeting),
            "events": seller.status_events.all(),
            "people": seller.members.all(),
            "reset_ids": set(
                selectors.reset_link_people(store, actor=request.user)
                .filter(seller_roles__seller=seller)
                .values_list("pk", flat=True)
            ),
        },
    )


def _seller(store: Store, pk: int) -> Seller:
    seller = seller_selectors.seller_for_review(store, pk)
    if seller is None:
        raise Http404
    return seller


@dashboard_view("GET")
def seller_review(request, slug: str, pk: int):
    store = _store(request, slug)
    return _seller_page(request, store, _seller(store, pk))


@dashboard_view("POST")
def seller_action(request, slug: str, pk: int, action: str):
    store = _store(request, slug)
    seller = _seller(store, pk)
    if action not in {step.name for step in SELLER_MACHINE.transitions.values()}:
        raise Http404
    found = SELLER_MACHINE.named(seller.status, action, VerificationRole.OPERATOR)
    if found is None:
        # A stale page (a double tap, another operator was quicker): say what is.
        messages.error(
            request,
            _('Penjual ini sekarang berstatus "%(status)s"; langkah itu tidak bisa dilakukan.')
            % {"status": seller.get_status_display()},
        )
        return redirect("kelola:seller", slug=store.slug, pk=seller.pk)
    to_status, step = found
    form = _step_form(step, request.POST)
    if not form.is_valid():
        return _seller_page(request, store, seller, bound=(action, form))
    try:
        seller_services.change_seller_status(
            seller=seller,
            to_status=to_status,
            actor=request.user,
            role=VerificationRole.OPERATOR,
            **form.cleaned_data,
        )
    except IllegalTransition as exc:
        # Another operator was quicker between the page and this answer.
        messages.error(request, str(exc))
        return redirect("kelola:seller", slug=store.slug, pk=seller.pk)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            add_service_errors(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return _seller_page(request, store, seller, bound=(action, form))
    messages.success(
        request,
        _('%(seller)s sekarang berstatus "%(status)s".')
        % {"seller": seller.business_name, "status": Seller.Status(to_status).label},
    )
    return redirect("kelola:seller", slug=store.slug, pk=seller.pk)


@dashboard_view("GET")
def products(request, slug: str):
    store = _store(request, slug)
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    if status not in Product.Status.values:
        status = ""
    return render(
        request,
        "kelola/store/products.html",
        {
            "store": store,
            "query": query,
            "status": status,
            "statuses": Product.Status.choices,
            "page_obj": paginate(
                request,
                catalog_selectors.products_to_moderate(store, query=query, status=status),
                DASHBOARD_PAGE_SIZE,
            ),
        },
    )


def _product(store: Store, pk: int) -> Product:
    return get_object_or_404(catalog_selectors.products_to_moderate(store), pk=pk)


@dashboard_view("GET", "POST")
def product_take_down(request, slug: str, pk: int):
    store = _store(request, slug)
    product = _product(store, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            catalog_services.take_down_product(
                product=product, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(product)s sudah diturunkan; penjualnya melihat alasannya.")
                % {"product": product.name},
            )
            return redirect("kelola:products", slug=store.slug)
    return render(
        request,
        "kelola/store/take_down.html",
        {"store": store, "product": product, "form": form},
    )


@dashboard_view("POST")
def product_restore(request, slug: str, pk: int):
    store = _store(request, slug)
    product = _product(store, pk)
    if product.status != Product.Status.BLOCKED:
        # Only what the operator took down comes back; a product the seller
        # hid stays hidden.
        messages.error(request, _("Produk ini tidak sedang diturunkan."))
    else:
        catalog_services.restore_product(product=product, actor=request.user)
        messages.success(request, _("%(product)s tampil lagi.") % {"product": product.name})
    return redirect("kelola:products", slug=store.slug)


def _team_page(request, store: Store, form):
    invitations = list(store_invitations(store))
    for invitation in invitations:
        invitation.whatsapp_url = invitation_link(request, invitation)
    return render(
        request,
        "kelola/store/team.html",
        {
            "store": store,
            "members": store_team(store),
            "invitations": invitations,
            "form": form,
            "reset_ids": set(
                selectors.reset_link_people(store, actor=request.user)
                .filter(store_roles__store=store)
                .values_list("pk", flat=True)
            ),
        },
    )


@dashboard_view("GET", "POST")
def team(request, slug: str):
    store = _store(request, slug)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_store_member(
                store=store,
                phone=form.cleaned_data["phone"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Undangan menjadi %(role)s sudah dibuat untuk %(phone)s. Kabari orangnya "
                    "lewat WhatsApp: dia harus masuk dengan nomor itu dan menerimanya."
                )
                % {
                    "role": invitation.get_role_display().lower(),
                    "phone": phone_national(invitation.phone),
                },
            )
            return redirect("kelola:team", slug=store.slug)
    return _team_page(request, store, form)


@dashboard_view("POST")
def invitation_revoke(request, slug: str, pk: int):
    store = _store(request, slug)
    invitation = get_object_or_404(store_invitations(store), pk=pk)
    try:
        services.revoke_invitation(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Undangan untuk %(phone)s dibatalkan.") % {"phone": phone_national(invitation.phone)},
        )
    return redirect("kelola:team", slug=store.slug)


@dashboard_view("POST")
def member_remove(request, slug: str, pk: int):
    store = _store(request, slug)
    member = get_object_or_404(store_team(store), pk=pk)
    try:
        services.remove_store_member(member=member, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s bukan lagi %(role)s toko ini.")
            % {"name": member.user.name, "role": member.get_role_display().lower()},
        )
    return redirect("kelola:team", slug=store.slug)


@dashboard_view("POST")
def reset_link(request, slug: str, user_id: int):
    """A one-time password link for a person of this store, to send on WhatsApp.

    Shown once, in the answer to the POST; never stored, never cached. The
    person's account history records who made it.
    """
    store = _store(request, slug)
    person = get_object_or_404(selectors.reset_link_people(store, actor=request.user), pk=user_id)
    link = issue_reset_link(user=person, issued_by=request.user, place=store.name)
    url = absolute_uri(request, link.path)
    text = _(
        "Halo %(name)s, ini tautan untuk membuat kata sandi baru di Pasar Desa "
        "(berlaku 24 jam, sekali pakai): %(url)s"
    ) % {"name": person.name, "url": url}
    return render(
        request,
        "kelola/store/reset_link.html",
        {
            "store": store,
            "person": person,
            "url": url,
            "whatsapp_url": whatsapp_link(person.phone, text),
            # Back to the seller page the button was on, else to the team.
            "seller_pk": as_key(request.POST.get("seller", "")),
        },
    )


# --- The store's "tutup sementara" -----------------------------------------------


@dashboard_view("GET", "POST")
def store_closure(request, slug: str):
    """The operator's "tutup sementara" for every seller of the store at once."""
    store = _store(request, slug)
    initial = ClosureForm.initial_for(until=store.closed_until, note=store.closed_note)
    form = ClosureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_store_closed(
                store=store,
                closed=data["closed"],
                closed_until=data["closed_until"],
                closed_note=data["closed_note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if data["closed"]:
                messages.success(
                    request,
                    _("Toko tutup sementara: pembeli tidak bisa memesan dari penjual mana pun."),
                )
            else:
                messages.success(request, _("Toko buka lagi: pembeli bisa memesan."))
            return redirect("kelola:store_closure", slug=store.slug)
    return render(
        request,
        "kelola/store/closure.html",
        {"store": store, "form": form, "closure": store.closure_at(timezone.now())},
    )
