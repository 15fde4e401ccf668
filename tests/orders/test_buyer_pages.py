"""The buyer's pages: cart, checkout, confirmation and tracking, without JavaScript."""

import uuid

import pytest
from django.urls import reverse

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Checkout, Order, OrderEvent, OrderStatus
from tests.demo_fixtures import Html, gzip_size, page, whatsapp_text
from tests.factories import village
from tests.orders.factories import checkout_form, stock_of

pytestmark = pytest.mark.django_db

BUDGET = 14_000


def add(client, item: Product, quantity=1, **extra):
    return client.post(
        reverse("orders:cart_add"), {"product": item.pk, "jumlah": quantity, **extra}
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

    def test_the_sellers_own_village_is_offered_and_picked_by_its_full_name(self, client, kopi):
        # Given a buyer of a Dulolong seller (most buyers are neighbours)
        add(client, kopi, 1)
        dulolong = kopi.seller.store.village
        # When the checkout opens
        response = client.get(reverse("orders:checkout"))
        html = page(response)
        # Then the seller's village is already picked, named with its kecamatan and kabupaten
        picked = html.find_all("input", type="radio", name="village", checked="")
        assert [radio["value"] for radio in picked] == [dulolong.code]
        assert f"Desa {dulolong.name}, Kec. Alor Barat Laut, Kab. Alor" in html.text
        # and there is no code to type
        assert not html.find_all("input", type="text", name="village")

    def test_a_village_search_keeps_what_the_buyer_typed_and_names_each_village(self, client, kopi):
        # Given two villages called Sukamaju in two kecamatan
        one = village("53.05.02.2010", "Sukamaju")
        other = village("53.05.03.2011", "Sukamaju")
        add(client, kopi, 1)
        typed = checkout_form(client) | {"buyer_name": "Yohanis Maro", "note": "Sore saja"}
        # When the buyer, having typed their details, searches "sukam"
        response = client.post(
            reverse("orders:checkout"), typed | {"cari": "sukam", "cari_desa": "1"}
        )
        html = page(response)
        # Then nothing is placed, what they typed is still there, and both
        # villages are offered, told apart by their kecamatan
        assert response.status_code == 200
        assert Checkout.objects.count() == 0
        assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
        assert "Sore saja" in html.text
        assert html.find_all("input", name="cari", value="sukam")
        offered = {radio["value"] for radio in html.find_all("input", name="village")}
        assert {one.code, other.code} <= offered
        assert f"Desa Sukamaju, Kec. {other.parent.name}, Kab. Alor" in html.text
        assert "2 desa ditemukan" in html.text
        assert not html.find_all("div", class_="fld bad")
        assert gzip_size(response.content) <= BUDGET
        # And when they pick the second and order, the order goes to that village
        placed = client.post(reverse("orders:checkout"), typed | {"village": other.code})
        assert placed.status_code == 302
        assert Checkout.objects.get().village == other

    def test_picking_up_asks_for_no_address(self, client, kopi):
        add(client, kopi, 1)
        form = checkout_form(client) | {
            "address": "",
            "village": "",
            "dusun": "",
            "rt": "",
            "rw": "",
        }
        assert form[f"fulfilment_{kopi.seller_id}"] == "pickup"
        response = client.post(reverse("orders:checkout"), form)
        assert response.status_code == 302
        assert Checkout.objects.get().address == ""

    def test_a_delivery_without_an_address_says_so_and_keeps_the_rest(self, client, kopi):
        add(client, kopi, 1)
        form = checkout_form(client) | {
            "address": "",
            f"fulfilment_{kopi.seller_id}": "seller_delivery",
        }
        response = client.post(reverse("orders:checkout"), form)
        html = page(response)
        assert response.status_code == 200
        assert "Tulis alamat Anda" in html.text
        assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
        assert Checkout.objects.count() == 0

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
    # and one "Jumlah" serves both ways to order: the cart button posts it to the cart
    html = page(first)
    assert len(html.find_all("input", name="jumlah")) == 1
    assert html.find_all("button", formaction=reverse("orders:cart_add"), formmethod="post")

    # And that form, posted as it is, puts the product in the cart and says so
    response = browser.post(
        reverse("orders:cart_add"),
        {"product": coffee.pk, "jumlah": 2, "next": coffee.get_absolute_url()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == coffee.get_absolute_url()
    text = page(response).text
    assert "Ditambahkan ke keranjang (2 barang) · Lihat keranjang" in text
    assert page(response).find_all("a", href=reverse("orders:cart"))
    cart = browser.get(reverse("orders:cart"))
    assert "Kopi Alor" in cart.content.decode()

    # And once the message is read, the page with its cart count is again the
    # same bytes on every reload
    again = browser.get(coffee.get_absolute_url())
    assert "Ditambahkan" not in again.content.decode()
    assert (
        browser.get(coffee.get_absolute_url(), headers={"if-none-match": again["ETag"]}).status_code
        == 304
    )


def header_of(response):
    html = response.content.decode()
    return Html(html[html.index("<header>") : html.index("</header>")])


def test_every_page_header_counts_what_the_cart_holds(client, kopi, tenun):
    # Given an empty cart: the header says "Keranjang" with no number
    header = header_of(client.get("/"))
    assert "Keranjang" in header.text and not header.find_all("b", class_="n")
    # When the buyer adds 2 coffee and 1 woven cloth
    add(client, kopi, 2)
    add(client, tenun, 1)
    # Then every page's header counts 3 items, spoken as "3 barang"
    for url in ("/", kopi.get_absolute_url(), reverse("orders:cart")):
        header = header_of(client.get(url))
        assert [b for b in header.find_all("b", class_="n")] == [{"class": "n"}], url
        assert header.find_all(
            "a", href=reverse("orders:cart"), **{"aria-label": "Keranjang 3 barang"}
        )
        assert "Keranjang 3" in header_of(client.get(url)).text


def test_a_refused_add_says_why_on_the_product_page_and_counts_nothing(client, kopi):
    response = add(client, kopi, "banyak", next=kopi.get_absolute_url())
    shown = client.get(response["Location"])
    assert response["Location"] == kopi.get_absolute_url()
    assert "Jumlah harus berupa angka bulat." in page(shown).text
    assert not header_of(shown).find_all("b", class_="n")


@pytest.mark.parametrize(
    "typed",
    ["\x00dulo", "dulo\x00", "x" * 10_000, "<script>alert(1)</script>", "٣٣٣", "   ", "%_%"],
)
def test_any_village_search_answers_with_the_page_never_an_error(client, kopi, typed):
    add(client, kopi, 1)
    form = checkout_form(client) | {"cari": typed, "cari_desa": "1", "village": typed}
    response = client.post(reverse("orders:checkout"), form)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert Checkout.objects.count() == 0
