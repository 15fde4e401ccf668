"""Pages of complaints (komplain) about rekening bersama orders.

- The buyer, from the order's private link: the complaint form and the
  complaint's page (every message and decision, the seller's offer to accept
  or refuse, the goods sent back, an appeal). As with cancelling an order,
  the browser that placed it acts with one tap; another device types the
  buyer's WhatsApp number (``services.complaints.check_buyer``).
- The seller (``managed_seller_or_404``), the operator
  (``stores_operated_by``) and the regional admin (``can_administer_region``,
  ``stores_in_administered_regions``): a queue and a page per complaint,
  resolved through what the person may touch; anything else is a 404.

Each page offers a one-tap WhatsApp message to whoever acts next, with the
link to *their* page; the buyer's private link only ever goes into a message
to the buyer's own number, sent from the buyer's own page.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pasardesa.core.forms import add_service_errors
from pasardesa.core.ratelimit import RateLimit
from pasardesa.core.web import absolute_uri, dashboard_view, paginate
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.orders import selectors as order_selectors
from pasardesa.orders.models import Order
from pasardesa.orders.views.common import private
from pasardesa.orders.views.tracking import placed_here
from pasardesa.payments.forms.complaints import (
    BuyerAnswerForm,
    ComplaintForm,
    DecideForm,
    SellerAnswerForm,
)
from pasardesa.payments.models import (
    Complaint,
    ComplaintStatus,
    Payment,
    PaymentRole,
    PaymentStatus,
)
from pasardesa.payments.selectors.complaints import (
    appealed_complaints,
    complaint_in,
    complaint_of_order,
    seller_complaints,
    status_counts,
    store_complaints,
)
from pasardesa.payments.services import complaints as services
from pasardesa.payments.state import COMPLAINT_MACHINE
from pasardesa.regions.models import Region, RegionAdmin, in_region
from pasardesa.sellers.permissions import managed_seller_or_404
from pasardesa.stores.permissions import (
    can_administer_region,
    stores_in_administered_regions,
    stores_operated_by,
)

C = ComplaintStatus
PAGE_SIZE = 20
# Wrong numbers per order link (as for cancelling): enough for typos only.
PROOF_FAILURES = RateLimit("complaint:fail", 5, 60 * 60)


# --- WhatsApp: who acts next, with the link to their own page ---------------------------


def _message(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _about(complaint: Complaint) -> str:
    return _("Komplain pesanan %(number)s (%(status)s).") % {
        "number": complaint.payment.order.number,
        "status": COMPLAINT_MACHINE.label(complaint.status),
    }


def _seller_link(request, complaint: Complaint) -> str | None:
    url = absolute_uri(
        request, reverse("payments:seller_complaint", args=[complaint.seller_id, complaint.pk])
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _message(
            _("Halo %(seller)s,") % {"seller": complaint.seller.business_name},
            _about(complaint),
            _("Jawab di sini: %(url)s") % {"url": url},
        )
    return whatsapp_link(complaint.seller.whatsapp, text)


def _operator_link(request, complaint: Complaint) -> str | None:
    url = absolute_uri(request, reverse("payments:store_complaints", args=[complaint.store.slug]))
    with translation.override(settings.LANGUAGE_CODE):
        text = _message(
            _("Halo pengelola %(store)s,") % {"store": complaint.store.name},
            _about(complaint),
            _("Mohon diputuskan di sini: %(url)s") % {"url": url},
        )
    return whatsapp_link(complaint.store.whatsapp, text)


def _region_link(request, complaint: Complaint) -> str | None:
    """To the nearest regional admin above the store (kabupaten before provinsi)."""
    village = complaint.store.village
    admin = (
        RegionAdmin.objects.filter(region_id__in=village.ancestor_codes)
        .select_related("user")
        .order_by("-region__level", "pk")
        .first()
    )
    if admin is None:
        return None
    url = absolute_uri(request, reverse("payments:region_complaints", args=[admin.region_id]))
    with translation.override(settings.LANGUAGE_CODE):
        text = _message(
            _("Halo admin wilayah,"),
            _about(complaint),
            _("Ada banding di %(store)s: %(url)s") % {"store": complaint.store.name, "url": url},
        )
    return whatsapp_link(admin.user.phone, text)


def _buyer_link(complaint: Complaint) -> str | None:
    """To the buyer, from someone else's page: no link (their private link is theirs)."""
    checkout = complaint.payment.order.checkout
    with translation.override(settings.LANGUAGE_CODE):
        text = _message(
            _("Halo %(name)s,") % {"name": checkout.buyer_name},
            _about(complaint),
            _("Silakan buka link pesanan Anda untuk melihat dan menjawab."),
        )
    return whatsapp_link(checkout.buyer_phone, text)


def _own_link(request, complaint: Complaint) -> str | None:
    """The buyer's own complaint page, to the buyer's own number: kept in their chat."""
    order = complaint.payment.order
    url = absolute_uri(request, reverse("payments:complaint", args=[order.tracking_token]))
    with translation.override(settings.LANGUAGE_CODE):
        text = _message(_about(complaint), _("Link komplain saya: %(url)s") % {"url": url})
    return whatsapp_link(order.checkout.buyer_phone, text)


def _next_links(request, complaint: Complaint, *, audience: str) -> list[tuple[str, str]]:
    """(button words, wa.me link) for whoever acts next, seen from ``audience``."""
    status = complaint.status
    wanted = []
    if status in (C.OPEN, C.RETURN_SENT) and audience != "seller":
        wanted.append((_("Kabari penjual di WhatsApp"), _seller_link(request, complaint)))
    buyers_turn = status in (C.OFFERED, C.RETURN_REQUESTED, C.DECIDED) or complaint.is_closed
    if buyers_turn and audience != "buyer":
        wanted.append((_("Kabari pembeli di WhatsApp"), _buyer_link(complaint)))
    if status == C.DECIDED and audience != "seller":
        wanted.append((_("Kabari penjual di WhatsApp"), _seller_link(request, complaint)))
    if status == C.OPERATOR and audience != "operator":
        wanted.append((_("Kabari pengelola toko di WhatsApp"), _operator_link(request, complaint)))
    if status == C.APPEALED and audience != "region":
        wanted.append((_("Kabari admin wilayah di WhatsApp"), _region_link(request, complaint)))
    return [(words, link) for words, link in wanted if link]


# --- Steps drawn as buttons ---------------------------------------------------------------


def _steps(complaint: Complaint, role: str) -> list[dict]:
    steps = [
        {
            "name": step.name,
            "action": step.action,
            "needs_note": step.needs_note,
            "needs_price": step.needs_price,
        }
        for _to, step in COMPLAINT_MACHINE.next_steps(complaint.status, role)
        if step.name and step.name not in ("decide", "appeal")
    ]
    if services.can_accept_decision(complaint, role):
        steps.append(
            {
                "name": services.ACCEPT_DECISION,
                "action": _("Terima keputusan"),
                "needs_note": False,
                "needs_price": False,
            }
        )
    if role in (PaymentRole.BUYER, PaymentRole.SELLER) and services.can_appeal(
        complaint, role=role
    ):
        steps.append(
            {
                "name": "appeal",
                "action": _("Banding ke admin wilayah"),
                "needs_note": True,
                "needs_price": False,
            }
        )
    if not complaint.is_closed:
        steps.append(
            {
                "name": "message",
                "action": _("Kirim pesan"),
                "needs_note": True,
                "needs_price": False,
            }
        )
    return steps


# --- The buyer ----------------------------------------------------------------------------


def _order_or_404(token: str) -> Order:
    order = order_selectors.order_by_tracking_token(token)
    if order is None:
        raise Http404
    return order


def _new_page(request, order, payment, form, status=200):
    return private(
        render(
            request,
            "payments/complaints/new.html",
            {
                "order": order,
                "payment": payment,
                "form": form,
                "open": payment is not None and payment.status == PaymentStatus.SENT,
            },
            status=status,
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_new(request, token: str):
    order = _order_or_404(token)
    payment = Payment.objects.filter(order=order).first()
    if payment is not None and Complaint.objects.filter(payment=payment).exists():
        return redirect("payments:complaint", token=token)
    own = placed_here(request, order)
    if request.method != "POST":
        return _new_page(request, order, payment, ComplaintForm(ask_phone=not own))
    form = ComplaintForm(request.POST, ask_phone=not own)
    if payment is None:
        raise Http404
    if not own and PROOF_FAILURES.exceeded(token):
        form.add_error(
            None, _("Terlalu banyak nomor yang salah. Coba lagi satu jam lagi dari HP pemesan.")
        )
        return _new_page(request, order, payment, form, status=429)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.file_complaint(
                payment=payment,
                reason=data["reason"],
                description=data["description"],
                photos=request.FILES.getlist("foto"),
                actor=request.user if request.user.is_authenticated else None,
                placed_here=own,
                phone=data.get("buyer_phone", ""),
                idempotency_key=data["idempotency_key"],
            )
        except ValidationError as exc:
            if "buyer_phone" in getattr(exc, "error_dict", {}):
                PROOF_FAILURES.hit(token)
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Komplain terkirim. Dana tetap ditahan sampai komplain selesai.")
            )
            return redirect("payments:complaint", token=token)
    return _new_page(request, order, payment, form)


def _buyer_page(request, order, complaint, form=None, status=200):
    own = placed_here(request, order)
    return private(
        render(
            request,
            "payments/complaints/detail.html",
            {
                "order": order,
                "complaint": complaint,
                "steps": _steps(complaint, PaymentRole.BUYER),
                "ask_phone": not own,
                "form": form,
                "links": _next_links(request, complaint, audience="buyer"),
                "own_link": _own_link(request, complaint) if own else None,
            },
            status=status,
        )
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def complaint_detail(request, token: str):
    order = _order_or_404(token)
    complaint = complaint_of_order(order)
    if complaint is None:
        raise Http404
    return _buyer_page(request, order, complaint)


@never_cache
@require_POST
def complaint_answer(request, token: str):
    order = _order_or_404(token)
    complaint = complaint_of_order(order)
    if complaint is None:
        raise Http404
    own = placed_here(request, order)
    form = BuyerAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Langkah ini tidak dikenal. Muat ulang halaman lalu coba lagi."))
        return redirect("payments:complaint", token=token)
    if not own and PROOF_FAILURES.exceeded(token):
        form.add_error(
            None, _("Terlalu banyak nomor yang salah. Coba lagi satu jam lagi dari HP pemesan.")
        )
        return _buyer_page(request, order, complaint, form, status=429)
    data = form.cleaned_data
    try:
        services.buyer_answer(
            complaint=complaint,
            answer=data["answer"],
            actor=request.user if request.user.is_authenticated else None,
            placed_here=own,
            phone=data["buyer_phone"],
            text=data["text"],
        )
    except ValidationError as exc:
        if "buyer_phone" in getattr(exc, "error_dict", {}):
            PROOF_FAILURES.hit(token)
        add_service_errors(form, exc)
        return _buyer_page(request, order, complaint_of_order(order), form)
    messages.success(request, _("Jawaban tersimpan."))
    return redirect("payments:complaint", token=token)


# --- Back office: one page shape for the seller, the operator and the region -------------


def _manage_page(request, complaint, *, audience, role, action_url, crumbs, form=None):
    context = {
        "complaint": complaint,
        "order": complaint.payment.order,
        "audience": audience,
        "steps": _steps(complaint, role)
        if audience == "seller"
        else [step for step in _steps(complaint, role) if step["name"] == "message"],
        "action_url": action_url,
        "crumbs": crumbs,
        "form": form,
        "links": _next_links(request, complaint, audience=audience),
    }
    if audience == "operator" and complaint.status == C.OPERATOR:
        context["decide_form"] = form if isinstance(form, DecideForm) else DecideForm()
    if audience == "region" and complaint.status == C.APPEALED:
        context["decide_form"] = form if isinstance(form, DecideForm) else DecideForm()
    return render(request, "payments/complaints/manage_detail.html", context)


def _list_page(request, *, title, crumbs, complaints, url_of, counts=None):
    page_obj = paginate(request, complaints, PAGE_SIZE)
    rows = [(complaint, url_of(complaint)) for complaint in page_obj]
    return render(
        request,
        "payments/complaints/manage_list.html",
        {"title": title, "crumbs": crumbs, "rows": rows, "page_obj": page_obj, "counts": counts},
    )


def _decide(request, complaint, role):
    """The decision posted, or a plain message (``answer=message``)."""
    if request.POST.get("answer") == "message":
        form = SellerAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.add_message(
                    complaint=complaint,
                    actor=request.user,
                    actor_role=role,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return form, True
        return form, False
    form = DecideForm(request.POST)
    if not form.is_valid():
        return form, False
    data = form.cleaned_data
    try:
        services.decide_complaint(
            complaint=complaint,
            outcome=data["outcome"],
            seller_part_idr=data["seller_part"],
            actor=request.user,
            actor_role=role,
            text=data["text"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return form, False
    return form, True


# The seller.


def _seller_crumbs(seller):
    return [
        (seller.business_name, reverse("kelola:seller_home", args=[seller.pk])),
        (_("Komplain"), reverse("payments:seller_complaints", args=[seller.pk])),
    ]


@dashboard_view("GET")
def seller_list(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    return _list_page(
        request,
        title=_("Komplain pembeli"),
        crumbs=_seller_crumbs(seller)[:1],
        complaints=seller_complaints(seller),
        url_of=lambda c: reverse("payments:seller_complaint", args=[seller.pk, c.pk]),
        counts=status_counts(Complaint.objects.filter(seller=seller)),
    )


@dashboard_view("GET", "POST")
def seller_detail(request, seller_pk: int, pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    complaint = complaint_in(Complaint.objects.filter(seller=seller), pk)
    if complaint is None:
        raise Http404
    url = reverse("payments:seller_complaint", args=[seller.pk, complaint.pk])
    page = {
        "audience": "seller",
        "role": PaymentRole.SELLER,
        "action_url": url,
        "crumbs": _seller_crumbs(seller),
    }
    if request.method != "POST":
        return _manage_page(request, complaint, **page)
    form = SellerAnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["answer"] == "appeal":
                services.seller_appeal(complaint=complaint, actor=request.user, text=data["text"])
            else:
                services.seller_answer(
                    complaint=complaint,
                    answer=data["answer"],
                    actor=request.user,
                    text=data["text"],
                    offer_idr=data["offer_idr"],
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Jawaban tersimpan."))
            return redirect(url)
    return _manage_page(
        request, complaint_in(Complaint.objects.filter(seller=seller), pk), form=form, **page
    )


# The operator.


def _store_crumbs(store):
    return [
        (store.name, reverse("kelola:store", args=[store.slug])),
        (_("Komplain"), reverse("payments:store_complaints", args=[store.slug])),
    ]


@dashboard_view("GET")
def store_list(request, slug: str):
    store = get_object_or_404(stores_operated_by(request.user), slug=slug)
    status = request.GET.get("status", "")
    return _list_page(
        request,
        title=_("Komplain di toko"),
        crumbs=_store_crumbs(store)[:1],
        complaints=store_complaints(store, status),
        url_of=lambda c: reverse("payments:store_complaint", args=[store.slug, c.pk]),
        counts=status_counts(Complaint.objects.filter(store=store)),
    )


@dashboard_view("GET", "POST")
def store_detail(request, slug: str, pk: int):
    store = get_object_or_404(stores_operated_by(request.user), slug=slug)
    complaint = complaint_in(Complaint.objects.filter(store=store), pk)
    if complaint is None:
        raise Http404
    url = reverse("payments:store_complaint", args=[store.slug, complaint.pk])
    page = {
        "audience": "operator",
        "role": PaymentRole.OPERATOR,
        "action_url": url,
        "crumbs": _store_crumbs(store),
    }
    if request.method != "POST":
        return _manage_page(request, complaint, **page)
    form, done = _decide(request, complaint, PaymentRole.OPERATOR)
    if done:
        messages.success(
            request,
            _("Pesan terkirim.")
            if request.POST.get("answer") == "message"
            else _("Keputusan tersimpan. Kedua pihak bisa banding dalam %(days)d hari.")
            % {"days": services.APPEAL_DAYS},
        )
        return redirect(url)
    return _manage_page(
        request, complaint_in(Complaint.objects.filter(store=store), pk), form=form, **page
    )


# The regional admin.


def _region_or_404(request, code: str) -> Region:
    region = Region.objects.filter(code=code, level__lte=Region.Level.KECAMATAN).first()
    if region is None or not can_administer_region(request.user, region):
        raise Http404
    return region


def _region_stores(request, region):
    return stores_in_administered_regions(request.user).filter(in_region(region.code, "village__"))


def _region_crumbs(region):
    return [
        (region.name, reverse("kelola:region", args=[region.code])),
        (_("Banding komplain"), reverse("payments:region_complaints", args=[region.code])),
    ]


@dashboard_view("GET")
def region_list(request, code: str):
    region = _region_or_404(request, code)
    found = appealed_complaints(_region_stores(request, region))
    return _list_page(
        request,
        title=_("Banding komplain"),
        crumbs=_region_crumbs(region)[:1],
        complaints=found,
        url_of=lambda c: reverse("payments:region_complaint", args=[region.code, c.pk]),
        counts=status_counts(found),
    )


@dashboard_view("GET", "POST")
def region_detail(request, code: str, pk: int):
    region = _region_or_404(request, code)
    mine = appealed_complaints(_region_stores(request, region))
    complaint = complaint_in(Complaint.objects.filter(pk__in=mine.values("pk")), pk)
    if complaint is None:
        raise Http404
    url = reverse("payments:region_complaint", args=[region.code, complaint.pk])
    page = {
        "audience": "region",
        "role": PaymentRole.REGION,
        "action_url": url,
        "crumbs": _region_crumbs(region),
    }
    if request.method != "POST":
        return _manage_page(request, complaint, **page)
    form, done = _decide(request, complaint, PaymentRole.REGION)
    if done:
        messages.success(
            request,
            _("Pesan terkirim.")
            if request.POST.get("answer") == "message"
            else _("Keputusan banding tersimpan; dana sudah dibagi."),
        )
        return redirect(url)
    return _manage_page(
        request, complaint_in(Complaint.objects.filter(pk=complaint.pk), pk), form=form, **page
    )


urlpatterns = [
    path("pesanan/<str:token>/komplain/", complaint_new, name="complaint_new"),
    path("pesanan/<str:token>/komplain/lihat/", complaint_detail, name="complaint"),
    path("pesanan/<str:token>/komplain/jawab/", complaint_answer, name="complaint_answer"),
    path("kelola/penjual/<int:seller_pk>/komplain/", seller_list, name="seller_complaints"),
    path(
        "kelola/penjual/<int:seller_pk>/komplain/<int:pk>/",
        seller_detail,
        name="seller_complaint",
    ),
    path("kelola/toko/<slug:slug>/komplain/", store_list, name="store_complaints"),
    path("kelola/toko/<slug:slug>/komplain/<int:pk>/", store_detail, name="store_complaint"),
    path("kelola/wilayah/<str:code>/komplain/", region_list, name="region_complaints"),
    path("kelola/wilayah/<str:code>/komplain/<int:pk>/", region_detail, name="region_complaint"),
]
