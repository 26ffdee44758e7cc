"""The PDF page view: continuous pages, zoom, selection and highlights drawn on the page.

A standalone widget (it imports no other UI room). It speaks the document's code-point
offsets: ``load`` takes the PDF's bytes and where each page starts in the document's
text, highlights and find matches come as code-point spans, and the selection is
answered in code points. In layers, one concept each: ``pages.Pages`` (the file, zoom,
marks, scrolling, rendering on the PDFium thread), ``selection.SelectablePages`` (mouse
and keyboard selection), and here the painting and the verdict margin.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip

from desktop.ui.pdfview.layout import box_rect, line_rects
from desktop.ui.pdfview.painting import PageRange, paint_badges, paint_marks
from desktop.ui.pdfview.selection import SelectablePages


class PageView(SelectablePages):
    """The page view the window shows: pages painted with their highlights, matches and
    selection, and the verdict badges in the margin left of the page."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a verdict badge selects its highlight in the list."""
        if event.button() == Qt.MouseButton.LeftButton:
            badge = self.badge_at(event.position())
            if badge is not None:
                self.setFocus()
                self.highlightClicked.emit(badge.key)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().window().color().darker(115))
        if not self.layout_.sizes:
            return
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        painter.translate(-dx, -dy)
        visible = self.layout_.pages_between(dy, dy + self.viewport().height())
        width = self.viewport().width()
        for number in visible:
            self._want(number)
            if number not in self._boxes and self._needs_boxes(number):
                self._ask_boxes(number)
        for number in visible:
            page = self.layout_.page_rect(number, width)
            cached = self._images.get(number)
            painter.fillRect(page, QColor("white"))
            if cached is not None:
                scale, image = cached
                if scale == self._scale():  # pixel for pixel: no seams from resampling
                    painter.drawImage(page.topLeft(), image)
                else:  # the old zoom's picture, scaled, until the sharp one arrives
                    painter.save()
                    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                    painter.drawImage(page, image)
                    painter.restore()
            boxes = self._boxes.get(number)
            if boxes:
                base = self.starts[number]
                first = max(0, bisect_right(self._match_starts, base) - 1)
                paint_marks(painter, page, boxes, base, self.layout_.zoom,
                            self._by_page.get(number, []), self._selected_key,
                            self._matches, first, self._current_match,
                            self.selection_range(), self.palette().highlight().color())
            painter.setPen(QPen(self.palette().mid().color(), 1))
            painter.drawRect(page.adjusted(-0.5, -0.5, 0.5, 0.5))
            paint_badges(painter, self.badge_rects(number), self.palette(), self.badge_chip)
        for number in (visible.stop, visible.start - 1):  # the next page, before it shows
            if 0 <= number < self.page_count:
                self._want(number)

    def badge_rects(self, number: int) -> list[tuple[QRectF, PageRange]]:
        """Where the verdict badges of page ``number`` sit (content pixels), first line
        of each passage, left of the page."""
        boxes = self._boxes.get(number)
        if not boxes:
            return []
        page = self.layout_.page_rect(number, self.viewport().width())
        base, zoom, out = self.starts[number], self.layout_.zoom, []
        for r in self._by_page.get(number, []):
            if not r.badge or not self.starts or self._page_of(r.start) != number:
                continue
            lines = line_rects(boxes, max(0, r.start - base), min(len(boxes), r.end - base))
            if lines:
                rect = box_rect(page, lines[0], zoom)
                size = 20.0
                out.append((QRectF(page.x() - size - 4, rect.center().y() - size / 2,
                                   size, size), r))
        return out

    def badge_at(self, pos: QPointF) -> PageRange | None:
        """The highlight whose verdict badge is at ``pos`` (viewport pixels)."""
        if not self.layout_.sizes:
            return None
        content = QPointF(pos.x() + self.horizontalScrollBar().value(),
                          pos.y() + self.verticalScrollBar().value())
        number = self.layout_.page_at(content.y())
        return next((r for rect, r in self.badge_rects(number) if rect.contains(content)), None)

    def viewportEvent(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            hit = self.badge_at(QPointF(event.pos()))
            if hit is not None:
                QToolTip.showText(event.globalPos(), hit.tip, self.viewport())
                return True
        return super().viewportEvent(event)
