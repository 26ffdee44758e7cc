"""Right-to-left text: detecting it, aligning it, and where a highlighted span is drawn.

In a left-to-right line a span is one interval between two cursor positions. Once the
line holds right-to-left text (Arabic, Persian, Hebrew) a span can be split into
several pieces by the bidi algorithm, and its two ends can lie anywhere: the intervals
then come from the glyph runs Qt shaped for exactly that span.
"""

from __future__ import annotations

import re
import unicodedata
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLine, QTextOption
from PySide6.QtWidgets import QLabel

from desktop.ui.core.label_styles import style_quote

# Strong right-to-left letters and the controls that open right-to-left runs.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

# AlignJustify is the one alignment QTextEngine resolves per paragraph direction (a
# right-to-left paragraph gets AlignRight); with AlignLeft also set the mask is no longer
# exactly AlignJustify, so no line is stretched. QPlainTextEdit has one text option for
# all blocks, so this is how each paragraph aligns to the side it starts from.
BIDI_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignJustify


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def starts_rtl(text: str) -> bool:
    """Whether the first strong character is right-to-left (the paragraph's direction,
    as the Unicode bidi algorithm decides it)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def bidi_text_option(option: QTextOption) -> QTextOption:
    """``option`` set so right-to-left paragraphs align right, left-to-right ones left."""
    option.setAlignment(BIDI_ALIGNMENT)
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    return option


def line_intervals(layout, line: QTextLine, start: int, end: int,
                   bidi: bool) -> list[tuple[float, float]]:
    """Horizontal (left, right) intervals, in layout coordinates, of the block-local span
    [start, end) clipped to ``line``; ``bidi`` if the block holds right-to-left text."""
    l_start = line.textStart()
    l_end = l_start + line.textLength()
    a, b = max(start, l_start), min(end, l_end)
    if a >= b:
        return []
    if not bidi:
        x1, x2 = _cursor_x(line, a), _cursor_x(line, b)
        return [(min(x1, x2), max(x1, x2))]
    spans = []
    for run in layout.glyphRuns(a, b - a):
        rect = run.boundingRect()
        if rect.width() > 0:
            spans.append((rect.left(), rect.right()))
    return merge(spans)


def _cursor_x(line: QTextLine, position: int) -> float:
    """The x of a cursor position; PySide returns (x, position) but types it ``object``."""
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x


def merge(spans: list[tuple[float, float]], slack: float = 0.75) -> list[tuple[float, float]]:
    """Join touching or overlapping intervals (font fallback splits runs mid-word)."""
    out: list[tuple[float, float]] = []
    for left, right in sorted(spans):
        if out and left <= out[-1][1] + slack:
            out[-1] = (out[-1][0], max(out[-1][1], right))
        else:
            out.append((left, right))
    return out


def show_direction(label: QLabel, text: str) -> None:
    """Align a label to its text's side; a right-to-left quote is set upright, because
    Arabic-script italics are not a thing (and most fonts fall back to blank boxes)."""
    rtl = starts_rtl(text)
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                             else Qt.LayoutDirection.LeftToRight)
    if bool(label.property("rtl")) != rtl:
        label.setProperty("rtl", rtl)
        style_quote(label, rtl)
