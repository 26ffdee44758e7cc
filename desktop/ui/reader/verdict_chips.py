"""Verdict chips: a verdict as its symbol and word in the verdict's colour, on a faint
tint of it, legible in every theme (the colour arithmetic is ``colormath.chip_colors``).

Shared by the reader's margin and a PDF's page margin, so both read alike. Several
verdicts on one line are summarised as the first one and a count ("⚖ Disputed +1"),
never elided to a bare "…": when the word does not fit, the symbols and the count do.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPen

from desktop.domain.crosscheck import Verdict
from desktop.ui.reader.colormath import RGB, chip_colors, parse_hex

# The verdicts' own colours (the minimap's "by verdict" mode uses them too).
VERDICT_HUES = {
    Verdict.UNVERIFIED.value: "#7a7a80",
    Verdict.SUPPORTED.value: "#2e9d5b",
    Verdict.DISPUTED.value: "#e08a1e",
    Verdict.FALSE.value: "#d64545",
    Verdict.MISLEADING.value: "#b15fd1",
    Verdict.OPINION.value: "#4a90e2",
}
CHIP_PAD_X, CHIP_RADIUS = 4, 4


def chip_font() -> QFont:
    """The interface font at its own size, semi-bold: legible beside body text."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(9.0, font.pointSizeF()))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def chip_text(symbol: str, word: str, more: int, fm: QFontMetrics, width: int) -> str:
    """The longest of "⚖ Disputed +1", "⚖ +1" that fits ``width``; the symbol (and its
    count) always."""
    extra = f" +{more}" if more else ""
    for text in (f"{symbol} {word}{extra}", f"{symbol}{extra}"):
        if fm.horizontalAdvance(text) + 2 * CHIP_PAD_X <= width:
            return text
    return f"{symbol}{extra}"


def rgb(color: QColor) -> RGB:
    return color.red(), color.green(), color.blue()


def verdict_chip_colors(verdict: str, base: QColor, text: QColor) -> tuple[QColor, ...]:
    return tuple(QColor(*c) for c in _chip_rgbs(verdict, rgb(base), rgb(text)))


@lru_cache(maxsize=256)
def _chip_rgbs(verdict: str, base: RGB, text: RGB) -> tuple[RGB, ...]:
    """The colour arithmetic once per verdict and theme, not per chip painted (a margin
    of 30 chips took ~10 ms per paint in it)."""
    hue = parse_hex(VERDICT_HUES.get(verdict, VERDICT_HUES[Verdict.UNVERIFIED.value]))
    return tuple(chip_colors(hue, base, text))


def paint_chip(painter: QPainter, rect: QRectF, text: str, verdict: str,
               base: QColor, ink: QColor, align_right: bool = True) -> QRectF:
    """Draw one chip inside ``rect`` (right-aligned by default); returns where it went."""
    fm = QFontMetrics(painter.font())
    width = min(rect.width(), fm.horizontalAdvance(text) + 2 * CHIP_PAD_X)
    height = min(rect.height(), fm.height() + 2)
    x = rect.right() - width if align_right else rect.left()
    chip = QRectF(x, rect.center().y() - height / 2, width, height)
    ground, border, word = verdict_chip_colors(verdict, base, ink)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(border, 1))
    painter.setBrush(ground)
    painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), CHIP_RADIUS, CHIP_RADIUS)
    painter.setPen(word)
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
    return chip
