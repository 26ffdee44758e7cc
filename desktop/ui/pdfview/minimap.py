"""The page view's minimap: where the highlights and find matches are in the whole PDF.

A strip beside the page view's scroll bar, as the text reader has: one mark per
highlight in its colour, find matches as ticks, the visible part as a box; click or
drag to go there. A passage is placed on its page by its share of the page's
characters (no page has to be read for that), so a 500-page PDF costs one pass over
the highlights, cached in a pixmap until they or the size change.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from desktop.ui.pdfview.page import PageView

STRIP_WIDTH = 14
MIN_MARK = 2


class PageMinimap(QWidget):
    def __init__(self, view: PageView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageMinimap")
        self.setAccessibleName("Document overview")
        self.setFixedWidth(STRIP_WIDTH)
        self.view = view
        self.text_length = 0  # of the document: where the last page ends
        self.by_verdict = False
        self.verdict_colors: dict[str, str] = {}  # verdict value → colour ("": grey)
        self._pixmap: QPixmap | None = None
        self.render_count = 0
        view.marksChanged.connect(self.invalidate)
        view.zoomChanged.connect(self.invalidate)
        view.loaded.connect(lambda _n: self.invalidate())
        view.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 200)

    def set_by_verdict(self, on: bool) -> None:
        self.by_verdict = on
        self.invalidate()

    def invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def resizeEvent(self, event) -> None:
        self.invalidate()
        super().resizeEvent(event)

    # --- geometry -------------------------------------------------------------------
    def content_y(self, offset: int) -> float:
        """Where code-point ``offset`` sits in the page view's content (pixels)."""
        view = self.view
        starts, layout = view.starts, view.layout_
        if not layout.sizes or not starts:
            return 0.0
        number = min(len(layout.sizes) - 1, max(0, bisect_right(starts, offset) - 1))
        start = starts[number]
        end = starts[number + 1] if number + 1 < len(starts) else max(self.text_length, start + 1)
        share = (offset - start) / max(1, end - start)
        return layout.tops[number] + share * layout.sizes[number][1] * layout.zoom

    def y_of(self, offset: int) -> float:
        total = max(1.0, self.view.layout_.height)
        return self.content_y(offset) / total * self.height()

    # --- painting ---------------------------------------------------------------------
    def render_marks(self) -> QPixmap:
        self.render_count += 1
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap.fill(self.palette().base().color())
        painter = QPainter(pixmap)
        for r in self.view.ranges():
            y0, y1 = self.y_of(r.start), self.y_of(r.end)
            if self.by_verdict:
                name = self.verdict_colors.get(r.verdict, "")
                color = QColor(name) if name else self.palette().mid().color()
            else:
                color = QColor(r.color)
            painter.fillRect(QRectF(2, y0, STRIP_WIDTH - 4, max(MIN_MARK, y1 - y0)), color)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None or self._pixmap.size() != self.size() * self.devicePixelRatioF():
            self._pixmap = self.render_marks()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        view = self.view
        for start, _end in view.matches():
            y = self.y_of(start)
            painter.fillRect(QRectF(0, y, 4, 2), QColor(230, 120, 0))
        total = max(1.0, view.layout_.height)
        top = view.verticalScrollBar().value() / total * self.height()
        height = view.viewport().height() / total * self.height()
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawRect(QRectF(0.5, top + 0.5, STRIP_WIDTH - 1, max(4.0, height - 1)))

    # --- going there ------------------------------------------------------------------
    def _go(self, y: float) -> None:
        view = self.view
        total = view.layout_.height
        target = y / max(1, self.height()) * total - view.viewport().height() / 2
        view.verticalScrollBar().setValue(round(target))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._go(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position().y())
