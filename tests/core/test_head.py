"""HEAD is answered wherever GET is: uptime monitors and link checkers ask
with HEAD, and a 405 there reads as "the site is down"."""

import pytest
from django.urls import reverse

from tests.factories import ProductFactory, SellerFactory, StoreFactory, make_user, village
from tests.orders.factories import order_in
from tests.orders.offer_factories import negotiable, offer_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    store = StoreFactory(village=village(), slug="dulolong")
    seller = SellerFactory(store=store, slug="kopi-ibu-maria")
    product = ProductFactory(seller=seller, name="Kopi Alor")
    offer = offer_on(negotiable(seller=seller))
    order = order_in("new", item=ProductFactory(seller=seller, name="Madu Hutan"))
    return {"store": store, "seller": seller, "product": product, "offer": offer, "order": order}


def buyer_urls(m) -> list[str]:
    product = m["product"]
    return [
        "/",
        "/en/",
        "/cari/?q=kopi",
        "/wilayah/53.05/",
        f"/desa/{m['store'].slug}/",
        f"/penjual/{m['seller'].slug}/",
        product.get_absolute_url(),
        f"/en{product.get_absolute_url()}",
        reverse("catalog:product_whatsapp", args=[product.pk]) + "?jumlah=2",
        reverse("orders:cart"),
        reverse("orders:checkout"),
        reverse("orders:offer_new", args=[m["offer"].product_id]),
        reverse("orders:offer", args=[m["offer"].token]),
        reverse("orders:track", args=[m["order"].tracking_token]),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        "/robots.txt",
    ]


def test_every_buyer_page_answers_head_as_it_answers_get(client, market):
    for url in buyer_urls(market):
        # When a monitor asks for the headers only
        head = client.head(url)
        get = client.get(url)
        # Then it gets what a browser gets, without the body
        assert head.status_code == get.status_code, url
        assert head.status_code in (200, 302), (url, head.status_code)
        assert head.content == b"", url
        if head.status_code == 200:
            assert head["Content-Type"].startswith(get["Content-Type"].split(";")[0]), url


def test_dashboard_pages_answer_head_when_logged_in(client, market):
    # Given a logged-in person
    client.force_login(make_user("0812-3456-7890", "Maria"))
    for url in (reverse("kelola:home"), reverse("orders:history")):
        assert client.head(url).status_code == client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", ["/keranjang/tambah/", "/akun/keluar/"])
def test_head_does_not_open_actions_that_need_a_post(client, url):
    # A POST-only action stays POST-only: HEAD is a read
    assert client.head(url).status_code == 405
