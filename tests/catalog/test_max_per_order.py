"""The seller's "Maksimal per pesanan" in the product form, given/when/then."""

import pytest

from pasardesa.catalog.models import Category, Product
from tests.demo_fixtures import page
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

KEY = "4c1e7b2a-9d3f-4e5a-8b6c-1f2e3d4c5b6a"


def form_data(**changes) -> dict:
    food = Category.objects.get(slug="makanan-minuman")
    data = {
        "kind": "barang",
        "name": "Keripik Pisang",
        "category": str(food.pk),
        "description": "",
        "price": "12.500",
        "unit": "bungkus",
        "discount_percent": "",
        "discount_idr": "",
        "stock": "50",
        "max_per_order": "20",
        "idempotency_key": KEY,
    }
    return data | changes


def test_the_add_form_offers_20_per_order_and_saves_the_sellers_choice(maria, client_a):
    # When Maria opens the add form, then the cap field is there with 20 filled in
    url = f"/kelola/penjual/{maria.pk}/produk/baru/"
    html = page(client_a.get(url))
    (field,) = html.find_all("input", name="max_per_order")
    assert field["value"] == "20"
    assert "Maksimal per pesanan" in html.text

    # When she saves it with 5
    client_a.post(url, form_data(max_per_order="5"))

    # Then the product allows 5 per order
    assert Product.objects.get(name="Keripik Pisang").max_per_order == 5


def test_an_empty_cap_means_no_limit_and_a_bad_one_is_explained(maria, client_a):
    # Given one of Maria's products
    coffee = ProductFactory(seller=maria, name="Kopi Bubuk", stock=10)
    url = f"/kelola/produk/{coffee.pk}/"

    # When she saves 0, then she is told why, with what she typed kept
    response = client_a.post(url, form_data(name="Kopi Bubuk", max_per_order="0"))
    html = page(response)
    assert "Maksimal per pesanan paling sedikit 1." in html.text
    assert html.find_all("input", name="max_per_order", value="0")
    coffee.refresh_from_db()
    assert coffee.max_per_order == 20

    # When she empties the field, then the product has no cap
    client_a.post(url, form_data(name="Kopi Bubuk", max_per_order=""))
    coffee.refresh_from_db()
    assert coffee.max_per_order is None
    # and the edit form shows it empty
    (field,) = page(client_a.get(url)).find_all("input", name="max_per_order")
    assert not field.get("value")
