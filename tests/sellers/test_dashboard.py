"""The seller's own dashboard (/kelola/penjual/…), given/when/then.

Registering in a village store, the seller's home (status and its reasons,
open/closed switch, product list), profile, opening hours and staff; every
form keeps its input and speaks Indonesian; another seller's profile is a 404
and stays unchanged.
"""

import datetime
import gzip
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pasardesa.accounts.models import User
from pasardesa.catalog.models import Product
from pasardesa.sellers.models import OpeningHours, Seller, SellerMember, SellerStatusEvent
from pasardesa.sellers.services import change_seller_status, set_opening_hours
from pasardesa.sellers.state import VerificationRole
from pasardesa.stores.models import Store
from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
    photo_upload,
    with_photo,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, make_user, village

pytestmark = pytest.mark.django_db

BYTE_BUDGET = 14_000
KEY = "6f1d9a52-3c1b-4f4e-9a53-2f0d6b1c7e11"


def add_member(seller: Seller, user: User, role=SellerMember.Role.OWNER) -> SellerMember:
    return SellerMember.objects.create(seller=seller, user=user, role=role)


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def maria_user():
    return make_user("0812-3456-7801", "Maria Lelang")


@pytest.fixture
def maria(store, maria_user):
    seller = SellerFactory(
        store=store,
        business_name="Kopi Ibu Maria",
        slug="kopi-ibu-maria",
        owner_name="Maria Lelang",
        whatsapp="+6281234567891",
    )
    add_member(seller, maria_user)
    return seller


@pytest.fixture
def maria_client(client, maria_user):
    client.force_login(maria_user)
    return client


@pytest.fixture
def other_seller():
    """Seller B of another village, with its own owner."""
    seller = SellerFactory(business_name="Tenun Ibu Sara", slug="tenun-ibu-sara")
    add_member(seller, make_user("0812-3456-7809", "Sara Maro"))
    return seller


def register_data(store: Store, /, **changes) -> dict:
    data = {
        "store": store.slug,
        "business_name": "Keripik Pisang Pak Yakob",
        "owner_name": "Yakob Mau",
        "whatsapp": "0813-3333-4444",
        "business_type": "umkm",
        "description": "Keripik pisang kepok, digoreng tiap pagi.",
        "latitude": "-8,216512",
        "longitude": "124.5330129876",
        "idempotency_key": KEY,
    }
    data.update(changes)
    return data


def field_value(html, name: str) -> str | None:
    for attrs in html.find_all("input"):
        if attrs.get("name") == name:
            return attrs.get("value")
    for attrs in html.find_all("textarea"):
        if attrs.get("name") == name:
            return None
    return None


def gzip_size(response) -> int:
    return len(gzip.compress(response.content))


# --- Registering as a seller -------------------------------------------------------


def test_register_page_preselects_the_store_and_offers_location(store, maria_client):
    # Given two active village stores and one inactive
    StoreFactory(name="Toko Desa Lain")
    StoreFactory(name="Toko Desa Tutup", is_active=False)
    # When a logged-in person opens the register page from the Dulolong store
    response = maria_client.get("/kelola/penjual/daftar/?toko=dulolong")
    html = page(response)
    # Then Dulolong is preselected, only active stores are offered
    assert response.status_code == 200
    assert html.find_all("option", value="dulolong", selected="")
    assert "Toko Desa Lain" in html.text
    assert "Toko Desa Tutup" not in html.text
    # and the photo input opens the camera, the coordinates can be typed and a
    # hidden "use my location" button is revealed by a small script only
    photo = html.find_all("input", type="file", name="photo")[0]
    assert photo["accept"] == "image/*" and photo["capture"] == "environment"
    assert html.find_all("input", name="latitude") and html.find_all("input", name="longitude")
    button = html.find_all("button", id="geo")[0]
    assert "hidden" in button
    assert "navigator.geolocation" in response.content.decode()
    assert "Gunakan lokasi saya" in response.content.decode()
    assert gzip_size(response) <= BYTE_BUDGET


def test_register_with_many_stores_searches_the_village_first(store, maria_client, monkeypatch):
    # Given more stores than the drop-down lists
    monkeypatch.setattr("pasardesa.sellers.dashboard.STORE_LIST_LIMIT", 2)
    for name in ["Toko Desa Alor Besar", "Toko Desa Alor Kecil", "Toko Desa Kokar"]:
        StoreFactory(name=name)
    # When the page is opened, a search box is offered
    html = page(maria_client.get("/kelola/penjual/daftar/"))
    assert html.find_all("input", name="cari")
    # and searching narrows the list to the matching villages
    html = page(maria_client.get("/kelola/penjual/daftar/?cari=kokar"))
    stores = set(Store.objects.values_list("slug", flat=True))
    offered = [a["value"] for a in html.find_all("option") if a.get("value") in stores]
    assert [Store.objects.get(slug=slug).name for slug in offered] == ["Toko Desa Kokar"]
    # while a store preselected by link stays offered
    html = page(maria_client.get("/kelola/penjual/daftar/?toko=dulolong"))
    assert html.find_all("option", value="dulolong", selected="")


def test_register_needs_an_account(client, store):
    response = client.get("/kelola/penjual/daftar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_register_creates_a_pending_seller_owned_by_the_user(store, maria_client, maria_user):
    # When the person fills in the form with a photo and GPS coordinates
    response = maria_client.post(
        "/kelola/penjual/daftar/",
        register_data(store, business_type="pasar", photo=photo_upload("warung.jpg")),
    )
    # Then a pending profile exists, owned by them, in the chosen store
    seller = Seller.objects.get(business_name="Keripik Pisang Pak Yakob")
    assert response.status_code == 302
    assert response["Location"] == f"/kelola/penjual/{seller.pk}/"
    assert seller.status == Seller.Status.PENDING
    assert seller.store == store
    assert seller.whatsapp == "+6281333334444"
    assert seller.business_type == "pasar"
    assert seller.latitude == Decimal("-8.216512")
    assert seller.longitude == Decimal("124.533013")  # GPS precision rounded to 6 decimals
    assert seller.photo.name.endswith(".webp") and seller.photo_thumb
    assert SellerMember.objects.filter(
        seller=seller, user=maria_user, role=SellerMember.Role.OWNER
    ).exists()
    # and their home says it is waiting for the operator
    home = page(maria_client.get(response["Location"]))
    assert "Menunggu verifikasi" in home.text
    assert "Pendaftaran terkirim" in home.text


def test_register_twice_with_one_key_creates_one_seller(store, maria_client):
    # When the submit button is tapped twice (same idempotency key)
    first = maria_client.post("/kelola/penjual/daftar/", register_data(store))
    second = maria_client.post("/kelola/penjual/daftar/", register_data(store))
    # Then one profile exists and both answers lead to it
    assert Seller.objects.filter(business_name="Keripik Pisang Pak Yakob").count() == 1
    assert first["Location"] == second["Location"]


def test_register_with_an_invalid_whatsapp_keeps_the_input(store, maria_client):
    # When the WhatsApp number is not a number
    response = maria_client.post(
        "/kelola/penjual/daftar/", register_data(store, whatsapp="0812-abc")
    )
    html = page(response)
    # Then the form comes back with a plain Indonesian error and the input kept
    assert response.status_code == 200
    assert "Nomor WhatsApp tidak valid" in html.text
    assert field_value(html, "business_name") == "Keripik Pisang Pak Yakob"
    assert field_value(html, "whatsapp") == "0812-abc"
    assert "Keripik pisang kepok, digoreng tiap pagi." in html.text
    assert not Seller.objects.filter(business_name="Keripik Pisang Pak Yakob").exists()


def test_register_with_a_file_that_is_not_a_photo_keeps_the_other_input(store, maria_client):
    # When the "photo" is a PDF
    bad = SimpleUploadedFile("ktp.pdf", b"%PDF-1.4 not a photo", content_type="application/pdf")
    response = maria_client.post("/kelola/penjual/daftar/", register_data(store, photo=bad))
    html = page(response)
    # Then the form says so, keeps every other field, and creates nothing
    assert response.status_code == 200
    assert "Berkas ini bukan foto" in html.text
    assert field_value(html, "business_name") == "Keripik Pisang Pak Yakob"
    assert field_value(html, "latitude") == "-8,216512"
    assert html.find_all("option", value="dulolong", selected="")
    assert not Seller.objects.filter(business_name="Keripik Pisang Pak Yakob").exists()
    # and the same key can be used again once the photo is fixed
    again = maria_client.post("/kelola/penjual/daftar/", register_data(store, photo=photo_upload()))
    assert again.status_code == 302
    assert Seller.objects.filter(business_name="Keripik Pisang Pak Yakob").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": "95", "longitude": "124.5"}, "Harus di antara -90 dan 90."),
        ({"latitude": "utara", "longitude": "124.5"}, "Tulis angka derajat"),
        ({"latitude": "-8.2", "longitude": ""}, "Isi lintang dan bujur keduanya"),
        ({"business_name": ""}, "Bidang ini tidak boleh kosong."),
        ({"store": "tidak-ada"}, "Pilih toko desa dari daftar."),
    ],
)
def test_register_refuses_bad_input_in_indonesian(store, maria_client, changes, message):
    response = maria_client.post("/kelola/penjual/daftar/", register_data(store, **changes))
    assert response.status_code == 200
    assert message in page(response).text
    assert not Seller.objects.filter(owner_name="Yakob Mau").exists()


def test_register_refuses_an_inactive_store(maria_client):
    closed = StoreFactory(is_active=False)
    response = maria_client.post("/kelola/penjual/daftar/", register_data(closed))
    assert response.status_code == 200
    assert "Pilih toko desa dari daftar." in page(response).text


# --- The seller's home ---------------------------------------------------------------


def test_home_lists_own_products_with_stock_and_status(maria, maria_client):
    # Given Maria's products: shown, hidden, taken down by the operator, sold out
    shown = ProductFactory(seller=maria, name="Kopi Bubuk", price_idr=25_000, stock=7)
    with_photo(shown)
    ProductFactory(seller=maria, name="Kopi Biji", status=Product.Status.HIDDEN)
    ProductFactory(
        seller=maria,
        name="Arak Alor",
        status=Product.Status.BLOCKED,
        moderation_note="Minuman keras dilarang dijual di toko desa.",
    )
    ProductFactory(seller=maria, name="Gula Aren", stock=0)
    ProductFactory(name="Produk Orang Lain")
    # When she opens her home
    response = maria_client.get(f"/kelola/penjual/{maria.pk}/")
    html = page(response)
    # Then she sees her products with price, stock and status, and no one else's
    assert response.status_code == 200
    assert "Kopi Bubuk" in html.text and "Rp25.000" in html.text and "stok 7" in html.text
    assert "Disembunyikan" in html.text
    assert "Diturunkan pengelola: Minuman keras dilarang dijual di toko desa." in html.text
    assert "Stok habis" in html.text
    assert "Produk Orang Lain" not in html.text
    assert not html.find_all("img")  # a list to work through, not photos to pay for
    # as a compact list: one "Kelola" link each, no buttons beside each product
    # (stock, hide/show and copy are on the product's own page)
    assert f"/kelola/produk/{shown.pk}/" in html.hrefs()
    assert not html.find_all("form", action=f"/kelola/produk/{shown.pk}/stok/")
    assert not html.find_all("button", formaction=f"/kelola/produk/{shown.pk}/tampil/")
    assert len(product_links(html)) == 4
    assert "belum ada foto" in html.text  # Gula Aren and the others have none
    assert html.find_all("script") == []


def product_links(html) -> list[str]:
    return [href for href in html.hrefs() if re.fullmatch(r"/kelola/produk/\d+/", href)]


def test_home_is_paginated_and_light(maria, maria_client):
    # Given 25 products with photos
    first = ProductFactory(seller=maria)
    with_photo(first)
    for _ in range(24):
        ProductFactory(seller=maria)
    # When the first and second page are opened
    one = maria_client.get(f"/kelola/penjual/{maria.pk}/")
    two = maria_client.get(f"/kelola/penjual/{maria.pk}/?halaman=2")
    # Then 20 + 5 products are listed, each page within the byte budget
    assert len(product_links(page(one))) == 20
    assert len(product_links(page(two))) == 5
    assert "Halaman 1 dari 2" in page(one).text
    assert gzip_size(one) <= BYTE_BUDGET
    # and only the open/closed switch is a form: no stock box per product
    assert len(page(one).find_all("form", method="post")) == 1


def test_rejected_seller_sees_why_and_resubmits(store, maria, maria_client):
    # Given the operator rejected Maria's pending profile with a reason
    operator = make_user("0812-3456-7000", "Pak Yoram")
    maria.status = Seller.Status.PENDING
    maria.save()
    change_seller_status(
        seller=maria,
        to_status=Seller.Status.REJECTED,
        actor=operator,
        role=VerificationRole.OPERATOR,
        reason="Foto usaha tidak jelas, lokasi belum diisi.",
    )
    # When she opens her home
    html = page(maria_client.get(f"/kelola/penjual/{maria.pk}/"))
    # Then she sees the rejection and its reason, and a way to resubmit
    assert "Ditolak" in html.text
    assert "Foto usaha tidak jelas, lokasi belum diisi." in html.text
    assert html.find_all("form", action=f"/kelola/penjual/{maria.pk}/ajukan-ulang/")
    # When she fixes her profile and resubmits with a note
    maria_client.post(
        f"/kelola/penjual/{maria.pk}/profil/",
        {
            "business_name": "Kopi Ibu Maria",
            "owner_name": "Maria Lelang",
            "whatsapp": "0812-3456-7891",
            "business_type": "umkm",
            "latitude": "-8.216",
            "longitude": "124.533",
        },
    )
    response = maria_client.post(
        f"/kelola/penjual/{maria.pk}/ajukan-ulang/", {"note": "Lokasi sudah diisi."}
    )
    # Then the profile is pending again and the step is recorded
    maria.refresh_from_db()
    assert response.status_code == 302
    assert maria.status == Seller.Status.PENDING
    event = SellerStatusEvent.objects.filter(seller=maria).first()
    assert (event.from_status, event.to_status) == ("rejected", "pending")
    assert event.reason == "Lokasi sudah diisi."
    assert event.actor.name == "Maria Lelang"


def test_resubmit_is_refused_unless_rejected(maria, maria_client):
    # Given a verified seller
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/ajukan-ulang/", {"note": ""})
    maria.refresh_from_db()
    assert maria.status == Seller.Status.VERIFIED
    assert "tidak bisa diubah" in page(maria_client.get(response["Location"])).text


def test_suspended_seller_sees_the_reason(maria, maria_client):
    change_seller_status(
        seller=maria,
        to_status=Seller.Status.SUSPENDED,
        actor=None,
        role=VerificationRole.OPERATOR,
        reason="Ada laporan barang tidak dikirim.",
    )
    html = page(maria_client.get(f"/kelola/penjual/{maria.pk}/"))
    assert "Dibekukan" in html.text
    assert "Ada laporan barang tidak dikirim." in html.text


def test_open_closed_switch(maria, maria_client):
    # When Maria closes her stall for the day
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/buka-tutup/", {"is_open": "0"})
    maria.refresh_from_db()
    # Then it is closed, and she is told so
    assert response.status_code == 302 and not maria.is_open
    assert "sekarang TUTUP" in page(maria_client.get(response["Location"])).text
    # and opens it again
    maria_client.post(f"/kelola/penjual/{maria.pk}/buka-tutup/", {"is_open": "1"})
    maria.refresh_from_db()
    assert maria.is_open


def test_open_switch_needs_post(maria, maria_client):
    assert maria_client.get(f"/kelola/penjual/{maria.pk}/buka-tutup/").status_code == 405


# --- Profile and opening hours ------------------------------------------------------


def profile_data(**changes) -> dict:
    data = {
        "business_name": "Kopi Ibu Maria Alor",
        "owner_name": "Maria Lelang",
        "whatsapp": "+62 812-3456-7000",
        "business_type": "bumdes",
        "description": "Kopi robusta.",
        "latitude": "-8.2",
        "longitude": "124.5",
    }
    data.update(changes)
    return data


def test_profile_edit_saves_the_profile_and_keeps_the_address(maria, maria_client):
    response = maria_client.post(
        f"/kelola/penjual/{maria.pk}/profil/", profile_data(photo=photo_upload())
    )
    maria.refresh_from_db()
    assert response.status_code == 302
    assert maria.business_name == "Kopi Ibu Maria Alor"
    assert maria.whatsapp == "+6281234567000"
    assert maria.business_type == "bumdes"
    assert maria.latitude == Decimal("-8.2")
    assert maria.photo_thumb
    assert maria.slug == "kopi-ibu-maria"  # shared links keep working
    assert maria.status == Seller.Status.VERIFIED


def test_profile_edit_shows_current_values(maria, maria_client):
    html = page(maria_client.get(f"/kelola/penjual/{maria.pk}/profil/"))
    assert field_value(html, "business_name") == "Kopi Ibu Maria"
    assert field_value(html, "whatsapp") == "0812-3456-7891"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"whatsapp": "12345"}, "Nomor WhatsApp tidak valid"),
        ({"longitude": "200"}, "Harus di antara -180 dan 180."),
        (
            {"photo": SimpleUploadedFile("foto.jpg", b"bukan jpeg", content_type="image/jpeg")},
            "Berkas ini bukan foto",
        ),
    ],
)
def test_profile_edit_bad_input_keeps_input_and_changes_nothing(
    maria, maria_client, changes, message
):
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/profil/", profile_data(**changes))
    html = page(response)
    maria.refresh_from_db()
    assert response.status_code == 200
    assert message in html.text
    assert field_value(html, "business_name") == "Kopi Ibu Maria Alor"
    assert maria.business_name == "Kopi Ibu Maria"


DAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]


def hours_data(**days) -> dict:
    """The hours form "Berbeda per hari": the days given with their times, the
    others ticked "Libur"."""
    data = {"mode": "per_day"}
    for index, day in enumerate(DAYS):
        if day in days:
            data[f"opens_{index}"], data[f"closes_{index}"] = days[day]
        else:
            data[f"closed_{index}"] = "on"
    return data


def test_opening_hours_edit(maria, maria_client):
    # Given hours on Sunday that will be removed
    set_opening_hours(seller=maria, hours={6: (datetime.time(9), datetime.time(11))})
    # When Maria sets Monday 08.00-17.00 and Saturday 07.30-12.00 ("." or ":")
    response = maria_client.post(
        f"/kelola/penjual/{maria.pk}/jam-buka/",
        hours_data(senin=("08:00", "17:00"), sabtu=("07.30", "12.00")),
    )
    # Then those two days are stored and Sunday is gone
    assert response.status_code == 302
    rows = [(h.weekday, h.opens, h.closes) for h in OpeningHours.objects.filter(seller=maria)]
    assert rows == [
        (0, datetime.time(8), datetime.time(17)),
        (5, datetime.time(7, 30), datetime.time(12)),
    ]
    # and the form shows them again as time inputs
    html = page(maria_client.get(f"/kelola/penjual/{maria.pk}/jam-buka/"))
    assert html.find_all("input", name="opens_0", type="time", value="08:00")
    assert html.find_all("input", name="mode", value="per_day", checked="")
    assert not html.find_all("input", name="closed_0", checked="")
    assert html.find_all("input", name="closed_6", checked="")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (hours_data(senin=("17:00", "08:00")), "Jam tutup harus setelah jam buka."),
        (hours_data(senin=("08:00", "")), "Isi jam buka dan jam tutup, atau centang Libur."),
        (hours_data(senin=("jam 8", "17:00")), "Masukkan"),
    ],
)
def test_opening_hours_bad_input(maria, maria_client, data, message):
    set_opening_hours(seller=maria, hours={6: (datetime.time(9), datetime.time(11))})
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/jam-buka/", data)
    html = page(response)
    assert response.status_code == 200
    assert message in html.text
    assert html.find_all("input", name="mode", value="per_day", checked="")
    assert html.find_all("input", name="closed_1", checked="")  # the input is kept
    assert OpeningHours.objects.filter(seller=maria).count() == 1  # unchanged


# --- Staff ---------------------------------------------------------------------------


def test_owner_adds_and_removes_staff(maria, maria_client):
    # Given a person with an account
    yosef = make_user("0813-5555-6666", "Yosef")
    # When the owner adds them by WhatsApp number, written any way
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/staf/", {"phone": "62813-5555-6666"})
    # Then they are staff
    member = SellerMember.objects.get(seller=maria, user=yosef)
    assert response.status_code == 302 and member.role == SellerMember.Role.STAFF
    assert "Yosef sekarang staf" in page(maria_client.get(response["Location"])).text
    # When the owner removes them
    maria_client.post(f"/kelola/penjual/{maria.pk}/staf/hapus/", {"member": member.pk})
    # Then they are gone
    assert not SellerMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("0812-9999-0000", "belum punya akun"),
        ("0812-3456-7801", "sudah ada di tim"),
        ("0812", "Nomor WhatsApp tidak valid"),
    ],
)
def test_adding_staff_explains_what_is_wrong(maria, maria_client, phone, message):
    response = maria_client.post(f"/kelola/penjual/{maria.pk}/staf/", {"phone": phone})
    html = page(response)
    assert response.status_code == 200
    assert message in html.text
    assert field_value(html, "phone") == phone
    assert SellerMember.objects.filter(seller=maria).count() == 1


def test_owner_cannot_be_removed(maria, maria_client, maria_user):
    owner = SellerMember.objects.get(seller=maria, user=maria_user)
    maria_client.post(f"/kelola/penjual/{maria.pk}/staf/hapus/", {"member": owner.pk})
    assert SellerMember.objects.filter(pk=owner.pk).exists()


def test_staff_manages_products_but_not_staff(client, maria):
    # Given Yosef, staff of Maria's stall
    yosef = make_user("0813-5555-6666", "Yosef")
    add_member(maria, yosef, SellerMember.Role.STAFF)
    other = make_user("0813-5555-7777", "Lain")
    coffee = ProductFactory(seller=maria)
    client.force_login(yosef)
    # When Yosef works in the dashboard
    # Then he can open the stall's home and a product, and change stock
    home = client.get(f"/kelola/penjual/{maria.pk}/")
    assert home.status_code == 200
    assert f"/kelola/penjual/{maria.pk}/staf/" not in page(home).hrefs()
    assert client.get(f"/kelola/produk/{coffee.pk}/").status_code == 200
    client.post(f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "tambah"})
    coffee.refresh_from_db()
    assert coffee.stock == 11
    # but the staff pages do not exist for him, and nothing changes
    assert client.get(f"/kelola/penjual/{maria.pk}/staf/").status_code == 404
    assert (
        client.post(f"/kelola/penjual/{maria.pk}/staf/", {"phone": other.phone}).status_code == 404
    )
    owner = SellerMember.objects.get(seller=maria, role=SellerMember.Role.OWNER)
    response = client.post(f"/kelola/penjual/{maria.pk}/staf/hapus/", {"member": owner.pk})
    assert response.status_code == 404
    assert SellerMember.objects.filter(seller=maria).count() == 2


# --- Isolation: another seller's profile ----------------------------------------------


def test_another_sellers_profile_is_404_and_unchanged(maria_client, other_seller):
    # Given seller B with hours and staff
    set_opening_hours(seller=other_seller, hours={0: (datetime.time(8), datetime.time(9))})
    before = Seller.objects.filter(pk=other_seller.pk).values().get()
    members_before = list(SellerMember.objects.filter(seller=other_seller).values())
    owner = SellerMember.objects.get(seller=other_seller)
    pk = other_seller.pk
    # When Maria (seller A) tries every page and action of seller B
    gets = ["", "profil/", "jam-buka/", "staf/"]
    posts = {
        "profil/": profile_data(),
        "jam-buka/": hours_data(selasa=("08:00", "10:00")),
        "buka-tutup/": {"is_open": "0"},
        "ajukan-ulang/": {"note": "x"},
        "staf/": {"phone": "0812-3456-7801"},
        "staf/hapus/": {"member": owner.pk},
    }
    # Then every one is "not found", and seller B is unchanged
    for suffix in gets:
        assert maria_client.get(f"/kelola/penjual/{pk}/{suffix}").status_code == 404, suffix
    for suffix, data in posts.items():
        response = maria_client.post(f"/kelola/penjual/{pk}/{suffix}", data)
        assert response.status_code == 404, suffix
        assert "Tenun Ibu Sara" not in response.content.decode()
    assert Seller.objects.filter(pk=pk).values().get() == before
    assert list(SellerMember.objects.filter(seller=other_seller).values()) == members_before
    assert [h.weekday for h in OpeningHours.objects.filter(seller=other_seller)] == [0]


def test_dashboard_pages_need_login(client, maria):
    for url in [f"/kelola/penjual/{maria.pk}/", f"/kelola/penjual/{maria.pk}/profil/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/akun/masuk/")
    response = client.post(f"/kelola/penjual/{maria.pk}/buka-tutup/", {"is_open": "0"})
    maria.refresh_from_db()
    assert response.status_code == 302 and maria.is_open


def test_forms_need_csrf(maria, maria_user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(maria_user)
    response = strict.post(f"/kelola/penjual/{maria.pk}/buka-tutup/", {"is_open": "0"})
    maria.refresh_from_db()
    assert response.status_code == 403 and maria.is_open


def test_dashboard_pages_fit_the_byte_budget(maria, maria_client):
    set_opening_hours(seller=maria, hours={0: (datetime.time(8), datetime.time(9))})
    for suffix in ["", "profil/", "jam-buka/", "staf/"]:
        response = maria_client.get(f"/kelola/penjual/{maria.pk}/{suffix}")
        assert response.status_code == 200
        assert gzip_size(response) <= BYTE_BUDGET, suffix


def test_dashboard_pages_work_in_english(maria, maria_client):
    ProductFactory(seller=maria)
    for url in [
        f"/en/kelola/penjual/{maria.pk}/",
        f"/en/kelola/penjual/{maria.pk}/jam-buka/",
        "/en/kelola/penjual/daftar/",
    ]:
        assert maria_client.get(url).status_code == 200, url


def test_a_pasted_map_link_fills_the_location_of_a_registration(store, maria_client):
    # Given a villager who shares her place from Google Maps instead of typing numbers
    link = "https://www.google.com/maps/place/Warung/@-8.3,124.6,12z/data=!3d-8.2161!4d124.5234"
    data = register_data(store, latitude="", longitude="", map_link=link)
    # When she registers
    response = maria_client.post("/kelola/penjual/daftar/", data)
    # Then the seller stands at the pin of the link
    assert response.status_code == 302
    seller = Seller.objects.get(business_name="Keripik Pisang Pak Yakob")
    assert (seller.latitude, seller.longitude) == (Decimal("-8.216100"), Decimal("124.523400"))


def test_a_short_map_link_is_refused_with_a_way_out_and_the_rest_is_kept(store, maria_client):
    data = register_data(store, map_link="https://maps.app.goo.gl/AbCdEf")
    response = maria_client.post("/kelola/penjual/daftar/", data)
    html = page(response)
    assert response.status_code == 200
    assert "Link pendek tidak bisa dibaca" in html.text
    assert field_value(html, "business_name") == "Keripik Pisang Pak Yakob"
    assert field_value(html, "map_link") == "https://maps.app.goo.gl/AbCdEf"
    assert not Seller.objects.filter(business_name="Keripik Pisang Pak Yakob").exists()
