"""CSV export and import of a seller's products, given/when/then.

Export opens in Excel with Indonesian settings (UTF-8 BOM, ``;``); import
upserts by ``kode``, accepts what spreadsheets save (BOM or not, ``;`` or
``,``, CRLF, Windows-1252), and is all or nothing: a bad row is reported with
its line number and reason, and nothing from that file is written.
"""

import csv
import gzip
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pasardesa.catalog import csv_io
from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import take_down_product
from tests.demo_fixtures import _language_reset, page  # noqa: F401 (autouse fixture)
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "kode;nama;jenis;kategori;harga;satuan;diskon_persen;diskon_rp;stok;bisa_ditawar;keterangan"
)


@pytest.fixture
def coffee(maria):
    return ProductFactory(
        seller=maria,
        name="Kopi Bubuk Alor",
        price_idr=25_000,
        stock=10,
        unit="bungkus",
        description="Robusta; sangrai sedang.\nKemasan 250 g.",
    )


def upload(text: str, *, encoding="utf-8", name="produk.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def post_csv(client, seller, content):
    if isinstance(content, str):
        content = upload(content)
    return client.post(f"/kelola/penjual/{seller.pk}/produk/impor/", {"file": content})


def snapshot(seller) -> list[dict]:
    return list(Product.objects.filter(seller=seller).order_by("pk").values())


# --- Export ----------------------------------------------------------------------------


def test_export_opens_in_indonesian_excel(maria, coffee, client_a):
    # Given Maria's products (one hidden, one with a name Excel would run as a formula)
    ProductFactory(seller=maria, name="Kain Tenun", status=Product.Status.HIDDEN, stock=None)
    ProductFactory(seller=maria, name="=HYPERLINK(1)", discount_idr=5_000, is_negotiable=True)
    ProductFactory(name="Produk Orang Lain")
    # When she downloads the export
    response = client_a.get(f"/kelola/penjual/{maria.pk}/produk/ekspor.csv")
    # Then it is a UTF-8 CSV with a BOM, ";" separators and CRLF line ends
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="produk-kopi-ibu-maria.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.startswith(HEADER + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    # with every product of hers and no one else's
    assert [r["nama"] for r in rows] == ["Kopi Bubuk Alor", "Kain Tenun", "'=HYPERLINK(1)"]
    first = rows[0]
    assert first["kode"] == str(coffee.pk)
    assert first["harga"] == "25000" and first["stok"] == "10" and first["satuan"] == "bungkus"
    assert first["kategori"] == "Makanan & Minuman" and first["jenis"] == "barang"
    assert first["keterangan"] == "Robusta; sangrai sedang.\nKemasan 250 g."
    assert rows[1]["stok"] == ""
    assert rows[2]["diskon_rp"] == "5000" and rows[2]["bisa_ditawar"] == "ya"


def test_template_has_a_header_and_one_example_row(maria, client_a):
    response = client_a.get(f"/kelola/penjual/{maria.pk}/produk/contoh.csv")
    text = response.content.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == HEADER
    assert len([line for line in lines if line]) == 2
    example = lines[1].split(";")
    assert example[0] == "" and example[1] == "Keripik Pisang Manis"
    # and importing it as is adds that example product
    post_csv(client_a, maria, upload(text))
    assert Product.objects.get(seller=maria).name == "Keripik Pisang Manis"


def test_export_then_import_changes_nothing(maria, coffee, client_a):
    take_down_product(
        product=ProductFactory(seller=maria, name="Arak"), actor=None, reason="Dilarang."
    )
    ProductFactory(seller=maria, name="Jahit", kind="jasa", stock=None, discount_percent=15)
    before = snapshot(maria)
    exported = client_a.get(f"/kelola/penjual/{maria.pk}/produk/ekspor.csv").content
    response = post_csv(client_a, maria, SimpleUploadedFile("p.csv", exported))
    assert response.status_code == 302
    after = snapshot(maria)
    for row in before + after:
        row.pop("updated_at")
    assert after == before


# --- Import: the happy paths ----------------------------------------------------------------


def test_import_updates_by_kode_and_adds_new_rows(maria, coffee, client_a):
    # Given a file that changes the coffee and adds a service (category by slug)
    text = (
        f"{HEADER}\r\n"
        f"{coffee.pk};Kopi Bubuk Alor 250 g;barang;Makanan & Minuman;27.500;bungkus;;2500;8;ya;"
        "Baru\r\n"
        ";Jahit Baju;jasa;makanan-minuman;Rp50.000;potong;10%;;;tidak;Seminggu jadi\r\n"
    )
    # When it is imported
    response = post_csv(client_a, maria, text)
    # Then the coffee is updated, the service added, and she is told how many
    assert response.status_code == 302
    coffee.refresh_from_db()
    assert (coffee.name, coffee.price_idr, coffee.discount_idr, coffee.stock) == (
        "Kopi Bubuk Alor 250 g",
        27_500,
        2_500,
        8,
    )
    assert coffee.is_negotiable and coffee.description == "Baru"
    service = Product.objects.get(name="Jahit Baju")
    assert service.seller == maria and service.kind == "jasa" and service.stock is None
    assert service.price_idr == 50_000 and service.discount_percent == 10
    assert service.unit == "potong" and service.status == Product.Status.ACTIVE
    message = page(client_a.get(response["Location"])).text
    assert "Impor selesai: 1 produk baru, 1 produk diperbarui." in message


def test_import_reads_what_spreadsheets_save(maria, client_a):
    # A comma-separated file with a BOM, Windows line ends, quoted fields, extra
    # columns, columns in another order, and trailing empty rows
    text = (
        "\ufeffNama,Harga,Kategori,Catatan Saya,Stok\r\n"
        '"Gula Aren, Cetak",15000,Makanan & Minuman,x,5\r\n'
        ",,,,\r\n"
    )
    response = post_csv(client_a, maria, text)
    assert response.status_code == 302
    product = Product.objects.get(seller=maria)
    assert (product.name, product.price_idr, product.stock, product.unit, product.kind) == (
        "Gula Aren, Cetak",
        15_000,
        5,
        "pcs",
        "barang",
    )


def test_import_reads_utf16_unicode_text(maria, client_a):
    text = "nama\tkategori\tharga\r\nKopi\tMakanan & Minuman\t12500\r\n"
    response = post_csv(client_a, maria, upload(text, encoding="utf-16"))
    assert response.status_code == 302
    assert Product.objects.get(seller=maria).price_idr == 12_500


def test_import_reads_windows_1252_from_older_excel(maria, client_a):
    text = "nama;kategori;harga\r\nCafé Kopi Rempah;Makanan & Minuman;12500,00\r\n"
    response = post_csv(client_a, maria, upload(text, encoding="cp1252"))
    assert response.status_code == 302
    product = Product.objects.get(seller=maria)
    assert product.name == "Café Kopi Rempah" and product.price_idr == 12_500


def test_missing_columns_keep_existing_values(maria, coffee, client_a):
    coffee.discount_percent = 20
    coffee.is_negotiable = True
    coffee.save()
    post_csv(
        client_a, maria, f"kode;nama;kategori;harga\n{coffee.pk};Kopi;Makanan & Minuman;30000\n"
    )
    coffee.refresh_from_db()
    assert (coffee.name, coffee.price_idr) == ("Kopi", 30_000)
    assert (coffee.stock, coffee.discount_percent, coffee.is_negotiable) == (10, 20, True)
    assert coffee.description.startswith("Robusta")


def test_import_keeps_a_taken_down_product_down(maria, coffee, client_a):
    take_down_product(product=coffee, actor=None, reason="Foto tidak sesuai.")
    post_csv(client_a, maria, f"kode;nama;kategori;harga\n{coffee.pk};Kopi;Makanan & Minuman;1\n")
    coffee.refresh_from_db()
    assert coffee.status == Product.Status.BLOCKED and coffee.name == "Kopi"


# --- Import: bad files -------------------------------------------------------------------------


def test_bad_rows_are_listed_with_line_numbers_and_nothing_is_written(maria, coffee, client_a):
    # Given a file with good rows and bad ones (line 4 holds a quoted two-line text)
    theirs = ProductFactory(name="Produk Orang Lain")
    text = (
        f"{HEADER}\r\n"
        ";Baru Bagus;barang;Makanan & Minuman;1000;pcs;;;;;\r\n"  # 2: good
        f"{coffee.pk};Kopi;barang;Makanan & Minuman;-500;pcs;;;;;\r\n"  # 3
        ';Madu;barang;Makanan & Minuman;20000;botol;;;;;"dua\r\nbaris"\r\n'  # 4-5: good
        ";Teh;minuman;Makanan & Minuman;abc;pcs;10;1000;-2;mungkin;\r\n"  # 6
        ";;barang;Sepatu Roda;1000;pcs;;;;;\r\n"  # 7
        f"{theirs.pk};Curian;barang;Makanan & Minuman;1000;pcs;;;;;\r\n"  # 8
        f"{coffee.pk};Kopi lagi;barang;Makanan & Minuman;1000;pcs;;5000;;;\r\n"  # 9
        ";Garam;barang;Makanan & Minuman;;pcs;;;;;\r\n"  # 10
    )
    before = snapshot(maria)
    # When it is imported
    response = post_csv(client_a, maria, text)
    html = page(response)
    # Then every bad row is reported with its line and reason, in Indonesian
    assert response.status_code == 200
    assert "Tidak ada yang disimpan" in html.text
    items = [item for item in html.text.split("Baris ")[1:]]
    lines = [int(item.split(":")[0]) for item in items]
    assert lines == [3, 6, 7, 8, 9, 10]
    assert "harga tidak boleh kurang dari 0" in items[0]
    assert 'jenis harus "barang" atau "jasa", bukan "minuman"' in items[1]
    assert 'harga "abc" bukan jumlah rupiah' in items[1]
    assert "stok harus di antara 0 dan 1000000" in items[1]
    assert 'bisa_ditawar harus "ya" atau "tidak"' in items[1]
    assert "isi diskon_persen ATAU diskon_rp, tidak keduanya" in items[1]
    assert "nama wajib diisi" in items[2]
    assert 'kategori "Sepatu Roda" tidak dikenal' in items[2]
    assert f"kode {theirs.pk} bukan produk Anda" in items[3]
    assert f"kode {coffee.pk} sudah dipakai di baris 3" in items[4]
    assert "diskon_rp tidak boleh lebih besar dari harga" in items[4]
    assert "harga wajib diisi" in items[5]
    # and nothing was written, not even the good rows
    assert snapshot(maria) == before
    assert Product.objects.filter(name="Produk Orang Lain").get().name == theirs.name
    # and the form is there to try again
    assert html.find_all("input", type="file", name="file")


def test_more_than_1000_rows_is_refused(maria, client_a):
    rows = "".join(f";Produk {i};barang;Makanan & Minuman;1000;pcs;;;;;\r\n" for i in range(1001))
    response = post_csv(client_a, maria, HEADER + "\r\n" + rows)
    assert response.status_code == 200
    assert "lebih dari 1.000 baris" in page(response).text
    assert not Product.objects.filter(seller=maria).exists()


def test_exactly_1000_rows_are_imported(maria, client_a):
    rows = "".join(f";Produk {i};barang;Makanan & Minuman;1000;pcs;;;;;\r\n" for i in range(1000))
    response = post_csv(client_a, maria, HEADER + "\r\n" + rows)
    assert response.status_code == 302
    assert Product.objects.filter(seller=maria).count() == 1000


def test_a_file_over_1_mb_is_refused(maria, client_a):
    text = HEADER + "\r\n" + ";X;barang;Makanan & Minuman;1;pcs;;;;;" + "x" * (1024 * 1024) + "\r\n"
    response = post_csv(client_a, maria, text)
    assert response.status_code == 200
    assert "Berkas terlalu besar (paling besar 1 MB)" in page(response).text
    assert not Product.objects.filter(seller=maria).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04binary-xlsx", "Ini berkas Excel, bukan CSV"),
        (b"judul;lain\r\n1;2\r\n", "Baris judul harus berisi kolom nama, kategori, harga"),
        (HEADER.encode() + b"\r\n", "Berkas tidak berisi baris produk."),
        (b"", "Berkas yang dikirimkan kosong."),
        (b"nama;kategori;harga\r\nA\x00B;x;1\r\n", "Berkas ini bukan CSV teks."),
    ],
)
def test_files_that_are_not_product_csv_are_explained(maria, client_a, content, message):
    response = post_csv(client_a, maria, SimpleUploadedFile("x.csv", content))
    assert response.status_code == 200
    assert message in page(response).text
    assert not Product.objects.filter(seller=maria).exists()


def test_import_page_links_the_downloads(maria, client_a):
    response = client_a.get(f"/kelola/penjual/{maria.pk}/produk/impor/")
    html = page(response)
    assert len(gzip.compress(response.content)) <= 14_000
    assert f"/kelola/penjual/{maria.pk}/produk/ekspor.csv" in html.hrefs()
    assert f"/kelola/penjual/{maria.pk}/produk/contoh.csv" in html.hrefs()


# --- The reader on its own -----------------------------------------------------------------


def test_reader_reports_without_writing(maria):
    parsed = csv_io.read_products_csv(
        io.BytesIO(b"nama;kategori;harga\nA;makanan-minuman;12.500\nB;x;1\n"), seller=maria
    )
    assert not parsed.ok and parsed.rows == []
    assert parsed.errors == [csv_io.RowError(3, 'kategori "x" tidak dikenal')]


def test_category_by_name_ignores_case(maria):
    parsed = csv_io.read_products_csv(
        io.BytesIO(b"nama;kategori;harga\nA;  makanan & MINUMAN ;1\n"), seller=maria
    )
    assert parsed.ok
    assert parsed.rows[0].data.category == Category.objects.get(slug="makanan-minuman")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("99999999999999999999;Kopi;Makanan & Minuman;1000;", 'kode "99999999999999999999" tidak'),
        ("9223372036854775808;Kopi;Makanan & Minuman;1000;", "tidak dikenal"),
        ("9" * 5000 + ";Kopi;Makanan & Minuman;1000;", "tidak dikenal"),
        (";Kopi;Makanan & Minuman;99999999999999999999;", "harga terlalu besar"),
        (";Kopi;Makanan & Minuman;" + "9" * 5000 + ";", "harga"),
        (";Kopi;Makanan & Minuman;1000;99999999999999999999", "stok harus di antara 0 dan"),
        (";Kopi;Makanan & Minuman;1000;" + "9" * 5000, "stok harus di antara 0 dan"),
        (";Kopi;Makanan & Minuman;1000;-99999999999999999999", "stok harus di antara 0 dan"),
    ],
)
def test_huge_numbers_in_a_row_are_reported_not_a_crash(maria, coffee, client_a, cells, message):
    # Given a file whose numbers no column can hold (a code, a price, a stock)
    before = snapshot(maria)
    # When it is imported
    response = post_csv(client_a, maria, f"kode;nama;kategori;harga;stok\n{cells}\n")
    # Then the row is reported in Indonesian and nothing is written
    assert response.status_code == 200
    text = page(response).text
    assert "Baris 2" in text
    assert message in text
    assert snapshot(maria) == before
