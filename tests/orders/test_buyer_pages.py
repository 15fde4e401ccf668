"""The buyer's pages: cart, checkout, confirmation and tracking, without JavaScript."""

import uuid

import pytest
from django.urls import reverse

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Checkout, Order, OrderEvent, OrderStatus
from tests.demo_fixtures import gzip_size, page, whatsapp_text
from tests.factories import village
from tests.orders.factories import checkout_form, stock_of

pytestmark = pytest.mark.django_db

BUDGET = 14_000


def add(client, item: Product, quantity=1, **extra):
    return client.post(
        reverse("orders:cart_add"), {"product": item.pk, "quantity": quantity, **extra}
    )


def messages_of(response) -> str:
    return page(response).text


class TestCart:
    def test_products_of_two_sellers_are_grouped_with_totals(self, client, kopi, tenun):
        # Given a buyer who adds 2 coffees and 1 cloth of two sellers
        add(client, kopi, 2)
        response = add(client, tenun, 1)
        # Then they land on the cart, grouped by seller, with totals in rupiah
        assert response.status_code == 302
        assert response["Location"] == reverse("orders:cart")
        response = client.get(reverse("orders:cart"))
        text = page(response).text
        assert "Kopi Ibu Maria" in text and "Tenun Mama Ros" in text
        assert "Rp50.000" in text and "Rp350.000" in text and "Rp400.000" in text
        assert reverse("orders:checkout") in page(response).hrefs()
        assert "no-cache" in response["Cache-Control"]
        assert gzip_size(response.content) <= BUDGET

    def test_add_goes_back_to_a_safe_next_only(self, client, kopi):
        # Given a buyer on the product page
        # When the add form carries a next on this site, then elsewhere
        local = add(client, kopi, 1, next="/produk/1/kopi/")
        foreign = add(client, kopi, 1, next="https://jahat.example/")
        # Then the first goes back there, the second to the cart
        assert local["Location"] == "/produk/1/kopi/"
        assert foreign["Location"] == reverse("orders:cart")

    @pytest.mark.parametrize("quantity", ["0", "-1", str(10**12), "abc", ""])
    def test_a_bad_quantity_is_a_message_never_an_error(self, client, kopi, quantity):
        # Given a product in the cart
        add(client, kopi, 1)
        # When a bad quantity is added or set
        added = add(client, kopi, quantity)
        changed = client.post(
            reverse("orders:cart_update"), {"product": kopi.pk, "quantity": quantity}
        )
        # Then both redirect with a message, and the cart keeps 1
        assert added.status_code == changed.status_code == 302
        response = client.get(reverse("orders:cart"))
        assert page(response).find_all("div", class_="err")
        assert client.session["cart"] == {str(kopi.pk): 1}

    def test_an_unavailable_product_or_too_many_is_refused(self, client, kopi):
        # Given a hidden product and one with 10 in stock
        Product.objects.filter(pk=kopi.pk).update(status=Product.Status.HIDDEN)
        hidden = add(client, kopi, 1)
        assert "tidak dijual" in messages_of(client.get(hidden["Location"]))
        Product.objects.filter(pk=kopi.pk).update(status=Product.Status.ACTIVE)
        # When 11 are asked
        too_many = add(client, kopi, 11)
        # Then the page says how many are left; nothing is in the cart
        assert "tinggal 10" in messages_of(client.get(too_many["Location"]))
        assert "cart" not in client.session or client.session["cart"] == {}
        assert add(client, kopi, 1, product="abc").status_code == 302

    def test_change_and_remove(self, client, kopi, tenun):
        add(client, kopi, 1)
        add(client, tenun, 1)
        client.post(reverse("orders:cart_update"), {"product": kopi.pk, "quantity": "4"})
        client.post(reverse("orders:cart_remove"), {"product": tenun.pk})
        assert client.session["cart"] == {str(kopi.pk): 4}
        assert client.get(reverse("orders:cart_add")).status_code == 405


class TestCheckout:
    def test_two_sellers_with_cod_make_two_orders_with_whatsapp_links(self, client, kopi, tenun):
        # Given a cart of two sellers' products
        add(client, kopi, 2)
        add(client, tenun, 1)
        form = checkout_form(client)
        assert set(form.values()) >= {"cod", "pickup"}
        # When the buyer checks out with COD (the default) for both
        response = client.post(reverse("orders:checkout"), form)
        # Then one checkout and two orders exist, and the cart is empty
        assert response.status_code == 302
        assert Checkout.objects.count() == 1
        orders = list(Order.objects.order_by("pk"))
        assert len(orders) == 2
        assert {o.payment_method for o in orders} == {"cod"}
        assert client.session.get("cart", {}) == {}
        # And the confirmation shows two wa.me links carrying the number and the
        # seller's own page of the order, and the buyer's tracking link beside them
        confirmation = client.get(response["Location"])
        assert confirmation.status_code == 200
        assert gzip_size(confirmation.content) <= BUDGET
        links = page(confirmation).wa_links()
        assert len(links) == 2
        texts = [whatsapp_text(link) for link in links]
        for order in orders:
            tracking = "http://testserver" + reverse("orders:track", args=[order.tracking_token])
            answer = "http://testserver" + reverse(
                "orders:seller_order", args=[order.seller_id, order.number]
            )
            assert any(order.number in t and answer in t for t in texts)
            assert tracking in page(confirmation).hrefs()
        assert not any(o.tracking_token in t for o in orders for t in texts)

    def test_the_confirmation_opens_only_in_the_session_that_placed_it(self, client, kopi):
        add(client, kopi, 1)
        confirmation = client.post(reverse("orders:checkout"), checkout_form(client))["Location"]
        client.cookies.clear()
        assert client.get(confirmation).status_code == 404
        assert client.get(reverse("orders:confirmation", args=[uuid.uuid4()])).status_code == 404

    def test_replaying_the_same_post_five_times_makes_one_checkout(self, client, kopi, tenun):
        # Given a filled checkout form
        add(client, kopi, 1)
        add(client, tenun, 1)
        form = checkout_form(client)
        # When it is posted 5 times (double taps, browser retries)
        responses = [client.post(reverse("orders:checkout"), form) for _n in range(5)]
        # Then every answer leads to the same confirmation; one checkout, stock taken once
        assert {r.status_code for r in responses} == {302}
        assert len({r["Location"] for r in responses}) == 1
        assert Checkout.objects.count() == 1
        assert Order.objects.count() == 2
        assert stock_of(kopi) == 9

    def test_a_tampered_price_re_renders_with_the_change_and_places_nothing(self, client, kopi):
        # Given a checkout form whose hidden price was changed to Rp1
        add(client, kopi, 2)
        form = checkout_form(client) | {f"price_{kopi.pk}": "1"}
        # When it is posted
        response = client.post(reverse("orders:checkout"), form)
        # Then the page lists the change, keeps the input, and nothing was placed
        assert response.status_code == 200
        html = page(response)
        assert "Harga Kopi Alor sekarang Rp25.000" in html.text
        assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
        assert html.find_all("input", name=f"price_{kopi.pk}", value="25000")
        assert Checkout.objects.count() == 0
        assert stock_of(kopi) == 10
        assert gzip_size(response.content) <= BUDGET

    def test_a_price_changed_since_the_cart_is_listed_then_accepted(self, client, kopi):
        # Given a checkout page drawn at Rp25.000
        add(client, kopi, 1)
        form = checkout_form(client)
        # When the seller raises the price before the buyer taps "Pesan"
        Product.objects.filter(pk=kopi.pk).update(price_idr=30_000)
        response = client.post(reverse("orders:checkout"), form)
        # Then the change is listed, the cart shows the new price, nothing is placed
        assert "Harga Kopi Alor sekarang Rp30.000" in page(response).text
        assert "Rp30.000" in page(response).text
        assert Checkout.objects.count() == 0
        # And confirming the re-drawn form places it at the new price
        redrawn = {**form, f"price_{kopi.pk}": "30000"}
        assert client.post(reverse("orders:checkout"), redrawn).status_code == 302
        assert Order.objects.get().subtotal_idr == 30_000

    def test_bad_details_are_shown_on_their_fields(self, client, kopi):
        add(client, kopi, 1)
        form = checkout_form(client) | {"buyer_phone": "12", "village": "99.99.99.9999"}
        response = client.post(reverse("orders:checkout"), form)
        assert response.status_code == 200
        assert page(response).find_all("div", class_="fld bad")
        assert "Pilih desa/kelurahan dari daftar." in page(response).text
        assert Checkout.objects.count() == 0

    def test_the_village_is_found_by_name_and_picked_without_javascript(self, client, kopi):
        # Given a buyer on the checkout page
        add(client, kopi, 1)
        dulolong = village()
        # When they search "dulo" and tap the result
        found = client.get(reverse("orders:checkout"), {"cari": "dulo"})
        link = next(h for h in page(found).hrefs() if f"desa={dulolong.code}" in h)
        picked = client.get(reverse("orders:checkout") + link.replace("&amp;", "&"))
        # Then the village field is filled with its code
        assert page(picked).find_all("input", name="village", value=dulolong.code)
        assert gzip_size(picked.content) <= BUDGET

    def test_an_empty_cart_goes_back_to_the_cart(self, client):
        assert client.get(reverse("orders:checkout"))["Location"] == reverse("orders:cart")


class TestTracking:
    def test_the_page_shows_the_order_and_its_events_and_cancels_once(self, client, kopi):
        # Given a new order of 2 coffees, placed in this browser
        add(client, kopi, 2)
        assert client.post(reverse("orders:checkout"), checkout_form(client)).status_code == 302
        order = Order.objects.get()
        url = reverse("orders:track", args=[order.tracking_token])
        # When the buyer opens the private link
        response = client.get(url)
        # Then status, lines, total, choices and history show; never cached, not indexed
        html = page(response)
        assert order.number in html.text and "Rp50.000" in html.text
        assert "Menunggu jawaban penjual" in html.text and "Ambil sendiri" in html.text
        assert html.meta("robots") == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert gzip_size(response.content) <= BUDGET
        cancel = reverse("orders:cancel", args=[order.tracking_token])
        assert html.find_all("form", action=cancel)
        # When they cancel, twice
        first = client.post(cancel)
        second = client.post(cancel)
        # Then it is cancelled once, the stock came back once, the second is a message
        assert first.status_code == second.status_code == 302
        order.refresh_from_db()
        assert order.status == OrderStatus.CANCELLED
        assert OrderEvent.objects.filter(order=order).count() == 2
        assert stock_of(kopi) == 10
        after = page(client.get(url))
        assert "tidak bisa diubah" in after.text
        assert "Dibatalkan" in after.text and "Pembeli" in after.text
        assert not after.find_all("form", action=cancel)

    def test_an_unknown_token_is_404(self, client):
        assert client.get(reverse("orders:track", args=["x" * 32])).status_code == 404
        assert client.post(reverse("orders:cancel", args=["nope"])).status_code == 404


def test_the_product_page_cart_form_works_and_the_page_stays_cacheable(db):
    # Given a buyer's browser that enforces CSRF like a real one
    from django.test import Client

    from tests.orders.factories import product

    browser = Client(enforce_csrf_checks=True)
    coffee = product(name="Kopi Alor", stock=5)

    # When the product page is loaded twice, it is the same bytes (so a 304 works)
    first = browser.get(coffee.get_absolute_url())
    second = browser.get(coffee.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert second.status_code == 304
    assert page(first).find_all("form", action=reverse("orders:cart_add"))

    # And its "Masukkan keranjang" form, posted as it is, puts the product in the cart
    response = browser.post(
        reverse("orders:cart_add"), {"product": coffee.pk, "quantity": 2, "next": "/"}
    )
    assert response.status_code == 302
    cart = browser.get(reverse("orders:cart"))
    assert "Kopi Alor" in cart.content.decode()
