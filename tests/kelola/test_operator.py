"""The village operator's dashboard (/kelola/toko/<slug>/…), given/when/then.

Covers each action's happy path, forms that keep input and speak Indonesian,
the seller state machine seen from the operator, and isolation: an operator
of one store gets 404 on every URL of another store and changes nothing.
"""

import gzip
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pasardesa.accounts.models import AccountEvent
from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.selectors import hidden_categories
from pasardesa.regions.models import RegionAdmin
from pasardesa.sellers.models import Seller, SellerMember, SellerStatusEvent
from pasardesa.stores.models import Store, StoreInvitation, StoreMember
from pasardesa.stores.services import invite_store_member
from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
    photo_upload,
    whatsapp_text,
)
from tests.factories import (
    ProductFactory,
    SellerFactory,
    StoreFactory,
    featured,
    make_user,
    store_member,
    village,
)

pytestmark = pytest.mark.django_db

BYTE_BUDGET = 14_000


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def operator(store):
    user = make_user("0812-1111-0001", "Pak Yoram")
    StoreMember.objects.create(store=store, user=user, role=StoreMember.Role.OPERATOR)
    return user


@pytest.fixture
def op_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def pending(store):
    seller = SellerFactory(
        store=store,
        business_name="Tenun Ibu Sara",
        slug="tenun-ibu-sara",
        owner_name="Sara Maro",
        whatsapp="+6281211112222",
        description="Kain tenun ikat Alor.",
        latitude=Decimal("-8.216000"),
        longitude=Decimal("124.533000"),
        status=Seller.Status.PENDING,
    )
    owner = make_user("0812-1111-2222", "Sara Maro")
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    return seller


@pytest.fixture
def verified(store):
    return SellerFactory(store=store, business_name="Kopi Ibu Maria", slug="kopi-ibu-maria")


@pytest.fixture
def other():
    """Another village's store with its own operator, seller, product and courier."""
    store = StoreFactory(name="Toko Desa Lain", slug="desa-lain")
    seller = SellerFactory(store=store, status=Seller.Status.PENDING)
    owner = make_user("0812-9999-0001", "Orang Desa Lain")
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    courier = make_user("0812-9999-0002", "Kurir Desa Lain")
    member = StoreMember.objects.create(store=store, user=courier, role=StoreMember.Role.COURIER)
    product = ProductFactory(seller=SellerFactory(store=store), name="Madu Hutan")
    return {
        "store": store,
        "seller": seller,
        "owner": owner,
        "member": member,
        "product": product,
    }


# The console's page names, as the tests call them, in the kelola namespace.
_NAMES = {"manage": "store", "profile": "store_profile"}


def url(name: str, store: Store, *args) -> str:
    return reverse(f"kelola:{_NAMES.get(name, name)}", args=[store.slug, *args])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def errors_text(response) -> str:
    html = response.content.decode()
    return " ".join(re.findall(r'<div class="err"[^>]*>(.*?)</div>', html, flags=re.S))


# --- Who may enter -----------------------------------------------------------


ALL_PAGES = [
    ("get", "manage", ()),
    ("get", "profile", ()),
    ("get", "sellers", ()),
    ("get", "products", ()),
    ("get", "team", ()),
]


@pytest.mark.parametrize(("method", "name", "args"), ALL_PAGES, ids=lambda v: str(v))
def test_anonymous_is_sent_to_login(client, store, method, name, args):
    response = getattr(client, method)(url(name, store, *args))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/akun/masuk/"


def test_anonymous_post_changes_nothing(client, store, pending):
    response = client.post(
        url("seller_action", store, pending.pk, "verifikasi"),
        {"verifikasi-id_card_seen": "on", "verifikasi-location_checked": "on"},
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/akun/masuk/"
    pending.refresh_from_db()
    assert pending.status == Seller.Status.PENDING


def test_courier_or_seller_of_the_store_is_not_an_operator(client, store, pending):
    # Given a courier of the store and the owner of one of its sellers
    courier = make_user("0812-1111-0009", "Kurir Desa")
    StoreMember.objects.create(store=store, user=courier, role=StoreMember.Role.COURIER)
    owner = pending.members.get().user
    for user in (courier, owner):
        client.force_login(user)
        # Then the operator's dashboard does not exist for them
        assert client.get(url("manage", store)).status_code == 404


def test_platform_superuser_may_run_any_store(client, store, pending):
    admin = make_user("0812-1111-0099", "Admin Platform", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(url("manage", store)).status_code == 200
    assert client.get(url("seller", store, pending.pk)).status_code == 200


# --- Overview ------------------------------------------------------------------


def test_overview_tiles_and_verification_queue(op_client, store, pending, verified):
    # Given one pending, one verified, one rejected and one suspended seller,
    # two public products and one taken down
    SellerFactory(store=store, status=Seller.Status.REJECTED)
    SellerFactory(store=store, status=Seller.Status.SUSPENDED)
    ProductFactory(seller=verified)
    ProductFactory(seller=verified)
    ProductFactory(seller=verified, status=Product.Status.BLOCKED)
    ProductFactory(seller=pending)  # not public: the seller is not verified yet
    # When the operator opens the dashboard
    response = op_client.get(url("manage", store))
    # Then the tiles count them and the queue lists the pending seller
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts == {
        "pending": 1,
        "verified": 1,
        "rejected": 1,
        "suspended": 1,
        "new_sellers": 4,
        "public_products": 2,
        "blocked_products": 1,
        "new_products": 4,
    }
    html = page(response)
    assert "Antrean verifikasi" in html.text
    assert url("seller", store, pending.pk) in html.hrefs()
    assert url("seller", store, verified.pk) not in html.hrefs()
    for name in ("profile", "sellers", "products", "team"):
        assert url(name, store) in html.hrefs()
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


# --- Store profile ----------------------------------------------------------------


def test_operator_edits_the_store_profile(op_client, store, verified):
    # Given a public product of the store and the starter categories
    coffee = ProductFactory(seller=verified, name="Kopi Bubuk Alor")
    crafts = Category.objects.exclude(slug="makanan-minuman").first()
    shown = Category.objects.exclude(pk=crafts.pk).values_list("pk", flat=True)
    # When the operator saves new words, a number as people write it, a logo,
    # the featured product and hides one category
    response = op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong Baru",
            "tagline": "Kopi dan tenun dari Alor",
            "description": "Desa nelayan dan petani kopi.",
            "whatsapp": "0812-3456-7000",
            "address": "Kantor Desa",
            "logo": photo_upload("logo.jpg", size=(400, 300)),
            "featured_product": coffee.pk,
            "shown_categories": list(shown),
        },
    )
    # Then the profile is stored, the number normalised, the logo re-encoded
    assert response.status_code == 302
    store.refresh_from_db()
    assert store.name == "Toko Desa Dulolong Baru"
    assert store.tagline == "Kopi dan tenun dari Alor"
    assert store.whatsapp == "+6281234567000"
    assert featured(store) == coffee
    assert list(hidden_categories(store)) == [crafts]
    assert store.logo.name.endswith(".webp")
    assert store.logo.size <= 40_000
    follow = op_client.get(response["Location"])
    assert "Profil toko sudah disimpan." in messages_of(follow)
    assert 'value="Toko Desa Dulolong Baru"' in follow.content.decode()


def test_profile_form_keeps_input_and_says_what_is_wrong(op_client, store):
    # When the operator types a broken WhatsApp number and empties the name
    response = op_client.post(
        url("profile", store),
        {
            "name": "",
            "tagline": "Slogan baru yang diketik",
            "whatsapp": "12345",
            "shown_categories": list(Category.objects.values_list("pk", flat=True)),
        },
    )
    # Then nothing is saved, the page says why in Indonesian, and keeps the input
    assert response.status_code == 200
    errors = errors_text(response)
    assert "Nomor WhatsApp tidak valid" in errors
    assert "tidak boleh kosong" in errors
    assert 'value="Slogan baru yang diketik"' in response.content.decode()
    assert 'value="12345"' in response.content.decode()
    store.refresh_from_db()
    assert store.name == "Toko Desa Dulolong"


def test_profile_refuses_a_broken_logo_and_all_categories_hidden(op_client, store):
    response = op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong",
            "logo": SimpleUploadedFile(
                "logo.jpg", b"not a photo at all", content_type="image/jpeg"
            ),
        },
    )
    errors = errors_text(response)
    assert "Pilih minimal satu kategori yang tampil." in errors
    response = op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong",
            "logo": SimpleUploadedFile(
                "logo.jpg", b"not a photo at all", content_type="image/jpeg"
            ),
            "shown_categories": list(Category.objects.values_list("pk", flat=True)),
        },
    )
    assert "bukan foto" in errors_text(response)
    store.refresh_from_db()
    assert not store.logo


@pytest.mark.parametrize("forged", ["99999999999999999999", "9" * 5000, "-99999999999999999999"])
def test_a_forged_category_id_is_an_invalid_choice_not_an_error(op_client, store, forged):
    # When the profile is posted with a category id no database row can have
    response = op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong",
            "whatsapp": "0812-3456-7890",
            "shown_categories": [*Category.objects.values_list("pk", flat=True)[:1], forged],
        },
    )
    # Then the form says the choice is not valid, in Indonesian, and keeps the store
    assert response.status_code == 200
    assert "Ada pilihan yang tidak tersedia" in errors_text(response)
    assert "9999" not in errors_text(response)
    store.refresh_from_db()
    assert store.name == "Toko Desa Dulolong"


def test_featured_product_must_be_on_sale_in_this_store(op_client, store, other):
    # When the operator posts another village's product as produk unggulan
    response = op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong",
            "featured_product": other["product"].pk,
            "shown_categories": list(Category.objects.values_list("pk", flat=True)),
        },
    )
    # Then it is refused: it is not one of the choices
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in errors_text(response)
    assert featured(store) is None
    # And the choices list only this store's public products
    assert "Madu Hutan" not in op_client.get(url("profile", store)).content.decode()


def test_operator_has_nothing_that_closes_the_store(op_client, store):
    op_client.post(
        url("profile", store),
        {
            "name": "Toko Desa Dulolong",
            "is_active": "",
            "shown_categories": list(Category.objects.values_list("pk", flat=True)),
        },
    )
    store.refresh_from_db()
    assert store.is_active


# --- Seller verification ---------------------------------------------------------


def test_seller_review_page_shows_the_details(op_client, store, pending):
    response = op_client.get(url("seller", store, pending.pk))
    assert response.status_code == 200
    html = page(response)
    assert "Tenun Ibu Sara" in html.text
    assert "Sara Maro" in html.text
    assert "0812-1111-2222" in html.text
    assert "Kain tenun ikat Alor." in html.text
    [wa] = html.wa_links()
    assert wa.startswith("https://wa.me/6281211112222?text=")
    assert "Toko Desa Dulolong" in whatsapp_text(wa)
    assert any(h.startswith("https://www.openstreetmap.org/?mlat=-8.216000") for h in html.hrefs())
    # The pending seller can be verified or rejected, nothing else
    actions = [a["action"] for a in html.find_all("form") if "/penjual/" in a.get("action", "")]
    assert actions == [
        url("seller_action", store, pending.pk, "verifikasi"),
        url("seller_action", store, pending.pk, "tolak"),
    ]
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


def test_verify_without_checklist_is_refused(op_client, store, pending):
    # When the operator taps "verifikasi" having only met the seller
    response = op_client.post(
        url("seller_action", store, pending.pk, "verifikasi"),
        {"verifikasi-met_in_person": "on", "verifikasi-reason": "Sudah ketemu di pasar"},
    )
    # Then the seller stays pending, no event is written, and the page says why,
    # keeping what was ticked and typed
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == Seller.Status.PENDING
    assert not SellerStatusEvent.objects.exists()
    assert any("KTP/NIK" in m for m in messages_of(response))
    html = page(response)
    assert html.find_all("input", name="verifikasi-met_in_person", checked="")
    assert not html.find_all("input", name="verifikasi-id_card_seen", checked="")
    assert "Sudah ketemu di pasar" in response.content.decode()


def test_verify_with_checklist_records_the_event(op_client, operator, store, pending):
    # When the operator verifies with KTP seen and location checked
    response = op_client.post(
        url("seller_action", store, pending.pk, "verifikasi"),
        {
            "verifikasi-met_in_person": "on",
            "verifikasi-id_card_seen": "on",
            "verifikasi-location_checked": "on",
        },
        follow=True,
    )
    # Then the seller is verified and the step is recorded and shown
    pending.refresh_from_db()
    assert pending.status == Seller.Status.VERIFIED
    event = SellerStatusEvent.objects.get(seller=pending)
    assert (event.from_status, event.to_status, event.actor) == ("pending", "verified", operator)
    assert event.met_in_person and event.id_card_seen and event.location_checked
    text = page(response).text
    assert 'Tenun Ibu Sara sekarang berstatus "Terverifikasi".' in text
    assert "Menunggu verifikasi → Terverifikasi" in text
    assert "Pak Yoram" in text


def test_reject_without_reason_is_refused(op_client, store, pending):
    response = op_client.post(
        url("seller_action", store, pending.pk, "tolak"), {"tolak-reason": "   "}
    )
    assert response.status_code == 200
    assert "Tulis alasannya; penjual akan membacanya." in errors_text(response)
    pending.refresh_from_db()
    assert pending.status == Seller.Status.PENDING
    assert not SellerStatusEvent.objects.exists()


def test_reject_with_reason(op_client, store, pending):
    response = op_client.post(
        url("seller_action", store, pending.pk, "tolak"),
        {"tolak-reason": "Foto usaha bukan milik sendiri."},
        follow=True,
    )
    pending.refresh_from_db()
    assert pending.status == Seller.Status.REJECTED
    text = page(response).text
    assert "Menunggu verifikasi → Ditolak" in text
    assert "Foto usaha bukan milik sendiri." in text


def test_suspend_and_reinstate(op_client, store, verified):
    # Given a verified seller; when the operator suspends without, then with a reason
    response = op_client.post(url("seller_action", store, verified.pk, "bekukan"), {})
    assert "Tulis alasannya" in errors_text(response)
    op_client.post(
        url("seller_action", store, verified.pk, "bekukan"),
        {"bekukan-reason": "Ada laporan barang tidak dikirim."},
    )
    verified.refresh_from_db()
    assert verified.status == Seller.Status.SUSPENDED
    # And reinstates later
    response = op_client.post(
        url("seller_action", store, verified.pk, "pulihkan"),
        {"pulihkan-reason": "Sudah diselesaikan dengan pembeli."},
        follow=True,
    )
    verified.refresh_from_db()
    assert verified.status == Seller.Status.VERIFIED
    # Then both steps are in the history, newest first
    assert [(e.from_status, e.to_status) for e in verified.status_events.all()][:2] == [
        ("suspended", "verified"),
        ("verified", "suspended"),
    ]
    text = page(response).text
    assert "Dibekukan → Terverifikasi" in text
    assert "Terverifikasi → Dibekukan" in text
    assert "Ada laporan barang tidak dikirim." in text


def test_a_stale_or_illegal_step_is_a_message_not_an_error(op_client, store, verified):
    # A verified seller cannot be "verified" (double tap) or "rejected" again
    events_before = SellerStatusEvent.objects.count()
    for action, data in [
        ("verifikasi", {"verifikasi-id_card_seen": "on", "verifikasi-location_checked": "on"}),
        ("tolak", {"tolak-reason": "Terlambat"}),
        ("pulihkan", {}),
    ]:
        response = op_client.post(
            url("seller_action", store, verified.pk, action), data, follow=True
        )
        assert response.status_code == 200
        assert any("tidak bisa" in m for m in messages_of(response))
    verified.refresh_from_db()
    assert verified.status == Seller.Status.VERIFIED
    assert SellerStatusEvent.objects.count() == events_before


def test_a_race_lost_to_another_operator_is_a_message(op_client, store, pending, monkeypatch):
    # Given another operator rejects the seller while this page is being answered
    from pasardesa.kelola.views import operator as dashboard

    load = dashboard._seller

    def load_then_reject_elsewhere(store, pk):
        seller = load(store, pk)
        Seller.objects.filter(pk=pk).update(status=Seller.Status.REJECTED)
        return seller

    monkeypatch.setattr(dashboard, "_seller", load_then_reject_elsewhere)
    # When this operator verifies
    response = op_client.post(
        url("seller_action", store, pending.pk, "verifikasi"),
        {"verifikasi-id_card_seen": "on", "verifikasi-location_checked": "on"},
        follow=True,
    )
    # Then the state machine refuses, shown as a message, and nothing is recorded
    assert response.status_code == 200
    assert any("tidak bisa diubah" in m for m in messages_of(response))
    pending.refresh_from_db()
    assert pending.status == Seller.Status.REJECTED
    assert not SellerStatusEvent.objects.exists()


def test_unknown_action_is_404(op_client, store, pending):
    assert op_client.post(url("seller_action", store, pending.pk, "hapus")).status_code == 404
    assert op_client.get(url("seller_action", store, pending.pk, "verifikasi")).status_code == 405


def test_sellers_list_filters_by_status(op_client, store, pending, verified):
    response = op_client.get(url("sellers", store), {"status": "pending"})
    hrefs = page(response).hrefs()
    assert url("seller", store, pending.pk) in hrefs
    assert url("seller", store, verified.pk) not in hrefs
    response = op_client.get(url("sellers", store))
    assert url("seller", store, verified.pk) in page(response).hrefs()


# --- Product moderation ------------------------------------------------------------


def test_products_are_listed_paginated_and_searchable(op_client, store, verified, other):
    for i in range(23):
        ProductFactory(seller=verified, name=f"Kopi Alor {i:02d}")
    ProductFactory(seller=verified, name="Tenun Ikat Merah")
    response = op_client.get(url("products", store))
    assert len(response.context["page_obj"].object_list) == 20
    assert response.context["page_obj"].paginator.count == 24
    assert "Madu Hutan" not in response.content.decode()
    response = op_client.get(url("products", store), {"q": "tenun"})
    assert [p.name for p in response.context["page_obj"]] == ["Tenun Ikat Merah"]
    assert 'value="tenun"' in response.content.decode()
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


def test_list_pages_cost_the_same_queries_whatever_their_length(op_client, store, verified):
    def queries(name):
        with CaptureQueriesContext(connection) as ctx:
            assert op_client.get(url(name, store)).status_code == 200
        return len(ctx)

    ProductFactory(seller=verified)
    SellerFactory(store=store, status=Seller.Status.PENDING)
    few = {name: queries(name) for name in ("manage", "sellers", "products", "team")}
    for i in range(10):
        ProductFactory(seller=SellerFactory(store=store, status=Seller.Status.PENDING))
        StoreMember.objects.create(
            store=store, user=make_user(f"0813-6666-{i:04d}", f"Kurir {i}"), role="courier"
        )
    many = {name: queries(name) for name in few}
    assert many == few


def test_take_down_and_restore_a_product(op_client, operator, store, verified):
    coffee = ProductFactory(seller=verified, name="Kopi Palsu")
    # Without a reason: refused, in Indonesian
    response = op_client.post(url("take_down", store, coffee.pk), {"reason": ""})
    assert response.status_code == 200
    assert "Tulis alasannya" in errors_text(response)
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.ACTIVE
    # With a reason: taken down, the reason kept for the seller
    response = op_client.post(
        url("take_down", store, coffee.pk), {"reason": "Merek orang lain."}, follow=True
    )
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.BLOCKED
    assert coffee.moderation_note == "Merek orang lain."
    assert coffee.moderated_by == operator
    assert "Merek orang lain." in page(response).text
    # Restored: shown again
    op_client.post(url("restore", store, coffee.pk))
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.ACTIVE


def test_restore_does_not_show_what_the_seller_hid(op_client, store, verified):
    hidden = ProductFactory(seller=verified, status=Product.Status.HIDDEN)
    response = op_client.post(url("restore", store, hidden.pk), follow=True)
    assert "Produk ini tidak sedang diturunkan." in messages_of(response)
    hidden.refresh_from_db()
    assert hidden.status == Product.Status.HIDDEN


# --- Team and reset links --------------------------------------------------------------


def test_invite_a_courier_and_an_operator(op_client, operator, store):
    budi = make_user("0813-5555-0001", "Budi Ojek")
    response = op_client.post(
        url("team", store), {"phone": "+62 813-5555-0001", "role": "courier"}, follow=True
    )
    # Then an invitation, not a role: Budi is not in the team until he accepts
    invitation = StoreInvitation.objects.get(store=store, phone=budi.phone)
    assert (invitation.role, invitation.status, invitation.invited_by) == (
        "courier",
        "pending",
        operator,
    )
    assert not StoreMember.objects.filter(user=budi).exists()
    assert any("Undangan menjadi kurir" in m for m in messages_of(response))
    # And the team page offers one tap to tell him, pointing only to /kelola/
    [wa] = page(response).wa_links()
    assert wa.startswith("https://wa.me/6281355550001?text=")
    assert "http://testserver/kelola/" in whatsapp_text(wa)
    assert "atur-ulang" not in whatsapp_text(wa)
    # A double tap sends one invitation; the other role is its own invitation
    op_client.post(url("team", store), {"phone": "081355550001", "role": "courier"})
    assert StoreInvitation.objects.filter(store=store, phone=budi.phone).count() == 1
    op_client.post(url("team", store), {"phone": "081355550001", "role": "operator"})
    assert set(StoreInvitation.objects.filter(phone=budi.phone).values_list("role", flat=True)) == {
        "courier",
        "operator",
    }


def test_a_number_without_an_account_can_be_invited(op_client, store):
    response = op_client.post(
        url("team", store), {"phone": "0813-5555-0002", "role": "courier"}, follow=True
    )
    assert StoreInvitation.objects.filter(store=store, phone="+6281355550002").exists()
    assert "0813-5555-0002" in page(response).text
    response = op_client.post(url("team", store), {"phone": "abc", "role": "courier"})
    assert "Nomor WhatsApp tidak valid" in errors_text(response)
    assert 'value="abc"' in response.content.decode()


def test_a_member_is_not_invited_again(op_client, operator, store):
    response = op_client.post(url("team", store), {"phone": operator.phone, "role": "operator"})
    assert "sudah menjadi pengelola" in errors_text(response)
    assert not StoreInvitation.objects.filter(phone=operator.phone).exists()


def test_revoke_an_invitation(op_client, store):
    budi = make_user("0813-5555-0011", "Budi Ojek")
    op_client.post(url("team", store), {"phone": budi.phone, "role": "courier"})
    invitation = StoreInvitation.objects.get(phone=budi.phone)
    op_client.post(url("invitation_revoke", store, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    # The invitee can no longer accept it
    op_client.force_login(budi)
    response = op_client.post(reverse("kelola:invitation", args=[invitation.pk, "terima"]))
    assert response.status_code == 404
    assert not StoreMember.objects.filter(user=budi).exists()


def test_someone_else_cannot_answer_an_invitation(client, op_client, store):
    budi = make_user("0813-5555-0012", "Budi Ojek")
    op_client.post(url("team", store), {"phone": budi.phone, "role": "operator"})
    invitation = StoreInvitation.objects.get(phone=budi.phone)
    intruder = make_user("0813-5555-0013", "Orang Lain")
    client.force_login(intruder)
    for answer in ("terima", "tolak"):
        response = client.post(reverse("kelola:invitation", args=[invitation.pk, answer]))
        assert response.status_code == 404
    assert client.get(reverse("kelola:store", args=[store.slug])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_remove_a_member_but_never_the_last_operator(op_client, operator, store):
    person = make_user("0813-5555-0003", "Kurir")
    courier = store_member(store, person, "courier", invited_by=operator)
    op_client.post(url("member_remove", store, courier.pk))
    assert not StoreMember.objects.filter(pk=courier.pk).exists()
    # The removal is in their history, and they may be invited again
    assert AccountEvent.objects.filter(phone=person.phone, kind="removed", actor=operator).exists()
    op_client.post(url("team", store), {"phone": person.phone, "role": "courier"})
    assert StoreInvitation.objects.filter(phone=person.phone, status="pending").exists()
    me = StoreMember.objects.get(user=operator)
    response = op_client.post(url("member_remove", store, me.pk), follow=True)
    assert any("minimal satu pengelola" in m for m in messages_of(response))
    assert StoreMember.objects.filter(pk=me.pk).exists()


def test_team_page_lists_people(op_client, store):
    StoreMember.objects.create(
        store=store, user=make_user("0813-5555-0004", "Budi Ojek"), role="courier"
    )
    response = op_client.get(url("team", store))
    text = page(response).text
    assert "Pak Yoram" in text
    assert "Budi Ojek" in text
    assert text.index("Pengelola") < text.index("Kurir")
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


def test_reset_link_for_a_seller_of_the_store(client, op_client, store, pending):
    owner = pending.members.get().user
    # When the operator asks for a reset link for the seller's owner
    response = op_client.post(url("reset_link", store, owner.pk), {"seller": pending.pk})
    # Then the page shows the link and a WhatsApp link to the owner's number
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    html = page(response)
    [link] = [a["value"] for a in html.find_all("input", id="reset-url")]
    assert link.startswith("http://testserver/akun/atur-ulang/")
    [wa] = html.wa_links()
    assert wa.startswith("https://wa.me/6281211112222?text=")
    assert link in whatsapp_text(wa)
    # And the link lets the owner set a new password
    client.logout()
    assert client.get(urlsplit(link).path).status_code == 200


def test_reset_link_for_a_member_of_the_store(op_client, operator, store):
    courier = make_user("0813-5555-0005", "Budi Ojek")
    store_member(store, courier, "courier", invited_by=operator)
    assert f'action="{url("reset_link", store, courier.pk)}"' in (
        op_client.get(url("team", store)).content.decode()
    )
    response = op_client.post(url("reset_link", store, courier.pk))
    assert response.status_code == 200
    assert page(response).wa_links()[0].startswith("https://wa.me/6281355550005?text=")


def test_no_reset_link_for_people_with_roles_beyond_the_store(op_client, store, other):
    # Given people who also run another store, a region, or the platform,
    # each added to this store as a courier
    elsewhere = other["owner"]
    region_admin = make_user("0813-5555-0006", "Admin Kabupaten")
    RegionAdmin.objects.create(region=store.village.parent.parent, user=region_admin)
    staff = make_user("0813-5555-0007", "Staf Platform", is_staff=True)
    for person in (elsewhere, other["member"].user, region_admin, staff):
        StoreMember.objects.create(store=store, user=person, role="courier")
        # Then no reset link can be made for them here
        assert op_client.post(url("reset_link", store, person.pk)).status_code == 404


def test_no_reset_link_for_strangers(op_client, store):
    stranger = make_user("0813-5555-0008", "Orang Lain")
    assert op_client.post(url("reset_link", store, stranger.pk)).status_code == 404
    assert op_client.get(url("reset_link", store, stranger.pk)).status_code == 405


# --- Another store's objects are never found ---------------------------------------


def test_operator_of_one_store_gets_404_everywhere_in_another(op_client, store, other):
    theirs = other["store"]
    seller, product, member, owner = (
        other["seller"],
        other["product"],
        other["member"],
        other["owner"],
    )
    invitation = invite_store_member(
        store=theirs, phone="0813-9999-0003", role="courier", invited_by=None
    )
    events_before = SellerStatusEvent.objects.count()
    attempts = [
        ("get", url("manage", theirs), {}),
        ("get", url("profile", theirs), {}),
        ("post", url("profile", theirs), {"name": "Diretas"}),
        ("get", url("sellers", theirs), {}),
        ("get", url("seller", theirs, seller.pk), {}),
        (
            "post",
            url("seller_action", theirs, seller.pk, "verifikasi"),
            {"verifikasi-id_card_seen": "on", "verifikasi-location_checked": "on"},
        ),
        ("post", url("seller_action", theirs, seller.pk, "tolak"), {"tolak-reason": "x"}),
        ("get", url("products", theirs), {}),
        ("get", url("take_down", theirs, product.pk), {}),
        ("post", url("take_down", theirs, product.pk), {"reason": "Diretas"}),
        ("post", url("restore", theirs, product.pk), {}),
        ("get", url("team", theirs), {}),
        ("post", url("team", theirs), {"phone": "0812-1111-0001", "role": "operator"}),
        ("post", url("member_remove", theirs, member.pk), {}),
        ("post", url("invitation_revoke", theirs, invitation.pk), {}),
        ("post", url("reset_link", theirs, owner.pk), {}),
        # Their objects through our own store's URLs are not found either
        ("get", url("seller", store, seller.pk), {}),
        (
            "post",
            url("seller_action", store, seller.pk, "verifikasi"),
            {"verifikasi-id_card_seen": "on", "verifikasi-location_checked": "on"},
        ),
        ("get", url("take_down", store, product.pk), {}),
        ("post", url("take_down", store, product.pk), {"reason": "Diretas"}),
        ("post", url("restore", store, product.pk), {}),
        ("post", url("member_remove", store, member.pk), {}),
        ("post", url("invitation_revoke", store, invitation.pk), {}),
        ("post", url("reset_link", store, owner.pk), {}),
    ]
    for method, target, data in attempts:
        response = getattr(op_client, method)(target, data)
        assert response.status_code == 404, (method, target)
        assert "Madu Hutan" not in response.content.decode()
    # And nothing changed
    theirs.refresh_from_db()
    seller.refresh_from_db()
    product.refresh_from_db()
    assert theirs.name == "Toko Desa Lain"
    assert seller.status == Seller.Status.PENDING
    assert product.status == Product.Status.ACTIVE
    assert StoreMember.objects.filter(pk=member.pk).exists()
    assert not StoreMember.objects.filter(store=theirs, role="operator").exists()
    assert not StoreInvitation.objects.filter(store=theirs, role="operator").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert SellerStatusEvent.objects.count() == events_before
    assert not AccountEvent.objects.filter(kind="reset_link").exists()


def test_the_seller_queue_offers_a_whatsapp_message_to_each_waiting_seller(
    op_client, store, pending, verified
):
    # When the operator opens the queue and the sellers list
    for target in (url("manage", store), url("sellers", store)):
        html = page(op_client.get(target))
        # Then the waiting seller (only) has a one-tap message to their own number
        [wa] = html.wa_links()
        assert wa.startswith("https://wa.me/6281211112222?text=")
        text = whatsapp_text(wa)
        assert "Sara Maro" in text
        assert "Tenun Ibu Sara" in text
        # with only the seller's own dashboard link in it
        links = re.findall(r"https?://\S+", text)
        assert links == [f"http://testserver/kelola/penjual/{pending.pk}/"]
