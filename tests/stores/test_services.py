"""Village stores: one per desa/kelurahan, and its produk unggulan comes from its own sellers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pasardesa.regions.models import Region
from pasardesa.stores.models import Store
from pasardesa.stores.services import open_store
from tests.factories import StoreFactory, village

pytestmark = pytest.mark.django_db


class TestOpenStore:
    def test_given_a_desa_then_store_opened_with_a_default_name(self):
        dulolong = village()

        store = open_store(village=dulolong, whatsapp="0812-3456-7890")

        store.refresh_from_db()
        assert store.village == dulolong
        assert store.name == "Toko Desa Dulolong"
        assert store.slug == "dulolong"
        assert store.whatsapp == "+6281234567890"
        assert store.is_active

    def test_given_a_name_then_it_is_used_trimmed(self):
        store = open_store(village=village(), name="  Lapak Dulolong  ")
        assert store.name == "Lapak Dulolong"

    def test_given_a_village_name_in_capitals_then_default_name_is_title_case(self):
        store = open_store(village=village("53.05.02.2004", "ALOR BESAR"))
        assert store.name == "Toko Desa Alor Besar"

    def test_given_a_kelurahan_then_store_opened(self):
        store = open_store(village=village("53.05.02.1002", "Adang"))
        assert store.village.kind_label == "Kelurahan"

    @pytest.mark.parametrize(
        "level",
        [Region.Level.PROVINSI, Region.Level.KABUPATEN, Region.Level.KECAMATAN],
    )
    def test_given_a_region_above_desa_then_refused(self, level):
        region = village()
        while region.level != level:
            region = region.parent

        with pytest.raises(ValidationError) as excinfo:
            open_store(village=region)

        assert "desa atau kelurahan" in excinfo.value.messages[0]
        assert not Store.objects.exists()

    def test_given_a_village_with_a_store_then_second_store_refused(self):
        dulolong = village()
        first = open_store(village=dulolong)

        with pytest.raises(ValidationError) as excinfo:
            open_store(village=dulolong, name="Toko Kedua")

        assert "sudah punya toko" in excinfo.value.messages[0]
        assert list(Store.objects.all()) == [first]

    def test_given_a_second_store_row_written_directly_then_database_refuses(self):
        store = StoreFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Store.objects.create(village=store.village, name="Kembar", slug="kembar")

    def test_given_two_villages_with_the_same_name_then_different_slugs(self):
        # Many villages share a name (Sukamaju, Sukamulia …) across Indonesia.
        first = open_store(village=village("52.03.06.2005", "Sukamulia"))
        second = open_store(village=village("53.05.02.2005", "Sukamulia"))
        assert first.slug == "sukamulia"
        assert second.slug != first.slug
        assert second.slug.startswith("sukamulia")

    def test_given_an_invalid_operator_number_then_refused_and_nothing_saved(self):
        with pytest.raises(ValidationError):
            open_store(village=village(), whatsapp="0812")
        assert not Store.objects.exists()
