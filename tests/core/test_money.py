"""Money is whole rupiah: ``Rp12.500`` on the page, ``12.500`` typed in a form."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasardesa.core.money import format_rupiah, parse_rupiah


class TestFormatRupiah:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (0, "Rp0"),
            (1, "Rp1"),
            (999, "Rp999"),
            (1_000, "Rp1.000"),
            (12_500, "Rp12.500"),
            (1_500_000, "Rp1.500.000"),
            (25_000_000, "Rp25.000.000"),
            (2_000_000_000, "Rp2.000.000.000"),
            (-12_500, "-Rp12.500"),
            (-1, "-Rp1"),
        ],
    )
    def test_given_whole_rupiah_when_formatted_then_dots_separate_thousands(self, amount, expected):
        assert format_rupiah(amount) == expected

    def test_given_no_amount_when_formatted_then_empty_text(self):
        assert format_rupiah(None) == ""

    @given(st.integers(min_value=0, max_value=10**15))
    def test_given_any_non_negative_amount_then_format_has_no_decimals_or_commas(self, amount):
        assert re.fullmatch(r"Rp\d{1,3}(\.\d{3})*", format_rupiah(amount))


class TestParseRupiah:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("12.500", 12_500),
            ("12500", 12_500),
            ("Rp 12.500", 12_500),
            ("Rp12.500", 12_500),
            ("rp12.500", 12_500),
            ("  RP 1.000.000 ", 1_000_000),
            ("12 500", 12_500),
            ("0", 0),
        ],
    )
    def test_given_what_a_seller_types_when_parsed_then_whole_rupiah(self, typed, expected):
        assert parse_rupiah(typed) == expected

    @pytest.mark.parametrize(
        "typed",
        ["12,5", "12.500,00", "-1", "-12.500", "abc", "", "   ", "Rp", "Rp -500", "1e6", "+12"],
    )
    def test_given_not_a_whole_non_negative_amount_when_parsed_then_value_error(self, typed):
        with pytest.raises(ValueError):
            parse_rupiah(typed)

    @pytest.mark.parametrize("typed", ["12.5", "1.50", "1.2.3", "12.50.0"])
    def test_given_dots_that_are_not_thousands_groups_when_parsed_then_refused(self, typed):
        # Read as Rp125 or Rp150 these would publish a price off by a factor of
        # 100: dots are thousands separators only, followed by 3 digits.
        with pytest.raises(ValueError):
            parse_rupiah(typed)

    @given(st.integers(min_value=0, max_value=10**15))
    def test_given_any_non_negative_amount_then_format_then_parse_round_trips(self, amount):
        assert parse_rupiah(format_rupiah(amount)) == amount

    @given(st.integers(min_value=0, max_value=10**15))
    def test_given_plain_digits_when_parsed_then_same_number(self, amount):
        assert parse_rupiah(str(amount)) == amount

    @given(st.text(max_size=30))
    def test_given_arbitrary_text_then_only_value_error_or_non_negative_int(self, text):
        try:
            value = parse_rupiah(text)
        except ValueError:
            return
        assert isinstance(value, int)
        assert value >= 0
