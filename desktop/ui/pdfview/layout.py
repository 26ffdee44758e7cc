"""Where pages and characters sit on screen: pure arithmetic, no painting.

Pages are stacked top to bottom with a gap and centred; ``zoom`` is pixels per PDF
point. Character boxes are in points from the page's top-left corner (see
``storage.formats.pdf.PdfPages.text_and_boxes``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF

GAP = 12  # pixels between pages and around them
GUTTER = 26  # left of the pages: the verdict margin
Box = tuple[float, float, float, float]


class PageLayout:
    def __init__(self, sizes: Sequence[tuple[float, float]] = ()) -> None:
        self.sizes = list(sizes)
        self.zoom = 1.0
        self.tops: list[float] = []
        self.width = 0.0  # of the widest page plus the gaps
        self.height = 0.0
        self.relayout(1.0)

    def relayout(self, zoom: float) -> None:
        self.zoom = zoom
        self.tops = []
        y = float(GAP)
        for _w, h in self.sizes:
            self.tops.append(y)
            y += h * zoom + GAP
        self.height = y
        self.width = max((w for w, _ in self.sizes), default=0.0) * zoom + 2 * GAP + GUTTER

    def page_rect(self, number: int, view_width: float) -> QRectF:
        """Page ``number`` in content pixels (x centred in ``view_width``)."""
        w, h = self.sizes[number]
        content = max(view_width, self.width) - GUTTER
        return QRectF(GUTTER + (content - w * self.zoom) / 2, self.tops[number],
                      w * self.zoom, h * self.zoom)

    def pages_between(self, top: float, bottom: float) -> range:
        """The pages that show between content heights ``top`` and ``bottom``."""
        if not self.sizes:
            return range(0)
        first = max(0, bisect_right(self.tops, top) - 1)
        last = max(first, bisect_right(self.tops, bottom) - 1)
        return range(first, min(last + 1, len(self.sizes)))

    def page_at(self, y: float) -> int:
        return max(0, min(len(self.sizes) - 1, bisect_right(self.tops, y) - 1))

    def fit_width_zoom(self, view_width: float) -> float:
        widest = max((w for w, _ in self.sizes), default=1.0)
        return max(0.1, (view_width - 2 * GAP - GUTTER) / widest)

    def fit_page_zoom(self, view_width: float, view_height: float, number: int) -> float:
        w, h = self.sizes[number] if self.sizes else (1.0, 1.0)
        return max(0.1, min((view_width - 2 * GAP - GUTTER) / w, (view_height - 2 * GAP) / h))


def box_rect(page: QRectF, box: Box, zoom: float) -> QRectF:
    left, top, right, bottom = box
    return QRectF(page.x() + left * zoom, page.y() + top * zoom,
                  (right - left) * zoom, (bottom - top) * zoom)


def line_rects(boxes: Sequence[Box | None], start: int, end: int) -> list[Box]:
    """The boxes of characters ``start``–``end`` merged into one box per line."""
    out: list[Box] = []
    for box in boxes[start:end]:
        if box is None:
            continue
        if out:
            left, top, right, bottom = out[-1]
            middle = (box[1] + box[3]) / 2
            if top <= middle <= bottom and box[0] >= left - 2:
                out[-1] = (left, min(top, box[1]), max(right, box[2]), max(bottom, box[3]))
                continue
        out.append(box)
    return out


def offset_near(boxes: Sequence[Box | None], point: QPointF) -> int | None:
    """The caret offset (0…len) nearest ``point`` (in points): before or after the
    character under it, or the nearest one on its line, or the nearest at all."""
    best, best_cost = None, float("inf")
    x, y = point.x(), point.y()
    for index, box in enumerate(boxes):
        if box is None:
            continue
        left, top, right, bottom = box
        dy = 0.0 if top <= y <= bottom else min(abs(y - top), abs(y - bottom))
        dx = 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
        cost = dy * 1000 + dx  # the same line first, then the nearest on it
        if cost < best_cost:
            best_cost = cost
            best = index + (1 if x > (left + right) / 2 else 0)
            if cost == 0:
                break
    return best
