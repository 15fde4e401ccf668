"""The seller's product dashboard (/kelola/…), given/when/then.

Add (with several photos, once per idempotency key), edit, hide/show,
duplicate, stock, photo order and deletion; bad input keeps what was typed
and is explained in Indonesian; another seller's product is a 404 and stays
unchanged; a product taken down by the operator stays down.
"""

import gzip
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from pasardesa.catalog.models import Category, Product, ProductPhoto
from pasardesa.catalog.services import adjust_stock, take_down_product
from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
    photo_upload,
    with_photo,
)
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db

BYTE_BUDGET = 14_000
KEY = "0b8f3c1e-2d4a-4c5b-8e6f-7a9b0c1d2e3f"


@pytest.fixture
def food():
    return Category.objects.get(slug="makanan-minuman")


@pytest.fixture
def coffee(maria):
    return ProductFactory(seller=maria, name="Kopi Bubuk Alor", price_idr=25_000, stock=10)


def product_data(category, /, **changes) -> dict:
    data = {
        "kind": "barang",
        "name": "Keripik Pisang",
        "category": str(category.pk),
        "description": "Pisang kepok, 250 gram.",
        "price": "12.500",
        "unit": "bungkus",
        "discount_percent": "",
        "discount_idr": "",
        "stock": "20",
        "is_negotiable": "on",
        "idempotency_key": KEY,
    }
    data.update(changes)
    return data


def value_of(html, name: str) -> str | None:
    for attrs in html.find_all("input"):
        if attrs.get("name") == name:
            return attrs.get("value")
    return None


def not_a_photo(name="catatan.txt"):
    return SimpleUploadedFile(name, b"ini bukan foto", content_type="text/plain")


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- Add --------------------------------------------------------------------------------


def test_add_page_offers_camera_photos_and_unit_suggestions(maria, client_a):
    response = client_a.get(f"/kelola/penjual/{maria.pk}/produk/baru/")
    html = page(response)
    assert response.status_code == 200
    photos = html.find_all("input", type="file", name="photos")[0]
    assert "multiple" in photos
    assert photos["accept"] == "image/*" and photos["capture"] == "environment"
    assert html.find_all("input", name="unit", list="satuan")
    options = [a["value"] for a in html.find_all("option") if "value" in a]
    for unit in [
        "pcs",
        "kg",
        "ikat",
        "bungkus",
        "botol",
        "liter",
        "paket",
        "jam",
        "sesi",
        "lembar",
    ]:
        assert unit in options
    assert html.find_all("input", type="hidden", name="idempotency_key")
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


def test_add_product_with_several_photos(maria, client_a, food):
    # When Maria adds a product, price typed "12.500", with two photos at once
    response = client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        product_data(
            food,
            discount_percent="10",
            photos=[photo_upload("a.jpg"), photo_upload("b.jpg", color=(10, 200, 10))],
        ),
    )
    # Then it is stored with its photos, in order, and she is on its own page
    product = Product.objects.get(name="Keripik Pisang")
    assert response.status_code == 302
    assert response["Location"] == f"/kelola/produk/{product.pk}/"
    assert product.seller == maria
    assert product.price_idr == 12_500
    assert product.sale_price_idr == 11_250
    assert product.unit == "bungkus" and product.stock == 20 and product.is_negotiable
    assert product.status == Product.Status.ACTIVE
    assert list(product.photos.values_list("position", flat=True)) == [0, 1]
    saved = page(client_a.get(response["Location"]))
    assert "“Keripik Pisang” sudah ditambahkan." in saved.text
    # which offers a fresh form for the next product straight away
    assert f"/kelola/penjual/{maria.pk}/produk/baru/" in saved.hrefs()
    assert "Tambah produk lain" in saved.text


def test_add_a_service_with_unlimited_stock_and_a_free_unit(maria, client_a, food):
    client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        product_data(food, kind="jasa", name="Jahit Baju", unit="potong", stock=""),
    )
    product = Product.objects.get(name="Jahit Baju")
    assert product.kind == "jasa" and product.stock is None and product.unit == "potong"


def test_double_post_with_one_key_creates_one_product(maria, client_a, food):
    # When the add form is sent twice with the same key (double tap, retry)
    first = client_a.post(f"/kelola/penjual/{maria.pk}/produk/baru/", product_data(food))
    second = client_a.post(f"/kelola/penjual/{maria.pk}/produk/baru/", product_data(food))
    # Then there is one product
    assert Product.objects.filter(name="Keripik Pisang").count() == 1
    assert first.status_code == second.status_code == 302
    # and a new key (the form shown afresh) creates another
    client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        product_data(food, idempotency_key="1b8f3c1e-2d4a-4c5b-8e6f-7a9b0c1d2e3f"),
    )
    assert Product.objects.filter(name="Keripik Pisang").count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"price": "-5000"}, "price", "Tidak boleh kurang dari 0."),
        ({"price": "12,5"}, "price", "Tulis jumlah rupiah tanpa sen"),
        ({"price": ""}, "price", "Bidang ini tidak boleh kosong."),
        (
            {"discount_percent": "10", "discount_idr": "1.000"},
            "discount_idr",
            "Isi salah satu saja: diskon persen ATAU diskon rupiah",
        ),
        ({"discount_idr": "20.000"}, "discount_idr", "Diskon tidak boleh lebih besar dari harga."),
        ({"discount_percent": "150"}, "discount_percent", "Diskon persen harus antara 0 dan 100."),
        ({"stock": "-1"}, "stock", "Stok tidak boleh kurang dari 0."),
        ({"stock": "dua"}, "stock", "Tulis angka bulat, contoh 20."),
        ({"name": ""}, "name", "Bidang ini tidak boleh kosong."),
        ({"category": "999999"}, "category", "Pilih kategori dari daftar."),
    ],
)
def test_add_product_bad_input_keeps_input(maria, client_a, food, changes, field, message):
    response = client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/", product_data(food, **changes)
    )
    html = page(response)
    assert response.status_code == 200
    assert message in html.text
    assert (value_of(html, "name") or "") == changes.get("name", "Keripik Pisang")
    assert (value_of(html, "price") or "") == changes.get("price", "12.500")
    assert "Pisang kepok, 250 gram." in html.text
    assert value_of(html, "idempotency_key") == KEY  # a retry stays the same request
    assert not Product.objects.filter(seller=maria).exists()


def test_add_with_six_photos_is_refused_with_the_input_kept(maria, client_a, food):
    photos = [photo_upload(f"f{i}.jpg") for i in range(6)]
    response = client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/", product_data(food, photos=photos)
    )
    html = page(response)
    assert response.status_code == 200
    assert "Satu produk paling banyak 5 foto" in html.text
    assert "Pilih fotonya lagi" in html.text or "pilih fotonya lagi" in html.text
    assert value_of(html, "name") == "Keripik Pisang"
    assert not Product.objects.exists()


def test_a_bad_file_is_named_and_the_rest_is_kept(maria, client_a, food, settings):
    # When one of three files is not a photo
    response = client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        product_data(
            food, photos=[photo_upload("depan.jpg"), not_a_photo(), photo_upload("samping.jpg")]
        ),
    )
    # Then the product and the two photos are saved, and the bad file is named
    product = Product.objects.get(name="Keripik Pisang")
    assert product.photos.count() == 2
    assert list(product.photos.values_list("position", flat=True)) == [0, 1]
    assert response["Location"] == f"/kelola/produk/{product.pk}/"
    html = page(client_a.get(response["Location"]))
    assert 'Foto "catatan.txt" tidak disimpan: Berkas ini bukan foto.' in html.text
    # and nothing was half-written for it: two files (thumb + detail) per photo
    assert len(media_files(settings)) == 4


# --- Edit ----------------------------------------------------------------------------------


def test_edit_shows_the_product_and_saves_changes(coffee, client_a, food):
    html = page(client_a.get(f"/kelola/produk/{coffee.pk}/"))
    assert value_of(html, "name") == "Kopi Bubuk Alor"
    assert value_of(html, "price") == "25.000"
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/",
        product_data(food, name="Kopi Bubuk Alor 250 g", price="Rp 27.500", discount_idr="2.500"),
    )
    coffee.refresh_from_db()
    assert response.status_code == 302
    assert coffee.name == "Kopi Bubuk Alor 250 g"
    assert coffee.price_idr == 27_500 and coffee.sale_price_idr == 25_000


def test_edit_never_changes_the_status(coffee, client_a, food):
    # Given a hidden product, and one taken down by the operator
    coffee.status = Product.Status.HIDDEN
    coffee.save()
    blocked = ProductFactory(seller=coffee.seller, name="Arak")
    take_down_product(product=blocked, actor=None, reason="Minuman keras dilarang.")
    # When both are edited
    client_a.post(f"/kelola/produk/{coffee.pk}/", product_data(food, name="Kopi"))
    client_a.post(f"/kelola/produk/{blocked.pk}/", product_data(food, name="Sopi"))
    # Then each keeps its status
    coffee.refresh_from_db()
    blocked.refresh_from_db()
    assert coffee.status == Product.Status.HIDDEN and coffee.name == "Kopi"
    assert blocked.status == Product.Status.BLOCKED and blocked.name == "Sopi"


def test_adding_a_sixth_photo_on_edit_is_refused(coffee, client_a, food):
    for i in range(5):
        with_photo(coffee, name=f"{i}.jpg")
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/", product_data(food, photos=[photo_upload("enam.jpg")])
    )
    html = page(response)
    assert response.status_code == 200
    assert "Satu produk paling banyak 5 foto. Produk ini sudah punya 5" in html.text
    assert value_of(html, "name") == "Keripik Pisang"
    coffee.refresh_from_db()
    assert coffee.name == "Kopi Bubuk Alor" and coffee.photos.count() == 5


def test_with_five_photos_the_photo_input_is_switched_off(coffee, client_a):
    for i in range(5):
        with_photo(coffee, name=f"{i}.jpg")
    html = page(client_a.get(f"/kelola/produk/{coffee.pk}/"))
    assert "disabled" in html.find_all("input", type="file", name="photos")[0]
    assert "Hapus satu foto untuk menambah" in html.text


def test_edit_adds_photos_up_to_five(coffee, client_a, food):
    with_photo(coffee)
    client_a.post(
        f"/kelola/produk/{coffee.pk}/",
        product_data(food, photos=[photo_upload(f"{i}.jpg") for i in range(4)]),
    )
    assert list(coffee.photos.values_list("position", flat=True)) == [0, 1, 2, 3, 4]


# --- Hide/show, duplicate --------------------------------------------------------------


def test_hide_and_show(coffee, client_a):
    client_a.post(f"/kelola/produk/{coffee.pk}/tampil/", {"tampil": "0"})
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.HIDDEN
    response = client_a.post(f"/kelola/produk/{coffee.pk}/tampil/", {"tampil": "1"})
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.ACTIVE
    assert response["Location"] == f"/kelola/penjual/{coffee.seller_id}/"


def test_a_product_taken_down_cannot_be_shown_again_by_the_seller(coffee, client_a):
    # Given the operator took the coffee down with a reason
    take_down_product(product=coffee, actor=None, reason="Foto bukan produk sebenarnya.")
    # When the seller tries to show it again (the button is not even offered)
    edit = page(client_a.get(f"/kelola/produk/{coffee.pk}/"))
    assert "Diturunkan pengelola: Foto bukan produk sebenarnya." in edit.text
    assert not edit.find_all("form", action=f"/kelola/produk/{coffee.pk}/tampil/")
    response = client_a.post(f"/kelola/produk/{coffee.pk}/tampil/", {"tampil": "1"})
    # Then it stays down and the reason is repeated
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.BLOCKED
    assert "Foto bukan produk sebenarnya." in page(client_a.get(response["Location"])).text
    # and it cannot be copied around the take-down either
    client_a.post(f"/kelola/produk/{coffee.pk}/salin/")
    assert Product.objects.filter(seller=coffee.seller).count() == 1


def test_duplicate_makes_a_hidden_copy_with_its_own_photos(coffee, client_a, settings):
    with_photo(coffee, name="a.jpg")
    with_photo(coffee, name="b.jpg", color=(1, 2, 3))
    coffee.discount_percent = 10
    coffee.save()
    response = client_a.post(f"/kelola/produk/{coffee.pk}/salin/")
    copy = Product.objects.exclude(pk=coffee.pk).get()
    assert response["Location"] == f"/kelola/produk/{copy.pk}/"
    assert copy.name == "Kopi Bubuk Alor (salinan)"
    assert copy.status == Product.Status.HIDDEN
    assert (copy.price_idr, copy.discount_percent, copy.stock, copy.unit) == (
        25_000,
        10,
        10,
        "bungkus",
    )
    original_files = {p.image.name for p in coffee.photos.all()}
    copy_files = {p.image.name for p in copy.photos.all()}
    assert len(copy_files) == 2 and not original_files & copy_files
    # and deleting the original's photo leaves the copy's intact
    client_a.post(f"/kelola/produk/{coffee.pk}/foto/{coffee.photos.first().pk}/hapus/")
    for photo in copy.photos.all():
        assert Path(photo.image.path).exists()


# --- Stock -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"aksi": "tambah"}, 11),
        ({"aksi": "kurang"}, 9),
        ({"aksi": "atur", "jumlah": "42"}, 42),
        ({"aksi": "atur", "jumlah": ""}, None),
        ({"aksi": "habis"}, 10),  # never in one tap: it has its own confirmation page
    ],
)
def test_quick_stock_actions(coffee, client_a, data, expected):
    response = client_a.post(f"/kelola/produk/{coffee.pk}/stok/", data)
    coffee.refresh_from_db()
    assert response.status_code == 302
    assert coffee.stock == expected


def test_sold_out_asks_on_a_page_of_its_own_first(coffee, client_a):
    # Given the coffee's own page, with 10 in stock
    product_page = page(client_a.get(f"/kelola/produk/{coffee.pk}/"))
    confirm_url = f"/kelola/produk/{coffee.pk}/stok/habis/"
    # Then "+1" and "-1" are buttons of the stock form, "Stok habis" is only a link away
    stock_form = product_page.find_all("form", action=f"/kelola/produk/{coffee.pk}/stok/")[0]
    assert stock_form is not None
    assert not product_page.find_all("button", value="habis")
    assert confirm_url in product_page.hrefs()
    # When she follows it
    confirm = client_a.get(confirm_url)
    # Then nothing changed yet: the page asks, with a way back
    coffee.refresh_from_db()
    assert coffee.stock == 10
    assert "Tandai stok habis?" in page(confirm).text
    assert "Stok sekarang 10 bungkus." in page(confirm).text
    assert f"/kelola/produk/{coffee.pk}/" in page(confirm).hrefs()
    # When she confirms
    response = client_a.post(confirm_url)
    # Then the stock is 0 and she is back on the product's page, told so
    coffee.refresh_from_db()
    assert coffee.stock == 0
    assert response["Location"] == f"/kelola/produk/{coffee.pk}/"
    back = page(client_a.get(response["Location"]))
    assert "“Kopi Bubuk Alor” ditandai stok habis (stok 0)." in back.text
    assert confirm_url not in back.hrefs()  # nothing left to mark


def test_stock_actions_on_the_product_page_come_back_to_it(coffee, client_a):
    # When she taps "+1" on the product's own page
    next_fields = page(client_a.get(f"/kelola/produk/{coffee.pk}/")).find_all("input", name="next")
    back_to = next(a["value"] for a in next_fields if a["value"].endswith("#stok"))
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "tambah", "next": back_to}
    )
    # Then the stock is 11 and she is on the same page, at the stock box
    coffee.refresh_from_db()
    assert coffee.stock == 11
    assert response["Location"] == f"/kelola/produk/{coffee.pk}/#stok"
    assert "Stok “Kopi Bubuk Alor” sekarang 11." in page(client_a.get(response["Location"])).text


def test_stock_never_goes_below_zero(coffee, client_a):
    coffee.stock = 0
    coffee.save()
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/stok/",
        {"aksi": "kurang", "next": f"/kelola/penjual/{coffee.seller_id}/?halaman=1"},
    )
    coffee.refresh_from_db()
    assert coffee.stock == 0
    assert response["Location"] == f"/kelola/penjual/{coffee.seller_id}/?halaman=1"
    assert "tidak bisa dikurangi" in page(client_a.get(response["Location"])).text


@pytest.mark.parametrize("jumlah", ["-3", "banyak", "2000000"])
def test_bad_stock_values_are_refused(coffee, client_a, jumlah):
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "atur", "jumlah": jumlah}
    )
    coffee.refresh_from_db()
    assert coffee.stock == 10
    assert "Stok harus bilangan bulat" in page(client_a.get(response["Location"])).text


def test_next_never_leaves_the_site(coffee, client_a):
    response = client_a.post(
        f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "tambah", "next": "https://jahat.example/"}
    )
    assert response["Location"] == f"/kelola/penjual/{coffee.seller_id}/"


def test_counting_an_uncounted_stock_needs_a_number_first(coffee, client_a):
    coffee.stock = None
    coffee.save()
    response = client_a.post(f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "tambah"})
    coffee.refresh_from_db()
    assert coffee.stock is None
    assert "tidak dihitung" in page(client_a.get(response["Location"])).text


# --- Photos ----------------------------------------------------------------------------


def test_move_and_delete_photos(coffee, client_a, settings, django_capture_on_commit_callbacks):
    photos = [with_photo(coffee, name=f"{i}.jpg", color=(i * 40, 0, 0)) for i in range(3)]
    images = [p.image.name for p in photos]
    # When the last photo is moved to the front (two taps on ↑)
    client_a.post(f"/kelola/produk/{coffee.pk}/foto/{photos[2].pk}/geser/", {"arah": "naik"})
    client_a.post(f"/kelola/produk/{coffee.pk}/foto/{photos[1].pk}/geser/", {"arah": "naik"})
    # Then it is the cover
    order = list(coffee.photos.order_by("position").values_list("image", flat=True))
    assert order == [images[2], images[0], images[1]]
    # When a photo is moved past the end, nothing happens
    last = coffee.photos.order_by("position").last()
    client_a.post(f"/kelola/produk/{coffee.pk}/foto/{last.pk}/geser/", {"arah": "turun"})
    assert list(coffee.photos.order_by("position").values_list("image", flat=True)) == order
    # When the cover is deleted
    cover = coffee.photos.order_by("position").first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(f"/kelola/produk/{coffee.pk}/foto/{cover.pk}/hapus/")
    # Then the others move up, and its files are gone (once committed)
    assert response["Location"] == f"/kelola/produk/{coffee.pk}/"
    remaining = list(coffee.photos.order_by("position").values_list("position", "image"))
    assert remaining == [(0, images[0]), (1, images[1])]
    assert not (Path(settings.MEDIA_ROOT) / images[2]).exists()


def test_moving_works_with_five_photos(coffee, client_a):
    photos = [with_photo(coffee, name=f"{i}.jpg", color=(i * 40, 0, 0)) for i in range(5)]
    images = [p.image.name for p in photos]
    client_a.post(f"/kelola/produk/{coffee.pk}/foto/{photos[0].pk}/geser/", {"arah": "turun"})
    order = list(coffee.photos.order_by("position").values_list("image", flat=True))
    assert order == [images[1], images[0], *images[2:]]


def test_edit_page_lists_photos_with_move_and_delete(coffee, client_a):
    photos = [with_photo(coffee, name=f"{i}.jpg") for i in range(2)]
    response = client_a.get(f"/kelola/produk/{coffee.pk}/")
    html = page(response)
    for photo in photos:
        assert html.find_all("form", action=f"/kelola/produk/{coffee.pk}/foto/{photo.pk}/geser/")
        assert html.find_all(
            "button", formaction=f"/kelola/produk/{coffee.pk}/foto/{photo.pk}/hapus/"
        )
    assert "Sampul" in html.text
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


# --- Isolation ----------------------------------------------------------------------------


def test_another_sellers_products_are_404_and_unchanged(client_a, food):
    # Given seller B's product with a photo
    theirs = ProductFactory(name="Tenun Ikat", seller=SellerFactory(business_name="Tenun Sara"))
    photo = with_photo(theirs)
    with_photo(theirs, name="2.jpg")
    before = Product.objects.filter(pk=theirs.pk).values().get()
    photos_before = list(ProductPhoto.objects.filter(product=theirs).values())
    pk, seller_pk = theirs.pk, theirs.seller_id
    # When seller A tries every URL and action on it
    gets = [
        f"/kelola/produk/{pk}/",
        f"/kelola/produk/{pk}/stok/habis/",
        f"/kelola/penjual/{seller_pk}/produk/baru/",
        f"/kelola/penjual/{seller_pk}/produk/impor/",
        f"/kelola/penjual/{seller_pk}/produk/ekspor.csv",
        f"/kelola/penjual/{seller_pk}/produk/contoh.csv",
    ]
    posts = {
        f"/kelola/produk/{pk}/": product_data(food, name="Dicuri"),
        f"/kelola/produk/{pk}/tampil/": {"tampil": "0"},
        f"/kelola/produk/{pk}/salin/": {},
        f"/kelola/produk/{pk}/stok/": {"aksi": "kurang"},
        f"/kelola/produk/{pk}/stok/habis/": {},
        f"/kelola/produk/{pk}/foto/{photo.pk}/hapus/": {},
        f"/kelola/produk/{pk}/foto/{photo.pk}/geser/": {"arah": "turun"},
        f"/kelola/penjual/{seller_pk}/produk/baru/": product_data(food),
        f"/kelola/penjual/{seller_pk}/produk/impor/": {
            "file": SimpleUploadedFile("p.csv", b"kode;nama;kategori;harga\n;X;makanan-minuman;1\n")
        },
    }
    # Then each one is "not found", without a word of the other product
    for url in gets:
        response = client_a.get(url)
        assert response.status_code == 404, url
        assert b"Tenun" not in response.content
    for url, data in posts.items():
        response = client_a.post(url, data)
        assert response.status_code == 404, url
        assert b"Tenun" not in response.content
    # and nothing changed
    assert Product.objects.filter(pk=pk).values().get() == before
    assert list(ProductPhoto.objects.filter(product=theirs).values()) == photos_before
    assert Product.objects.count() == 1


def test_a_photo_of_another_product_is_404(coffee, client_a):
    theirs = ProductFactory(name="Tenun Ikat")
    photo = with_photo(theirs)
    # the product in the URL is Maria's own, the photo is not
    response = client_a.post(f"/kelola/produk/{coffee.pk}/foto/{photo.pk}/hapus/")
    assert response.status_code == 404
    assert ProductPhoto.objects.filter(pk=photo.pk).exists()


def test_product_actions_need_login_and_post(client, coffee):
    assert client.get(f"/kelola/produk/{coffee.pk}/").status_code == 302
    client.post(f"/kelola/produk/{coffee.pk}/stok/", {"aksi": "kurang"})
    client.post(f"/kelola/produk/{coffee.pk}/stok/habis/")
    coffee.refresh_from_db()
    assert coffee.stock == 10
    client.force_login(coffee.seller.members.get().user)
    assert client.get(f"/kelola/produk/{coffee.pk}/stok/").status_code == 405
    assert client.get(f"/kelola/produk/{coffee.pk}/salin/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_stock_taps_never_go_below_zero():
    # Given 5 in stock, and 10 staff phones tapping "-1" at the same moment
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent connections: PostgreSQL")
    product = ProductFactory(stock=5)
    barrier = Barrier(10)

    def tap() -> bool:
        try:
            barrier.wait()
            adjust_stock(product=Product.objects.get(pk=product.pk), delta=-1)
            return True
        except ValidationError:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: tap(), range(10)))
    # Then exactly five succeed and the stock ends at zero
    product.refresh_from_db()
    assert results.count(True) == 5
    assert product.stock == 0
