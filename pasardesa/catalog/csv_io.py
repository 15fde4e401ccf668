"""CSV export and import of a seller's products (Excel-friendly).

Format, and why:

- **Export: UTF-8 with a BOM, ``;`` between fields, CRLF line ends.** Excel on
  Windows opens a ``.csv`` with the *list separator* of the regional settings.
  In the Indonesian locale the decimal separator is the comma, so the list
  separator is ``;``: a comma-separated file lands in a single column there,
  a semicolon-separated one opens in columns on a double click. Without the
  BOM, Excel reads the file in the ANSI code page and garbles anything outside
  ASCII (é, ñ, emoji in names). We do not write Excel's ``sep=;`` first line:
  with it Excel ignores the BOM, and other programs see a bogus first row.
  LibreOffice and Google Sheets detect ``;`` and the BOM by themselves.
- **Numbers are plain digits** (``12500``, no ``Rp``, no dots), which every
  locale reads as a number, so a seller can sort and sum in Excel.
- **Import accepts what spreadsheets save**: UTF-8 with or without BOM (Excel's
  "CSV UTF-8"), Windows-1252 (Excel's older "CSV") or UTF-16 ("Unicode text");
  ``;``, ``,`` or tab as separator (detected from the header row); CRLF or LF;
  prices written as ``12500``, ``12.500``, ``Rp12.500`` or ``12500,00``.
- **Text that a spreadsheet would run as a formula** (starting with ``=``,
  ``+``, ``-``, ``@``) is exported with a leading apostrophe, which Excel
  hides and the import removes again (CSV injection).

Import upserts on ``kode``: the product's number (from the export) updates that
product, an empty ``kode`` adds a new one. Every row is checked first; if any
row is bad, the errors are reported with their line numbers and nothing is
written (``services.import_products`` then writes all rows in one transaction).
A column missing from the file keeps each existing product's value; a column
present is the truth (an empty ``stok`` means "not counted", an empty
``diskon_rp`` means no discount).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from pasardesa.catalog.manage_forms import CSV_MAX_BYTES, MAX_STOCK
from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import ImportRow, ProductData
from pasardesa.core.forms import beyond_any_key
from pasardesa.core.money import MAX_PRICE_IDR, parse_rupiah
from pasardesa.sellers.models import Seller

MAX_ROWS = 1_000
BOM = "\ufeff"
DELIMITER = ";"

COLUMNS = [
    "kode",
    "nama",
    "jenis",
    "kategori",
    "harga",
    "satuan",
    "diskon_persen",
    "diskon_rp",
    "stok",
    "bisa_ditawar",
    "keterangan",
]
REQUIRED_COLUMNS = ["nama", "kategori", "harga"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_YES = {"ya", "y", "yes", "1", "true", "benar", "bisa"}
_NO = {"", "tidak", "t", "no", "n", "0", "false", "salah", "-"}

_NAME_MAX = Product._meta.get_field("name").max_length
_UNIT_MAX = Product._meta.get_field("unit").max_length
_DESCRIPTION_MAX = 5000


# --- Export ----------------------------------------------------------------------


def _cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _product_row(product: Product) -> list:
    return [
        _cell(value)
        for value in (
            product.pk,
            product.name,
            product.kind,
            product.category.name,
            product.price_idr,
            product.unit,
            product.discount_percent,
            product.discount_idr,
            product.stock,
            "ya" if product.is_negotiable else "tidak",
            product.description,
        )
    ]


def _write(rows) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def export_products(seller: Seller) -> bytes:
    """Every product of ``seller`` (hidden and taken-down ones too), oldest first."""
    products = seller.products.select_related("category").order_by("pk")
    return _write(_product_row(p) for p in products.iterator())


def template_csv() -> bytes:
    """The header row and one example row (a new product: empty ``kode``)."""
    category = Category.objects.order_by("position", "name").first()
    example = [
        "",
        _("Keripik Pisang Manis"),
        Product.Kind.GOODS,
        category.name if category else "",
        12500,
        "bungkus",
        "",
        "",
        20,
        "tidak",
        _("Keripik pisang kepok, 250 gram. Hapus baris contoh ini."),
    ]
    return _write([example])


# --- Import ----------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ParsedImport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _BadCell(Exception):
    pass


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().strip(BOM).strip().lower())


def _detect_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: (counts[d], d == DELIMITER))


def _text(value: str) -> str:
    value = value.strip()
    if value.startswith("'") and value[1:2] in _FORMULA_START:
        value = value[1:]
    return value


def _money(value: str, label: str) -> int | None:
    text = value.strip().replace(" ", "")
    if not text:
        return None
    if text.startswith("-"):
        raise _BadCell(_("%(label)s tidak boleh kurang dari 0") % {"label": label})
    text = re.sub(r",0{1,2}$", "", text)
    try:
        amount = parse_rupiah(text)
    except ValueError:
        raise _BadCell(
            _('%(label)s "%(value)s" bukan jumlah rupiah; tulis seperti 12500')
            % {"label": label, "value": value.strip()}
        ) from None
    if amount > MAX_PRICE_IDR:
        raise _BadCell(_("%(label)s terlalu besar") % {"label": label})
    return amount


def _whole_number(value: str, label: str, *, low: int, high: int) -> int | None:
    text = value.strip().replace(" ", "")
    if not text:
        return None
    if not re.fullmatch(r"-?\d+", text):
        raise _BadCell(
            _('%(label)s "%(value)s" harus bilangan bulat')
            % {"label": label, "value": value.strip()}
        )
    # Thousands of digits are out of range anyway; int() would refuse them.
    number = int(text) if len(text) <= 19 else None
    if number is None or not low <= number <= high:
        raise _BadCell(
            _("%(label)s harus di antara %(low)d dan %(high)d")
            % {"label": label, "low": low, "high": high}
        )
    return number


class _RowReader:
    """Checks one row at a time; knows the seller's products and the categories."""

    def __init__(self, seller: Seller, header: list[str], codes: set[int]):
        self.header = header
        self.products = {
            p.pk: p for p in seller.products.select_related("category").filter(pk__in=codes)
        }
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.name.strip().lower()] = category
            self.categories[category.slug.lower()] = category
        self.seen_codes: dict[int, int] = {}

    def cells(self, values: list[str]) -> dict[str, str]:
        values = values + [""] * (len(self.header) - len(values))
        return {
            name: value for name, value in zip(self.header, values, strict=False) if name in COLUMNS
        }

    def read(self, line: int, cells: dict[str, str]) -> tuple[ImportRow | None, list[str]]:
        problems: list[str] = []

        def take(parse, *args, **kwargs):
            try:
                return parse(*args, **kwargs)
            except _BadCell as exc:
                problems.append(str(exc))
                return None

        product = take(self._product, line, cells.get("kode", ""))
        current = self._current(product)
        has = cells.__contains__

        name = _text(cells["nama"])
        if not name:
            problems.append(_("nama wajib diisi"))
        elif len(name) > _NAME_MAX:
            problems.append(
                _("nama terlalu panjang (paling banyak %(n)d huruf)") % {"n": _NAME_MAX}
            )
        category = take(self._category, cells["kategori"])
        price = None
        if not cells["harga"].strip():
            problems.append(_("harga wajib diisi"))
        else:
            price = take(_money, cells["harga"], "harga")
        kind = take(self._kind, cells["jenis"]) if has("jenis") else current["kind"]
        unit = take(self._unit, cells["satuan"]) if has("satuan") else current["unit"]
        percent = (
            take(
                _whole_number,
                cells["diskon_persen"].replace("%", ""),
                "diskon_persen",
                low=0,
                high=100,
            )
            if has("diskon_persen")
            else current["discount_percent"]
        )
        discount = (
            take(_money, cells["diskon_rp"], "diskon_rp")
            if has("diskon_rp")
            else current["discount_idr"]
        )
        stock = (
            take(_whole_number, cells["stok"], "stok", low=0, high=MAX_STOCK)
            if has("stok")
            else current["stock"]
        )
        negotiable = (
            take(self._yes_no, cells["bisa_ditawar"])
            if has("bisa_ditawar")
            else current["is_negotiable"]
        )
        description = _text(cells["keterangan"]) if has("keterangan") else current["description"]
        if description and len(description) > _DESCRIPTION_MAX:
            problems.append(_("keterangan terlalu panjang (paling banyak 5.000 huruf)"))

        percent, discount = percent or None, discount or None
        if percent and discount:
            problems.append(_("isi diskon_persen ATAU diskon_rp, tidak keduanya"))
        elif discount and price is not None and discount > price:
            problems.append(_("diskon_rp tidak boleh lebih besar dari harga"))
        if problems:
            return None, problems
        data = ProductData(
            name=name,
            category=category,
            price_idr=price,
            kind=kind,
            description=description,
            unit=unit,
            stock=stock,
            discount_percent=percent,
            discount_idr=discount,
            is_negotiable=negotiable,
            status=product.status if product else Product.Status.ACTIVE,
        )
        return ImportRow(line=line, product=product, data=data), []

    @staticmethod
    def _current(product: Product | None) -> dict:
        if product is None:
            return {
                "kind": Product.Kind.GOODS,
                "unit": "pcs",
                "discount_percent": None,
                "discount_idr": None,
                "stock": None,
                "is_negotiable": False,
                "description": "",
            }
        return {
            "kind": product.kind,
            "unit": product.unit,
            "discount_percent": product.discount_percent,
            "discount_idr": product.discount_idr,
            "stock": product.stock,
            "is_negotiable": product.is_negotiable,
            "description": product.description,
        }

    def _product(self, line: int, value: str) -> Product | None:
        code = _parse_code(value)
        if code is None:
            return None
        if code in self.seen_codes:
            raise _BadCell(
                _("kode %(code)d sudah dipakai di baris %(line)d")
                % {"code": code, "line": self.seen_codes[code]}
            )
        self.seen_codes[code] = line
        product = self.products.get(code)
        if product is None:
            raise _BadCell(
                _("kode %(code)d bukan produk Anda (kosongkan kode untuk produk baru)")
                % {"code": code}
            )
        return product

    def _category(self, value: str) -> Category:
        key = _text(value).lower()
        if not key:
            raise _BadCell(_("kategori wajib diisi"))
        category = self.categories.get(key)
        if category is None:
            raise _BadCell(_('kategori "%(value)s" tidak dikenal') % {"value": _text(value)})
        return category

    @staticmethod
    def _kind(value: str) -> str:
        key = value.strip().lower() or Product.Kind.GOODS
        if key not in Product.Kind.values:
            raise _BadCell(_('jenis harus "barang" atau "jasa", bukan "%(v)s"') % {"v": value})
        return key

    @staticmethod
    def _unit(value: str) -> str:
        unit = _text(value) or "pcs"
        if len(unit) > _UNIT_MAX:
            raise _BadCell(
                _("satuan terlalu panjang (paling banyak %(n)d huruf)") % {"n": _UNIT_MAX}
            )
        return unit

    @staticmethod
    def _yes_no(value: str) -> bool:
        key = value.strip().lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise _BadCell(_('bisa_ditawar harus "ya" atau "tidak", bukan "%(v)s"') % {"v": value})


def _parse_code(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?", text)
    # A code is a product's 64-bit key: a longer number names no product, and
    # the database would refuse it (SQLite: OverflowError) rather than find none.
    if not match or beyond_any_key(match.group(1)):
        raise _BadCell(
            _('kode "%(value)s" tidak dikenal; biarkan kosong untuk produk baru')
            % {"value": text[:40]}
        )
    return int(match.group(1))


def read_products_csv(upload, *, seller: Seller) -> ParsedImport:
    """Read and check an uploaded CSV; nothing is written here.

    Returns the rows ready for ``services.import_products``, or the errors
    (line number and reason, in Indonesian); never raises for bad input.
    """
    result = ParsedImport()
    raw = upload.read(CSV_MAX_BYTES + 1)
    if len(raw) > CSV_MAX_BYTES:
        result.errors.append(
            RowError(0, _("Berkas terlalu besar (paling besar 1 MB). Bagi menjadi beberapa."))
        )
        return result
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        result.errors.append(
            RowError(
                0,
                _(
                    "Ini berkas Excel, bukan CSV. Di Excel pilih Simpan Sebagai → "
                    "CSV UTF-8 (dipisahkan koma), lalu unggah berkas itu."
                ),
            )
        )
        return result
    text = _decode(raw)
    if "\x00" in text:
        result.errors.append(
            RowError(0, _("Berkas ini bukan CSV teks. Simpan dari Excel sebagai CSV UTF-8."))
        )
        return result
    delimiter = _detect_delimiter(text)
    try:
        records = _records(text, delimiter)
        header_line, header = next(records, (1, []))
        header = [_header_key(name) for name in header]
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            result.errors.append(
                RowError(
                    header_line,
                    _(
                        "Baris judul harus berisi kolom %(missing)s. Unduh contoh berkas "
                        "untuk melihat susunannya."
                    )
                    % {"missing": ", ".join(missing)},
                )
            )
            return result
        data_rows = []
        for line, values in records:
            if not any(value.strip() for value in values):
                continue  # spreadsheets leave empty rows (";;;;") at the end
            if len(data_rows) == MAX_ROWS:
                result.errors.append(
                    RowError(
                        line,
                        _(
                            "Berkas berisi lebih dari %(n)s baris produk. Bagi menjadi beberapa "
                            "berkas, masing-masing paling banyak %(n)s baris."
                        )
                        % {"n": f"{MAX_ROWS:,}".replace(",", ".")},
                    )
                )
                return result
            data_rows.append((line, values))
    except csv.Error as exc:
        result.errors.append(
            RowError(0, _("Berkas tidak bisa dibaca sebagai CSV (%(e)s).") % {"e": exc})
        )
        return result
    if not data_rows:
        result.errors.append(RowError(header_line, _("Berkas tidak berisi baris produk.")))
        return result

    codes = set()
    for _line, values in data_rows:
        cells = dict(zip(header, values, strict=False))
        try:
            code = _parse_code(cells.get("kode", ""))
        except _BadCell:
            code = None
        if code is not None:
            codes.add(code)
    reader = _RowReader(seller, header, codes)
    for line, values in data_rows:
        row, problems = reader.read(line, reader.cells(values))
        if problems:
            result.errors.append(RowError(line, "; ".join(problems)))
        else:
            result.rows.append(row)
    if result.errors:
        result.rows = []
    return result


def _records(text: str, delimiter: str):
    """(line number where the record starts, values) for every CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    for values in reader:
        yield previous_end + 1, values
        previous_end = reader.line_num
