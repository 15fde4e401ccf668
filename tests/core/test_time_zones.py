"""The zone filters every page uses: a moment in the store's zone, labelled."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from pasardesa.regions.timezones import WIB, WIT, WITA

MOMENT = datetime.datetime(2025, 6, 3, 16, 40, tzinfo=datetime.UTC)


def render(source: str, **context) -> str:
    with translation.override("id"):
        return Template("{% load pasar tz %}" + source).render(Context(context)).strip()


@pytest.mark.parametrize(
    ("zone", "expected"),
    [(WIB, "3 Jun 2025 23.40 WIB"), (WITA, "4 Jun 2025 00.40 WITA"), (WIT, "4 Jun 2025 01.40 WIT")],
)
def test_datetime_in_a_zone_carries_its_label(zone, expected):
    assert render("{{ t|datetime_in:zone }}", t=MOMENT, zone=zone) == expected


def test_date_in_a_zone_is_that_zones_day():
    assert render("{{ t|date_in:zone }}", t=MOMENT, zone=WITA) == "4 Jun 2025"
    assert render("{{ t|date_in:zone }}", t=MOMENT, zone=WIB) == "3 Jun 2025"


def test_without_a_zone_the_current_one_is_used():
    assert render(
        "{% timezone zone %}{{ t|datetime_in }}{% endtimezone %}", t=MOMENT, zone=WIT
    ) == ("4 Jun 2025 01.40 WIT")


def test_nothing_for_no_time():
    assert render("[{{ t|datetime_in:zone }}{{ t|date_in:zone }}]", t=None, zone=WITA) == "[]"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (datetime.datetime(2025, 6, 4, 8, 0, tzinfo=WITA), "hari ini 08.00 WITA"),
        (datetime.datetime(2025, 6, 5, 8, 0, tzinfo=WITA), "besok 08.00 WITA"),
        (datetime.datetime(2025, 6, 9, 8, 0, tzinfo=WITA), "Senin 08.00 WITA"),
    ],
)
def test_reopens_says_today_tomorrow_or_the_weekday(monkeypatch, opening, expected):
    monkeypatch.setattr(timezone, "now", lambda: MOMENT)  # Wednesday 00.40 WITA
    assert render("{{ o|reopens }}", o=opening) == expected
