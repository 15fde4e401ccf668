"""Product invariants held by the database itself, whatever code writes the row.

Every write here goes around ``full_clean`` (``objects.create``, ``save``,
``queryset.update``): the constraints must stop it anyway. The sale price is a
stored generated column, computed by SQLite or PostgreSQL, never by Python.
"""

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasardesa.catalog.models import Category, Product, ProductPhoto
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory()


@pytest.fixture
def category():
    return Category.objects.get(slug="makanan-minuman")


@pytest.fixture
def make(seller, category):
    def make(**fields):
        values = {
            "seller": seller,
            "category": category,
            "name": "Kopi Alor",
            "slug": "kopi-alor",
            "price_idr": 25_000,
        }
        with transaction.atomic():
            return Product.objects.create(**(values | fields))

    return make


def sale_price_in_db(product) -> int:
    return Product.objects.values_list("sale_price_idr", flat=True).get(pk=product.pk)


class TestRefusedByTheDatabase:
    def test_given_valid_fields_then_created(self, make):
        product = make(stock=0, discount_idr=25_000)
        assert sale_price_in_db(product) == 0

    @pytest.mark.parametrize(
        "fields",
        [
            pytest.param({"price_idr": -1}, id="negative-price"),
            pytest.param({"stock": -1}, id="negative-stock"),
            pytest.param({"discount_idr": 25_001}, id="discount-above-price"),
            pytest.param({"discount_idr": 0}, id="discount-rp-zero"),
            pytest.param({"discount_idr": -500}, id="discount-rp-negative"),
            pytest.param({"price_idr": 0, "discount_idr": 1}, id="discount-on-free"),
            pytest.param({"discount_idr": 1_000, "discount_percent": 10}, id="both-discounts"),
            pytest.param({"discount_percent": 0}, id="percent-0"),
            pytest.param({"discount_percent": 101}, id="percent-101"),
            pytest.param({"kind": "sewa"}, id="unknown-kind"),
            pytest.param({"status": "deleted"}, id="unknown-status"),
        ],
    )
    def test_given_an_invalid_row_when_created_then_integrity_error(self, make, fields):
        with pytest.raises(IntegrityError):
            make(**fields)
        assert not Product.objects.exists()

    @pytest.mark.parametrize(
        "change",
        [
            pytest.param({"price_idr": -25_000}, id="negative-price"),
            pytest.param({"stock": -1}, id="negative-stock"),
            pytest.param({"discount_percent": 101}, id="percent-101"),
            pytest.param({"discount_percent": 10}, id="percent-on-top-of-rp-discount"),
            # Lowering the price under an existing Rp discount.
            pytest.param({"price_idr": 4_999}, id="price-below-discount"),
        ],
    )
    def test_given_a_bulk_update_that_breaks_a_rule_then_integrity_error(self, make, change):
        product = make(stock=3, discount_idr=5_000)
        with pytest.raises(IntegrityError), transaction.atomic():
            Product.objects.filter(pk=product.pk).update(**change)
        product.refresh_from_db()
        assert (product.price_idr, product.stock, product.discount_idr) == (25_000, 3, 5_000)
        assert product.discount_percent is None

    def test_given_save_without_full_clean_then_integrity_error(self, make):
        product = make()
        product.price_idr = -1
        with pytest.raises(IntegrityError), transaction.atomic():
            product.save()
        assert Product.objects.get(pk=product.pk).price_idr == 25_000


class TestSalePriceComputedByTheDatabase:
    @pytest.mark.parametrize(
        ("price", "discount_idr", "discount_percent", "expected"),
        [
            (25_000, None, None, 25_000),
            (25_000, 5_000, None, 20_000),
            (25_000, 25_000, None, 0),
            (25_000, None, 10, 22_500),
            (25_000, None, 100, 0),
            (0, None, 50, 0),
            (0, None, None, 0),
            # The percent discount is truncated (integer division), so the
            # buyer pays the rupiah fraction: 999 x 33% = 329.67 → 329 off.
            (999, None, 33, 670),
            (10, None, 15, 9),
            (1, None, 50, 1),
            (1, None, 99, 1),
            (9_999_999, None, 1, 9_900_000),
            (1_000_000_000_000, None, 7, 930_000_000_000),
        ],
    )
    def test_given_a_discount_then_sale_price_is_price_minus_discount(
        self, make, price, discount_idr, discount_percent, expected
    ):
        product = make(
            price_idr=price, discount_idr=discount_idr, discount_percent=discount_percent
        )
        assert sale_price_in_db(product) == expected
        # The saved instance already carries the database's value.
        assert product.sale_price_idr == expected
        assert product.has_discount is (expected < price)

    def test_given_a_bulk_update_then_sale_price_follows(self, make):
        product = make(discount_percent=10)
        Product.objects.filter(pk=product.pk).update(discount_percent=None, discount_idr=2_500)
        assert sale_price_in_db(product) == 22_500
        Product.objects.filter(pk=product.pk).update(price_idr=30_000)
        assert sale_price_in_db(product) == 27_500

    def test_sorting_and_filtering_use_the_sale_price(self, make):
        cheap_after_discount = make(name="A", price_idr=50_000, discount_percent=90)  # 5.000
        plain = make(name="B", price_idr=10_000)
        on_sale = make(name="C", price_idr=30_000, discount_idr=22_000)  # 8.000
        ordered = list(Product.objects.order_by("sale_price_idr"))
        assert ordered == [cheap_after_discount, on_sale, plain]
        assert set(Product.objects.filter(sale_price_idr__lte=8_000)) == {
            cheap_after_discount,
            on_sale,
        }

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        price=st.integers(min_value=0, max_value=10**12),
        discount=st.one_of(
            st.none(),
            st.tuples(st.just("idr"), st.floats(min_value=0, max_value=1)),
            st.tuples(st.just("percent"), st.integers(min_value=1, max_value=100)),
        ),
    )
    def test_any_valid_price_and_discount(self, make, price, discount):
        fields = {"price_idr": price}
        expected = price
        if discount and discount[0] == "percent":
            fields["discount_percent"] = discount[1]
            expected = price - price * discount[1] // 100
        elif discount and discount[0] == "idr" and price >= 1:
            amount = max(1, min(price, round(price * discount[1])))
            fields["discount_idr"] = amount
            expected = price - amount

        product = make(**fields)

        assert sale_price_in_db(product) == expected
        assert 0 <= expected <= price


class TestPhotoConstraints:
    def photo(self, product, position):
        with transaction.atomic():
            return ProductPhoto.objects.create(
                product=product,
                position=position,
                thumb="products/t.webp",
                thumb_width=320,
                thumb_height=240,
                image="products/d.webp",
                image_width=960,
                image_height=720,
            )

    def test_given_a_position_past_the_fifth_then_integrity_error(self):
        product = ProductFactory()
        self.photo(product, 4)
        with pytest.raises(IntegrityError):
            self.photo(product, 5)

    def test_given_two_photos_in_one_position_then_integrity_error(self):
        product = ProductFactory()
        self.photo(product, 0)
        with pytest.raises(IntegrityError):
            self.photo(product, 0)
        assert product.photos.count() == 1
