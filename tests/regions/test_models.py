"""Regions: what a code says about itself, the path above it, and its time zone."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from pasardesa.regions.models import Region
from pasardesa.regions.selectors import child_regions, region_path, search_villages
from pasardesa.regions.timezones import (
    WIB,
    WIT,
    WITA,
    zone_abbreviation,
    zone_for_region_code,
)
from tests.factories import village


class TestCodes:
    def test_given_a_village_code_then_ancestors_provinsi_first(self):
        region = Region(code="53.05.02.2006", name="Dulolong", level=Region.Level.DESA)
        assert region.ancestor_codes == ["53", "53.05", "53.05.02"]
        assert region.province_code == "53"

    def test_given_a_provinsi_then_no_ancestors(self):
        assert Region(code="53", name="NTT", level=1).ancestor_codes == []

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("53.05.02.2006", "Desa"),  # Dulolong
            ("53.05.02.1002", "Kelurahan"),  # Adang
            ("53.71.01.1001", "Kelurahan"),
            ("51.03.01.3001", "Desa"),  # 3xxx: desa adat
        ],
    )
    def test_given_a_village_code_then_kind_label_desa_or_kelurahan(self, code, expected):
        region = Region(code=code, name="X", level=Region.Level.DESA)
        assert region.kind_label == expected
        assert region.display_name == f"{expected} X"

    def test_given_higher_levels_then_kind_label_and_display_name(self):
        assert Region(code="53", name="NTT", level=1).kind_label == "Provinsi"
        assert Region(code="53.05.02", name="Alor Barat Laut", level=3).kind_label == "Kecamatan"
        kabupaten = Region(code="53.05", name="Kabupaten Alor", level=2)
        # The official name already says "Kabupaten …" or "Kota …".
        assert kabupaten.kind_label == ""
        assert kabupaten.display_name == "Kabupaten Alor"
        assert str(kabupaten) == "Kabupaten Alor"


@pytest.mark.django_db
class TestRegionPath:
    def test_given_a_village_then_path_in_one_query(self, django_assert_num_queries):
        dulolong = village()
        with django_assert_num_queries(1):
            path = region_path(dulolong)
        assert [r.code for r in path] == ["53", "53.05", "53.05.02", "53.05.02.2006"]
        assert [r.name for r in path] == [
            "Nusa Tenggara Timur",
            "Kabupaten Alor",
            "Alor Barat Laut",
            "Dulolong",
        ]
        assert path[-1] is dulolong

    def test_given_a_provinsi_then_path_is_itself_without_a_query(
        self, django_assert_max_num_queries
    ):
        ntt = village().parent.parent.parent
        with django_assert_max_num_queries(0):
            assert region_path(ntt) == [ntt]

    def test_children_and_provinces(self):
        dulolong = village()
        village("53.05.02.2004", "Alor Besar")
        kecamatan = dulolong.parent
        assert list(child_regions(kecamatan).values_list("name", flat=True)) == [
            "Alor Besar",
            "Dulolong",
        ]
        assert list(child_regions(None)) == [Region.objects.get(code="53")]


@pytest.mark.django_db
class TestSearchVillages:
    @pytest.fixture(autouse=True)
    def villages(self):
        village()
        village("53.05.02.2004", "Alor Besar")
        village("33.03.04.2010", "Sempor Lor")

    def test_given_part_of_a_name_then_matching_villages_only(self):
        assert [r.name for r in search_villages("alor")] == ["Alor Besar"]
        assert [r.name for r in search_villages("  SEMPOR ")] == ["Sempor Lor"]

    def test_given_a_code_prefix_then_villages_under_it(self):
        assert [r.code for r in search_villages("53.05.02")] == [
            "53.05.02.2004",
            "53.05.02.2006",
        ]
        assert [r.code for r in search_villages("33")] == ["33.03.04.2010"]

    def test_given_a_higher_region_name_then_not_returned(self):
        # "Alor Barat Laut" is a kecamatan, not a village.
        assert list(search_villages("Barat Laut")) == []

    def test_given_a_limit_then_at_most_that_many(self):
        assert len(search_villages("53", limit=1)) == 1


@pytest.mark.django_db
class TestDatabaseConstraints:
    def create(self, **fields):
        with transaction.atomic():
            Region.objects.create(**fields)

    def test_given_level_5_then_refused(self):
        parent = village().parent
        with pytest.raises(IntegrityError):
            self.create(code="53.05.02.2099", name="X", level=5, parent=parent)

    def test_given_a_provinsi_with_a_parent_then_refused(self):
        ntt = Region.objects.create(code="53", name="NTT", level=1)
        with pytest.raises(IntegrityError):
            self.create(code="52", name="NTB", level=1, parent=ntt)

    def test_given_a_kecamatan_without_a_parent_then_refused(self):
        with pytest.raises(IntegrityError):
            self.create(code="53.05.02", name="Alor Barat Laut", level=3)


# Every province of the 2025 Kepmendagri list and its legal time zone.
PROVINCE_ZONES = {
    **dict.fromkeys(["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"], "WIB"),
    **dict.fromkeys(["31", "32", "33", "34", "35", "36", "61", "62"], "WIB"),
    **dict.fromkeys(["51", "52", "53", "63", "64", "65"], "WITA"),
    **dict.fromkeys(["71", "72", "73", "74", "75", "76"], "WITA"),
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], "WIT"),
}


class TestTimezones:
    @pytest.mark.parametrize(
        ("code", "zone", "abbreviation"),
        [
            ("53", WITA, "WITA"),  # NTT
            ("33", WIB, "WIB"),  # Jawa Tengah
            ("91", WIT, "WIT"),  # Papua
            ("62", WIB, "WIB"),  # Kalimantan Tengah
            ("52", WITA, "WITA"),  # NTB
        ],
    )
    def test_given_a_province_then_its_zone(self, code, zone, abbreviation):
        assert zone_for_region_code(code) is zone
        assert zone_abbreviation(code) == abbreviation

    def test_given_a_village_code_then_zone_of_its_province(self):
        assert zone_for_region_code("53.05.02.2006") is WITA
        assert zone_for_region_code("33.03.04.2010") is WIB
        assert zone_for_region_code("91.01.01.2001") is WIT

    def test_all_38_provinces(self):
        assert len(PROVINCE_ZONES) == 38
        assert {code: zone_abbreviation(code) for code in PROVINCE_ZONES} == PROVINCE_ZONES

    def test_zones_are_utc_plus_7_8_9(self):
        moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        offsets = [moment.astimezone(z).utcoffset() for z in (WIB, WITA, WIT)]
        assert offsets == [datetime.timedelta(hours=h) for h in (7, 8, 9)]
