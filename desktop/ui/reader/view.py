"""The reader: a read-only text view that paints highlights from the model.

QPlainTextEdit lays out lazily, block by block, so a book opens as fast as an
article. Highlights are never stored in the QTextDocument (no char formats, no
ExtraSelections): ``paintEvent`` fills only the ranges that intersect the visible
blocks, found by bisecting a list sorted by start. Ranges here are UTF-16 offsets;
the window converts from the model's code points.

Fills are opaque colours blended from the category colour into the page colour of
the current theme (see ``colormath.reading_fill``), so text on them stays legible on
every theme. Right-to-left paragraphs align right, and their highlight rectangles
follow the bidi layout (``bidi``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from heapq import heappop, heappush
from operator import attrgetter, sub

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from desktop.domain.ordering import sort_tied_runs, starts_in_steps
from desktop.ui.core.qt_wrapping import adopt_viewport
from desktop.ui.reader.bidi import bidi_text_option, has_rtl, line_intervals
from desktop.ui.reader.colormath import RGB, fill_strength, reading_fill
from desktop.ui.reader.verdict_gutter import VerdictGutter

READER_FONT_FAMILIES = ["Noto Serif", "Source Serif 4", "Georgia", "Charter", "DejaVu Serif",
                        "Serif"]
BASE_POINT_SIZE = 13
MIN_POINT_SIZE, MAX_POINT_SIZE = 7, 40
MEASURE_CHARS = 72  # comfortable line length (the default of the Preferences setting)
MIN_MEASURE_CHARS = 45  # below this the window folds its side panels away
MEASURE_RANGE = (45, 140)
MATCH_STRENGTH, CURRENT_MATCH_STRENGTH, FLASH_STRENGTH = 0.22, 0.55, 0.45
FLASH_TICKS = 6
CHIP_GAP = 4  # between a margin chip and the first letter of its line
GUTTER_MIN = 44  # a verdict chip's symbol and count fit even in a narrow reader


# Not frozen (read-only by convention, hashable as before): a frozen dataclass is
# built through object.__setattr__, 3x slower, and 50,000 are built at open.
@dataclass(slots=True, unsafe_hash=True)
class PaintRange:
    start: int  # UTF-16
    end: int
    color: str  # "#rrggbb", the category's colour as stored
    key: str
    verdict: str = ""  # Verdict value, for views that colour by verdict (the minimap)


_START, _END = attrgetter("start"), attrgetter("end")  # kept by start, the longest first
RANGE_STEP = 5_000  # ranges per step of ``set_ranges_in_steps`` (~5 ms on a slow machine)


def _rgb(color: QColor) -> RGB:
    return color.red(), color.green(), color.blue()


class ReaderView(QPlainTextEdit):
    highlightClicked = Signal(str)
    rangesChanged = Signal()  # the set of highlight ranges changed
    rangeRecoloured = Signal(str)  # one range's colour or verdict changed (its key)
    matchesChanged = Signal()  # find matches changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        adopt_viewport(self)  # before the first viewport() call: see qt_wrapping
        self.setObjectName("reader")
        self.setAccessibleName("Document reader")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.base_point_size = BASE_POINT_SIZE
        self.measure_chars = MEASURE_CHARS  # the reading column's widest (Preferences)
        # An empty study's blank page says what to do instead of staying blank.
        self.setPlaceholderText("Nothing to read yet. Add a document to the study: "
                                "File › Add Document to Study… (Ctrl+Shift+D).")
        self.document().setDocumentMargin(12)
        self.document().setDefaultTextOption(bidi_text_option(
            self.document().defaultTextOption()))
        self._fills: dict[tuple[str, float], QColor] = {}  # per theme: see changeEvent
        self._bidi_blocks: dict[int, bool] = {}
        self._ranges: list[PaintRange] = []
        self._index: dict[str, int] = {}
        self._starts: list[int] = []
        self._longest = 0
        self._selected_key: str | None = None
        self._last_pick: tuple[list[str], str | None] = ([], None)  # repeated clicks cycle
        self._flash: tuple[int, int] | None = None
        self._flash_ticks = 0
        self._flash_timer = QTimer(self, interval=110)
        self._flash_timer.timeout.connect(self._flash_step)
        self.gutter = VerdictGutter(self)
        self.gutter.badgeClicked.connect(self.highlightClicked)
        self.gutter.wantedWidthChanged.connect(self._margins_changed)
        self.set_reader_font("", 0)
        # Find matches: a separate sorted list of (start, end), UTF-16, painted like ranges.
        self._match_starts: list[int] = []
        self._match_ends: list[int] = []
        self._current_match = -1

    # --- content -------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self._bidi_blocks = {}
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_ranges(self, ranges: list[PaintRange]) -> None:
        for _ in self.set_ranges_in_steps(ranges):
            pass

    def set_ranges_in_steps(self, ranges: list[PaintRange],
                            by_start: bool = False) -> Iterator[None]:
        """``set_ranges`` a step at a time (a large study's ranges, in the window's
        continuation: ``chunked``); the ranges shown change only at the last step.
        ``by_start``: they come ordered by start (the presenter's, in reading order):
        checked slice by slice, and sorted only if they are not."""
        # By start, the longest first: by start with a C key (no tuple per range),
        # then each run of equal starts by end, longest first (stable: ties keep their
        # order). Every pass over the ranges is cut in slices of RANGE_STEP.
        ordered = list(ranges)
        if not by_start:
            ordered.sort(key=_START)
            yield
        found = yield from starts_in_steps(ordered, RANGE_STEP)
        if found is None:  # not by start after all
            yield from self.set_ranges_in_steps(ranges)
            return
        starts, tied = found
        count, longest = len(ordered), 0
        sort_tied_runs(ordered, starts, tied, _END, reverse=True)  # longest first
        for at in range(0, count, RANGE_STEP):
            longest = max(longest, max(map(sub, [r.end for r in ordered[at:at + RANGE_STEP]],
                                               starts[at:at + RANGE_STEP])))
            yield
        index: dict[str, int] = {}
        for at in range(0, count, RANGE_STEP):
            index.update({r.key: i for i, r in enumerate(ordered[at:at + RANGE_STEP], at)})
            yield
        self._ranges, self._index, self._starts, self._longest = ordered, index, starts, longest
        self.viewport().update()
        self.rangesChanged.emit()

    @property
    def ranges(self) -> list[PaintRange]:
        """The ranges sorted by (start, -end): shared, read-only for other views."""
        return self._ranges

    def range_of(self, key: str) -> PaintRange | None:
        i = self._index.get(key)
        return None if i is None else self._ranges[i]

    def ranges_between(self, lo: int, hi: int) -> list[PaintRange]:
        """Ranges overlapping the UTF-16 span [lo, hi), in order of start."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, max(hi, lo + 1))
        return [r for r in self._ranges[first:last] if r.end > lo]

    def matches(self) -> tuple[list[int], list[int], int]:
        """Find matches as (starts, ends, current index): shared, read-only."""
        return self._match_starts, self._match_ends, self._current_match

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        """Find-in-document matches (sorted, non-overlapping); ``current`` is emphasised."""
        self._match_starts = [m[0] for m in matches]
        self._match_ends = [m[1] for m in matches]
        self._current_match = current
        self.viewport().update()
        self.matchesChanged.emit()

    @property
    def match_count(self) -> int:
        return len(self._match_starts)

    def update_color(self, key: str, color: str, verdict: str | None = None) -> None:
        """Recolour (or re-verdict) one range in place: no re-sort needed."""
        i = self._index.get(key)
        if i is None:
            return
        r = self._ranges[i]
        verdict = r.verdict if verdict is None else verdict
        if (r.color, r.verdict) != (color, verdict):
            self._ranges[i] = PaintRange(r.start, r.end, color, key, verdict)
            self.viewport().update()
            self.rangeRecoloured.emit(key)

    def set_selected_key(self, key: str | None) -> None:
        if key != self._selected_key:
            self._selected_key = key
            self.viewport().update()

    def ranges_at(self, pos: int) -> list[PaintRange]:
        """Ranges covering UTF-16 offset ``pos``, innermost (shortest) first."""
        lo = bisect_left(self._starts, pos - self._longest)
        hi = bisect_right(self._starts, pos)
        hits = [r for r in self._ranges[lo:hi] if r.start <= pos < r.end]
        return sorted(hits, key=lambda r: r.end - r.start)

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def reveal(self, start: int, end: int) -> None:
        """Scroll the passage into view (centred) and flash it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(end)
        self.setTextCursor(cursor)
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        self.centerCursor()
        self._flash = (start, end)
        self._flash_ticks = FLASH_TICKS
        self._flash_timer.start()
        self.viewport().update()

    @property
    def flashing(self) -> bool:
        return self._flash is not None

    def _flash_step(self) -> None:
        self._flash_ticks -= 1
        if self._flash_ticks <= 0:
            self._flash = None
            self._flash_timer.stop()
        self.viewport().update()

    # --- scrolling, for overview views ------------------------------------------
    def visible_span(self) -> tuple[int, int]:
        """UTF-16 offsets of the first and last characters on screen."""
        first = self.firstVisibleBlock().position()
        viewport = self.viewport()
        last = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return first, max(first, last)

    # --- font and zoom -------------------------------------------------------
    def set_reader_font(self, family: str, size: float) -> None:
        """The preferred reading font; "" / 0 mean the built-in serif list and size."""
        font = QFont()
        font.setFamilies([family, *READER_FONT_FAMILIES] if family else READER_FONT_FAMILIES)
        self.base_point_size = round(size) if size else BASE_POINT_SIZE
        font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, self.base_point_size)))
        self.setFont(font)
        if self.isVisible():  # before the first show, the first resize sets the margins
            self._update_margins()

    def zoom_by(self, steps: int) -> None:
        font = self.font()
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, font.pointSize() + steps))
        font.setPointSize(size)
        self.setFont(font)
        self._update_margins()

    def zoom_reset(self) -> None:
        self.zoom_by(self.base_point_size - self.font().pointSize())

    @property
    def point_size(self) -> int:
        return self.font().pointSize()

    # --- layout --------------------------------------------------------------
    def set_measure(self, chars: int) -> None:
        """The reading column's widest line, in average characters (centred)."""
        self.measure_chars = max(MEASURE_RANGE[0], min(MEASURE_RANGE[1], int(chars)))
        if self.isVisible():  # before the first show, the first resize sets the margins
            self._update_margins()

    def minimum_reading_width(self) -> int:
        """The width this view needs to show MIN_MEASURE_CHARS characters a line at
        the current font: the window keeps at least this much for the text."""
        chars = self.fontMetrics().averageCharWidth() * MIN_MEASURE_CHARS
        margins = GUTTER_MIN + 16 + 2 * int(self.document().documentMargin())
        return chars + margins + self.verticalScrollBar().sizeHint().width()

    def wordy_reading_width(self) -> int:
        """The minimum reading width with room for the verdict chips' words: what the
        side panels give back, down to their own minimum, before the margin drops to
        symbols (they never fold for it)."""
        return self.minimum_reading_width() - GUTTER_MIN + self._wordy_margin()

    def _gutter_overlap(self) -> int:
        """How far the verdict gutter reaches into the text's own left margin (blank
        paper before the first letter), keeping CHIP_GAP clear of the text: a chip's
        word fits a few pixels sooner without taking any from the column."""
        return max(0, int(self.document().documentMargin()) - CHIP_GAP)

    def _wordy_margin(self) -> int:
        """The viewport's left margin that shows every chip with its word."""
        return max(GUTTER_MIN, self.gutter.wanted_width() - self._gutter_overlap())

    def characters_per_line(self) -> float:
        """How many average characters fit a line of the text column now."""
        usable = self.viewport().width() - 2 * self.document().documentMargin()
        return usable / max(1, self.fontMetrics().averageCharWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margins()

    def _margins_changed(self) -> None:
        if self.isVisible():  # before the first show, the first resize sets the margins
            self._update_margins()

    def _update_margins(self) -> None:
        """Keep the text column at a readable measure, centred, however wide the window."""
        char = self.fontMetrics().averageCharWidth()
        measure = char * self.measure_chars
        available = self.width() - self.verticalScrollBar().sizeHint().width()
        # A verdict's word ("⚖ Disputed") is worth a few characters of a long line: the
        # column gives way, down to the least readable measure, before the margin drops
        # to symbols. The document's own margin keeps the text off the gutter and the
        # scroll bar, so a tight column has no right margin of its own.
        words = self._wordy_margin()
        floor = char * MIN_MEASURE_CHARS + 2 * int(self.document().documentMargin())
        column = min(measure, max(floor, available - words))
        spare = available - column
        # The left margin holds the verdict gutter: room for the words first, then the
        # column is centred with what is left.
        left = max(GUTTER_MIN, min(words, spare), spare // 2)
        right = max(0, spare - left)
        # Only a tight margin reaches into the page; a roomy one ends at its edge.
        reach = min(self._gutter_overlap(), max(0, self.gutter.wanted_width() - left))
        side = left + reach
        contents = self.contentsRect()
        self.gutter.setGeometry(contents.left(), contents.top(), side, contents.height())
        if (self.viewportMargins().left(), self.viewportMargins().right()) != (left, right):
            self.setViewportMargins(left, 8, right, 8)
            # The text is laid out for the old viewport width; relayout once the new
            # geometry has settled (immediately is too early before the first show).
            QTimer.singleShot(0, self._relayout)

    def _relayout(self) -> None:
        # Toggling the wrap mode is the one public call that forces a full relayout.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    # --- painting ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._fills = {}  # a new theme: blend the fills again
            self.viewport().update()
        super().changeEvent(event)

    def fill_color(self, color: str, strength: float | None = None) -> QColor:
        """The legible, opaque fill for ``color`` on this theme's page (cached)."""
        key = (color, strength if strength is not None else -1.0)
        fill = self._fills.get(key)
        if fill is None:
            palette = self.palette()
            base, text = _rgb(palette.base().color()), _rgb(palette.text().color())
            start = strength if strength is not None else fill_strength(base)
            fill = QColor(*reading_fill(_rgb(QColor(color)), base, text, start))
            self._fills[key] = fill
        return fill

    def _is_bidi(self, block: QTextBlock) -> bool:
        number = block.blockNumber()
        bidi = self._bidi_blocks.get(number)
        if bidi is None:
            bidi = self._bidi_blocks[number] = has_rtl(block.text())
        return bidi

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._ranges or self._flash or self._match_starts:
            painter = QPainter(self.viewport())
            try:
                self._paint_ranges(painter, event.rect().height() + event.rect().top())
            finally:
                painter.end()
        super().paintEvent(event)

    def _paint_ranges(self, painter: QPainter, bottom_limit: int) -> None:
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom_limit:
                break
            if block.isVisible():
                self._paint_block(painter, block, geometry.topLeft())
            block = block.next()

    def _paint_block(self, painter: QPainter, block: QTextBlock, origin) -> None:
        b_start = block.position()
        b_end = b_start + block.length()
        lo = bisect_left(self._starts, b_start - self._longest)
        hi = bisect_left(self._starts, b_end)
        # Ends of the earlier ranges still open: their count is a range's stacking depth.
        # Ranges come by start, so an end at or before this start never counts again
        # (a list scanned whole per range was quadratic in a paragraph of many highlights).
        open_ends: list[int] = []
        text_color = self.palette().text().color()
        for r in self._ranges[lo:hi]:
            if r.end <= b_start:
                continue
            while open_ends and open_ends[0] <= r.start:
                heappop(open_ends)
            depth = len(open_ends)
            heappush(open_ends, r.end)
            border = text_color if r.key == self._selected_key else None
            self._fill(painter, block, origin, r.start, r.end, self.fill_color(r.color),
                       r.color, depth, border)
        if self._match_starts:
            self._paint_matches(painter, block, origin, b_start, b_end)
        if self._flash and self._flash_ticks % 2 == 0:
            start, end = self._flash
            if start < b_end and end > b_start:
                flash = self.fill_color(self.palette().highlight().color().name(), FLASH_STRENGTH)
                self._fill(painter, block, origin, start, end, flash, None, 0, None)

    def _paint_matches(self, painter, block, origin, b_start: int, b_end: int) -> None:
        lo = bisect_right(self._match_ends, b_start)
        hi = bisect_left(self._match_starts, b_end)
        outline = self.palette().highlight().color()
        base = outline.name()
        for i in range(lo, hi):
            current = i == self._current_match
            fill = self.fill_color(base, CURRENT_MATCH_STRENGTH if current else MATCH_STRENGTH)
            # Outlined as well as filled, so a match reads apart from a blue category fill.
            self._fill(painter, block, origin, self._match_starts[i], self._match_ends[i], fill,
                       base if current else None, 0, outline)

    def line_rects(self, block: QTextBlock, origin, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the UTF-16 span [start, end) within ``block``, one per
        line and bidi run (a right-to-left run of a mixed line gets its own)."""
        layout = block.layout()
        local_start = max(0, start - block.position())
        local_end = min(block.length() - 1, end - block.position())
        bidi = self._is_bidi(block)
        rects: list[QRectF] = []
        count = layout.lineCount()
        if count == 0:
            return rects
        # From the span's first line on, not from the block's: a long paragraph has
        # hundreds of lines and many highlights (every line per range was quadratic).
        first = layout.lineForTextPosition(local_start)
        for i in range(first.lineNumber() if first.isValid() else 0, count):
            line = layout.lineAt(i)
            if line.textStart() >= local_end:
                break
            for left, right in line_intervals(layout, line, local_start, local_end, bidi):
                rects.append(QRectF(origin.x() + left, origin.y() + line.y(), right - left,
                                    line.height()))
        return rects

    def _fill(self, painter, block, origin, start, end, fill, line_color, depth, border) -> None:
        for rect in self.line_rects(block, origin, start, end):
            painter.fillRect(rect, fill)
            if line_color is not None:
                # A coloured underline per range, stacked by nesting depth, keeps overlaps
                # readable where the inner fill covers the outer one.
                y = rect.bottom() - 1.5 - 3 * min(depth, 3)
                pen_color = QColor(line_color)
                pen_color.setAlpha(210 if border is None else 255)
                painter.fillRect(QRectF(rect.left(), y, rect.width(), 2 if border is None else 3),
                                 pen_color)
            if border is not None:
                painter.setPen(border)
                painter.drawRect(rect.adjusted(0, 0, -1, -1))

    # --- clicks --------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            key = self.key_to_pick(event.position().toPoint())
            if key is not None:
                self.highlightClicked.emit(key)

    def key_to_pick(self, point: QPoint) -> str | None:
        """The highlight a click at ``point`` picks: the innermost; clicked again on the
        same overlapping passages (what it picked still selected), the next of them, so
        every passage under the pointer can be reached."""
        keys = self.keys_at(point)
        last_keys, last_pick = self._last_pick
        pick = keys[0] if keys else None
        if len(keys) > 1 and keys == last_keys and last_pick is not None \
                and last_pick == self._selected_key:
            pick = keys[(keys.index(last_pick) + 1) % len(keys)]
        self._last_pick = (keys, pick)
        return pick

    def keys_at(self, point: QPoint) -> list[str]:
        """Every highlight under a viewport point, innermost first."""
        cursor = self.cursorForPosition(point)
        hits = self.ranges_at(cursor.position())
        if not hits and cursor.position() > 0:
            hits = self.ranges_at(cursor.position() - 1)
        return [r.key for r in hits]

    def key_at(self, point: QPoint) -> str | None:
        """The innermost highlight under a viewport point, if any."""
        cursor = self.cursorForPosition(point)
        hits = self.ranges_at(cursor.position())
        if not hits and cursor.position() > 0:
            hits = self.ranges_at(cursor.position() - 1)
        return hits[0].key if hits else None

    def reading_at(self, point: QPoint) -> str | None:
        """The ruby reading of the character under a viewport point, if it has one."""
        from desktop.ui.reader.document_styles import styler_of

        styler = styler_of(self)
        if styler is None:
            return None
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if point.x() < self.cursorRect(cursor).x() and position > 0:
            position -= 1  # the pointer is on the character before the nearest gap
        return styler.reading_at(position)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            reading = self.reading_at(event.pos())
            if reading:
                QToolTip.showText(event.globalPos(), reading, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
