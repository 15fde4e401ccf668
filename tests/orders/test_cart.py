"""The session cart: several sellers and villages, bounded, never stale."""

from importlib import import_module

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from pasardesa.catalog.models import Product
from pasardesa.orders.cart import SESSION_KEY, Cart, clean_quantity
from pasardesa.sellers.models import Seller
from tests.orders.factories import product

pytestmark = pytest.mark.django_db


def new_session():
    return import_module(settings.SESSION_ENGINE).SessionStore()


def reloaded(session):
    """The session as the next request reads it (stored as JSON)."""
    session.save()
    return import_module(settings.SESSION_ENGINE).SessionStore(session.session_key)


@pytest.fixture
def cart():
    return Cart(new_session())


class TestChanges:
    def test_add_set_remove_clear(self, cart, kopi, tenun):
        # Given products of two sellers in two villages
        assert kopi.seller.store.village_id != tenun.seller.store.village_id
        # When the buyer adds, adds again, changes and removes
        assert cart.add(kopi.pk) == 1
        assert cart.add(str(kopi.pk), "2") == 3
        cart.add(tenun.pk, 1)
        assert cart.quantities() == {kopi.pk: 3, tenun.pk: 1}
        assert cart.set(kopi.pk, 5) == 5
        assert cart.total_quantity == 6
        cart.remove(tenun.pk)
        cart.remove(tenun.pk)  # again: nothing to do, no error
        cart.remove("bukan-id")
        assert cart.quantities() == {kopi.pk: 5}
        cart.clear()
        assert len(cart) == 0
        assert SESSION_KEY not in cart.session

    def test_the_cart_survives_the_next_request(self, kopi, tenun):
        session = new_session()
        Cart(session).add(kopi.pk, 2)
        Cart(session).add(tenun.pk, 1)
        assert Cart(reloaded(session)).quantities() == {kopi.pk: 2, tenun.pk: 1}

    @pytest.mark.parametrize(
        ("quantity", "message"),
        [
            (0, "Jumlah paling sedikit 1."),
            (-1, "Jumlah paling sedikit 1."),
            (10**12, "Jumlah paling banyak 9.999 per produk."),
            ("1e3", "Jumlah harus berupa angka bulat."),
            ("--5", "Jumlah harus berupa angka bulat."),
            ("9" * 30, "Jumlah paling banyak 9.999 per produk."),
            (None, "Jumlah harus berupa angka bulat."),
            (True, "Jumlah harus berupa angka bulat."),
        ],
    )
    def test_a_quantity_out_of_bounds_leaves_the_cart_as_it_was(
        self, cart, kopi, quantity, message
    ):
        cart.add(kopi.pk, 2)
        for change in (cart.add, cart.set):
            with pytest.raises(ValidationError) as caught:
                change(kopi.pk, quantity)
            assert caught.value.messages == [message]
        assert cart.quantities() == {kopi.pk: 2}

    def test_adding_past_9999_in_total_is_refused(self, cart, maria):
        rice = product(seller=maria, stock=None, max_per_order=None)  # no cap per order
        cart.add(rice.pk, 9_000)
        with pytest.raises(ValidationError, match=r"paling banyak 9\.999"):
            cart.add(rice.pk, 1_000)
        assert cart.quantities() == {rice.pk: 9_000}

    def test_more_than_in_stock_is_refused_with_what_is_left(self, cart, tenun):
        with pytest.raises(ValidationError) as caught:
            cart.add(tenun.pk, 4)
        assert caught.value.messages == ["Stok Tenun Ikat tinggal 3."]
        Product.objects.filter(pk=tenun.pk).update(stock=0)
        with pytest.raises(ValidationError, match="Tenun Ikat sudah habis"):
            cart.add(tenun.pk, 1)
        assert len(cart) == 0

    def test_a_product_not_for_sale_cannot_be_added(self, cart, kopi):
        hidden = product(status=Product.Status.HIDDEN)
        for product_id in (hidden.pk, 987654):
            with pytest.raises(ValidationError, match="sudah tidak dijual lagi"):
                cart.add(product_id)
        for product_id in (0, -5, "abc", 2**64):
            with pytest.raises(ValidationError, match="Produk tidak ditemukan"):
                cart.add(product_id)
        assert len(cart) == 0

    def test_at_most_100_lines(self, cart, maria):
        items = [product(seller=maria, stock=None) for _ in range(101)]
        for item in items[:100]:
            cart.add(item.pk)
        with pytest.raises(ValidationError, match="paling banyak berisi 100 macam produk"):
            cart.add(items[100].pk)
        with pytest.raises(ValidationError, match="paling banyak berisi 100 macam produk"):
            cart.set(items[100].pk, 1)
        # Products already in the cart can still change
        assert cart.add(items[0].pk) == 2
        assert len(cart) == 100


class TestLines:
    def test_lines_in_one_query_with_seller_and_village(
        self, cart, kopi, tenun, django_assert_num_queries
    ):
        cart.add(kopi.pk, 3)
        cart.add(tenun.pk, 1)
        with django_assert_num_queries(1):
            lines = cart.lines()
            villages = [line.product.seller.store.village.name for line in lines]
        assert [line.product_id for line in lines] == [kopi.pk, tenun.pk]
        assert len(set(villages)) == 2
        assert [line.line_total_idr for line in lines] == [75_000, 350_000]
        assert lines[0].line_total_display == "Rp75.000"

    def test_products_no_longer_for_sale_are_dropped(self, cart, kopi, tenun, maria):
        sugar = product(seller=maria, name="Gula Aren")
        for item in (kopi, tenun, sugar):
            cart.add(item.pk)
        Product.objects.filter(pk=kopi.pk).update(status=Product.Status.HIDDEN)
        Seller.objects.filter(pk=tenun.seller_id).update(status=Seller.Status.SUSPENDED)
        lines = cart.lines()
        assert [line.product_id for line in lines] == [sugar.pk]
        assert cart.dropped == 2
        assert cart.quantities() == {sugar.pk: 1}

    def test_a_price_change_shows_at_once(self, cart, kopi):
        cart.add(kopi.pk, 2)
        Product.objects.filter(pk=kopi.pk).update(discount_idr=5_000)
        assert cart.lines()[0].line_total_idr == 40_000

    def test_a_line_short_of_stock_is_flagged(self, cart, kopi):
        cart.add(kopi.pk, 8)
        Product.objects.filter(pk=kopi.pk).update(stock=5)
        assert cart.lines()[0].is_short

    def test_grouped_per_seller_in_the_order_added(self, cart, kopi, tenun, maria):
        sugar = product(seller=maria, name="Gula Aren", price_idr=10_000)
        cart.add(kopi.pk, 1)
        cart.add(tenun.pk, 1)
        cart.add(sugar.pk, 2)
        groups = cart.groups()
        assert [g.seller.pk for g in groups] == [maria.pk, tenun.seller_id]
        assert [g.subtotal_idr for g in groups] == [45_000, 350_000]
        assert groups[1].subtotal_display == "Rp350.000"

    def test_a_tampered_session_is_read_safely(self, kopi):
        session = new_session()
        session[SESSION_KEY] = {str(kopi.pk): 2, "abc": 1, "5": -4, "6": 10**12, "7": "x"}
        assert Cart(session).quantities() == {kopi.pk: 2}
        session[SESSION_KEY] = ["not", "a", "dict"]
        assert Cart(session).lines() == []

    def test_an_empty_cart_costs_no_query(self, cart, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert cart.lines() == []


@pytest.mark.parametrize(("typed", "value"), [("7", 7), (" 12 ", 12), (9_999, 9_999)])
def test_clean_quantity_reads_what_people_type(typed, value):
    assert clean_quantity(typed) == value
