"""Published QRIS stickers and a builder for made-up ones.

Published samples (real static QRIS, their CRCs as printed; recomputed here by
the tests, not by this file):
- GOPAY: GitHub Rifaldo-dev/qrisdinamis, README.md ("Payload String").
- NOBU: a static QRIS quoted as the base string in a public "Dynamic QRIS
  Implementation Guide" found by the code search (several copies of the same
  README; the search did not name the repository). Its tag 62 already holds a
  terminal label (sub-tag 07), so the reference must be merged next to it.
"""

from pasardesa.payments.qris import Field, build_payload

GOPAY_STATIC = (
    "00020101021126610014COM.GO-JEK.WWW01189360091436271261480210G6271261480303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10253896834060303UMI5204573253033605802ID5909aldo soft"
    "6013PASAMAN BARAT61052656662070703A0163042275"
)
GOPAY_CRC = "2275"

NOBU_STATIC = (
    "00020101021126670016COM.NOBUBANK.WWW01189360050300000879140214703239147837910303UMI"
    "51440014ID.CO.QRIS.WWW0215ID20232709941630303UMI5204481253033605802ID"
    "5923GRANOOL STORE OK12295776006KEDIRI61056421262070703A0163047127"
)
NOBU_CRC = "7127"


def template(tag: str, **subs: str) -> Field:
    """``template("62", s07="A01")``: sub-tags as keyword arguments ``sNN``."""
    return Field(tag, subfields=tuple(Field(key[1:], value) for key, value in sorted(subs.items())))


def static_fields(**overrides) -> list[Field]:
    """The fields of a valid static QRIS of Warung Bu Sri in Alor; a value of
    None for a tag leaves it out, a Field replaces it."""
    fields = {
        "00": Field("00", "01"),
        "01": Field("01", "11"),
        "26": template("26", s00="ID.CO.BANKNTT.WWW", s01="936001230000012345", s03="UMI"),
        "51": template("51", s00="ID.CO.QRIS.WWW", s02="ID1026123456789", s03="UMI"),
        "52": Field("52", "5411"),
        "53": Field("53", "360"),
        "58": Field("58", "ID"),
        "59": Field("59", "WARUNG BU SRI"),
        "60": Field("60", "KALABAHI"),
        "61": Field("61", "85811"),
    }
    for tag, value in overrides.items():
        tag = tag.removeprefix("t")
        if value is None:
            fields.pop(tag, None)
        else:
            fields[tag] = value if isinstance(value, Field) else Field(tag, value)
    return list(fields.values())


def static_payload(**overrides) -> str:
    return build_payload(static_fields(**overrides))
