"""Seller profiles: registration, opening hours, photo."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pasardesa.sellers.models import OpeningHours, Seller
from pasardesa.sellers.services import register_seller, set_opening_hours, set_seller_photo
from tests.factories import SellerFactory, StoreFactory

pytestmark = pytest.mark.django_db


def register(store, **overrides):
    fields = {
        "store": store,
        "business_name": "Kopi Alor Mama Maria",
        "owner_name": "Maria Lelang",
        "whatsapp": "0812-3456-7890",
    }
    return register_seller(**(fields | overrides))


@pytest.fixture
def store():
    return StoreFactory()


class TestRegisterSeller:
    @pytest.mark.parametrize(
        "typed", ["0812-3456-7890", "62812 3456 7890", "+62 812-3456-7890", "0812 3456 7890"]
    )
    def test_given_any_spelling_of_the_number_then_stored_as_e164(self, store, typed):
        seller = register(store, whatsapp=typed)
        seller.refresh_from_db()
        assert seller.whatsapp == "+6281234567890"

    def test_given_a_registration_then_pending_with_trimmed_fields(self, store):
        seller = register(
            store,
            business_name="  Kopi Alor Mama Maria ",
            owner_name=" Maria Lelang ",
            description="  Kopi robusta.  ",
        )
        seller.refresh_from_db()
        assert seller.status == Seller.Status.PENDING
        assert seller.store == store
        assert seller.business_name == "Kopi Alor Mama Maria"
        assert seller.owner_name == "Maria Lelang"
        assert seller.description == "Kopi robusta."
        assert seller.slug == "kopi-alor-mama-maria"
        assert seller.is_open

    @pytest.mark.parametrize("typed", ["", "0812", "bukan nomor", "0" * 40])
    def test_given_an_invalid_number_then_validation_error_and_nothing_saved(self, store, typed):
        with pytest.raises(ValidationError) as excinfo:
            register(store, whatsapp=typed)
        assert excinfo.value.code == "invalid_phone"
        assert "Nomor WhatsApp tidak valid" in excinfo.value.messages[0]
        assert not Seller.objects.exists()

    @pytest.mark.parametrize(
        "overrides",
        [
            {"business_name": "   "},
            {"owner_name": ""},
            {"business_name": "K" * 121},
            {"latitude": Decimal("95"), "longitude": Decimal("124.5")},
            {"latitude": Decimal("-8.2"), "longitude": Decimal("-200")},
            {"business_type": "bogus"},
        ],
    )
    def test_given_bad_fields_then_validation_error_and_nothing_saved(self, store, overrides):
        with pytest.raises(ValidationError):
            register(store, **overrides)
        assert not Seller.objects.exists()

    def test_given_coordinates_then_kept_for_the_map(self, store):
        seller = register(store, latitude=Decimal("-8.2184"), longitude=Decimal("124.5198"))
        seller.refresh_from_db()
        assert seller.latitude == Decimal("-8.218400")
        assert "mlat=-8.218400" in seller.map_url

    def test_given_equal_business_names_then_unique_slugs(self, store):
        other_store = StoreFactory()
        first = register(store)
        second = register(store)
        third = register(other_store, business_name="Kopi  Alor  Mama  Maria!")

        slugs = {first.slug, second.slug, third.slug}
        assert len(slugs) == 3
        assert all(slug.startswith("kopi-alor-mama-maria") for slug in slugs)
        assert Seller.objects.count() == 3

    def test_given_a_name_without_letters_then_still_a_slug(self, store):
        first = register(store, business_name="!!!")
        second = register(store, business_name="???")
        assert first.slug
        assert second.slug
        assert first.slug != second.slug

    def test_given_a_very_long_name_then_slug_fits_the_column(self, store):
        name = "Usaha Bersama Kelompok Tani dan Nelayan " * 3
        first = register(store, business_name=name[:120])
        second = register(store, business_name=name[:120])
        for seller in (first, second):
            assert len(seller.slug) <= Seller._meta.get_field("slug").max_length
        assert first.slug != second.slug


class TestSetOpeningHours:
    def test_given_a_week_then_rows_replace_the_old_ones(self):
        seller = SellerFactory()
        set_opening_hours(seller=seller, hours={6: (datetime.time(7), datetime.time(9))})

        set_opening_hours(
            seller=seller,
            hours={
                0: (datetime.time(8), datetime.time(12)),
                2: (datetime.time(13), datetime.time(17, 30)),
            },
        )

        assert list(seller.opening_hours.values_list("weekday", "opens", "closes")) == [
            (0, datetime.time(8), datetime.time(12)),
            (2, datetime.time(13), datetime.time(17, 30)),
        ]

    def test_given_opens_after_closes_then_error_and_old_hours_kept(self):
        seller = SellerFactory()
        set_opening_hours(seller=seller, hours={0: (datetime.time(8), datetime.time(12))})

        with pytest.raises(ValidationError):
            set_opening_hours(
                seller=seller,
                hours={
                    0: (datetime.time(8), datetime.time(12)),
                    1: (datetime.time(17), datetime.time(8)),
                },
            )

        assert list(seller.opening_hours.values_list("weekday", flat=True)) == [0]

    def test_given_empty_hours_then_no_rows_and_open_while_switch_on(self):
        seller = SellerFactory()
        set_opening_hours(seller=seller, hours={0: (datetime.time(8), datetime.time(12))})
        set_opening_hours(seller=seller, hours={})
        assert not OpeningHours.objects.filter(seller=seller).exists()
        assert seller.is_open_at(datetime.datetime(2026, 3, 3, 3, tzinfo=datetime.UTC), [])


class TestSetSellerPhoto:
    def test_given_a_jpeg_then_webp_detail_and_thumb_stored(self, settings):
        seller = SellerFactory()
        buffer = io.BytesIO()
        Image.new("RGB", (800, 600), (150, 90, 40)).save(buffer, "JPEG")

        set_seller_photo(seller=seller, upload=SimpleUploadedFile("foto.jpg", buffer.getvalue()))

        seller.refresh_from_db()
        assert seller.photo.name.endswith(".webp")
        assert seller.photo_thumb.name.endswith(".webp")
        assert (settings.MEDIA_ROOT / seller.photo.name).is_file()
        assert (settings.MEDIA_ROOT / seller.photo_thumb.name).is_file()

    def test_given_not_a_photo_then_error_and_nothing_stored(self, settings):
        seller = SellerFactory()
        with pytest.raises(ValidationError) as excinfo:
            set_seller_photo(seller=seller, upload=SimpleUploadedFile("foto.jpg", b"bukan foto"))
        assert excinfo.value.code == "not_image"
        seller.refresh_from_db()
        assert not seller.photo
        assert not seller.photo_thumb
        media = settings.MEDIA_ROOT
        assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
