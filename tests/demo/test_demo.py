"""The demo market that ``make run`` loads into an empty database.

Given the official regions of the five demo villages (only those rows and their
parents, read from the shipped data set: importing all 91,599 rows per test is
too slow), when ``manage.py load_demo --if-empty`` runs, then the market is
there, complete and consistent, and a second run creates nothing.
"""

import csv
import gzip
import io
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import phonenumbers
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from pasardesa.catalog.models import Product, ProductPhoto
from pasardesa.core.images import DETAIL_BOX, THUMB_BOX
from pasardesa.demo import loader
from pasardesa.demo.loader import DEMO_STORES, DEMO_VILLAGE_CODES, load_demo
from pasardesa.demo.photos import MOTIFS, product_photo, seller_photo
from pasardesa.regions.models import Region
from pasardesa.regions.services import DATASET_PATH, import_regions
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store
from tests.factories import village

E164_ID = re.compile(r"^\+62\d{8,13}$")
DEMO_APP = Path(loader.__file__).parent


def demo_regions_csv(path: Path) -> Path:
    """The rows of the shipped region file for the demo villages and their parents."""
    wanted = set()
    for code in DEMO_VILLAGE_CODES:
        parts = code.split(".")
        wanted.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    with gzip.open(DATASET_PATH, "rt", encoding="utf-8") as source:
        rows = [row for row in csv.DictReader(source) if row["kode"] in wanted]
    assert {row["kode"] for row in rows} == wanted, "a demo village is not in the data set"
    target = path / "wilayah-demo.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["kode", "nama"])
        writer.writeheader()
        writer.writerows(rows)
    return target


def public_products():
    return Product.objects.filter(
        status=Product.Status.ACTIVE, seller__status=Seller.Status.VERIFIED
    )


def counts() -> tuple[int, ...]:
    return (
        Store.objects.count(),
        Seller.objects.count(),
        Product.objects.count(),
        ProductPhoto.objects.count(),
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo regions and market, loaded by the command once per class, rolled back after."""
    media = tmp_path_factory.mktemp("demo-media")
    csv_path = demo_regions_csv(tmp_path_factory.mktemp("regions"))
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        import_regions(path=csv_path)
        call_command("load_demo", "--if-empty", stdout=out)
        yield SimpleNamespace(media=media, output=out.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def media(demo, settings):
    """Point the storage at the demo's files (each test gets its own MEDIA_ROOT)."""
    settings.MEDIA_ROOT = demo.media
    return demo.media


class TestLoadedDemo:
    """One load for the whole class (loading takes seconds); each test its own savepoint."""

    def test_reports_what_it_created(self, demo, db):
        assert re.search(r"Demo loaded in [\d.]+ s: 5 stores, \d+ sellers", demo.output)

    def test_opens_a_store_in_each_demo_village(self, demo, db):
        stores = list(Store.objects.select_related("village"))

        assert len(stores) >= 5
        assert {s.village_id for s in stores} >= set(DEMO_VILLAGE_CODES)
        for store in stores:
            assert store.village.level == Region.Level.DESA
            assert store.tagline and store.address
            assert len(store.description) > 150, store.name
            assert E164_ID.match(store.whatsapp), store.whatsapp

    def test_has_sellers_in_every_state(self, demo, db):
        sellers = list(Seller.objects.select_related("store"))

        assert len(sellers) >= 15
        by_status = {status: 0 for status in Seller.Status.values}
        for seller in sellers:
            by_status[seller.status] += 1
        assert by_status[Seller.Status.PENDING] >= 1
        assert by_status[Seller.Status.SUSPENDED] >= 1
        assert by_status[Seller.Status.VERIFIED] >= 13
        assert any(not s.is_open for s in sellers if s.status == Seller.Status.VERIFIED)
        assert Seller.objects.filter(opening_hours__isnull=False).distinct().count() >= 5
        assert len({s.business_type for s in sellers}) >= 4
        for seller in sellers:
            assert seller.business_name != seller.owner_name
            assert seller.photo and seller.photo_thumb
            assert seller.latitude is not None and seller.longitude is not None

    def test_statuses_were_reached_through_the_verification_steps(self, demo, db):
        for seller in Seller.objects.prefetch_related("status_events"):
            steps = [(e.from_status, e.to_status) for e in reversed(seller.status_events.all())]
            expected = {
                Seller.Status.PENDING: [],
                Seller.Status.VERIFIED: [("pending", "verified")],
                Seller.Status.SUSPENDED: [("pending", "verified"), ("verified", "suspended")],
            }[seller.status]
            assert steps == expected, seller
            if seller.status == Seller.Status.SUSPENDED:
                assert seller.status_events.all()[0].reason

    def test_sellers_live_near_their_village(self, demo, db):
        centres = {s.village_code: s.centre for s in DEMO_STORES}
        for seller in Seller.objects.select_related("store"):
            lat, lon = centres[seller.store.village_id]
            assert abs(seller.latitude - Decimal(lat)) < Decimal("0.01"), seller
            assert abs(seller.longitude - Decimal(lon)) < Decimal("0.01"), seller

    def test_every_verified_seller_has_a_valid_e164_number(self, demo, db):
        verified = Seller.objects.filter(status=Seller.Status.VERIFIED)

        assert verified.exists()
        for seller in verified:
            assert E164_ID.match(seller.whatsapp), seller.whatsapp
            assert phonenumbers.is_valid_number(phonenumbers.parse(seller.whatsapp)), seller

    def test_sells_goods_and_services(self, demo, db):
        products = list(Product.objects.all())
        services = [p for p in products if p.kind == Product.Kind.SERVICE]

        assert len(products) >= 80
        assert len(services) >= 10
        assert all(p.stock is None and p.category.slug == "jasa" for p in services)
        assert len({p.unit for p in products}) >= 10
        assert any(p.discount_percent for p in products)
        assert any(p.discount_idr for p in products)
        assert any(p.is_negotiable for p in products)
        assert any(p.is_sold_out for p in products)
        assert any(p.status == Product.Status.HIDDEN for p in products)
        assert len({p.category_id for p in products}) >= 9
        for product in products:
            assert product.price_idr > 0
            assert 0 < product.sale_price_idr <= product.price_idr
            assert product.search_text

    def test_every_public_product_has_small_photos(self, demo, db, media):
        products = list(public_products().prefetch_related("photos"))

        assert len(products) >= 60
        for product in products:
            photos = list(product.photos.all())
            assert 1 <= len(photos) <= 3, product
            for photo in photos:
                assert photo.thumb.size <= 6_000, (product, photo.thumb.size)
                assert photo.image.size <= 40_000, (product, photo.image.size)
                assert max(photo.thumb_width, photo.thumb_height) <= THUMB_BOX
                assert max(photo.image_width, photo.image_height) <= DETAIL_BOX
                assert photo.thumb.name.endswith(".webp")

    def test_each_store_features_its_own_product(self, demo, db):
        for store in Store.objects.select_related("showcase__featured_product__seller"):
            featured = store.showcase.featured_product

            assert featured is not None, store
            assert featured.seller.store_id == store.pk
            assert featured.status == Product.Status.ACTIVE
            assert featured.seller.status == Seller.Status.VERIFIED

    def test_has_one_account_per_role_each_printed_and_able_to_log_in(
        self, demo, db, client, settings
    ):
        # The class-wide demo was loaded before the per-test fast hasher was set.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
        from pasardesa.accounts.models import User
        from pasardesa.demo.loader import DEMO_PASSWORD
        from pasardesa.kelola.selectors import roles_of

        roles = {user.phone: roles_of(user) for user in User.objects.all()}
        operators = [p for p, r in roles.items() if r.operated_stores]
        regional = [p for p, r in roles.items() if r.regions]
        couriers = [p for p, r in roles.items() if r.courier_stores]
        sellers = [p for p, r in roles.items() if r.sellers]
        assert (len(operators), len(regional), len(couriers), len(sellers)) == (1, 1, 1, 3)
        assert roles[operators[0]].operated_stores[0].village_id == "53.05.02.2006"
        assert roles[regional[0]].regions[0].code == "53.05"
        seller_villages = [roles[p].sellers[0].store.village_id for p in sellers]
        assert seller_villages.count("53.05.02.2006") == 2
        assert len(set(seller_villages)) == 2
        for phone in roles:
            assert phone in demo.output  # make run prints every account
            response = client.post("/akun/masuk/", {"phone": phone, "password": DEMO_PASSWORD})
            assert response.status_code == 302, phone
            client.post("/akun/keluar/")

    def test_the_first_demo_seller_has_offers_at_every_step_of_a_haggle(self, demo, db):
        from pasardesa.orders.models import Offer, OfferStatus

        # Given the demo, when the seller of 0811-3800-0002 opens her offers
        offers = Offer.objects.filter(seller__members__user__phone="+6281138000002")
        # Then one waits for her, one waits for the buyer, one is agreed; each
        # on a negotiable product, below its price, and the output counts them
        assert sorted(offers.values_list("status", flat=True)) == sorted(
            [OfferStatus.PENDING, OfferStatus.COUNTERED, OfferStatus.ACCEPTED]
        )
        for offer in offers.select_related("product"):
            assert offer.product.is_negotiable
            assert offer.buyer_price_idr < offer.price_on_table_idr or not offer.seller_price_idr
            assert offer.price_on_table_idr < offer.product.sale_price_idr
        assert "3 offers" in demo.output

    def test_some_sellers_take_transfers_and_the_others_cash(self, demo, db):
        from pasardesa.demo.loader import DEMO_BANK_ACCOUNTS
        from pasardesa.sellers.models import Seller

        with_account = set(
            Seller.objects.exclude(bank_account_number="").values_list("business_name", flat=True)
        )
        assert with_account == set(DEMO_BANK_ACCOUNTS)
        assert Seller.objects.filter(bank_account_number="").exists()
        for seller in Seller.objects.exclude(bank_account_number=""):
            assert seller.bank_account_number.isdigit()
            assert seller.bank_account_holder == seller.owner_name

    def test_running_again_with_if_empty_creates_nothing(self, demo, db):
        before = counts()
        out = io.StringIO()

        call_command("load_demo", "--if-empty", stdout=out)

        assert counts() == before
        assert "not loaded" in out.getvalue()

    def test_running_again_without_if_empty_refuses(self, demo, db):
        before = counts()

        with pytest.raises(CommandError, match="already have a store"):
            call_command("load_demo", stdout=io.StringIO())

        assert counts() == before


@pytest.mark.parametrize("args", [(), ("--if-empty",)])
def test_without_regions_the_command_says_to_import_them(db, args):
    with pytest.raises(CommandError, match=r"run manage\.py import_regions first"):
        call_command("load_demo", *args, stdout=io.StringIO())

    assert Store.objects.count() == 0


def test_a_failure_half_way_leaves_nothing_behind(db, settings, monkeypatch):
    for code in DEMO_VILLAGE_CODES:
        village(code, f"Desa {code}")

    def broken(**kwargs):
        raise ValidationError("jam buka rusak")

    monkeypatch.setattr(loader, "set_opening_hours", broken)

    with pytest.raises(ValidationError):
        load_demo()

    assert counts() == (0, 0, 0, 0)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.webp"))


# --- the content itself (no database) -----------------------------------------------


def test_each_demo_store_has_exactly_one_featured_product():
    for store in DEMO_STORES:
        featured = [p for s in store.sellers for p in s.products if p.featured]
        assert len(featured) == 1, store.name
        assert not featured[0].hidden


def test_every_demo_product_has_one_to_three_known_photos():
    for store in DEMO_STORES:
        for seller in store.sellers:
            for product in seller.products:
                assert 1 <= len(product.photos) <= 3, product.name
                assert all(shot.motif in MOTIFS for shot in product.photos), product.name


def test_demo_business_names_are_unique():
    names = [s.business_name for store in DEMO_STORES for s in store.sellers]
    assert len(names) == len(set(names))


def test_the_demo_writes_rows_only_through_services():
    # Given the demo app's own code (not the services it calls; the drawn photos
    # only save pictures into buffers)
    sources = {
        str(path.relative_to(DEMO_APP)): path.read_text()
        for path in DEMO_APP.rglob("*.py")
        if path.name != "photos.py"
    }
    writes = (".save(", ".objects.create(", ".update(", "bulk_create(", "_or_create(", ").delete()")

    # Then none of it writes a row with the ORM directly
    found = [(name, w) for name, text in sources.items() for w in writes if w in text]
    assert "villages/dulolong.py" in sources and "loader.py" in sources
    assert not found


def test_photos_are_drawn_the_same_on_every_run():
    def draw(seed):
        return product_photo("kain", seed=seed, category="fashion", accent=(150, 40, 40)).read()

    assert draw("x") == draw("x")
    assert draw("x") != draw("y")
    assert seller_photo(seed="a", initials="AB", colour=(1, 2, 3)).read().startswith(b"\xff\xd8")
