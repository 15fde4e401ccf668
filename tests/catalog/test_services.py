"""Catalogue writes: products are validated before saving, photos all or nothing."""

import io
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image

from pasardesa.catalog.models import MAX_PHOTOS_PER_PRODUCT, Category, Product, ProductPhoto
from pasardesa.catalog.services import (
    ProductData,
    add_product_photo,
    create_product,
    update_product,
)
from pasardesa.core.images import ERROR_BROKEN, ERROR_NOT_IMAGE, ERROR_TOO_MANY_PIXELS
from tests.demo_fixtures import png_declaring
from tests.factories import ProductFactory, SellerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory()


@pytest.fixture
def coffee():
    return ProductData(
        name="Kopi Robusta Alor",
        category=Category.objects.get(slug="makanan-minuman"),
        price_idr=25_000,
        description="Kopi bubuk dari kebun warga Dulolong.",
        unit="bungkus",
        stock=12,
    )


def jpeg(width=640, height=480, color=(150, 90, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(data: bytes, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


class TestCreateProduct:
    def test_given_valid_data_then_product_saved_with_slug_and_search_words(self, seller, coffee):
        product = create_product(seller=seller, data=coffee)

        product.refresh_from_db()
        assert product.seller == seller
        assert product.slug == "kopi-robusta-alor"
        assert product.price_idr == product.sale_price_idr == 25_000
        assert product.stock == 12
        assert product.status == Product.Status.ACTIVE
        assert "kopi" in product.search_text.split()
        assert "dulolong" in product.search_text.split()

    def test_given_a_percent_discount_then_sale_price_from_the_database(self, seller, coffee):
        product = create_product(seller=seller, data=replace(coffee, discount_percent=10))
        assert product.sale_price_idr == 22_500
        assert product.has_discount

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            pytest.param({"name": ""}, "name", id="empty-name"),
            pytest.param({"name": "K" * 121}, "name", id="name-too-long"),
            pytest.param({"price_idr": -1}, "__all__", id="negative-price"),
            pytest.param({"stock": -1}, "stock", id="negative-stock"),
            pytest.param({"discount_idr": 25_001}, "__all__", id="discount-above-price"),
            pytest.param(
                {"discount_idr": 1_000, "discount_percent": 10}, "__all__", id="both-discounts"
            ),
            pytest.param({"discount_percent": 0}, "__all__", id="percent-0"),
            pytest.param({"discount_percent": 101}, "__all__", id="percent-101"),
            pytest.param({"kind": "sewa"}, "kind", id="unknown-kind"),
            pytest.param({"unit": ""}, "unit", id="empty-unit"),
        ],
    )
    def test_given_invalid_data_then_validation_error_and_nothing_saved(
        self, seller, coffee, changes, field
    ):
        with pytest.raises(ValidationError) as excinfo:
            create_product(seller=seller, data=replace(coffee, **changes))

        assert field in excinfo.value.message_dict
        assert not Product.objects.exists()

    @pytest.mark.parametrize("blank", ["   ", "\t\n", "\u00a0"])
    def test_given_a_name_of_only_spaces_then_validation_error_and_nothing_saved(
        self, seller, coffee, blank
    ):
        # "   " is not blank to Django: the service strips before validating,
        # because the API and commands do not go through a form.
        with pytest.raises(ValidationError):
            create_product(seller=seller, data=replace(coffee, name=blank))
        assert not Product.objects.exists()

    def test_given_a_service_without_stock_then_stock_stays_unlimited(self, seller, coffee):
        sewing = replace(
            coffee,
            name="Jahit Kebaya",
            category=Category.objects.get(slug="jasa"),
            kind=Product.Kind.SERVICE,
            unit="potong",
            stock=None,
        )

        product = create_product(seller=seller, data=sewing)

        product.refresh_from_db()
        assert product.is_service
        assert product.stock is None
        assert not product.is_sold_out

    def test_given_goods_with_zero_stock_then_sold_out(self, seller, coffee):
        product = create_product(seller=seller, data=replace(coffee, stock=0))
        assert product.is_sold_out


class TestUpdateProduct:
    def test_given_a_new_price_and_discount_then_sale_price_changes(self, seller, coffee):
        product = create_product(seller=seller, data=coffee)

        updated = update_product(
            product=product, data=replace(coffee, price_idr=30_000, discount_idr=5_000)
        )

        assert updated.sale_price_idr == 25_000
        assert Product.objects.get(pk=product.pk).sale_price_idr == 25_000

    def test_given_the_discount_removed_then_sale_price_back_to_price(self, seller, coffee):
        product = create_product(seller=seller, data=replace(coffee, discount_percent=50))
        updated = update_product(product=product, data=coffee)
        assert updated.sale_price_idr == 25_000

    def test_given_a_new_name_then_slug_and_search_words_follow(self, seller, coffee):
        product = create_product(seller=seller, data=coffee)
        update_product(product=product, data=replace(coffee, name="Keripik Pisang"))
        product.refresh_from_db()
        assert product.slug == "keripik-pisang"
        assert "keripik" in product.search_text.split()

    def test_given_invalid_data_then_error_and_row_unchanged(self, seller, coffee):
        product = create_product(seller=seller, data=coffee)

        with pytest.raises(ValidationError):
            update_product(product=product, data=replace(coffee, price_idr=-5, name="Baru"))

        stored = Product.objects.get(pk=product.pk)
        assert (stored.name, stored.price_idr, stored.sale_price_idr) == (
            "Kopi Robusta Alor",
            25_000,
            25_000,
        )


class TestAddProductPhoto:
    def test_given_a_jpeg_then_photo_row_and_two_webp_files(self, settings):
        product = ProductFactory()

        photo = add_product_photo(product=product, upload=upload(jpeg()))

        photo.refresh_from_db()
        assert photo.position == 0
        assert photo.alt == product.name
        assert (photo.image_width, photo.image_height) == (640, 480)
        assert max(photo.thumb_width, photo.thumb_height) <= 320
        files = media_files(settings)
        assert [p.suffix for p in files] == [".webp", ".webp"]
        assert {
            settings.MEDIA_ROOT / photo.thumb.name,
            settings.MEDIA_ROOT / photo.image.name,
        } == set(files)
        # The original upload is never stored.
        assert not any(p.suffix == ".jpg" for p in files)

    @pytest.mark.parametrize(
        ("data", "code", "message"),
        [
            pytest.param(
                b"Bukan foto, hanya teks.\n" * 10, "not_image", ERROR_NOT_IMAGE, id="text"
            ),
            pytest.param(b"", "not_image", ERROR_NOT_IMAGE, id="empty"),
            pytest.param(jpeg()[:400], "broken", ERROR_BROKEN, id="truncated"),
            pytest.param(
                png_declaring(20_000, 20_000),
                "too_many_pixels",
                ERROR_TOO_MANY_PIXELS,
                id="decompression-bomb",
            ),
        ],
    )
    def test_given_a_bad_file_then_no_row_and_no_file(self, settings, data, code, message):
        product = ProductFactory()
        add_product_photo(product=product, upload=upload(jpeg()))
        before = media_files(settings)

        with pytest.raises(ValidationError) as excinfo:
            add_product_photo(product=product, upload=upload(data))

        assert excinfo.value.code == code
        assert excinfo.value.messages == [str(message)]
        assert list(product.photos.values_list("position", flat=True)) == [0]
        assert media_files(settings) == before

    def test_given_five_photos_then_a_sixth_is_refused(self, settings):
        product = ProductFactory()
        for shade in range(MAX_PHOTOS_PER_PRODUCT):
            add_product_photo(product=product, upload=upload(jpeg(120, 90, (40 * shade, 80, 120))))
        assert list(product.photos.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
        before = media_files(settings)
        assert len(before) == 2 * MAX_PHOTOS_PER_PRODUCT

        with pytest.raises(ValidationError) as excinfo:
            add_product_photo(product=product, upload=upload(jpeg(120, 90, (1, 2, 3))))

        assert excinfo.value.code == "too_many_photos"
        assert "5 foto" in excinfo.value.messages[0]
        assert ProductPhoto.objects.filter(product=product).count() == MAX_PHOTOS_PER_PRODUCT
        assert media_files(settings) == before

    def test_given_photos_of_another_product_then_they_do_not_count(self):
        full = ProductFactory()
        for _ in range(MAX_PHOTOS_PER_PRODUCT):
            add_product_photo(product=full, upload=upload(jpeg(64, 48)))
        other = ProductFactory()
        assert add_product_photo(product=other, upload=upload(jpeg(64, 48))).position == 0

    def test_given_the_row_insert_fails_then_written_files_are_removed(self, settings, monkeypatch):
        product = ProductFactory()
        add_product_photo(product=product, upload=upload(jpeg()))
        before = media_files(settings)

        def failing_save(self, *args, **kwargs):
            raise IntegrityError("simulated failure of the INSERT")

        monkeypatch.setattr(ProductPhoto, "save", failing_save)
        with pytest.raises(IntegrityError):
            add_product_photo(product=product, upload=upload(jpeg(300, 200)))

        assert media_files(settings) == before
        assert product.photos.count() == 1

    def test_given_a_gap_in_positions_then_a_new_photo_still_fits(self, settings):
        # The admin's photo inline deletes rows without closing the gap; a new
        # photo must still find a free position (it goes after the last one).
        product = ProductFactory()
        for _ in range(3):
            add_product_photo(product=product, upload=upload(jpeg(64, 48)))
        ProductPhoto.objects.filter(product=product, position=0).delete()  # as the admin does

        try:
            photo = add_product_photo(product=product, upload=upload(jpeg(64, 48)))
        except IntegrityError as error:
            pytest.fail(f"adding a photo after a gap failed with IntegrityError: {error}")

        assert photo.position == 3
        assert sorted(product.photos.values_list("position", flat=True)) == [1, 2, 3]
        assert photo.thumb.storage.exists(photo.thumb.name)


def test_given_the_last_position_taken_then_a_new_photo_fills_a_gap(settings):
    product = ProductFactory()
    for _ in range(5):
        add_product_photo(product=product, upload=upload(jpeg(64, 48)))
    ProductPhoto.objects.filter(product=product, position=1).delete()

    photo = add_product_photo(product=product, upload=upload(jpeg(64, 48)))

    assert photo.position == 1
    assert product.photos.count() == 5
