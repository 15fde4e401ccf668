"""Reading a place from what villagers paste: map links and "lat, lng"."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pasardesa.core.geo import parse_location

ALOR = (Decimal("-8.216100"), Decimal("124.523400"))


@pytest.mark.parametrize(
    "pasted",
    [
        "-8.2161, 124.5234",
        "-8.2161,124.5234",
        "  -8.2161 124.5234 ",
        "-8,2161 124,5234",
        "-8,2161; 124,5234",
        "geo:-8.2161,124.5234",
        "geo:-8.2161,124.5234;u=35",
        "https://www.google.com/maps/@-8.2161,124.5234,17z",
        "https://www.google.com/maps/place/Kalabahi/@-8.3,124.6,12z/data=!3m1!4b1!4m6!3m5!3d-8.2161!4d124.5234",
        "https://maps.google.com/?q=-8.2161,124.5234",
        "https://www.google.com/maps/search/?api=1&query=-8.2161%2C124.5234",
        "https://www.google.com/maps?ll=-8.2161,124.5234&z=15",
        "https://www.openstreetmap.org/#map=17/-8.2161/124.5234",
        "https://www.openstreetmap.org/?mlat=-8.2161&mlon=124.5234#map=17/-8.3/124.6",
    ],
)
def test_every_usual_way_of_sharing_a_place_names_the_same_pin(pasted):
    assert parse_location(pasted) == ALOR


def test_a_google_place_link_gives_the_pin_not_the_map_centre():
    # Given a place link whose map is centred elsewhere than the pin
    link = "https://www.google.com/maps/place/Warung/@-8.0,124.0,10z/data=!4m5!3m4!3d-8.2161!4d124.5234"
    # Then the pin wins
    assert parse_location(link) == ALOR


def test_nothing_pasted_is_no_location():
    assert parse_location("") is None
    assert parse_location("   ") is None


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("https://maps.app.goo.gl/AbCdEf123", "Link pendek tidak bisa dibaca"),
        ("https://goo.gl/maps/xyz", "Link pendek tidak bisa dibaca"),
        ("rumah saya dekat masjid", "Tidak terbaca sebagai lokasi"),
        ("https://www.google.com/maps/place/Kalabahi", "Tidak terbaca sebagai lokasi"),
        ("-95.1, 124.5", "di luar peta"),
        ("-8.2, 190.5", "di luar peta"),
    ],
)
def test_what_names_no_place_gets_a_plain_message(pasted, message):
    with pytest.raises(ValidationError) as caught:
        parse_location(pasted)
    assert message in caught.value.messages[0]


@given(st.text(max_size=300))
def test_any_text_is_a_place_or_a_message_never_a_crash(text):
    try:
        found = parse_location(text)
    except ValidationError:
        return
    if found is not None:
        latitude, longitude = found
        assert -90 <= latitude <= 90 and -180 <= longitude <= 180
