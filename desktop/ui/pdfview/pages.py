"""The PDF page view's ground: the scroll area of continuous pages, the file, zoom,
highlights and find matches, scrolling to a passage and rendering on the PDFium thread.

``selection.SelectablePages`` adds selecting with the mouse and the keyboard on it,
``page.PageView`` the painting and the verdict margin. Offsets are the document's code
points; pages are rendered for the visible area only, a few kept in a cache; a page not
rendered yet shows blank paper, one rendered at another zoom is shown scaled until its
sharp copy arrives.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QImage,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.ui.pdfview.layout import GAP, Box, PageLayout
from desktop.ui.pdfview.painting import PageRange
from desktop.ui.pdfview.worker import PdfThread

CACHE_PAGES = 8  # rendered pages kept
IN_FLIGHT = 3  # render requests queued on the PDFium thread at most
SETTLE_MS = 120  # after the last scroll step, the visible pages' characters are read
ZOOM_STEP = 1.2
MIN_ZOOM, MAX_ZOOM = 0.25, 8.0


class Pages(QAbstractScrollArea):
    selectionChanged = Signal()
    highlightClicked = Signal(str)
    pageChanged = Signal(int)  # the 0-based page at the top of the view
    loaded = Signal(int)  # the number of pages, once the file is open
    failed = Signal(str)
    textRead = Signal(object)  # the Document PDFium reads from the file (or None)
    zoomChanged = Signal()
    marksChanged = Signal()  # highlights or find matches changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPageView")
        self.setAccessibleName("PDF pages")
        # How a verdict badge is drawn, given by the window (its reader's chips).
        self.badge_chip: Callable[[QPainter, QRectF, PageRange], object] | None = None
        # Wrap the viewport by name before the first viewport() call: typed QWidget*, it
        # would load the bindings of all 69 widget classes (see ui/core/qt_wrapping).
        self.findChild(QWidget, "qt_scrollarea_viewport",
                       Qt.FindChildOption.FindDirectChildrenOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.pdf = PdfThread(self)
        w = self.pdf.worker
        w.opened.connect(self._opened)
        w.failed.connect(self._failed)
        w.rendered.connect(self._rendered)
        w.boxesReady.connect(self._boxes_ready)
        w.textReady.connect(self._text_ready)
        self.layout_ = PageLayout()
        self.fit = "width"  # "width", "page" or "" (a zoom the user chose)
        self.starts: list[int] = []
        self.text_length = 0  # of the document (0: not known)
        self._text_source: tuple[bytes, str] | None = None  # to read once page 1 shows
        self._token = 0
        self._images: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._inflight: set[int] = set()
        self._texts: dict[int, str] = {}
        self._boxes: dict[int, list[Box | None]] = {}
        self._asked_boxes: set[int] = set()
        self._ranges: list[PageRange] = []
        self._by_page: dict[int, list[PageRange]] = {}
        self._matches: list[tuple[int, int]] = []  # sorted, not overlapping
        self._match_starts: list[int] = []
        self._current_match = -1
        self._anchor: int | None = None
        self._caret: int | None = None
        self._selected_key: str | None = None
        self._pending_reveal: tuple[int, int] | None = None
        self._last_page = -1
        self._pressed_on: str | None = None
        # Characters are read (PDFium work, and Python: the UI thread's time) for pages
        # that show highlights, matches or the selection at once, for the others once
        # scrolling settles.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._read_visible)
        self._pending_press: QPointF | None = None
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)

    # --- the file ---------------------------------------------------------------
    def load(self, raw: bytes, name: str, starts: list[int], *, length: int = 0,
             read_text: bool = False) -> None:
        """Show the PDF ``raw``; ``starts`` are the code-point offsets of its pages in
        the document's text of ``length`` code points. ``read_text`` also reads the
        whole text (``textRead``)."""
        self._token += 1
        self.starts = list(starts)
        self.text_length = length
        self._images.clear()
        self._inflight.clear()
        self._texts.clear()
        self._boxes.clear()
        self._asked_boxes.clear()
        self._anchor = self._caret = None
        self.layout_ = PageLayout()
        self.pdf.open(self._token, raw, name)
        # The whole text is read after the first page is drawn, not before it.
        self._text_source = (raw, name) if read_text else None
        self.viewport().update()

    def set_text(self, starts: list[int], length: int) -> None:
        """Where the pages start in the document's text, learnt after ``load`` (File ›
        Open reads the text while page one shows): selection and highlights start."""
        self.starts = list(starts)
        self.text_length = length
        self._texts.clear()
        self._boxes.clear()
        self._asked_boxes.clear()
        self._settle.start()
        self.viewport().update()
        self.marksChanged.emit()

    def unload(self) -> None:
        self._token += 1
        self.layout_ = PageLayout()
        self._images.clear()
        self.viewport().update()

    @property
    def page_count(self) -> int:
        return len(self.layout_.sizes)

    def _opened(self, token: int, sizes: list[tuple[float, float]]) -> None:
        if token != self._token:
            return
        self.layout_ = PageLayout(sizes)
        self._apply_fit()
        self.verticalScrollBar().setValue(0)
        self._settle.start()
        self.loaded.emit(len(sizes))
        if self._pending_reveal is not None:
            self.reveal(*self._pending_reveal)

    def _failed(self, token: int, message: str) -> None:
        if token == self._token:
            self.failed.emit(message)

    def _text_ready(self, token: int, document: object) -> None:
        if token == self._token:
            self.textRead.emit(document)

    def stop(self) -> None:
        self.pdf.stop()

    # --- zoom -------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.layout_.zoom

    def set_zoom(self, zoom: float, fit: str = "") -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        bar = self.verticalScrollBar()
        fraction = bar.value() / max(1.0, self.layout_.height)
        self.fit = fit
        self.layout_.relayout(zoom)
        self._update_scrollbars()
        bar.setValue(round(fraction * self.layout_.height))
        self.viewport().update()
        self._check_page()
        self.zoomChanged.emit()

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP ** steps)

    def fit_width(self) -> None:
        self.set_zoom(self.layout_.fit_width_zoom(self._view_width()), "width")

    def fit_page(self) -> None:
        page = self.layout_.page_at(self.verticalScrollBar().value() + 1)
        self.set_zoom(self.layout_.fit_page_zoom(self._view_width(),
                                                 self.viewport().height(), page), "page")

    def _apply_fit(self) -> None:
        if self.fit == "page" and self.layout_.sizes:
            self.fit_page()
        elif self.fit == "width" and self.layout_.sizes:
            self.fit_width()
        else:
            self.set_zoom(self.zoom, self.fit)

    def _view_width(self) -> float:
        return float(self.viewport().width() - 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit and self.layout_.sizes:
            self._apply_fit()
        else:
            self._update_scrollbars()

    def _update_scrollbars(self) -> None:
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        v.setRange(0, max(0, round(self.layout_.height) - self.viewport().height()))
        v.setPageStep(self.viewport().height())
        v.setSingleStep(40)
        h.setRange(0, max(0, round(self.layout_.width) - self.viewport().width()))
        h.setPageStep(self.viewport().width())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    # --- highlights and find matches ---------------------------------------------
    def set_ranges(self, ranges: list[PageRange]) -> None:
        self._ranges = sorted(ranges, key=lambda r: (r.start, -r.end))
        self._by_page = {}
        for r in self._ranges:
            for number in range(self._page_of(r.start), self._page_of(max(r.start, r.end - 1)) + 1):
                self._by_page.setdefault(number, []).append(r)
        self.viewport().update()
        self.marksChanged.emit()

    def ranges(self) -> list[PageRange]:
        return list(self._ranges)

    def set_selected_key(self, key: str | None) -> None:
        self._selected_key = key
        self.viewport().update()

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        self._matches = list(matches)
        self._match_starts = [start for start, _ in self._matches]
        self._current_match = current
        self.viewport().update()
        self.marksChanged.emit()

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def _page_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    # --- scrolling to a passage ---------------------------------------------------------
    def reveal(self, start: int, end: int) -> None:
        """Scroll so that ``start``–``end`` is in view, near the top third."""
        if not self.layout_.sizes:
            self._pending_reveal = (start, end)
            return
        self._pending_reveal = None
        self.ensure_visible(start, centre=True)

    def ensure_visible(self, offset: int, centre: bool = False) -> None:
        number = self._page_of(offset)
        page = self.layout_.page_rect(number, self.viewport().width())
        boxes = self._boxes.get(number)
        y = page.y()
        local = offset - self.starts[number]
        bar = self.verticalScrollBar()
        if boxes:
            box = next((b for b in boxes[min(local, len(boxes) - 1):] if b is not None), None)
            if box is not None:
                y = page.y() + box[1] * self.layout_.zoom
        elif not centre:
            return
        else:  # the page's top for now; the passage once its characters arrive
            self._ask_boxes(number)
            self._pending_reveal = (offset, offset)
            bar.setValue(round(page.y() - GAP))
            return
        top, height = bar.value(), self.viewport().height()
        if centre or not top + 20 <= y <= top + height - 40:
            bar.setValue(round(y - height / 3))

    def visible_page(self) -> int:
        """The page a third down the view (as the status bar names it)."""
        return self.layout_.page_at(self.verticalScrollBar().value()
                                    + self.viewport().height() / 3)

    def _scrolled(self) -> None:
        self.viewport().update()
        self._settle.start()
        self._check_page()

    def _visible_pages(self) -> range:
        top = self.verticalScrollBar().value()
        return self.layout_.pages_between(top, top + self.viewport().height())

    def _read_visible(self) -> None:
        for number in self._visible_pages():
            self._ask_boxes(number)

    def _needs_boxes(self, number: int) -> bool:
        """The page shows something drawn from its characters."""
        if number in self._by_page:
            return True
        lo = self.starts[number] if number < len(self.starts) else 0
        hi = self.starts[number + 1] if number + 1 < len(self.starts) else 1 << 62
        span = self.selection_range()
        if span is not None and span[0] < hi and span[1] > lo:
            return True
        first = bisect_right(self._match_starts, lo) - 1
        return any(s < hi and e > lo for s, e in self._matches[max(0, first):first + 2])

    def _check_page(self) -> None:
        page = self.visible_page()
        if page != self._last_page and self.layout_.sizes:
            self._last_page = page
            self.pageChanged.emit(page)

    # --- rendering ------------------------------------------------------------------------
    def _scale(self) -> float:
        return round(self.layout_.zoom * self.devicePixelRatioF(), 3)

    def _want(self, number: int) -> None:
        cached = self._images.get(number)
        if cached is not None:
            self._images.move_to_end(number)
            if cached[0] == self._scale():
                return
        if number in self._inflight or len(self._inflight) >= IN_FLIGHT:
            return
        self._inflight.add(number)
        self.pdf.render(self._token, number, self._scale())

    def _rendered(self, token: int, number: int, scale: float, image: QImage) -> None:
        if token != self._token:
            return
        self._inflight.discard(number)
        if self._text_source is not None:
            self.pdf.read_text(self._token, *self._text_source)
            self._text_source = None
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self._images[number] = (scale, image)
        self._images.move_to_end(number)
        while len(self._images) > CACHE_PAGES:
            self._images.popitem(last=False)
        self.viewport().update()

    def _ask_boxes(self, number: int) -> None:
        if not self.starts:
            return  # the text is being read: the page shows, its characters wait
        if number not in self._asked_boxes:
            self._asked_boxes.add(number)
            self.pdf.boxes(self._token, number)

    def _boxes_ready(self, token: int, number: int, text: str, boxes: list) -> None:
        if token != self._token:
            return
        self._texts[number] = text
        self._boxes[number] = boxes
        self.viewport().update()
        self._characters_arrived(number)
        if self._pending_reveal is not None and self._page_of(self._pending_reveal[0]) == number:
            start = self._pending_reveal[0]
            self._pending_reveal = None
            self.ensure_visible(start, centre=True)

    def _characters_arrived(self, number: int) -> None:
        """Page ``number``'s characters are in ``_boxes`` (for subclasses)."""

    def selection_range(self) -> tuple[int, int] | None:
        """The selected span in code points (``selection.SelectablePages``)."""
        return None

    def page_is_ready(self, number: int) -> bool:
        """The page's characters have arrived (its selection and highlights work)."""
        return number in self._boxes

    def rendered_pages(self) -> list[int]:
        return list(self._images)
