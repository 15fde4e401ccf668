"""Colour contrast of the one stylesheet (inlined in every page) meets WCAG AA:
4.5:1 for text against every background it is shown on, 3:1 for the borders
that show where a field is (WCAG 1.4.3 and 1.4.11). Lighthouse measures the
same on real pages; this catches a new grey before it ships."""

import re
from pathlib import Path

import pytest

CSS = (
    Path(__file__).resolve().parents[2] / "pasardesa" / "core" / "static" / "core" / "site.css"
).read_text()


def rules() -> dict[str, dict[str, str]]:
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", CSS)):
        decls = dict(
            (k.strip(), v.strip())
            for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        for selector in selectors.split(","):
            found.setdefault(selector.strip(), {}).update(decls)
    return found


def _hex(value: str) -> str | None:
    match = re.search(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", value)
    if not match:
        return None
    h = match.group(1)
    return (h if len(h) == 6 else "".join(c * 2 for c in h)).lower()


def luminance(h: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


RULES = rules()
BODY_TEXT = _hex(RULES["body"]["color"])
PAGE = _hex(RULES["body"]["background"])
WHITE = "ffffff"  # cards, boxes, fields
STATUS = _hex(RULES[".msg"]["background"])  # a muted note may sit in a message
HEADER = _hex(RULES["header"]["background"])


def text_pairs():
    for selector, decls in RULES.items():
        colour = _hex(decls.get("color", ""))
        if colour is None:
            continue
        own = _hex(decls.get("background", ""))
        if own:
            backgrounds = [own]
        elif selector.startswith("header"):
            backgrounds = [HEADER]
        else:
            backgrounds = [PAGE, WHITE, STATUS]
        for background in backgrounds:
            yield pytest.param(selector, colour, background, id=f"{selector}:{colour}/{background}")
    # text inheriting the body colour on every filled element
    for selector, decls in RULES.items():
        own = _hex(decls.get("background", ""))
        if own and not _hex(decls.get("color", "")):
            yield pytest.param(selector, BODY_TEXT, own, id=f"{selector}:inherit/{own}")


@pytest.mark.parametrize(("selector", "colour", "background"), list(text_pairs()))
def test_text_has_aa_contrast_on_its_background(selector, colour, background):
    assert ratio(colour, background) >= 4.5, (selector, round(ratio(colour, background), 2))


@pytest.mark.parametrize("selector", ["input", "textarea"])
def test_field_borders_are_visible(selector):
    border = _hex(RULES[selector]["border"])
    for background in (WHITE, PAGE):
        assert ratio(border, background) >= 3, (selector, round(ratio(border, background), 2))


def test_the_muted_grey_is_checked_at_all():
    # The rule Lighthouse flagged must be among the pairs above.
    assert any(p.values[0] == ".m" for p in text_pairs())
