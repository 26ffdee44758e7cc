"""Painting on a rendered page: highlights, find matches, the selection, verdict badges.

Highlights are the category colour multiplied into the page (white paper takes the
colour, black ink stays black) with an underline in the full colour, the selected one
outlined; find matches are outlined in orange, the current one filled; the selection
is the theme's highlight colour. All from the page's character boxes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from desktop.ui.pdfview.layout import Box, box_rect, line_rects


@dataclass
class PageRange:
    start: int  # code points of the document
    end: int
    color: str  # "#rrggbb"
    key: str
    verdict: str = ""  # the Verdict's value (the minimap may colour by it)
    badge: str = ""  # the verdict's symbol in the margin ("" for none)
    tip: str = ""  # the badge's tooltip


FILL_ALPHA = 110
MATCH = QColor(230, 120, 0)
CURRENT_MATCH = QColor(255, 150, 0, 150)


def paint_marks(painter: QPainter, page: QRectF, boxes: Sequence[Box | None], base: int,
                zoom: float, ranges: Sequence[PageRange], selected_key: str | None,
                matches: Sequence[tuple[int, int]], first_match: int, current: int,
                selection: tuple[int, int] | None, selection_color: QColor) -> None:
    """Everything drawn over one page; ``base`` is the page's first code point and
    ``matches[first_match:]`` the find matches from this page on."""
    length = len(boxes)
    lo, hi = base, base + length
    painter.save()
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    for r in ranges:
        color = QColor(r.color)
        fill = QColor(color)
        fill.setAlpha(FILL_ALPHA)
        underline = max(1.5, zoom)
        for box in line_rects(boxes, max(0, r.start - base), min(length, r.end - base)):
            rect = box_rect(page, box, zoom)
            painter.fillRect(rect, fill)
            painter.fillRect(QRectF(rect.left(), rect.bottom() - underline, rect.width(),
                                    underline), color)
            if r.key == selected_key:
                painter.setPen(QPen(color.darker(150), 1.5))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
    for index in range(first_match, len(matches)):
        start, end = matches[index]
        if start >= hi:
            break
        if end <= lo:
            continue
        for box in line_rects(boxes, max(0, start - base), min(length, end - base)):
            rect = box_rect(page, box, zoom)
            if index == current:
                painter.fillRect(rect, CURRENT_MATCH)
            painter.setPen(QPen(MATCH, 1.2))
            painter.drawRect(rect)
    if selection is not None and selection[0] < hi and selection[1] > lo:
        color = QColor(selection_color)
        color.setAlpha(120)
        for box in line_rects(boxes, max(0, selection[0] - base),
                              min(length, selection[1] - base)):
            painter.fillRect(box_rect(page, box, zoom), color)
    painter.restore()


def paint_badges(painter: QPainter, badges: Sequence[tuple[QRectF, PageRange]],
                 palette: QPalette,
                 chip: Callable[[QPainter, QRectF, PageRange], object] | None = None) -> None:
    """The verdict symbols left of the page: as the window's verdict chips when it gives
    ``chip`` (the reader's margin looks the same), else framed in the category's colour."""
    if not badges:
        return
    if chip is not None:
        for rect, r in badges:
            chip(painter, rect, r)
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for rect, r in badges:
        painter.setPen(QPen(QColor(r.color).darker(130), 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(palette.text().color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, r.badge)
    painter.restore()
