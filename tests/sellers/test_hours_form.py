"""The "Jam buka" page: "Sama setiap hari", "Libur" per day, no fixed hours,
and the seller's "tutup sementara" with its last day and note; plain HTML
forms (no JavaScript), input kept on every error."""

import datetime

import pytest

from pasardesa.sellers.models import OpeningHours, Seller, SellerMember
from pasardesa.sellers.services import set_opening_hours
from tests.demo_fixtures import MONDAY_10_WITA, freeze_now, page
from tests.factories import SellerFactory, StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria_user():
    return make_user("0812-3456-7801", "Maria Lelang")


@pytest.fixture
def maria(maria_user):
    """A seller in Dulolong (Alor, WITA), Maria its owner."""
    seller = SellerFactory(store=StoreFactory(village=village()), business_name="Kopi Ibu Maria")
    SellerMember.objects.create(seller=seller, user=maria_user, role=SellerMember.Role.OWNER)
    return seller


@pytest.fixture
def maria_client(client, maria_user):
    client.force_login(maria_user)
    return client


T = datetime.time


def rows(seller) -> list[tuple[int, datetime.time, datetime.time]]:
    return [(h.weekday, h.opens, h.closes) for h in OpeningHours.objects.filter(seller=seller)]


def url(seller, suffix="jam-buka/") -> str:
    return f"/kelola/penjual/{seller.pk}/{suffix}"


class TestSameEveryDay:
    def test_one_pair_and_sunday_off_makes_six_days(self, maria, maria_client):
        # When Maria chooses "Sama setiap hari" 07.00-16.00 and ticks Sunday "Libur"
        response = maria_client.post(
            url(maria),
            {"mode": "same", "same_opens": "07:00", "same_closes": "16.00", "closed_6": "on"},
        )
        # Then Monday to Saturday are 07.00-16.00 and Sunday is closed
        assert response.status_code == 302
        assert rows(maria) == [(day, T(7), T(16)) for day in range(6)]

    def test_times_typed_per_day_are_ignored(self, maria, maria_client):
        maria_client.post(
            url(maria),
            {"mode": "same", "same_opens": "08:00", "same_closes": "17:00", "opens_2": "10:00"},
        )
        assert rows(maria) == [(day, T(8), T(17)) for day in range(7)]

    def test_the_page_shows_it_back_as_same_every_day(self, maria, maria_client):
        # Given hours 08.00-12.00 every day but Friday
        set_opening_hours(seller=maria, hours={d: (T(8), T(12)) for d in (0, 1, 2, 3, 5, 6)})
        # When the page is opened
        html = page(maria_client.get(url(maria)))
        # Then "Sama setiap hari" is chosen with that pair, and only Friday is ticked "Libur"
        assert html.find_all("input", name="mode", value="same", checked="")
        assert html.find_all("input", name="same_opens", value="08:00")
        assert html.find_all("input", name="same_closes", value="12:00")
        ticked = [d for d in range(7) if html.find_all("input", name=f"closed_{d}", checked="")]
        assert ticked == [4]

    def test_a_missing_closing_time_is_asked_for_and_the_input_kept(self, maria, maria_client):
        set_opening_hours(seller=maria, hours={0: (T(9), T(11))})
        response = maria_client.post(
            url(maria), {"mode": "same", "same_opens": "07:30", "closed_6": "on"}
        )
        html = page(response)
        assert response.status_code == 200
        assert "Isi jam buka dan jam tutup." in html.text
        assert html.find_all("input", name="same_opens", value="07:30")
        assert html.find_all("input", name="closed_6", checked="")
        assert rows(maria) == [(0, T(9), T(11))]


class TestDaysOff:
    def test_per_day_with_libur(self, maria, maria_client):
        data = {"mode": "per_day", "opens_0": "08:00", "closes_0": "12:00"}
        data |= {"opens_1": "13:00", "closes_1": "17:00"}
        data |= {f"closed_{d}": "on" for d in range(2, 7)}
        maria_client.post(url(maria), data)
        assert rows(maria) == [(0, T(8), T(12)), (1, T(13), T(17))]

    def test_a_day_without_times_or_libur_is_named(self, maria, maria_client):
        data = {"mode": "per_day", "opens_0": "08:00", "closes_0": "12:00"}
        data |= {f"closed_{d}": "on" for d in range(2, 7)}  # Tuesday left empty
        response = maria_client.post(url(maria), data)
        assert response.status_code == 200
        assert "Isi jam buka dan jam tutup, atau centang Libur." in page(response).text
        assert rows(maria) == []

    @pytest.mark.parametrize("mode", ["same", "per_day"])
    def test_every_day_off_points_to_tutup_sementara(self, maria, maria_client, mode):
        set_opening_hours(seller=maria, hours={0: (T(9), T(11))})
        data = {"mode": mode, "same_opens": "08:00", "same_closes": "17:00"}
        response = maria_client.post(url(maria), data | {f"closed_{d}": "on" for d in range(7)})
        assert response.status_code == 200
        assert "Semua hari dicentang libur" in page(response).text
        assert rows(maria) == [(0, T(9), T(11))]

    def test_no_fixed_hours_clears_the_week(self, maria, maria_client):
        set_opening_hours(seller=maria, hours={0: (T(9), T(11))})
        maria_client.post(url(maria), {"mode": "none", "closed_3": "on"})
        assert rows(maria) == []
        html = page(maria_client.get(url(maria)))
        assert html.find_all("input", name="mode", value="none", checked="")

    @pytest.mark.parametrize("mode", ["", "setiap", "x" * 5000])
    def test_a_missing_or_strange_mode_is_a_message(self, maria, maria_client, mode):
        response = maria_client.post(url(maria), {"mode": mode})
        assert response.status_code == 200
        assert "Pilih salah satu cara jam buka." in page(response).text

    def test_the_form_is_plain_html(self, maria, maria_client):
        html = page(maria_client.get(url(maria)))
        # Radio buttons, a "Libur" checkbox per day, time inputs: nothing needs a script
        assert len(html.find_all("input", type="radio", name="mode")) == 3
        assert (
            len([i for i in html.find_all("input", type="checkbox") if "closed_" in i["name"]]) == 7
        )
        assert html.find_all("input", type="time", name="same_opens")


class TestSellersTutupSementara:
    def test_closing_with_a_last_day_and_a_note(self, monkeypatch, maria, maria_client):
        # Given it is Monday 2 June 2025
        freeze_now(monkeypatch, MONDAY_10_WITA)
        # When Maria closes until Thursday, saying why
        response = maria_client.post(
            url(maria, "tutup-sementara/"),
            {"closed": "1", "closed_until": "2025-06-05", "closed_note": "Ke Kalabahi."},
        )
        # Then she is closed with that day and note, and the page says so
        maria.refresh_from_db()
        assert response.status_code == 302
        assert (maria.is_open, maria.closed_until, maria.closed_note) == (
            False,
            datetime.date(2025, 6, 5),
            "Ke Kalabahi.",
        )
        html = page(maria_client.get(response["Location"]))
        assert "Pembeli tidak bisa memesan sampai Anda buka lagi." in html.text
        assert "Buka lagi sekarang" in html.text

    def test_opening_again_clears_day_and_note(self, maria, maria_client):
        Seller.objects.filter(pk=maria.pk).update(
            is_open=False, closed_until=datetime.date(2099, 1, 1), closed_note="Sakit."
        )
        maria_client.post(url(maria, "tutup-sementara/"), {"closed": "0", "closed_note": "x"})
        maria.refresh_from_db()
        assert (maria.is_open, maria.closed_until, maria.closed_note) == (True, None, "")

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"closed_until": "2025-06-01"}, "Tanggal itu sudah lewat."),
            ({"closed_until": "besok"}, "Tulis tanggal seperti 20/05/2026."),
            ({"closed_until": "2027-01-01"}, "Paling lama satu tahun dari hari ini."),
            ({"closed_note": "x" * 201}, "200"),
            ({"closed": "tutup"}, "Pilih tutup atau buka."),
        ],
    )
    def test_bad_input_is_a_message_and_nothing_changes(
        self, monkeypatch, maria, maria_client, data, message
    ):
        freeze_now(monkeypatch, MONDAY_10_WITA)
        response = maria_client.post(
            url(maria, "tutup-sementara/"), {"closed": "1", "closed_note": "Libur."} | data
        )
        html = page(response)
        maria.refresh_from_db()
        assert response.status_code == 200
        assert message in html.text
        assert maria.is_open
        if "closed_note" not in data:
            assert html.find_all("input", name="closed_note", value="Libur.")  # input kept

    def test_a_day_in_the_sellers_zone_decides_the_past(self, monkeypatch, maria, maria_client):
        # Given it is 00.30 WITA on Tuesday 3 June, still Monday 23.30 in Jakarta
        freeze_now(monkeypatch, datetime.datetime(2025, 6, 2, 16, 30, tzinfo=datetime.UTC))
        # When Maria in Alor closes "until Monday 2 June"
        response = maria_client.post(
            url(maria, "tutup-sementara/"), {"closed": "1", "closed_until": "2025-06-02"}
        )
        # Then it is refused: Monday is already over where she is
        assert "Tanggal itu sudah lewat." in page(response).text
