"""Money is whole rupiah (int); this module formats and parses it."""


def format_rupiah(amount: int | None) -> str:
    """``12500`` → ``Rp12.500``: dots between thousands, no decimals."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def parse_rupiah(text: str) -> int:
    """Read what a person types as a price: ``12.500``, ``Rp 12.500``, ``12500``.

    Raises ValueError for anything that is not a whole, non-negative amount
    (``12,5`` is refused: rupiah have no cents).
    """
    cleaned = text.strip().lower().removeprefix("rp").strip().replace(".", "").replace(" ", "")
    if not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)
