"""Indonesia's three time zones, by province code.

WIB (UTC+7) covers Sumatra, Java, West and Central Kalimantan; WITA (UTC+8)
Bali, Nusa Tenggara, the rest of Kalimantan and Sulawesi; WIT (UTC+9) Maluku and
Papua. A seller's opening hours are read in their own zone.
"""

from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

_WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}


def zone_for_region_code(code: str) -> ZoneInfo:
    province = code.split(".")[0]
    if province.startswith("8") or province.startswith("9"):
        return WIT
    if province in _WITA_PROVINCES:
        return WITA
    return WIB


def zone_abbreviation(code: str) -> str:
    return {WIB: "WIB", WITA: "WITA", WIT: "WIT"}[zone_for_region_code(code)]
