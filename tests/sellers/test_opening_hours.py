"""Open or closed: the seller's switch, weekly hours, read in the seller's own time zone."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pasardesa.regions.timezones import WIB, WIT, WITA
from pasardesa.sellers.models import OpeningHours, Seller
from tests.factories import SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)
assert MONDAY.weekday() == 0


def at(hour: int, minute: int = 0, *, zone=WITA, day: datetime.date = MONDAY):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def hours(seller, *rows):
    """``(weekday, "08:00", "12:00")`` rows saved for ``seller``, returned as a list."""
    return [
        OpeningHours.objects.create(
            seller=seller,
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for day, opens, closes in rows
    ]


@pytest.fixture
def ntt_seller():
    """A seller in Dulolong, NTT: WITA (UTC+8)."""
    return SellerFactory(store=StoreFactory(village=village()))


@pytest.fixture
def java_seller():
    """A seller in Sempor Lor, Jawa Tengah: WIB (UTC+7)."""
    return SellerFactory(store=StoreFactory(village=village("33.03.04.2010", "Sempor Lor")))


class TestIsOpenAt:
    def test_given_switch_off_then_closed_even_inside_hours(self, ntt_seller):
        week = hours(ntt_seller, (0, "08:00", "12:00"))
        ntt_seller.is_open = False
        assert not ntt_seller.is_open_at(at(9), week)

    def test_given_switch_off_and_no_hours_then_closed(self, ntt_seller):
        ntt_seller.is_open = False
        assert not ntt_seller.is_open_at(at(9), [])

    def test_given_no_hours_then_open_whenever_switch_is_on(self, ntt_seller):
        assert ntt_seller.is_open_at(at(3), [])
        assert ntt_seller.is_open_at(at(23, 59, day=MONDAY + datetime.timedelta(days=6)), [])

    @pytest.mark.parametrize(
        ("hour", "minute", "expected"),
        [
            (7, 59, False),
            (8, 0, True),  # the opening minute is open
            (10, 30, True),
            (11, 59, True),
            (12, 0, False),  # the closing minute is closed
            (15, 0, False),
        ],
    )
    def test_given_hours_then_open_only_inside_them(self, ntt_seller, hour, minute, expected):
        week = hours(ntt_seller, (0, "08:00", "12:00"), (1, "14:00", "17:00"))
        assert ntt_seller.is_open_at(at(hour, minute), week) is expected

    def test_given_different_hours_per_day_then_each_day_its_own(self, ntt_seller):
        week = hours(ntt_seller, (0, "08:00", "12:00"), (1, "14:00", "17:00"))
        tuesday = MONDAY + datetime.timedelta(days=1)
        assert not ntt_seller.is_open_at(at(9, day=tuesday), week)
        assert ntt_seller.is_open_at(at(15, day=tuesday), week)
        assert not ntt_seller.is_open_at(at(15), week)

    def test_given_no_hours_on_that_weekday_then_closed(self, ntt_seller):
        week = hours(ntt_seller, (0, "08:00", "12:00"))
        sunday = MONDAY + datetime.timedelta(days=6)
        assert not ntt_seller.is_open_at(at(9, day=sunday), week)

    def test_given_a_wita_seller_at_0730_wib_then_open_at_0830_wita(self, ntt_seller):
        week = hours(ntt_seller, (0, "08:00", "12:00"))
        moment = at(7, 30, zone=WIB)
        assert moment.astimezone(WITA).time() == datetime.time(8, 30)
        assert ntt_seller.is_open_at(moment, week)

    def test_given_the_same_moment_then_a_wib_seller_is_still_closed(self, java_seller):
        week = hours(java_seller, (0, "08:00", "12:00"))
        assert not java_seller.is_open_at(at(7, 30, zone=WIB), week)
        # An hour later, 08:30 WIB (09:30 WITA), the Java seller opens too.
        assert java_seller.is_open_at(at(9, 30, zone=WITA), week)

    def test_given_a_moment_in_utc_then_read_in_the_sellers_zone(self, ntt_seller):
        week = hours(ntt_seller, (0, "08:00", "12:00"))
        # 00:30 UTC = 08:30 WITA; 04:00 UTC = 12:00 WITA.
        assert ntt_seller.is_open_at(at(0, 30, zone=datetime.UTC), week)
        assert not ntt_seller.is_open_at(at(4, 0, zone=datetime.UTC), week)

    def test_given_late_sunday_in_jakarta_then_it_is_monday_in_papua(self):
        papua = SellerFactory(store=StoreFactory(village=village("91.01.01.2001", "Kampung Uji")))
        week = hours(papua, (0, "00:00", "06:00"))
        sunday_night_wib = at(23, 0, zone=WIB, day=MONDAY - datetime.timedelta(days=1))
        assert sunday_night_wib.astimezone(WIT).weekday() == 0
        assert papua.is_open_at(sunday_night_wib, week)

    def test_given_prefetched_hours_and_store_then_no_query(
        self, ntt_seller, django_assert_num_queries
    ):
        hours(ntt_seller, (0, "08:00", "12:00"))
        seller = (
            Seller.objects.select_related("store__village")
            .prefetch_related("opening_hours")
            .get(pk=ntt_seller.pk)
        )
        with django_assert_num_queries(0):
            assert seller.is_open_at(at(9), list(seller.opening_hours.all()))

    def test_is_open_now_reads_the_current_time(self, ntt_seller, monkeypatch):
        hours(ntt_seller, (0, "08:00", "12:00"))
        monkeypatch.setattr(timezone, "now", lambda: at(9))
        assert ntt_seller.is_open_now
        monkeypatch.setattr(timezone, "now", lambda: at(13))
        assert not ntt_seller.is_open_now


class TestOpeningHoursConstraints:
    """Enforced by the database itself, not only by forms (no full_clean here)."""

    def create(self, seller, weekday, opens, closes):
        with transaction.atomic():
            return OpeningHours.objects.create(
                seller=seller,
                weekday=weekday,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
            )

    @pytest.mark.parametrize(("opens", "closes"), [("12:00", "08:00"), ("08:00", "08:00")])
    def test_given_opens_not_before_closes_then_integrity_error(self, ntt_seller, opens, closes):
        with pytest.raises(IntegrityError):
            self.create(ntt_seller, 0, opens, closes)
        assert not OpeningHours.objects.exists()

    def test_given_a_second_row_for_the_same_weekday_then_integrity_error(self, ntt_seller):
        self.create(ntt_seller, 0, "08:00", "12:00")
        with pytest.raises(IntegrityError):
            self.create(ntt_seller, 0, "14:00", "17:00")
        assert OpeningHours.objects.count() == 1

    def test_given_the_same_weekday_for_two_sellers_then_allowed(self, ntt_seller, java_seller):
        self.create(ntt_seller, 0, "08:00", "12:00")
        self.create(java_seller, 0, "08:00", "12:00")
        assert OpeningHours.objects.count() == 2

    def test_given_an_update_that_inverts_the_hours_then_integrity_error(self, ntt_seller):
        row = self.create(ntt_seller, 0, "08:00", "12:00")
        with pytest.raises(IntegrityError), transaction.atomic():
            OpeningHours.objects.filter(pk=row.pk).update(closes=datetime.time(7, 0))

    @pytest.mark.parametrize("weekday", [7, 8])
    def test_given_a_weekday_after_sunday_then_integrity_error(self, ntt_seller, weekday):
        with pytest.raises(IntegrityError):
            self.create(ntt_seller, weekday, "08:00", "12:00")

    def test_str_is_readable(self, ntt_seller):
        assert str(self.create(ntt_seller, 4, "08:00", "11:30")) == "Jumat 08.00–11.30"


class TestMapUrl:
    def test_given_coordinates_then_openstreetmap_link(self, ntt_seller):
        ntt_seller.latitude = Decimal("-8.218400")
        ntt_seller.longitude = Decimal("124.519800")
        ntt_seller.save()
        ntt_seller.refresh_from_db()

        url = ntt_seller.map_url

        assert url.startswith("https://www.openstreetmap.org/?")
        assert "mlat=-8.218400" in url
        assert "mlon=124.519800" in url
        assert url.endswith("#map=17/-8.218400/124.519800")

    @pytest.mark.parametrize(("lat", "lon"), [(None, None), (Decimal("-8.2"), None)])
    def test_given_missing_coordinates_then_no_link(self, ntt_seller, lat, lon):
        ntt_seller.latitude, ntt_seller.longitude = lat, lon
        assert ntt_seller.map_url is None

    @pytest.mark.parametrize(
        ("field", "value"), [("latitude", Decimal("91")), ("longitude", Decimal("-181"))]
    )
    def test_given_coordinates_out_of_range_then_integrity_error(self, ntt_seller, field, value):
        with pytest.raises(IntegrityError), transaction.atomic():
            Seller.objects.filter(pk=ntt_seller.pk).update(**{field: value})
