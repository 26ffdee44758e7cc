"""Colour arithmetic for themes, kept free of Qt so it can be tested as plain functions.

Category colours are stored in the study as "#rrggbb" and meant for a light page. On a
dark or sepia page the same fill would either glare or swallow the text, so the reader
blends each colour into the theme's base colour at paint time, as strongly as it can
while the text on top keeps a WCAG contrast ratio of at least 4.5:1.
"""

from __future__ import annotations

import math

RGB = tuple[int, int, int]

MIN_TEXT_CONTRAST = 4.5  # WCAG AA for body text
STEP = 0.02  # how much alpha to give up per step while searching for a legible fill


def parse_hex(color: str) -> RGB:
    """'#rrggbb' (or '#rgb') to an (r, g, b) tuple; anything else raises ValueError."""
    text = color.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    value = int(text, 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance, 0 (black) … 1 (white)."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 … 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def mix(color: RGB, base: RGB, alpha: float) -> RGB:
    """``color`` laid over ``base`` with opacity ``alpha`` (0 … 1)."""
    alpha = min(1.0, max(0.0, alpha))
    r, g, b = (round(c * alpha + under * (1 - alpha)) for c, under in zip(color, base, strict=True))
    return r, g, b


def is_dark(base: RGB) -> bool:
    return relative_luminance(base) < 0.2


def fill_strength(base: RGB) -> float:
    """How opaque a highlight fill starts out: a little stronger on dark pages, where
    a faint tint of a bright colour reads as grey."""
    return 0.5 if is_dark(base) else 0.38


def reading_fill(color: RGB, base: RGB, text: RGB, strength: float | None = None,
                 min_contrast: float = MIN_TEXT_CONTRAST) -> RGB:
    """The opaque fill for a highlight of ``color`` on a page of ``base`` under ``text``.

    Starts at ``strength`` (default: ``fill_strength(base)``) and fades toward the page
    until the text is legible. The page itself must be legible (callers' themes are),
    so the search always ends; if it is not, the page colour is returned.
    """
    alpha = fill_strength(base) if strength is None else strength
    while alpha > 0:
        fill = mix(color, base, alpha)
        if contrast_ratio(fill, text) >= min_contrast:
            return fill
        alpha -= STEP
    return base


def blend_hex(color: str, base: str, alpha: float) -> str:
    return to_hex(mix(parse_hex(color), parse_hex(base), alpha))


def legible_ink(color: RGB, ground: RGB, toward: RGB,
                min_contrast: float = MIN_TEXT_CONTRAST) -> RGB:
    """``color`` moved toward ``toward`` (the theme's text colour) until it reads on
    ``ground`` with at least ``min_contrast``: a verdict's word keeps its hue where it
    can and its legibility always."""
    alpha = 0.0
    while alpha <= 1.0:
        ink = mix(toward, color, alpha)
        if contrast_ratio(ink, ground) >= min_contrast:
            return ink
        alpha += STEP
    return toward


CHIP_TINT = 0.14  # how much of the verdict's colour tints its chip's ground


def chip_colors(color: RGB, base: RGB, text: RGB) -> tuple[RGB, RGB, RGB]:
    """(ground, border, ink) of a verdict chip on a page of ``base``: a faint tint of
    the colour, a border in it, and the word legible on the tint (≥ 4.5:1)."""
    ground = mix(color, base, CHIP_TINT)
    ink = legible_ink(color, ground, text)
    border = mix(color, base, 0.7)
    return ground, border, ink


def lab(rgb: RGB) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour: the space where distance approximates how
    different two colours look."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: RGB, b: RGB) -> float:
    """CIE76 colour difference: ~2.3 is just noticeable, > 40 reads as another colour."""
    (l1, a1, b1), (l2, a2, b2) = lab(a), lab(b)
    return ((l1 - l2) ** 2 + (a1 - a2) ** 2 + (b1 - b2) ** 2) ** 0.5


def hue_angle(rgb: RGB) -> float:
    """CIELCh hue, 0 … 360 degrees."""
    _l, a, b = lab(rgb)
    return math.degrees(math.atan2(b, a)) % 360


def hue_difference(a: RGB, b: RGB) -> float:
    """The smaller angle between two colours' hues, 0 … 180 degrees."""
    d = abs(hue_angle(a) - hue_angle(b)) % 360
    return min(d, 360 - d)
