"""Importing the official Kepmendagri region list: idempotent, all or nothing."""

import gzip
import hashlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Count

from pasardesa.regions.models import Region, RegionDataset
from pasardesa.regions.selectors import region_path
from pasardesa.regions.services import (
    DATASET_PATH,
    RegionDataError,
    import_regions,
)
from pasardesa.regions.timezones import WIB, WIT, WITA, zone_for_region_code

pytestmark = pytest.mark.django_db

HEADER = "kode,nama\n"
SMALL_ROWS = [
    ("53", "Nusa Tenggara Timur"),
    ("53.05", "Kabupaten Alor"),
    ("53.05.02", "Alor Barat Laut"),
    ("53.05.02.2006", "Dulolong"),
    ("53.05.02.1002", "Adang"),
    ("53.71", "Kota Kupang"),
    ("53.71.01", "Alak"),
    ("53.71.01.1001", "Alak"),
    ("33", "Jawa Tengah"),
    ("33.03", "Kabupaten Purbalingga"),
    ("33.03.04", "Kutasari"),
    ("33.03.04.2010", "Sempor Lor"),
]


def csv_text(rows) -> str:
    return HEADER + "".join(f"{code},{name}\n" for code, name in rows)


@pytest.fixture
def write_csv(tmp_path):
    """Write rows as ``wilayah*.csv`` (or ``.csv.gz``) and return the path."""
    counter = iter(range(1000))

    def write(rows=SMALL_ROWS, *, gz=False, text=None):
        content = (text if text is not None else csv_text(rows)).encode()
        path = tmp_path / f"wilayah{next(counter)}.csv{'.gz' if gz else ''}"
        path.write_bytes(gzip.compress(content) if gz else content)
        return path

    return write


def snapshot() -> list[tuple]:
    return list(Region.objects.order_by("code").values_list("code", "name", "level", "parent"))


def check_foreign_keys() -> None:
    """What the commit of a real (non-test) import would check."""
    connection.check_constraints(table_names=[Region._meta.db_table])


class TestImportSmallFile:
    def test_given_a_csv_when_imported_then_levels_and_parents_follow_the_codes(self, write_csv):
        result = import_regions(path=write_csv())

        assert result.rows == len(SMALL_ROWS)
        assert not result.skipped
        assert Region.objects.count() == len(SMALL_ROWS)
        expected = {
            "53": (Region.Level.PROVINSI, None),
            "53.05": (Region.Level.KABUPATEN, "53"),
            "53.05.02": (Region.Level.KECAMATAN, "53.05"),
            "53.05.02.2006": (Region.Level.DESA, "53.05.02"),
            "53.05.02.1002": (Region.Level.DESA, "53.05.02"),
            "53.71": (Region.Level.KABUPATEN, "53"),
            "53.71.01.1001": (Region.Level.DESA, "53.71.01"),
            "33.03.04.2010": (Region.Level.DESA, "33.03.04"),
        }
        for code, (level, parent) in expected.items():
            region = Region.objects.get(code=code)
            assert (region.level, region.parent_id) == (level, parent), code
        assert Region.objects.get(code="53.05.02.2006").name == "Dulolong"
        check_foreign_keys()

    def test_given_an_import_then_the_dataset_version_is_recorded(self, write_csv):
        path = write_csv()
        import_regions(path=path)

        dataset = RegionDataset.objects.get()
        assert dataset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert dataset.rows == len(SMALL_ROWS)

    def test_given_a_gzipped_csv_when_imported_then_same_result(self, write_csv):
        result = import_regions(path=write_csv(gz=True))

        assert result == type(result)(rows=len(SMALL_ROWS), skipped=False)
        assert Region.objects.get(code="33.03.04.2010").parent_id == "33.03.04"

    def test_given_the_plain_file_imported_when_its_gzip_is_imported_then_skipped(self, write_csv):
        import_regions(path=write_csv())
        result = import_regions(path=write_csv(gz=True))
        assert result.skipped
        assert RegionDataset.objects.count() == 1

    def test_given_children_listed_before_parents_then_still_imported(self, write_csv):
        import_regions(path=write_csv(list(reversed(SMALL_ROWS))))
        assert Region.objects.get(code="53.05.02.2006").parent.parent.parent.code == "53"
        check_foreign_keys()

    def test_given_spaces_and_quoted_names_then_trimmed_and_unquoted(self, write_csv):
        text = HEADER + ' 53 , Nusa Tenggara Timur \n53.05,"Kabupaten Alor, Pulau"\n'
        import_regions(path=write_csv(text=text))
        assert Region.objects.get(code="53").name == "Nusa Tenggara Timur"
        assert Region.objects.get(code="53.05").name == "Kabupaten Alor, Pulau"


class TestImportAgain:
    def test_given_the_same_file_when_imported_again_then_skipped_and_nothing_written(
        self, write_csv, django_assert_max_num_queries
    ):
        path = write_csv()
        import_regions(path=path)
        # A name edited by hand is proof of whether the second run wrote anything.
        Region.objects.filter(code="53.05.02.2006").update(name="Dulolong (diubah)")
        before = snapshot()

        with django_assert_max_num_queries(2):
            result = import_regions(path=path)

        assert result.skipped
        assert result.rows == len(SMALL_ROWS)
        assert snapshot() == before
        assert RegionDataset.objects.count() == 1

    def test_given_force_when_imported_again_then_file_names_win(self, write_csv):
        path = write_csv()
        import_regions(path=path)
        Region.objects.filter(code="53.05.02.2006").update(name="Dulolong (diubah)")

        result = import_regions(path=path, force=True)

        assert not result.skipped
        assert Region.objects.get(code="53.05.02.2006").name == "Dulolong"
        assert RegionDataset.objects.count() == 1

    def test_given_a_new_file_with_a_changed_name_then_name_updated_and_rows_added(self, write_csv):
        import_regions(path=write_csv())
        new_rows = [
            (code, "Kelurahan Adang Baru" if code == "53.05.02.1002" else name)
            for code, name in SMALL_ROWS
        ] + [("53.05.02.2099", "Desa Pemekaran")]

        result = import_regions(path=write_csv(new_rows))

        assert not result.skipped
        assert result.rows == len(SMALL_ROWS) + 1
        assert Region.objects.get(code="53.05.02.1002").name == "Kelurahan Adang Baru"
        assert Region.objects.get(code="53.05.02.2099").parent_id == "53.05.02"
        assert Region.objects.get(code="53.05.02.2006").name == "Dulolong"
        assert Region.objects.count() == len(SMALL_ROWS) + 1
        assert RegionDataset.objects.count() == 2


class TestBadFiles:
    @pytest.mark.parametrize(
        "bad_code",
        [
            "5",
            "530",
            "53.5",
            "53.05.2",
            "53.05.02.206",
            "53.05.02.20061",
            "53.05.02.2006.1",
            "53..02",
            "53.05.02.20a6",
            "NTT",
            "53-05",
            "53.05.",
        ],
    )
    def test_given_a_row_that_is_not_a_kepmendagri_code_then_error_and_nothing_saved(
        self, write_csv, bad_code
    ):
        with pytest.raises(RegionDataError, match="Kepmendagri"):
            import_regions(path=write_csv([*SMALL_ROWS, (bad_code, "Salah")]))
        assert Region.objects.count() == 0
        assert RegionDataset.objects.count() == 0

    @pytest.mark.parametrize("row", [",Tanpa Kode", "53.05.02.2010,", "53.05.02.2010,   "])
    def test_given_an_empty_code_or_name_then_error_with_line_number(self, write_csv, row):
        text = csv_text(SMALL_ROWS) + row + "\n"
        with pytest.raises(RegionDataError, match=f"line {len(SMALL_ROWS) + 2}"):
            import_regions(path=write_csv(text=text))
        assert Region.objects.count() == 0

    def test_given_wrong_columns_then_error(self, write_csv):
        with pytest.raises(RegionDataError):
            import_regions(path=write_csv(text="code,name\n53,Nusa Tenggara Timur\n"))
        assert Region.objects.count() == 0

    def test_given_a_village_without_its_kecamatan_then_import_refused_as_a_whole(self, write_csv):
        rows = [row for row in SMALL_ROWS if row[0] != "53.05.02"]
        # Either refused while reading, or by the foreign key when the import
        # commits: never half-imported with an orphan village.
        with pytest.raises((RegionDataError, IntegrityError)), transaction.atomic():
            import_regions(path=write_csv(rows))
            check_foreign_keys()
        assert Region.objects.count() == 0
        assert RegionDataset.objects.count() == 0

    def test_given_an_error_on_reimport_then_earlier_import_untouched(self, write_csv):
        import_regions(path=write_csv())
        before = snapshot()
        renamed = [(c, f"{n} Baru") for c, n in SMALL_ROWS] + [("53.5", "Salah")]

        with pytest.raises(RegionDataError):
            import_regions(path=write_csv(renamed))

        assert snapshot() == before
        assert RegionDataset.objects.count() == 1


def test_given_the_shipped_file_when_imported_then_every_official_region(
    django_assert_num_queries,
):
    """The one test that loads all 91,599 rows (slow: keep it the only one)."""
    result = import_regions()

    assert result.rows == 91_599
    assert not result.skipped
    by_level = dict(Region.objects.values_list("level").annotate(n=Count("code")))
    assert by_level == {
        Region.Level.PROVINSI: 38,
        Region.Level.KABUPATEN: 514,
        Region.Level.KECAMATAN: 7_285,
        Region.Level.DESA: 83_762,
    }
    assert Region.objects.count() == 91_599
    check_foreign_keys()

    dulolong = Region.objects.get(code="53.05.02.2006")
    with django_assert_num_queries(1):
        path = region_path(dulolong)
    assert [r.name for r in path] == [
        "Nusa Tenggara Timur",
        "Kabupaten Alor",
        "Alor Barat Laut",
        "Dulolong",
    ]
    assert [r.level for r in path] == [1, 2, 3, 4]
    assert dulolong.kind_label == "Desa"
    assert Region.objects.get(code="53.05.02.1002").kind_label == "Kelurahan"

    # Villages named in the project's sources exist under the right names.
    assert dict(
        Region.objects.filter(
            code__in=["33.03.04.2010", "33.03.09.2013", "62.01.06.2007", "52.03.06.2005"]
        ).values_list("code", "name")
    ) == {
        "33.03.04.2010": "Sempor Lor",
        "33.03.09.2013": "Dagan",
        "62.01.06.2007": "Amin Jaya",
        "52.03.06.2005": "Sukamulia",
    }

    # Every province falls in one of the three zones, and each zone is used.
    provinces = list(Region.objects.filter(level=1).values_list("code", flat=True))
    zones = {zone_for_region_code(code) for code in provinces}
    assert zones == {WIB, WITA, WIT}

    # Starting again (as every deploy does) costs two queries, not a re-import.
    dataset = RegionDataset.objects.get()
    assert dataset.rows == 91_599
    assert dataset.sha256 == hashlib.sha256(gzip.decompress(DATASET_PATH.read_bytes())).hexdigest()
    with django_assert_num_queries(2):
        again = import_regions()
    assert again.skipped
    assert again.rows == 91_599
