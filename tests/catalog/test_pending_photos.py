"""A photo is never asked for twice, given/when/then.

A product form that comes back with an error (a typo in the price) keeps the
photos it carried, already re-encoded, tied to the form's idempotency key and
to the account that sent them; the next post of the form makes them the
product's photos without the files being sent again. Another account's key
never brings its photos along, and what nobody claims is pruned after a day.
"""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from pasardesa.catalog.models import Category, PendingPhoto, Product
from pasardesa.catalog.services import prune_pending_photos
from pasardesa.core import jobs
from pasardesa.sellers.models import SellerMember
from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
    photo_upload,
    with_photo,
)
from tests.factories import ProductFactory, SellerFactory, make_user

pytestmark = pytest.mark.django_db

KEY = "5d0c1f7e-8b2a-4f3e-9c1d-2e3f4a5b6c7d"


@pytest.fixture
def food():
    return Category.objects.get(slug="makanan-minuman")


def form_data(category, /, **changes) -> dict:
    data = {
        "kind": "barang",
        "name": "Keripik Pisang",
        "category": str(category.pk),
        "description": "",
        "price": "12.500",
        "unit": "bungkus",
        "stock": "20",
        "idempotency_key": KEY,
    }
    data.update(changes)
    return data


def kept_boxes(html) -> list[str]:
    return [a["value"] for a in html.find_all("input", type="checkbox", name="hapus_foto")]


def files_on_disk(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_a_photo_survives_a_form_error(maria, client_a, food, settings):
    add = f"/kelola/penjual/{maria.pk}/produk/baru/"
    # When Maria sends a photo with a price she mistyped
    response = client_a.post(
        add, form_data(food, price="12,5", photos=[photo_upload("kripik.jpg")])
    )
    # Then the form comes back with the error, and the photo is shown as kept
    html = page(response)
    assert response.status_code == 200
    assert "Tulis jumlah rupiah tanpa sen" in html.text
    assert "1 foto sudah terkirim dan ikut tersimpan." in html.text
    assert "pilih fotonya lagi" not in html.text
    held = PendingPhoto.objects.get()
    assert kept_boxes(html) == [str(held.pk)]
    assert held.thumb.url in [img["src"] for img in html.find_all("img")]
    assert not Product.objects.exists()
    # When she fixes the price and sends the form again, without any file
    response = client_a.post(add, form_data(food))
    # Then the product has the photo she sent the first time, not re-encoded
    product = Product.objects.get(name="Keripik Pisang")
    assert response.status_code == 302
    assert product.price_idr == 12_500
    photo = product.photos.get()
    assert (photo.thumb.name, photo.image.name) == (held.thumb.name, held.image.name)
    assert photo.position == 0 and photo.alt == "Keripik Pisang"
    assert Path(photo.image.path).exists()
    assert not PendingPhoto.objects.exists()
    # and nothing else is left on disk: one thumbnail and one detail image
    assert files_on_disk(settings) == {photo.thumb.name, photo.image.name}


def test_a_kept_photo_ticked_hapus_is_dropped(
    maria, client_a, food, settings, django_capture_on_commit_callbacks
):
    add = f"/kelola/penjual/{maria.pk}/produk/baru/"
    client_a.post(
        add,
        form_data(
            food, price="", photos=[photo_upload("a.jpg"), photo_upload("b.jpg", color=(9, 9, 9))]
        ),
    )
    first, second = PendingPhoto.objects.order_by("pk")
    # When she ticks "hapus" on the first and sends the form, still with an error
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(add, form_data(food, price="", hapus_foto=[str(first.pk)]))
    # Then only the second is still shown, and the first's files are gone
    assert kept_boxes(page(response)) == [str(second.pk)]
    assert first.image.name not in files_on_disk(settings)
    # When she then saves
    client_a.post(add, form_data(food))
    # Then the product has the one photo she kept
    product = Product.objects.get()
    assert list(product.photos.values_list("image", flat=True)) == [second.image.name]


def test_another_account_cannot_claim_the_photo(maria, client_a, food):
    # Given Maria's photo kept for her form's key
    client_a.post(
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        form_data(food, price="", photos=[photo_upload("rahasia.jpg")]),
    )
    held = PendingPhoto.objects.get()
    # And another seller who learned that key
    other_user = make_user("0812-3456-7999", "Pencuri Foto")
    other = SellerFactory(business_name="Lapak Lain", slug="lapak-lain")
    SellerMember.objects.create(seller=other, user=other_user, role=SellerMember.Role.OWNER)
    client = Client()  # client_a is Maria's
    client.force_login(other_user)
    # When they send a form with it, with an error, then ticking "hapus" on its id
    refused = client.post(f"/kelola/penjual/{other.pk}/produk/baru/", form_data(food, price=""))
    client.post(
        f"/kelola/penjual/{other.pk}/produk/baru/",
        form_data(food, price="", hapus_foto=[str(held.pk)]),
    )
    # and then a valid one
    client.post(f"/kelola/penjual/{other.pk}/produk/baru/", form_data(food, name="Curian"))
    # Then they never saw it, their product has no photo, and Maria's is untouched
    assert held.thumb.url.encode() not in refused.content
    assert not kept_boxes(page(refused))
    assert Product.objects.get(name="Curian").photos.count() == 0
    assert PendingPhoto.objects.filter(pk=held.pk, owner=maria.members.get().user).exists()
    # and Maria still gets it on her own next post
    client_a.post(f"/kelola/penjual/{maria.pk}/produk/baru/", form_data(food))
    assert Product.objects.get(seller=maria).photos.count() == 1


def test_a_photo_survives_an_error_on_the_edit_form(maria, client_a, food):
    coffee = ProductFactory(seller=maria, name="Kopi Bubuk Alor", price_idr=25_000)
    with_photo(coffee)
    edit = f"/kelola/produk/{coffee.pk}/"
    key = page(client_a.get(edit)).find_all("input", name="idempotency_key")[0]["value"]
    # When she adds a photo but clears the name by mistake
    response = client_a.post(
        edit, form_data(food, name="", idempotency_key=key, photos=[photo_upload("2.jpg")])
    )
    assert response.status_code == 200
    assert len(kept_boxes(page(response))) == 1
    # When she fills the name in again
    client_a.post(edit, form_data(food, name="Kopi Bubuk Alor", idempotency_key=key))
    # Then the photo is the product's second
    assert list(coffee.photos.values_list("position", flat=True)) == [0, 1]
    assert not PendingPhoto.objects.exists()


def test_kept_photos_count_against_five(maria, client_a, food):
    add = f"/kelola/penjual/{maria.pk}/produk/baru/"
    client_a.post(
        add, form_data(food, price="", photos=[photo_upload(f"{i}.jpg") for i in range(4)])
    )
    # When two more come with the next post (six in all)
    response = client_a.post(
        add, form_data(food, price="", photos=[photo_upload("5.jpg"), photo_upload("6.jpg")])
    )
    # Then five are kept and the sixth is named as refused
    assert len(kept_boxes(page(response))) == 5
    assert 'Foto "6.jpg" tidak disimpan: Satu produk paling banyak 5 foto.' in page(response).text
    client_a.post(add, form_data(food))
    assert Product.objects.get().photos.count() == 5


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "satu", "1e3", "²", "٣"])
def test_a_hostile_hapus_value_is_ignored(maria, client_a, food, value):
    add = f"/kelola/penjual/{maria.pk}/produk/baru/"
    client_a.post(add, form_data(food, price="", photos=[photo_upload()]))
    response = client_a.post(add, form_data(food, price="", hapus_foto=[value]))
    assert response.status_code == 200
    assert PendingPhoto.objects.count() == 1


def test_prune_job_removes_photos_nobody_claimed(
    maria, client_a, food, settings, django_capture_on_commit_callbacks
):
    # Given a photo held two days ago and one held just now
    add = f"/kelola/penjual/{maria.pk}/produk/baru/"
    client_a.post(add, form_data(food, price="", photos=[photo_upload("lama.jpg")]))
    client_a.post(
        add,
        form_data(
            food,
            price="",
            idempotency_key="6e1d2a8f-9c3b-4a4f-8d2e-3f4a5b6c7d8e",
            photos=[photo_upload("baru.jpg", color=(1, 2, 3))],
        ),
    )
    old = PendingPhoto.objects.get(name="lama.jpg")
    PendingPhoto.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    # When the scheduled jobs run
    assert "prune_pending_photos" in jobs.discover()
    with django_capture_on_commit_callbacks(execute=True):
        pruned = jobs.discover()["prune_pending_photos"]()
    # Then the old one and its files are gone, the new one stays
    assert pruned == 1
    assert list(PendingPhoto.objects.values_list("name", flat=True)) == ["baru.jpg"]
    assert not {old.thumb.name, old.image.name} & files_on_disk(settings)
    # and a second run finds nothing more to do
    assert prune_pending_photos() == 0
