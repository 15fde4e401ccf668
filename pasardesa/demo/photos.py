"""Photos for the demo market, drawn with Pillow at run time.

Nothing is downloaded and no font is needed beyond Pillow's built-in one: each
picture is a few shapes that suggest the item (a cup for kopi, stripes for a
tenun cloth, a fish, a bottle...) on a table, with a little grain so it looks
like a product tile rather than a flat icon. Every picture is drawn from a
seeded ``random.Random``, so two runs give the same bytes.

The result is a JPEG ``ContentFile`` (it has ``.name`` and ``.size``), handed
to the same upload services a seller's phone photo goes through, which
re-encode it to the small WebP files the site serves.
"""

import io
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# What the pipeline receives. The detail image keeps this size (it is under the
# 960 px box); 560 px is sharp on a 360 px wide phone and keeps drawing and
# re-encoding quick (the whole demo loads in about 10 s of CPU time).
PHOTO_SIZE = 560
# Shapes are drawn at twice the size and reduced: cheap anti-aliasing.
_SCALE = 2

Colour = tuple[int, int, int]

# A background colour per starter category (by slug), so a grid reads at a glance.
CATEGORY_COLOURS: dict[str, Colour] = {
    "makanan-minuman": (238, 172, 96),
    "hasil-tani": (176, 200, 112),
    "sembako": (226, 200, 150),
    "hasil-laut-ternak": (112, 172, 212),
    "kerajinan": (196, 150, 104),
    "fashion": (186, 96, 92),
    "herbal": (132, 186, 128),
    "tanaman-bibit": (110, 176, 100),
    "jasa": (128, 140, 204),
    "lainnya": (176, 176, 176),
}
DEFAULT_COLOUR: Colour = (190, 180, 170)

WHITE: Colour = (255, 255, 255)
INK: Colour = (40, 34, 30)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def shade(c: Colour, t: float) -> Colour:
    """Darker by ``t`` (0..1)."""
    return mix(c, (0, 0, 0), t)


def tint(c: Colour, t: float) -> Colour:
    """Lighter by ``t`` (0..1)."""
    return mix(c, WHITE, t)


def jitter(rng: random.Random, c: Colour, amount: int = 14) -> Colour:
    """The same colour a little lighter or darker, with a hint of hue change."""
    light = rng.randint(-amount, amount)
    hue = max(1, amount // 4)

    def channel(v: int) -> int:
        return max(0, min(255, v + light + rng.randint(-hue, hue)))

    return (channel(c[0]), channel(c[1]), channel(c[2]))


@dataclass(frozen=True)
class Look:
    """How one picture is coloured: the category's colour and the item's own."""

    background: Colour
    accent: Colour
    label: str = ""


class Canvas:
    """Drawing in unit coordinates (0..1 across the picture), at double size."""

    def __init__(self, size: int, background: Colour):
        self.px = size * _SCALE
        self.image = Image.new("RGB", (self.px, self.px), background)
        self.draw = ImageDraw.Draw(self.image)

    def p(self, v: float) -> int:
        return round(v * self.px)

    def pts(self, points) -> list[tuple[int, int]]:
        return [(self.p(x), self.p(y)) for x, y in points]

    def w(self, width: float) -> int:
        return max(1, round(width * self.px))

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=0.0):
        box = (self.p(cx - rx), self.p(cy - ry), self.p(cx + rx), self.p(cy + ry))
        self.draw.ellipse(box, fill=fill, outline=outline, width=self.w(width) if outline else 0)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=0.0, radius=0.0):
        box = (self.p(x0), self.p(y0), self.p(x1), self.p(y1))
        self.draw.rounded_rectangle(
            box,
            radius=self.p(radius),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def poly(self, points, fill=None, outline=None, width=0.0):
        self.draw.polygon(
            self.pts(points), fill=fill, outline=outline, width=self.w(width) if outline else 0
        )

    def line(self, points, fill, width=0.006):
        self.draw.line(self.pts(points), fill=fill, width=self.w(width), joint="curve")

    def arc(self, cx, cy, rx, ry, start, end, fill, width=0.006):
        box = (self.p(cx - rx), self.p(cy - ry), self.p(cx + rx), self.p(cy + ry))
        self.draw.arc(box, start, end, fill=fill, width=self.w(width))

    def oval(self, cx, cy, rx, ry, angle, fill=None, outline=None, width=0.0, n=28):
        """An ellipse turned by ``angle`` degrees (beans, leaves, nuts)."""
        self.poly(oval_points(cx, cy, rx, ry, angle, n), fill=fill, outline=outline, width=width)

    def text(self, cx, cy, text, fill, size: float):
        font = _font(self.w(size))
        self.draw.text((self.p(cx), self.p(cy)), text, fill=fill, font=font, anchor="mm")

    def fit_text(self, cx, cy, text, fill, size: float, max_width: float):
        """Centred text, smaller when it would not fit ``max_width``."""
        font = _font(self.w(size))
        width = self.draw.textlength(text, font=font)
        if width > self.p(max_width):
            size = size * self.p(max_width) / width
        self.text(cx, cy, text, fill, size)


_FONTS: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}


def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in font: scalable Aileron with FreeType, else a small bitmap font."""
    if px not in _FONTS:
        _FONTS[px] = ImageFont.load_default(size=px)
    return _FONTS[px]


def oval_points(cx, cy, rx, ry, angle, n=28) -> list[tuple[float, float]]:
    a = math.radians(angle)
    cos_a, sin_a = math.cos(a), math.sin(a)
    points = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def leaf_points(cx, cy, length, width, angle, n=16) -> list[tuple[float, float]]:
    """A pointed leaf from (cx, cy) outwards along ``angle`` degrees."""
    a = math.radians(angle)
    cos_a, sin_a = math.cos(a), math.sin(a)
    side_a, side_b = [], []
    for i in range(n + 1):
        t = i / n
        along = t * length
        half = math.sin(math.pi * t) * width / 2
        side_a.append((along, half))
        side_b.append((along, -half))
    outline = side_a + side_b[::-1]
    return [(cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a) for x, y in outline]


# --- backgrounds -------------------------------------------------------------


def _backdrop(c: Canvas, rng: random.Random, look: Look, table_top: float = 0.66) -> None:
    """A light wall fading into the category colour, and a wooden table."""
    wall_top, wall_bottom = tint(look.background, 0.62), tint(look.background, 0.3)
    steps = 32
    for i in range(steps):
        y0, y1 = table_top * i / steps, table_top * (i + 1) / steps
        c.rect(0, y0, 1, y1 + 0.002, fill=mix(wall_top, wall_bottom, i / steps))
    wood = mix(look.background, (150, 105, 70), 0.55)
    c.rect(0, table_top, 1, 1, fill=wood)
    c.rect(0, table_top, 1, table_top + 0.012, fill=tint(wood, 0.25))
    for _ in range(9):
        y = rng.uniform(table_top + 0.03, 0.99)
        points = [(x / 8, y + 0.006 * math.sin(x * 1.7 + y * 40)) for x in range(9)]
        c.line(points, fill=shade(wood, rng.uniform(0.06, 0.16)), width=0.003)


def _shadow(c: Canvas, cx: float, cy: float, rx: float, ry: float, look: Look) -> None:
    wood = mix(look.background, (150, 105, 70), 0.55)
    c.ellipse(cx, cy, rx, ry, fill=shade(wood, 0.28))


# --- motifs ------------------------------------------------------------------


def _kain(c: Canvas, rng: random.Random, look: Look) -> None:
    """A folded woven cloth (tenun ikat, songket): bands of diamonds and zigzags."""
    _backdrop(c, rng, look, table_top=0.72)
    base = look.accent
    threads = [shade(base, 0.55), tint(base, 0.75), mix(base, (205, 150, 50), 0.6), base]
    _shadow(c, 0.5, 0.86, 0.42, 0.05, look)
    # The cloth lies folded: a back layer peeks out at the right.
    c.rect(0.16, 0.16, 0.88, 0.84, fill=shade(base, 0.35), radius=0.01)
    x0, x1 = 0.12, 0.84
    y = 0.12
    c.rect(x0, y, x1, 0.82, fill=base)
    while y < 0.80:
        h = rng.choice([0.03, 0.05, 0.08, 0.1])
        h = min(h, 0.82 - y)
        style = rng.choice(["plain", "diamond", "zigzag", "dots", "diamond"])
        colour = rng.choice(threads)
        other = rng.choice([t for t in threads if t != colour])
        c.rect(x0, y, x1, y + h, fill=colour)
        n = rng.choice([6, 8, 9, 12])
        step = (x1 - x0) / n
        mid = y + h / 2
        if style == "diamond" and h >= 0.05:
            for i in range(n):
                cx = x0 + step * (i + 0.5)
                c.poly(
                    [
                        (cx, y + 0.006),
                        (cx + step / 2.2, mid),
                        (cx, y + h - 0.006),
                        (cx - step / 2.2, mid),
                    ],
                    fill=other,
                )
                c.poly(
                    [
                        (cx, mid - h / 5),
                        (cx + step / 6, mid),
                        (cx, mid + h / 5),
                        (cx - step / 6, mid),
                    ],
                    fill=colour,
                )
        elif style == "zigzag":
            points = [
                (x0 + step / 2 * i, y + (0.2 * h if i % 2 else 0.8 * h)) for i in range(2 * n + 1)
            ]
            c.line(points, fill=other, width=0.008)
        elif style == "dots":
            for i in range(n * 2):
                c.ellipse(x0 + step / 2 * (i + 0.5), mid, 0.007, 0.007, fill=other)
        y += h
    # Fringe (rumbai) along the bottom edge.
    for i in range(36):
        x = x0 + 0.01 + (x1 - x0 - 0.02) * i / 35
        c.line([(x, 0.82), (x + rng.uniform(-0.006, 0.006), 0.87)], fill=threads[0], width=0.004)
    # Ikat motifs are dyed into the yarn before weaving, so their edges bleed a
    # little: a soft blur looks right (and keeps the small thumbnail sharp).
    box = (c.p(x0), c.p(0.12), c.p(x1), c.p(0.87))
    c.image.paste(c.image.crop(box).filter(ImageFilter.GaussianBlur(2.5)), box)
    # A fold across the cloth.
    c.line([(x0, 0.47), (x1, 0.47)], fill=shade(base, 0.45), width=0.006)


def _mangkuk(c: Canvas, rng: random.Random, look: Look) -> None:
    """A bowl heaped with nuts or beans (kenari, biji kopi, kacang)."""
    _backdrop(c, rng, look)
    bowl = tint(jitter(rng, (200, 150, 110), 20), 0.1)
    _shadow(c, 0.5, 0.84, 0.36, 0.06, look)
    c.poly([(0.16, 0.56), (0.84, 0.56), (0.74, 0.8), (0.26, 0.8)], fill=shade(bowl, 0.12))
    c.ellipse(0.5, 0.8, 0.24, 0.03, fill=shade(bowl, 0.2))
    for _ in range(95):
        ang = rng.uniform(0, math.pi)
        r = rng.uniform(0, 1) ** 0.6
        x = 0.5 + math.cos(ang) * 0.3 * r
        y = 0.56 - math.sin(ang) * 0.16 * r + 0.02
        nut = jitter(rng, look.accent, 18)
        rot = rng.uniform(0, 180)
        c.oval(x, y, 0.034, 0.022, rot, fill=nut, outline=shade(nut, 0.35), width=0.002)
        c.oval(x - 0.006, y - 0.005, 0.012, 0.006, rot, fill=tint(nut, 0.3))
    c.ellipse(0.5, 0.56, 0.34, 0.035, outline=tint(bowl, 0.25), width=0.012)
    for _ in range(6):
        x, y = rng.uniform(0.08, 0.92), rng.uniform(0.86, 0.95)
        nut = jitter(rng, look.accent, 18)
        c.oval(
            x, y, 0.03, 0.02, rng.uniform(0, 180), fill=nut, outline=shade(nut, 0.35), width=0.002
        )


def _cangkir(c: Canvas, rng: random.Random, look: Look) -> None:
    """A cup of kopi with steam, beans on the table."""
    _backdrop(c, rng, look)
    cup = rng.choice([(246, 242, 232), (214, 224, 236), (236, 222, 200)])
    _shadow(c, 0.5, 0.82, 0.3, 0.06, look)
    c.ellipse(0.5, 0.78, 0.28, 0.06, fill=shade(cup, 0.08))
    c.ellipse(0.5, 0.77, 0.24, 0.045, fill=cup)
    c.arc(0.7, 0.6, 0.09, 0.09, -80, 90, fill=shade(cup, 0.1), width=0.03)
    c.poly([(0.3, 0.45), (0.7, 0.45), (0.65, 0.76), (0.35, 0.76)], fill=cup)
    c.ellipse(0.5, 0.76, 0.15, 0.025, fill=cup)
    c.poly([(0.3, 0.45), (0.36, 0.45), (0.38, 0.76), (0.35, 0.76)], fill=shade(cup, 0.1))
    c.ellipse(0.5, 0.45, 0.2, 0.05, fill=shade(cup, 0.12))
    c.ellipse(0.5, 0.455, 0.18, 0.04, fill=look.accent)
    c.ellipse(0.46, 0.45, 0.06, 0.012, fill=tint(look.accent, 0.25))
    for i in range(3):
        x = 0.42 + 0.08 * i
        points = [(x + 0.02 * math.sin(t * 1.3 + i), 0.38 - t * 0.035) for t in range(7)]
        c.line(points, fill=tint(look.background, 0.85), width=0.008)
    for _ in range(7):
        x, y = rng.choice([rng.uniform(0.06, 0.2), rng.uniform(0.8, 0.94)]), rng.uniform(0.72, 0.95)
        bean = jitter(rng, (92, 56, 34), 10)
        rot = rng.uniform(0, 180)
        c.oval(x, y, 0.03, 0.02, rot, fill=bean)
        a = math.radians(rot)
        c.line(
            [
                (x - 0.024 * math.cos(a), y - 0.024 * math.sin(a)),
                (x + 0.024 * math.cos(a), y + 0.024 * math.sin(a)),
            ],
            fill=shade(bean, 0.5),
            width=0.004,
        )


def _label(c: Canvas, look: Look, cx: float, cy: float, w: float, h: float, paper: Colour) -> None:
    c.rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, fill=paper, radius=0.01)
    c.rect(cx - w / 2, cy - h / 2, cx + w / 2, cy - h / 2 + 0.014, fill=look.accent)
    if look.label:
        words = look.label.split()
        if len(words) >= 2 and len(look.label) > 10:
            half = (len(words) + 1) // 2
            lines = [" ".join(words[:half]), " ".join(words[half:])]
        else:
            lines = [look.label]
        size = min(0.06, h / (len(lines) + 0.9))
        for i, text in enumerate(lines):
            y = cy + 0.007 + (i - (len(lines) - 1) / 2) * size * 1.05
            c.fit_text(cx, y, text, INK, size, w * 0.86)


def _bungkus(c: Canvas, rng: random.Random, look: Look) -> None:
    """A stand-up pouch with a window and a label (keripik, kopi bubuk, gula semut)."""
    _backdrop(c, rng, look)
    pouch = rng.choice([(70, 60, 52), (236, 232, 222), (176, 140, 90), shade(look.accent, 0.3)])
    _shadow(c, 0.5, 0.85, 0.26, 0.05, look)
    c.poly([(0.28, 0.16), (0.72, 0.16), (0.75, 0.84), (0.25, 0.84)], fill=pouch)
    c.rect(0.28, 0.16, 0.72, 0.2, fill=shade(pouch, 0.15))
    c.line([(0.29, 0.24), (0.71, 0.24)], fill=shade(pouch, 0.3), width=0.006)
    for i in range(12):
        c.line(
            [(0.29 + i * 0.038, 0.16), (0.29 + i * 0.038, 0.2)], fill=shade(pouch, 0.3), width=0.003
        )
    c.rect(0.36, 0.28, 0.64, 0.42, fill=look.accent, radius=0.02)
    for _ in range(22):
        x, y = rng.uniform(0.38, 0.62), rng.uniform(0.3, 0.4)
        c.ellipse(x, y, 0.012, 0.009, fill=jitter(rng, shade(look.accent, 0.15), 20))
    _label(c, look, 0.5, 0.6, 0.4, 0.2, (250, 246, 236))
    c.poly([(0.25, 0.84), (0.75, 0.84), (0.73, 0.8), (0.27, 0.8)], fill=shade(pouch, 0.2))


def _botol(c: Canvas, rng: random.Random, look: Look) -> None:
    """Bottles of madu, minyak, sambal or sirup, one with a label."""
    _backdrop(c, rng, look)
    glass = tint(look.accent, 0.2)
    _shadow(c, 0.5, 0.85, 0.34, 0.05, look)
    # A smaller bottle behind, then the main one.
    c.rect(0.64, 0.42, 0.8, 0.83, fill=shade(glass, 0.15), radius=0.04)
    c.rect(0.69, 0.33, 0.75, 0.43, fill=shade(glass, 0.15))
    c.rect(0.68, 0.3, 0.76, 0.34, fill=(60, 60, 60), radius=0.01)
    c.rect(0.32, 0.34, 0.64, 0.85, fill=glass, radius=0.06)
    c.rect(0.42, 0.2, 0.54, 0.36, fill=glass)
    c.rect(
        0.4,
        0.14,
        0.56,
        0.21,
        fill=rng.choice([(200, 40, 40), (40, 110, 60), (30, 30, 30)]),
        radius=0.01,
    )
    c.rect(0.35, 0.38, 0.38, 0.8, fill=tint(glass, 0.45), radius=0.01)
    _label(c, look, 0.48, 0.62, 0.28, 0.18, (250, 246, 236))


def _ikan(c: Canvas, rng: random.Random, look: Look) -> None:
    """Fish on a tray (fresh: shiny; dried: flat and pale)."""
    _backdrop(c, rng, look, table_top=0.5)
    tray = (228, 232, 236)
    c.rect(0.08, 0.3, 0.92, 0.9, fill=shade(tray, 0.12), radius=0.05)
    c.rect(0.1, 0.32, 0.9, 0.88, fill=tray, radius=0.04)
    count = rng.choice([2, 3])
    for i in range(count):
        y = 0.42 + i * (0.4 / count) + rng.uniform(-0.02, 0.02)
        body = jitter(rng, look.accent, 12)
        flip = rng.choice([-1, 1])
        cx = 0.5 + rng.uniform(-0.04, 0.04)
        tail_x = cx - flip * 0.3
        c.poly(
            [
                (tail_x + flip * 0.05, y),
                (tail_x - flip * 0.04, y - 0.07),
                (tail_x - flip * 0.04, y + 0.07),
            ],
            fill=shade(body, 0.2),
        )
        c.poly(
            [(cx - 0.05, y - 0.075), (cx + 0.06, y - 0.06), (cx + 0.02, y - 0.02)],
            fill=shade(body, 0.25),
        )
        c.ellipse(cx, y, 0.28, 0.075, fill=body)
        c.ellipse(cx, y + 0.03, 0.24, 0.035, fill=tint(body, 0.35))
        for k in range(7):
            sx = cx - flip * 0.16 + flip * k * 0.04
            c.arc(
                sx,
                y - 0.01,
                0.02,
                0.03,
                270 if flip > 0 else 90,
                90 if flip > 0 else 270,
                fill=shade(body, 0.15),
                width=0.003,
            )
        ex = cx + flip * 0.2
        c.ellipse(ex, y - 0.015, 0.016, 0.016, fill=WHITE)
        c.ellipse(ex, y - 0.015, 0.008, 0.008, fill=INK)
    for _ in range(4):
        x = rng.uniform(0.15, 0.85)
        c.poly(leaf_points(x, 0.86, 0.08, 0.025, rng.uniform(-160, -20)), fill=(90, 150, 70))


def _ikat_daun(c: Canvas, rng: random.Random, look: Look) -> None:
    """A bunch of leaves tied together (kangkung, bayam, daun herbal, rumput laut)."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.86, 0.3, 0.05, look)
    stem = shade(look.accent, 0.25)
    for _ in range(14):
        c.line(
            [(0.5 + rng.uniform(-0.03, 0.03), 0.86), (0.5 + rng.uniform(-0.08, 0.08), 0.55)],
            fill=stem,
            width=0.008,
        )
    for _ in range(26):
        angle = rng.uniform(-160, -20)
        x, y = 0.5 + rng.uniform(-0.08, 0.08), rng.uniform(0.3, 0.6)
        leaf = jitter(rng, look.accent, 22)
        points = leaf_points(x, y, rng.uniform(0.16, 0.26), rng.uniform(0.06, 0.1), angle)
        c.poly(points, fill=leaf)
        a = math.radians(angle)
        c.line(
            [(x, y), (x + 0.16 * math.cos(a), y + 0.16 * math.sin(a))],
            fill=tint(leaf, 0.3),
            width=0.003,
        )
    c.rect(0.43, 0.68, 0.57, 0.72, fill=(210, 180, 120), radius=0.01)
    c.line([(0.44, 0.7), (0.4, 0.76)], fill=(210, 180, 120), width=0.006)


def _buah(c: Canvas, rng: random.Random, look: Look) -> None:
    """A pile of round fruit or vegetables (manggis, jeruk, bawang, kelapa, cabai)."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.84, 0.4, 0.06, look)
    big = rng.uniform(0.09, 0.12)
    spots = []
    for row, count in enumerate((4, 3, 2)):
        for i in range(count):
            x = 0.5 + (i - (count - 1) / 2) * big * 1.9 + rng.uniform(-0.01, 0.01)
            y = 0.76 - row * big * 1.5 + rng.uniform(-0.01, 0.01)
            spots.append((x, y))
    for x, y in spots:
        skin = jitter(rng, look.accent, 16)
        c.ellipse(x, y, big, big * 0.92, fill=skin, outline=shade(skin, 0.3), width=0.003)
        c.ellipse(x - big * 0.35, y - big * 0.35, big * 0.28, big * 0.2, fill=tint(skin, 0.35))
        c.poly(
            leaf_points(x, y - big * 0.85, big * 0.6, big * 0.3, rng.uniform(-150, -30)),
            fill=(78, 140, 60),
        )


def _cabai(c: Canvas, rng: random.Random, look: Look) -> None:
    """A heap of chillies with green stems."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.82, 0.38, 0.07, look)
    for _ in range(34):
        x, y = rng.uniform(0.2, 0.8), rng.uniform(0.58, 0.8)
        y -= 0.12 * (1 - abs(x - 0.5) / 0.3) * rng.uniform(0.3, 1)
        angle = rng.uniform(0, 360)
        skin = jitter(rng, look.accent, 20)
        c.poly(leaf_points(x, y, rng.uniform(0.1, 0.15), 0.035, angle), fill=skin)
        c.ellipse(x, y, 0.012, 0.012, fill=(70, 130, 50))
        a = math.radians(angle)
        c.line(
            [
                (x + 0.03 * math.cos(a), y + 0.03 * math.sin(a) - 0.006),
                (x + 0.07 * math.cos(a), y + 0.07 * math.sin(a) - 0.006),
            ],
            fill=tint(skin, 0.4),
            width=0.004,
        )


def _pisang(c: Canvas, rng: random.Random, look: Look) -> None:
    """A hand (sisir) of bananas."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.8, 0.36, 0.06, look)
    for i in range(6):
        skin = jitter(rng, look.accent, 10)
        y = 0.46 + i * 0.05
        c.arc(0.5, y, 0.34, 0.26 - i * 0.01, 20, 160, fill=shade(skin, 0.15), width=0.07)
        c.arc(0.5, y - 0.01, 0.34, 0.26 - i * 0.01, 25, 155, fill=skin, width=0.05)
        c.ellipse(0.17, y + 0.1, 0.015, 0.015, fill=(70, 50, 30))
    c.rect(0.78, 0.5, 0.86, 0.72, fill=(120, 140, 60), radius=0.02)


def _telur(c: Canvas, rng: random.Random, look: Look) -> None:
    """Eggs in a tray."""
    _backdrop(c, rng, look, table_top=0.5)
    tray = (206, 190, 160)
    c.rect(0.08, 0.32, 0.92, 0.92, fill=shade(tray, 0.1), radius=0.03)
    for row in range(3):
        for col in range(4):
            x, y = 0.2 + col * 0.2, 0.44 + row * 0.18
            c.ellipse(x, y + 0.02, 0.085, 0.06, fill=shade(tray, 0.25))
            egg = jitter(rng, look.accent, 12)
            c.ellipse(x, y, 0.07, 0.085, fill=egg)
            c.ellipse(x - 0.02, y - 0.03, 0.02, 0.025, fill=tint(egg, 0.45))


def _anyaman(c: Canvas, rng: random.Random, look: Look) -> None:
    """A woven basket or tampah (anyaman bambu, ketak)."""
    _backdrop(c, rng, look)
    weave = look.accent
    _shadow(c, 0.5, 0.84, 0.36, 0.06, look)
    c.poly([(0.16, 0.38), (0.84, 0.38), (0.74, 0.82), (0.26, 0.82)], fill=shade(weave, 0.2))
    for row in range(11):
        y = 0.4 + row * 0.04
        inset = 0.1 * (y - 0.38) / 0.44
        for col in range(14):
            x = 0.17 + inset + col * (0.66 - 2 * inset) / 14
            w = (0.66 - 2 * inset) / 14
            if (row + col) % 2:
                c.rect(x, y, x + w * 0.9, y + 0.03, fill=tint(weave, 0.15), radius=0.005)
            else:
                c.rect(
                    x + w * 0.2,
                    y - 0.004,
                    x + w * 0.7,
                    y + 0.036,
                    fill=shade(weave, 0.05),
                    radius=0.005,
                )
    c.ellipse(0.5, 0.38, 0.34, 0.045, fill=shade(weave, 0.3))
    c.ellipse(0.5, 0.38, 0.34, 0.045, outline=tint(weave, 0.1), width=0.016)


def _gula(c: Canvas, rng: random.Random, look: Look) -> None:
    """Gula kelapa or gula aren: round cakes from coconut-shell moulds, stacked."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.84, 0.38, 0.06, look)
    spots = [(0.3, 0.74), (0.5, 0.76), (0.7, 0.74), (0.4, 0.6), (0.6, 0.6), (0.5, 0.46)]
    for x, y in spots:
        sugar = jitter(rng, look.accent, 12)
        c.rect(x - 0.1, y - 0.05, x + 0.1, y + 0.04, fill=shade(sugar, 0.15), radius=0.04)
        c.ellipse(x, y - 0.05, 0.1, 0.035, fill=sugar)
        for _ in range(4):
            c.ellipse(
                x + rng.uniform(-0.06, 0.06),
                y - 0.05 + rng.uniform(-0.015, 0.015),
                0.006,
                0.004,
                fill=tint(sugar, 0.3),
            )
    c.poly(leaf_points(0.12, 0.9, 0.3, 0.08, -30), fill=(150, 130, 80))


def _karung(c: Canvas, rng: random.Random, look: Look) -> None:
    """A sack of rice or corn with grains spilling out."""
    _backdrop(c, rng, look)
    sack = (232, 226, 208)
    _shadow(c, 0.5, 0.86, 0.32, 0.05, look)
    c.poly([(0.26, 0.3), (0.74, 0.3), (0.78, 0.84), (0.22, 0.84)], fill=sack)
    c.poly([(0.24, 0.24), (0.76, 0.24), (0.74, 0.32), (0.26, 0.32)], fill=shade(sack, 0.1))
    c.ellipse(0.5, 0.27, 0.23, 0.04, fill=look.accent)
    for _ in range(40):
        c.ellipse(
            0.5 + rng.uniform(-0.2, 0.2),
            0.27 + rng.uniform(-0.025, 0.025),
            0.008,
            0.005,
            fill=tint(look.accent, 0.3),
        )
    for x in (0.3, 0.7):
        c.line(
            [(x, 0.36), (x + (0.04 if x > 0.5 else -0.04), 0.82)],
            fill=shade(sack, 0.15),
            width=0.004,
        )
    _label(c, look, 0.5, 0.56, 0.36, 0.18, (250, 246, 236))
    for _ in range(30):
        c.ellipse(rng.uniform(0.1, 0.9), rng.uniform(0.86, 0.96), 0.008, 0.005, fill=look.accent)


def _bibit(c: Canvas, rng: random.Random, look: Look) -> None:
    """Seedlings in polybags."""
    _backdrop(c, rng, look)
    for i, x in enumerate((0.28, 0.72, 0.5)):
        y = 0.84 if i == 2 else 0.74
        _shadow(c, x, y + 0.02, 0.13, 0.03, look)
        c.poly(
            [(x - 0.11, y - 0.16), (x + 0.11, y - 0.16), (x + 0.1, y), (x - 0.1, y)],
            fill=(38, 38, 38),
        )
        c.ellipse(x, y - 0.16, 0.11, 0.02, fill=(92, 64, 44))
        top = y - 0.42 - rng.uniform(0, 0.06)
        c.line([(x, y - 0.16), (x, top)], fill=(90, 120, 50), width=0.008)
        for k in range(6):
            yy = top + k * 0.04
            side = -1 if k % 2 else 1
            leaf = jitter(rng, look.accent, 18)
            c.poly(
                leaf_points(x, yy, rng.uniform(0.1, 0.14), 0.05, -90 + side * rng.uniform(40, 70)),
                fill=leaf,
            )


def _baju(c: Canvas, rng: random.Random, look: Look) -> None:
    """A sewn shirt and a tape measure (penjahit)."""
    _backdrop(c, rng, look, table_top=0.8)
    cloth = look.accent
    shirt = [
        (0.3, 0.18),
        (0.42, 0.14),
        (0.5, 0.2),
        (0.58, 0.14),
        (0.7, 0.18),
        (0.86, 0.34),
        (0.76, 0.42),
        (0.7, 0.36),
        (0.7, 0.82),
        (0.3, 0.82),
        (0.3, 0.36),
        (0.24, 0.42),
        (0.14, 0.34),
    ]
    c.poly(shirt, fill=cloth)
    for _ in range(40):
        x, y = rng.uniform(0.33, 0.67), rng.uniform(0.24, 0.8)
        c.ellipse(x, y, 0.008, 0.008, fill=tint(cloth, 0.45))
    c.line([(0.5, 0.2), (0.5, 0.82)], fill=shade(cloth, 0.3), width=0.004)
    for k in range(5):
        c.ellipse(0.52, 0.3 + k * 0.1, 0.008, 0.008, fill=WHITE)
    tape = (240, 210, 70)
    c.arc(0.5, 0.86, 0.42, 0.08, 190, 350, fill=tape, width=0.03)
    for k in range(20):
        t = math.radians(192 + k * 7.8)
        c.line(
            [
                (0.5 + 0.42 * math.cos(t), 0.86 + 0.08 * math.sin(t)),
                (0.5 + 0.4 * math.cos(t), 0.86 + 0.072 * math.sin(t)),
            ],
            fill=INK,
            width=0.003,
        )


def _kamera(c: Canvas, rng: random.Random, look: Look) -> None:
    """A camera (fotografer)."""
    _backdrop(c, rng, look)
    body = (42, 42, 46)
    _shadow(c, 0.5, 0.82, 0.36, 0.05, look)
    c.rect(0.38, 0.26, 0.58, 0.36, fill=body, radius=0.02)
    c.rect(0.16, 0.32, 0.84, 0.78, fill=body, radius=0.05)
    c.rect(0.16, 0.42, 0.84, 0.7, fill=(70, 66, 62))
    for r, colour in (
        (0.2, (20, 20, 22)),
        (0.16, (60, 60, 64)),
        (0.12, look.accent),
        (0.06, (20, 20, 40)),
    ):
        c.ellipse(0.5, 0.56, r, r, fill=colour)
    c.ellipse(0.46, 0.52, 0.025, 0.025, fill=(230, 230, 240))
    c.rect(0.7, 0.36, 0.8, 0.4, fill=(200, 200, 200), radius=0.01)
    c.ellipse(0.25, 0.3, 0.04, 0.02, fill=(180, 40, 40))


def _ponsel(c: Canvas, rng: random.Random, look: Look) -> None:
    """A phone opened for repair, with a screwdriver (servis HP)."""
    _backdrop(c, rng, look, table_top=0.3)
    c.rect(0.26, 0.12, 0.62, 0.9, fill=(30, 30, 34), radius=0.05)
    c.rect(0.29, 0.17, 0.59, 0.84, fill=look.accent)
    for k in range(8):
        c.rect(
            0.32 + (k % 4) * 0.065,
            0.22 + (k // 4) * 0.09,
            0.37 + (k % 4) * 0.065,
            0.27 + (k // 4) * 0.09,
            fill=tint(look.accent, 0.5),
            radius=0.01,
        )
    c.line([(0.33, 0.6), (0.55, 0.42)], fill=WHITE, width=0.004)
    c.line([(0.35, 0.7), (0.5, 0.52)], fill=WHITE, width=0.003)
    c.line([(0.72, 0.2), (0.8, 0.7)], fill=(160, 160, 170), width=0.012)
    c.rect(0.76, 0.62, 0.86, 0.9, fill=(210, 60, 40), radius=0.02)
    for k in range(5):
        x, y = 0.72 + rng.uniform(0, 0.2), 0.1 + rng.uniform(0, 0.06)
        c.ellipse(x, y + k * 0.02, 0.008, 0.008, fill=(150, 150, 150))


def _motor(c: Canvas, rng: random.Random, look: Look) -> None:
    """A motorbike (ojek, sewa motor)."""
    _backdrop(c, rng, look, table_top=0.74)
    body = look.accent
    _shadow(c, 0.5, 0.84, 0.4, 0.04, look)
    for x in (0.26, 0.74):
        c.ellipse(x, 0.72, 0.12, 0.12, fill=(30, 30, 30))
        c.ellipse(x, 0.72, 0.07, 0.07, fill=(160, 160, 166))
        for k in range(6):
            t = math.radians(k * 60)
            c.line(
                [(x, 0.72), (x + 0.07 * math.cos(t), 0.72 + 0.07 * math.sin(t))],
                fill=(90, 90, 90),
                width=0.004,
            )
    c.poly(
        [(0.24, 0.62), (0.4, 0.5), (0.66, 0.5), (0.8, 0.62), (0.62, 0.66), (0.38, 0.66)], fill=body
    )
    c.poly([(0.62, 0.5), (0.7, 0.3), (0.75, 0.3), (0.7, 0.52)], fill=shade(body, 0.2))
    c.line([(0.66, 0.3), (0.8, 0.28)], fill=(40, 40, 40), width=0.012)
    c.rect(0.3, 0.45, 0.54, 0.5, fill=(40, 36, 34), radius=0.02)
    c.ellipse(0.8, 0.46, 0.03, 0.025, fill=(250, 240, 180))


def _nib_stroke(c: Canvas, points, fill: Colour, nib: float = 0.014) -> None:
    """A stroke of a flat pen held at 45 degrees: thick one way, thin the other."""
    dx, dy = nib * 0.7, -nib * 0.7
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        c.poly(
            [(x0 - dx, y0 - dy), (x0 + dx, y0 + dy), (x1 + dx, y1 + dy), (x1 - dx, y1 - dy)],
            fill=fill,
        )


def _kaligrafi(c: Canvas, rng: random.Random, look: Look) -> None:
    """A framed calligraphy panel: pen strokes, tall letters and dots on a dark ground."""
    _backdrop(c, rng, look, table_top=0.9)
    frame = (196, 160, 70)
    c.rect(0.12, 0.1, 0.88, 0.86, fill=shade(frame, 0.2), radius=0.01)
    c.rect(0.15, 0.13, 0.85, 0.83, fill=frame)
    c.rect(0.18, 0.16, 0.82, 0.8, fill=look.accent)
    ink = (240, 220, 150)
    # A long baseline stroke that swings up at both ends.
    base = [(0.24 + t * 0.026, 0.64 + 0.05 * math.sin(t / 19 * math.pi) ** 2) for t in range(20)]
    _nib_stroke(c, base, ink, 0.02)
    _nib_stroke(c, [(0.24, 0.64), (0.22, 0.58)], ink, 0.02)
    # Tall letters standing on it, and bowls between them.
    for _ in range(5):
        x = rng.uniform(0.28, 0.74)
        top = rng.uniform(0.24, 0.34)
        _nib_stroke(c, [(x, top), (x - 0.004, 0.48), (x + 0.01, 0.6)], ink, 0.016)
    for _ in range(4):
        x, y = rng.uniform(0.3, 0.7), rng.uniform(0.42, 0.54)
        bowl = [
            (x + 0.05 * math.cos(t / 8 * math.pi), y + 0.035 * math.sin(t / 8 * math.pi))
            for t in range(9)
        ]
        _nib_stroke(c, bowl, ink, 0.012)
    for _ in range(7):
        x, y = rng.uniform(0.26, 0.74), rng.choice([rng.uniform(0.2, 0.26), rng.uniform(0.7, 0.76)])
        c.poly([(x, y - 0.012), (x + 0.012, y), (x, y + 0.012), (x - 0.012, y)], fill=ink)
    c.arc(0.5, 0.48, 0.3, 0.3, 200, 340, fill=tint(look.accent, 0.3), width=0.004)


def _kue(c: Canvas, rng: random.Random, look: Look) -> None:
    """Cakes or cookies on a plate (bagea, dodol, nopia, kerupuk)."""
    _backdrop(c, rng, look)
    plate = (244, 244, 240)
    _shadow(c, 0.5, 0.8, 0.42, 0.08, look)
    c.ellipse(0.5, 0.74, 0.42, 0.12, fill=shade(plate, 0.08))
    c.ellipse(0.5, 0.73, 0.36, 0.09, fill=plate)
    for row in range(3):
        for i in range(4 - row):
            x = 0.5 + (i - (3 - row) / 2) * 0.15 + rng.uniform(-0.01, 0.01)
            y = 0.68 - row * 0.07
            cake = jitter(rng, look.accent, 14)
            c.ellipse(x, y + 0.015, 0.075, 0.04, fill=shade(cake, 0.2))
            c.ellipse(x, y, 0.075, 0.04, fill=cake)
            for _ in range(5):
                c.ellipse(
                    x + rng.uniform(-0.045, 0.045),
                    y + rng.uniform(-0.02, 0.02),
                    0.006,
                    0.004,
                    fill=shade(cake, 0.35),
                )


def _rimpang(c: Canvas, rng: random.Random, look: Look) -> None:
    """Knobbly rhizomes (jahe merah, kunyit, temulawak)."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.82, 0.4, 0.06, look)
    for _ in range(5):
        cx, cy = rng.uniform(0.25, 0.75), rng.uniform(0.55, 0.78)
        skin = jitter(rng, look.accent, 14)
        for _k in range(5):
            c.oval(
                cx + rng.uniform(-0.1, 0.1),
                cy + rng.uniform(-0.04, 0.04),
                rng.uniform(0.05, 0.08),
                rng.uniform(0.03, 0.045),
                rng.uniform(-40, 40),
                fill=skin,
                outline=shade(skin, 0.25),
                width=0.002,
            )
        for _k in range(3):
            x = cx + rng.uniform(-0.08, 0.08)
            c.line([(x, cy - 0.03), (x + 0.01, cy + 0.03)], fill=shade(skin, 0.3), width=0.003)
        c.ellipse(cx + 0.09, cy, 0.018, 0.022, fill=mix(skin, (250, 200, 60), 0.6))


def _sarang(c: Canvas, rng: random.Random, look: Look) -> None:
    """A wooden box hive of stingless bees (kelulut, trigona) with honey pots."""
    _backdrop(c, rng, look)
    wood = (168, 120, 76)
    _shadow(c, 0.5, 0.84, 0.34, 0.05, look)
    c.rect(0.2, 0.3, 0.8, 0.82, fill=wood, radius=0.01)
    c.rect(0.18, 0.26, 0.82, 0.32, fill=shade(wood, 0.2), radius=0.01)
    for k in range(4):
        c.line([(0.2, 0.42 + k * 0.1), (0.8, 0.42 + k * 0.1)], fill=shade(wood, 0.2), width=0.004)
    c.ellipse(0.5, 0.6, 0.04, 0.04, fill=(40, 30, 20))
    for _ in range(5):
        c.ellipse(
            0.5 + rng.uniform(-0.04, 0.04),
            0.56 + rng.uniform(-0.04, 0.06),
            0.05,
            0.04,
            fill=look.accent,
            outline=shade(look.accent, 0.3),
            width=0.003,
        )
    for _ in range(12):
        x, y = rng.uniform(0.1, 0.9), rng.uniform(0.08, 0.26)
        c.ellipse(x, y, 0.008, 0.005, fill=INK)
        c.ellipse(x, y - 0.006, 0.006, 0.004, fill=(220, 230, 240))


def _sapu(c: Canvas, rng: random.Random, look: Look) -> None:
    """A bundle of sticks or a broom (sapu lidi) tied with string."""
    _backdrop(c, rng, look)
    _shadow(c, 0.5, 0.86, 0.3, 0.04, look)
    for _ in range(34):
        top_x = 0.5 + rng.uniform(-0.06, 0.06)
        bottom_x = 0.5 + rng.uniform(-0.3, 0.3)
        c.line([(top_x, 0.12), (bottom_x, 0.84)], fill=jitter(rng, look.accent, 12), width=0.006)
    c.rect(0.42, 0.3, 0.58, 0.36, fill=(170, 60, 50), radius=0.01)


MOTIFS: dict[str, Callable[[Canvas, random.Random, Look], None]] = {
    "kain": _kain,
    "mangkuk": _mangkuk,
    "cangkir": _cangkir,
    "bungkus": _bungkus,
    "botol": _botol,
    "ikan": _ikan,
    "ikat_daun": _ikat_daun,
    "buah": _buah,
    "cabai": _cabai,
    "pisang": _pisang,
    "telur": _telur,
    "anyaman": _anyaman,
    "gula": _gula,
    "karung": _karung,
    "bibit": _bibit,
    "baju": _baju,
    "kamera": _kamera,
    "ponsel": _ponsel,
    "motor": _motor,
    "kaligrafi": _kaligrafi,
    "kue": _kue,
    "rimpang": _rimpang,
    "sarang": _sarang,
    "sapu": _sapu,
}


def _finish(c: Canvas, rng: random.Random, size: int, name: str) -> ContentFile:
    """Reduce to the final size, add a little grain, encode as JPEG as a phone would."""
    image = c.image.reduce(_SCALE)
    # Faint sensor-like grain: enough to look photographed, little enough that
    # WebP does not spend bytes on it.
    grain = Image.frombytes("L", (size, size), rng.randbytes(size * size)).convert("RGB")
    image = Image.blend(image, grain, 0.03)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return ContentFile(buffer.getvalue(), name=name)


def product_photo(
    motif: str,
    *,
    seed: str,
    category: str,
    accent: Colour,
    label: str = "",
    size: int = PHOTO_SIZE,
) -> ContentFile:
    """Draw one product photo; the same arguments always give the same bytes.

    ``motif`` is a key of ``MOTIFS``; ``category`` a category slug (background
    colour); ``accent`` the item's own colour; ``label`` is printed on packs.
    """
    rng = random.Random(f"{motif}|{seed}")
    look = Look(
        background=CATEGORY_COLOURS.get(category, DEFAULT_COLOUR), accent=accent, label=label
    )
    canvas = Canvas(size, look.background)
    MOTIFS[motif](canvas, rng, look)
    return _finish(canvas, rng, size, f"{motif}.jpg")


def seller_photo(
    *, seed: str, initials: str, colour: Colour, size: int = PHOTO_SIZE
) -> ContentFile:
    """A stall (warung) front with a striped awning and the business's initials."""
    rng = random.Random(f"warung|{seed}")
    look = Look(background=tint(colour, 0.2), accent=colour)
    c = Canvas(size, look.background)
    _backdrop(c, rng, look, table_top=0.78)
    wood = (150, 106, 70)
    c.rect(0.1, 0.28, 0.9, 0.8, fill=tint(colour, 0.7))
    c.rect(0.08, 0.2, 0.92, 0.3, fill=shade(wood, 0.2))
    stripes = 8
    for i in range(stripes):
        x0 = 0.06 + i * 0.88 / stripes
        x1 = x0 + 0.88 / stripes
        fill = colour if i % 2 == 0 else WHITE
        c.rect(x0, 0.26, x1, 0.38, fill=fill)
        c.ellipse((x0 + x1) / 2, 0.38, (x1 - x0) / 2, 0.04, fill=fill)
    for row in range(2):
        y = 0.5 + row * 0.12
        c.rect(0.14, y + 0.06, 0.86, y + 0.075, fill=wood)
        for i in range(7):
            x = 0.18 + i * 0.1
            item = jitter(
                rng,
                rng.choice(
                    [(220, 80, 60), (250, 200, 70), (90, 160, 90), (240, 240, 230), (120, 90, 60)]
                ),
                20,
            )
            if rng.random() < 0.5:
                c.rect(x - 0.03, y - 0.01, x + 0.03, y + 0.06, fill=item, radius=0.01)
            else:
                c.ellipse(x, y + 0.03, 0.032, 0.032, fill=item)
    c.rect(0.08, 0.74, 0.92, 0.82, fill=wood)
    c.ellipse(0.5, 0.52, 0.16, 0.16, fill=WHITE, outline=colour, width=0.012)
    c.fit_text(0.5, 0.525, initials.upper()[:3], shade(colour, 0.4), 0.14, 0.24)
    return _finish(c, rng, size, "warung.jpg")
