"""Money is whole rupiah (int); this module formats and parses it."""

import re

# One trillion rupiah: beyond any village sale; larger amounts are typing mistakes.
MAX_PRICE_IDR = 1_000_000_000_000

# "12500" or dots between groups of three: "12.500", "1.250.000".
_RUPIAH = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+", re.ASCII)


def format_rupiah(amount: int | None) -> str:
    """``12500`` → ``Rp12.500``: dots between thousands, no decimals."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def parse_rupiah(text: str) -> int:
    """Read what a person types as a price: ``12.500``, ``Rp 12.500``, ``12500``.

    Raises ValueError for anything that is not a whole, non-negative amount
    (``12,5`` is refused: rupiah have no cents; so is ``12.5``, whose dot
    cannot be a thousands separator).
    """
    cleaned = text.strip().lower().removeprefix("rp").strip().replace(" ", "")
    if not _RUPIAH.fullmatch(cleaned):
        raise ValueError(text)
    return int(cleaned.replace(".", ""))
