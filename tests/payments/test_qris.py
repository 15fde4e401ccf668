"""QRIS: a seller's static sticker is checked, then rebuilt for one exact amount."""

import binascii

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pasardesa.payments import qris
from pasardesa.payments.qris import (
    Field,
    build_payload,
    crc16_ccitt_false,
    dynamic_qris,
    parse_payload,
    parse_static_qris,
    serialise,
)

from .qris_samples import (
    GOPAY_CRC,
    GOPAY_STATIC,
    NOBU_CRC,
    NOBU_STATIC,
    static_fields,
    static_payload,
    template,
)


def independent_crc(text_before_crc: str) -> str:
    """The stdlib's CRC-CCITT with init 0xFFFF, as a second opinion on ours."""
    return f"{binascii.crc_hqx(text_before_crc.encode('utf-8'), 0xFFFF):04X}"


def with_crc(body: str) -> str:
    body += "6304"
    return body + independent_crc(body)


def assert_refused(text: str, code: str, message) -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_static_qris(text)
    assert excinfo.value.code == code
    assert excinfo.value.messages == [str(message)]


def payload_of_length(length: int) -> str:
    """A valid static QRIS padded with unreserved tags 80.. to exactly ``length``."""
    fields = static_fields()
    missing = length - len(build_payload(fields))
    tag = 80
    while missing:
        # Leave at least 5 characters for the next field (4 of header, 1 of value).
        size = missing - 4 if missing <= 103 else min(99, missing - 9)
        fields.append(Field(str(tag), "P" * size))
        missing -= 4 + size
        tag += 1
    return with_crc(serialise(fields))


def tags_of(payload: str) -> list[str]:
    return [field.tag for field in parse_payload(payload)]


def field(payload: str, tag: str) -> Field:
    return next(f for f in parse_payload(payload) if f.tag == tag)


class TestCrc:
    def test_given_the_standard_check_string_then_29b1(self):
        assert crc16_ccitt_false(b"123456789") == 0x29B1

    def test_given_nothing_then_the_initial_value(self):
        assert crc16_ccitt_false(b"") == 0xFFFF

    @given(st.binary(max_size=600))
    def test_given_any_bytes_then_the_same_as_the_stdlib_crc(self, data):
        assert crc16_ccitt_false(data) == binascii.crc_hqx(data, 0xFFFF)


class TestPublishedStickers:
    @pytest.mark.parametrize(
        ("payload", "printed_crc"), [(GOPAY_STATIC, GOPAY_CRC), (NOBU_STATIC, NOBU_CRC)]
    )
    def test_given_a_published_sticker_then_its_printed_crc_is_ours(self, payload, printed_crc):
        assert f"{crc16_ccitt_false(payload[:-4].encode()):04X}" == printed_crc

    def test_given_a_gopay_sticker_then_name_city_nmid_and_acquirers_are_read(self):
        static = parse_static_qris(GOPAY_STATIC)

        assert static.merchant_name == "aldo soft"
        assert static.merchant_city == "PASAMAN BARAT"
        assert static.nmid == "ID1025389683406"
        assert static.acquirer_guids == ("COM.GO-JEK.WWW", "ID.CO.QRIS.WWW")

    def test_given_a_bank_sticker_then_name_city_and_nmid_are_read(self):
        static = parse_static_qris(NOBU_STATIC)

        assert static.merchant_name == "GRANOOL STORE OK1229577"
        assert static.merchant_city == "KEDIRI"
        assert static.nmid == "ID2023270994163"
        assert static.acquirer_guids == ("COM.NOBUBANK.WWW", "ID.CO.QRIS.WWW")

    def test_given_a_sticker_pasted_with_a_line_break_then_accepted(self):
        assert parse_static_qris(f"  {GOPAY_STATIC}\r\n").merchant_name == "aldo soft"

    def test_given_a_lowercase_crc_then_accepted(self):
        assert parse_static_qris(static_payload()[:-4] + static_payload()[-4:].lower())

    def test_given_templates_then_their_sub_fields_are_parsed(self):
        fields = parse_payload(NOBU_STATIC)

        tags = {f.tag: f for f in fields}
        assert tags["51"].sub("00") == "ID.CO.QRIS.WWW"
        assert tags["51"].sub("03") == "UMI"
        assert tags["62"].subfields == (Field("07", "A01"),)
        assert tags["59"].subfields is None


class TestRefused:
    def test_given_a_wrong_crc_then_refused(self):
        assert_refused(GOPAY_STATIC[:-4] + "2276", "crc", qris.ERROR_CRC)

    def test_given_a_changed_merchant_name_with_the_old_crc_then_refused(self):
        tampered = GOPAY_STATIC.replace("aldo soft", "aldo sofa")
        assert_refused(tampered, "crc", qris.ERROR_CRC)

    @pytest.mark.parametrize(
        "text",
        [
            "Transfer ke BRI 0123-01-000123-30-5 a.n. Bu Sri",
            "BEGIN:VCARD\nFN:Bu Sri\nEND:VCARD",
            "000101",
            "1234567890",
        ],
    )
    def test_given_text_that_is_no_qris_then_refused(self, text):
        assert_refused(text, "not_qris", qris.ERROR_NOT_QRIS)

    @pytest.mark.parametrize(
        "text", ["https://wa.me/6281234567890", "http://qris.id/x", "www.tokobusri.id"]
    )
    def test_given_a_url_qr_then_refused_as_a_web_address(self, text):
        assert_refused(text, "url", qris.ERROR_URL)

    @pytest.mark.parametrize("text", ["", "   \n"])
    def test_given_nothing_then_refused(self, text):
        assert_refused(text, "empty", qris.ERROR_EMPTY)

    def test_given_a_dynamic_qris_for_setup_then_refused(self):
        dynamic = dynamic_qris(parse_static_qris(GOPAY_STATIC), 15_000)
        assert_refused(dynamic, "dynamic", qris.ERROR_DYNAMIC)

    @pytest.mark.parametrize(
        ("overrides", "code", "message"),
        [
            ({"t01": None}, "initiation", qris.ERROR_INITIATION),
            ({"t01": "13"}, "initiation", qris.ERROR_INITIATION),
            ({"t51": None}, "no_merchant_account", qris.ERROR_NO_MERCHANT_ACCOUNT),
            (
                {"t51": template("51", s00="ID.CO.EXAMPLE.WWW", s02="ID1026123456789")},
                "no_merchant_account",
                qris.ERROR_NO_MERCHANT_ACCOUNT,
            ),
            ({"t51": template("51", s00="ID.CO.QRIS.WWW")}, "no_nmid", qris.ERROR_NO_NMID),
            ({"t53": None}, "currency", qris.ERROR_CURRENCY),
            ({"t53": "840"}, "currency", qris.ERROR_CURRENCY),
            ({"t58": None}, "country", qris.ERROR_COUNTRY),
            ({"t58": "MY"}, "country", qris.ERROR_COUNTRY),
            ({"t59": None}, "no_name", qris.ERROR_NO_NAME),
            ({"t59": "  "}, "no_name", qris.ERROR_NO_NAME),
            ({"t60": None}, "no_city", qris.ERROR_NO_CITY),
        ],
    )
    def test_given_a_missing_or_wrong_tag_then_refused_with_its_reason(
        self, overrides, code, message
    ):
        assert_refused(static_payload(**overrides), code, message)

    def test_given_no_crc_field_then_refused(self):
        body = serialise(static_fields())
        assert_refused(body, "crc_missing", qris.ERROR_CRC_MISSING)

    def test_given_a_field_after_the_crc_then_refused(self):
        assert_refused(static_payload() + "0703A01", "crc_missing", qris.ERROR_CRC_MISSING)

    @pytest.mark.parametrize(
        "body",
        [
            "0002010102115999WARUNG",  # length runs past the end
            "0002010102115900",  # an empty value
            "00020101021159XYWARUNG",  # a length that is no number
            "000201010211590",  # a field cut inside its header
        ],
    )
    def test_given_bad_lengths_then_refused_as_broken(self, body):
        assert_refused(with_crc(body), "malformed", qris.ERROR_MALFORMED)

    def test_given_a_bad_length_inside_a_template_then_refused_as_broken(self):
        body = serialise(static_fields(t62=None)) + "62070799A01"
        assert_refused(with_crc(body), "malformed", qris.ERROR_MALFORMED)

    def test_given_a_tag_twice_then_refused(self):
        body = serialise(static_fields()) + "5903BSR"
        assert_refused(with_crc(body), "duplicate", qris.ERROR_DUPLICATE)

    @pytest.mark.parametrize("name", ["WARUNG BU SRÍ", "WARUNG\tSRI", "WARUNG\x00SRI", "🙂"])
    def test_given_a_character_outside_printable_ascii_then_refused(self, name):
        assert_refused(static_payload(t59=name), "characters", qris.ERROR_CHARACTERS)

    def test_given_five_thousand_characters_then_refused_before_parsing(self):
        assert_refused(static_payload() + "9" * 5_000, "too_long", qris.ERROR_TOO_LONG)

    def test_given_512_characters_then_accepted_and_513_refused(self):
        assert len(payload_of_length(512)) == 512
        assert parse_static_qris(payload_of_length(512))

        assert_refused(payload_of_length(513), "too_long", qris.ERROR_TOO_LONG)

    def test_given_messages_then_they_are_plain_indonesian_and_translated(self):
        assert "bukan kode QRIS" in str(qris.ERROR_NOT_QRIS)
        assert "QRIS dinamis" in str(qris.ERROR_DYNAMIC)
        with translation.override("en"):
            assert str(qris.ERROR_NOT_QRIS).startswith("This is not a QRIS code.")


class TestAlternateLanguage:
    def test_given_a_unicode_name_in_tag_64_then_kept_and_counted_in_characters(self):
        alternate = template("64", s00="ID", s01="Warung Bu Srí", s02="Kalabahi")
        payload = static_payload(t64=alternate)
        # 13 characters (14 bytes in UTF-8); the template: 6 + 17 + 12 = 35 characters.
        assert "64350002ID0113Warung Bu Srí0208Kalabahi6304" in payload

        static = parse_static_qris(payload)

        assert next(f for f in static.fields if f.tag == "64").sub("01") == "Warung Bu Srí"
        dynamic = dynamic_qris(static, 20_000)
        assert dynamic[-4:] == independent_crc(dynamic[:-4])
        assert field(dynamic, "64") == alternate


class TestDynamic:
    def test_given_an_amount_then_tag_54_comes_right_before_58(self):
        dynamic = dynamic_qris(parse_static_qris(GOPAY_STATIC), 125_347)

        assert "54061253475802ID" in dynamic
        assert tags_of(dynamic)[tags_of(dynamic).index("54") + 1] == "58"
        assert field(dynamic, "54").value == "125347"

    def test_given_a_sticker_then_it_becomes_dynamic_with_a_valid_crc(self):
        dynamic = dynamic_qris(parse_static_qris(NOBU_STATIC), 20_000)

        assert dynamic.startswith("000201010212")
        assert dynamic[-8:-4] == "6304"
        assert dynamic[-4:] == independent_crc(dynamic[:-4])

    def test_given_a_gopay_sticker_then_the_pinned_dynamic_payload(self):
        dynamic = dynamic_qris(parse_static_qris(GOPAY_STATIC), 15_000, "INV1")

        assert dynamic == (
            "00020101021226610014COM.GO-JEK.WWW01189360091436271261480210G6271261480303UMI"
            "51440014ID.CO.QRIS.WWW0215ID10253896834060303UMI520457325303360540515000"
            "5802ID5909aldo soft6013PASAMAN BARAT61052656662150504INV10703A016304"
            + independent_crc(dynamic[:-4])
        )

    def test_given_fields_out_of_order_then_output_is_ascending_00_first_63_last(self):
        body = (
            "000201"
            + "5802ID"
            + "010211"
            + serialise(f for f in static_fields() if f.tag not in {"00", "01", "58"})
        )
        static = parse_static_qris(with_crc(body))

        tags = tags_of(dynamic_qris(static, 5_000))

        assert tags == sorted(tags)
        assert tags[0] == "00" and tags[-1] == "63"

    def test_given_tip_and_fee_tags_then_they_are_never_passed_on(self):
        static = parse_static_qris(static_payload(t55="02", t56="2500", t57="3.5"))

        dynamic = dynamic_qris(static, 50_000)

        assert not {"55", "56", "57"} & set(tags_of(dynamic))
        assert field(dynamic, "54").value == "50000"

    def test_given_a_reference_then_merged_into_the_existing_62(self):
        dynamic = dynamic_qris(parse_static_qris(NOBU_STATIC), 20_000, "PD-2612-0042")

        assert field(dynamic, "62").subfields == (
            Field("05", "PD-2612-0042"),
            Field("07", "A01"),
        )

    def test_given_a_reference_and_no_62_then_a_new_62_holds_it(self):
        dynamic = dynamic_qris(parse_static_qris(static_payload()), 20_000, "PD-1")

        assert field(dynamic, "62").subfields == (Field("05", "PD-1"),)

    def test_given_a_sticker_reference_then_ours_replaces_it(self):
        static = parse_static_qris(static_payload(t62=template("62", s05="OLD", s08="BELI")))

        dynamic = dynamic_qris(static, 20_000, "NEW")

        assert field(dynamic, "62").subfields == (Field("05", "NEW"), Field("08", "BELI"))

    def test_given_no_reference_then_the_62_of_the_sticker_is_kept(self):
        dynamic = dynamic_qris(parse_static_qris(NOBU_STATIC), 20_000)

        assert field(dynamic, "62").subfields == (Field("07", "A01"),)

    def test_given_an_amount_on_the_sticker_then_ours_replaces_it(self):
        static = parse_static_qris(static_payload(t54="99999"))

        assert field(dynamic_qris(static, 1_000), "54").value == "1000"

    def test_given_a_name_that_looks_like_tags_then_it_is_left_alone(self):
        static = parse_static_qris(static_payload(t59="TOKO 5802ID 540199"))

        dynamic = dynamic_qris(static, 7_500)

        assert field(dynamic, "59").value == "TOKO 5802ID 540199"
        assert field(dynamic, "54").value == "7500"

    @pytest.mark.parametrize("amount", [1, 9_999_999_999_999])
    def test_given_the_smallest_and_largest_amount_then_accepted(self, amount):
        dynamic = dynamic_qris(parse_static_qris(GOPAY_STATIC), amount)
        assert field(dynamic, "54").value == str(amount)

    @pytest.mark.parametrize("amount", [0, -5_000, 10_000_000_000_000, 1.5, True, "15000", None])
    def test_given_a_bad_amount_then_refused(self, amount):
        with pytest.raises(ValidationError) as excinfo:
            dynamic_qris(parse_static_qris(GOPAY_STATIC), amount)
        assert excinfo.value.code == "amount"
        assert excinfo.value.messages == [str(qris.ERROR_AMOUNT)]

    @pytest.mark.parametrize("reference", ["", "X" * 26, "PD-É", "PD\n1", " PD-1"])
    def test_given_a_bad_reference_then_refused(self, reference):
        with pytest.raises(ValidationError) as excinfo:
            dynamic_qris(parse_static_qris(GOPAY_STATIC), 1_000, reference)
        assert excinfo.value.code == "reference"
        assert excinfo.value.messages == [str(qris.ERROR_REFERENCE)]

    def test_given_a_62_with_no_room_for_the_reference_then_refused_as_too_long(self):
        static = parse_static_qris(static_payload(t62=template("62", s08="B" * 90)))

        with pytest.raises(ValidationError) as excinfo:
            dynamic_qris(static, 1_000, "PD-2612-0042")
        assert excinfo.value.code == "too_long"

    def test_given_a_25_character_reference_then_accepted(self):
        dynamic = dynamic_qris(parse_static_qris(GOPAY_STATIC), 1_000, "R" * 25)
        assert field(dynamic, "62").sub("05") == "R" * 25


# --- properties ------------------------------------------------------------------------------

ans = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=25)
trimmed_ans = ans.map(str.strip).filter(bool)
digits = st.text("0123456789", min_size=1, max_size=19)
guid = st.sampled_from(["COM.GO-JEK.WWW", "ID.DANA.WWW", "ID.CO.SHOPEE.WWW", "ID.CO.BRI.WWW"])


@st.composite
def static_field_lists(draw) -> list[Field]:
    fields = [Field("00", "01"), Field("01", "11")]
    for tag in draw(st.sets(st.sampled_from(["26", "27", "40"]), max_size=2)):
        fields.append(template(tag, s00=draw(guid), s01=draw(digits), s03="UMI"))
    nmid = "ID" + draw(st.text("0123456789", min_size=13, max_size=13))
    fields.append(template("51", s00="ID.CO.QRIS.WWW", s02=nmid, s03="UMI"))
    fields += [Field("52", draw(st.text("0123456789", min_size=4, max_size=4)))]
    fields += [Field("53", "360"), Field("58", "ID")]
    fields += [Field("59", draw(trimmed_ans)), Field("60", draw(trimmed_ans))]
    if draw(st.booleans()):
        fields.append(Field("61", draw(digits)))
    if draw(st.booleans()):
        fields.append(template("62", s07=draw(ans)))
    if draw(st.booleans()):
        unicode_name = st.text(
            st.characters(categories=["L", "N"], include_characters=" "), min_size=1, max_size=25
        )
        fields.append(template("64", s00="ID", s01=draw(unicode_name)))
    return sorted(fields, key=lambda f: f.tag)


class TestProperties:
    @given(static_field_lists())
    def test_parse_after_build_gives_back_the_same_fields(self, fields):
        parsed = parse_static_qris(build_payload(fields)).fields

        assert parsed[:-1] == tuple(fields)
        assert parsed[-1].tag == "63"

    @given(
        static_field_lists(),
        st.integers(min_value=1, max_value=qris.MAX_AMOUNT_IDR),
        st.none() | ans.filter(lambda r: r == r.strip()),
    )
    def test_every_dynamic_payload_has_a_valid_crc_and_the_amount(self, fields, amount, ref):
        dynamic = dynamic_qris(parse_static_qris(build_payload(fields)), amount, ref)

        assert dynamic[-4:] == independent_crc(dynamic[:-4])
        assert field(dynamic, "01").value == "12"
        assert field(dynamic, "54").value == str(amount)
        if ref is not None:
            assert field(dynamic, "62").sub("05") == ref

    @given(st.text(max_size=600))
    def test_any_text_is_a_static_qris_or_a_plain_refusal(self, text):
        try:
            assert isinstance(parse_static_qris(text), qris.StaticQris)
        except ValidationError as exc:
            assert exc.code in REFUSAL_CODES

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(static_field_lists(), st.data())
    def test_a_damaged_sticker_is_a_static_qris_or_a_plain_refusal(self, fields, data):
        text = build_payload(fields)
        at = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
        damaged = text[:at] + data.draw(st.text(max_size=3)) + text[at + 1 :]
        try:
            parse_static_qris(damaged)
        except ValidationError as exc:
            assert exc.code in REFUSAL_CODES


REFUSAL_CODES = {
    "empty",
    "too_long",
    "url",
    "not_qris",
    "characters",
    "malformed",
    "duplicate",
    "crc_missing",
    "crc",
    "dynamic",
    "initiation",
    "no_merchant_account",
    "no_nmid",
    "currency",
    "country",
    "no_name",
    "no_city",
}
