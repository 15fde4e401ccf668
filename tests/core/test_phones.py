"""WhatsApp numbers: whatever people type, one E.164 number is stored."""

import phonenumbers
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pasardesa.core.phones import (
    INVALID_PHONE,
    format_phone_national,
    is_valid_phone,
    normalize_phone,
)

E164 = "+6281234567890"


def assert_refused(raw):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(raw)
    error = excinfo.value
    assert error.code == "invalid_phone"
    assert error.messages == [str(INVALID_PHONE)]
    assert "Nomor WhatsApp tidak valid" in error.messages[0]
    assert not is_valid_phone(raw)


def assert_e164_or_refused(text):
    try:
        normalized = normalize_phone(text)
    except ValidationError as error:
        assert error.code == "invalid_phone"
        return
    assert normalized.startswith("+")
    assert normalized[1:].isdigit()
    assert phonenumbers.is_valid_number(phonenumbers.parse(normalized))
    assert normalize_phone(normalized) == normalized


class TestNormalizePhone:
    @pytest.mark.parametrize(
        "typed",
        [
            "0812-3456-7890",
            "0812 3456 7890",
            "081234567890",
            "62812 3456 7890",
            "6281234567890",
            "+62 812-3456-7890",
            "+62 812 3456 7890",
            "+6281234567890",
            "(0812) 3456-7890",
            "  0812-3456-7890  ",
            # Without the trunk 0, as people copy it from a +62 number.
            "812-3456-7890",
        ],
    )
    def test_given_one_number_written_many_ways_when_normalised_then_one_e164(self, typed):
        assert normalize_phone(typed) == E164
        assert is_valid_phone(typed)

    def test_given_e164_when_normalised_again_then_unchanged(self):
        assert normalize_phone(normalize_phone("0812-3456-7890")) == E164

    def test_given_a_landline_when_normalised_then_accepted(self):
        # WhatsApp Business runs on landlines too (a BUMDes office number).
        assert normalize_phone("021-5555-1234") == "+622155551234"
        assert normalize_phone("(0361) 234567") == "+62361234567"

    @pytest.mark.parametrize(
        ("typed", "expected"),
        [("+1 650 253 0000", "+16502530000"), ("+65 6123 4567", "+6561234567")],
    )
    def test_given_a_foreign_number_with_plus_when_normalised_then_kept_in_its_country(
        self, typed, expected
    ):
        # Documented behaviour: "Indonesian (or international)". Diaspora
        # buyers and a seller's relative abroad keep their own country code;
        # nothing is forced to +62.
        assert normalize_phone(typed) == expected

    @pytest.mark.parametrize(
        "typed",
        [
            "",
            "   ",
            None,
            "0812",  # too short
            "0812-345",  # too short
            "12345",
            "abc",
            "nomor saya",
            "0" * 40,  # 40 characters of junk
            "x" * 40,
            "0812-3456-7890" * 3,  # pasted three times
            "+62 812-3456-7890-1234",  # too long
            "+0 812 3456 7890",
            "++62",
        ],
    )
    def test_given_not_a_phone_number_when_normalised_then_indonesian_validation_error(self, typed):
        assert_refused(typed)

    @pytest.mark.parametrize("typed", ["0812-3456-789O", "0812 3456 78ab", "0812-345-JUAL"])
    def test_given_letters_in_the_number_when_normalised_then_refused(self, typed):
        # phonenumbers alone drops trailing letters and reads others as a
        # keypad, so "0812-3456-789O" (letter O for zero) would become another,
        # valid number: the buyer's WhatsApp would go to a stranger.
        assert_refused(typed)

    @given(st.text(max_size=60))
    def test_given_arbitrary_text_then_either_e164_or_validation_error(self, text):
        assert_e164_or_refused(text)

    @given(st.text(alphabet="+0123456789 -().", max_size=25))
    def test_given_digit_like_text_then_either_e164_or_validation_error(self, text):
        assert_e164_or_refused(text)

    @given(st.integers(min_value=10_000_000, max_value=99_999_999))
    def test_given_any_telkomsel_number_then_all_spellings_agree(self, rest):
        digits = f"812{rest}"
        expected = f"+62{digits}"
        assert normalize_phone(f"0{digits}") == expected
        assert normalize_phone(f"62{digits}") == expected
        assert normalize_phone(f"+62 {digits[:3]}-{digits[3:7]}-{digits[7:]}") == expected


class TestFormatPhoneNational:
    def test_given_e164_when_formatted_then_local_style(self):
        assert format_phone_national(E164) == "0812-3456-7890"

    def test_given_nothing_when_formatted_then_empty(self):
        assert format_phone_national("") == ""

    def test_given_unparseable_when_formatted_then_returned_as_is(self):
        assert format_phone_national("bukan nomor") == "bukan nomor"
