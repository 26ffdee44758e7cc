"""An overview strip beside the reader: where the highlights and find matches are.

Positions map to height by character fraction, never through the text layout, so a
book that QPlainTextEdit has laid out only around the viewport costs the same as an
article. The marks are painted once into a cached pixmap, folded to one colour per
pixel row, and repainted only when the ranges, matches, size or theme change; the
viewport box and the current match are drawn over it on every paint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QTextCursor,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.domain.crosscheck import Verdict
from desktop.ui.core.chunked import Chunks, is_large
from desktop.ui.reader.view import ReaderView

STRIP_WIDTH = 14
PAD = 3  # px kept free above and below, so the first and last marks are not clipped
MARK_X, MARK_RIGHT = 3, 4  # the marks' column: from x=3 to 4 px short of the right edge
STEP_RANGES = 10_000  # ranges per step of the marks' rows (a few ms)
MIN_MARK = 2  # px: a short highlight in a long book still shows
MARKS_JOB = "minimap marks"  # the name of its job in the window's continuation
TOOLTIP_SLACK = 2  # px either side of the pointer a tooltip looks for highlights
TOOLTIP_LINES = 6
# Verdict colours for the "by verdict" mode; names (in tooltips) carry the meaning too.
VERDICT_COLORS = {
    Verdict.UNVERIFIED.value: "",  # drawn in the theme's mid grey
    Verdict.SUPPORTED.value: "#2e9d5b",
    Verdict.DISPUTED.value: "#e08a1e",
    Verdict.FALSE.value: "#d64545",
    Verdict.MISLEADING.value: "#b15fd1",
    Verdict.OPINION.value: "#4a90e2",
}


def scroll_reader_to(reader: ReaderView, offset: int) -> None:
    """Centre the reader on the line holding UTF-16 ``offset``, leaving its text cursor.

    Blocks far from the viewport are not laid out yet and count as one line each,
    so the top line is found by laying out only the blocks from the target up to
    half a viewport above it, then set while those line counts are current."""
    document = reader.document()
    block = document.findBlock(max(0, offset))
    if not block.isValid():
        block = document.lastBlock()
    reader.blockBoundingRect(block)  # lays the block out
    line = block.layout().lineForTextPosition(offset - block.position())
    remaining = reader.viewport().height() / 2 - (line.y() if line.isValid() else 0)
    top, top_line = block, 0
    while remaining > 0 and top.previous().isValid():
        top = top.previous()
        height = reader.blockBoundingRect(top).height()
        if height >= remaining:
            layout = top.layout()
            top_line = next((i for i in range(layout.lineCount())
                             if height - layout.lineAt(i).y() <= remaining),
                            layout.lineCount() - 1)
            break
        remaining -= height
    reader.verticalScrollBar().setValue(top.firstLineNumber() + max(0, top_line))


class Minimap(QWidget):
    def __init__(self, reader: ReaderView, parent: QWidget | None = None,
                 later: Chunks | None = None) -> None:
        super().__init__(parent)
        # A large study's marks are worked out in slices (``chunked``) when its ranges
        # change; meanwhile the strip keeps the marks it had.
        self.later = later
        self._rows_ready: tuple[tuple, list[QColor | None]] | None = None
        self._generation = 0  # any change of what the marks show: stale rows are dropped
        self.setObjectName("minimap")
        self.setAccessibleName("Document overview")
        self.setAccessibleDescription("Where the highlights and find matches are; "
                                      "click to scroll there.")
        self.setFixedWidth(STRIP_WIDTH)
        self.setMouseTracking(False)
        self.reader = reader
        self.by_verdict = False
        self.describe: Callable[[str], str] | None = None  # highlight key → tooltip line
        self._pixmap: QPixmap | None = None
        self._painted_matches: list[int] = []
        self._rendered_span = 1.0
        self.render_count = 0  # how often the marks were painted (tests check caching)
        reader.rangesChanged.connect(self._on_ranges)
        reader.rangeRecoloured.connect(self._on_recoloured)
        reader.matchesChanged.connect(self._on_matches)
        reader.document().contentsChanged.connect(self._on_contents)
        bar = reader.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)  # bound slots: dropped with the widget
        bar.rangeChanged.connect(self._on_scrolled)

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 200)

    # --- state ---------------------------------------------------------------
    def set_by_verdict(self, on: bool) -> None:
        if on != self.by_verdict:
            self._changed()
            self.by_verdict = on
            self.invalidate()

    def invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def _changed(self) -> None:
        self._generation += 1
        self._rows_ready = None

    def _on_contents(self) -> None:
        self._changed()
        self.invalidate()

    def _on_ranges(self) -> None:
        self._changed()
        ranges = self.reader.ranges
        if self.later is None or not is_large(len(ranges)) or self._pixmap is None:
            self.invalidate()
            return
        self.later.run(MARKS_JOB, self._marks_job(ranges))

    def _rows_key(self) -> tuple:
        return (self._generation, self._span(), self.height(), self.by_verdict)

    def _marks_job(self, ranges) -> Iterator[None]:
        """The rows of a large study's marks, a slice at a time; then one repaint."""
        key = self._rows_key()
        rows: list[QColor | None] = []
        yield from highlight_rows_in_steps(ranges, self._span() / self._total(),
                                           self.height(), self.by_verdict,
                                           self.palette().mid().color(), rows)
        if key == self._rows_key():  # nothing changed meanwhile
            self._rows_ready = (key, rows)
        self.invalidate()

    def _on_recoloured(self, key: str) -> None:
        """Repaint only the rows of one recoloured highlight in the cached marks (a full
        repaint costs 10–20 ms at 20,000 highlights; this, a fraction of a millisecond)."""
        self._changed()
        r = self.reader.range_of(key)
        if self._pixmap is None or r is None:
            self.invalidate()
            return
        scale = self._scale()
        y0, y1 = self._rows_of(r.start, r.end, scale, self.height() + MIN_MARK + 1)
        # Every range that can reach these rows, in the order the full paint uses.
        nearby = self.reader.ranges_between(self.offset_at(y0 - MIN_MARK - 2),
                                            self.offset_at(y1 + 2) + 1)
        rows = self._highlight_rows(scale, nearby)
        patch = [color if y0 <= y < y1 else None for y, color in enumerate(rows)]
        painter = QPainter(self._pixmap)
        x, width = MARK_X, self.width() - MARK_X - MARK_RIGHT
        painter.fillRect(QRect(x, y0, width, y1 - y0), self.palette().base().color())
        self._fill_runs(painter, patch, x, width)
        painter.end()
        self.update()

    def _on_scrolled(self, *_args) -> None:
        self.update()  # only the viewport box moves: the cached marks stay

    def _on_matches(self) -> None:
        starts = self.reader.matches()[0]
        if starts != self._painted_matches:  # new matches; stepping to the next keeps them
            self._painted_matches = list(starts)
            self._pixmap = None
        self.update()

    def _span(self) -> float:
        """Pixels the whole text maps onto: the strip, or only as much of it as the text
        covers on screen when it all fits (a short article), so marks sit beside it."""
        full = max(1.0, self.height() - 2.0 * PAD)
        reader = self.reader
        if reader.verticalScrollBar().maximum() > 0:
            return full
        end = QTextCursor(reader.document())
        end.movePosition(QTextCursor.MoveOperation.End)
        bottom = reader.cursorRect(end).bottom() + reader.viewport().y()
        return max(1.0, min(full, full * bottom / max(1, reader.height())))

    def _total(self) -> int:
        return max(1, self.reader.document().characterCount() - 1)

    def _scale(self) -> float:
        span = self._rendered_span if self._pixmap is not None else self._span()
        return span / self._total()

    def y_of(self, offset: int) -> float:
        """Widget y of UTF-16 ``offset``."""
        return PAD + offset * self._scale()

    def offset_at(self, y: float) -> int:
        return max(0, int((y - PAD) / self._scale()))

    # --- painting ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._changed()
            self._pixmap = None
        super().changeEvent(event)

    def resizeEvent(self, event) -> None:
        self._pixmap = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_to(painter)
        painter.end()

    def paint_to(self, painter: QPainter) -> None:
        """The cached marks (painted again only if stale), then the viewport box."""
        if (self._pixmap is None or self._span() != self._rendered_span
                or self._pixmap.deviceIndependentSize().toSize() != self.size()):
            self._pixmap = self.render_marks()
        painter.drawPixmap(0, 0, self._pixmap)
        self._paint_overlay(painter)

    def render_marks(self) -> QPixmap:
        """The strip with every highlight and match: one fill per run of equal rows."""
        self.render_count += 1
        self._rendered_span = self._span()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        pixmap.fill(palette.base().color())
        painter = QPainter(pixmap)
        painter.fillRect(QRect(0, 0, 1, self.height()), palette.mid().color())  # divider
        scale = self._scale()
        ranges = self.reader.ranges
        ready, self._rows_ready = self._rows_ready, None
        if ready is not None and ready[0] == self._rows_key():
            rows = ready[1]  # worked out in slices after the ranges changed
        else:
            rows = self._highlight_rows(scale, ranges)
        self._fill_runs(painter, rows, MARK_X, self.width() - MARK_X - MARK_RIGHT)
        ticks: list[QColor | None] = [None] * (self.height() + 1)
        tick = palette.highlight().color()
        for start in self.reader.matches()[0]:
            ticks[min(len(ticks) - 1, int(PAD + start * scale))] = tick
        self._fill_runs(painter, ticks, self.width() - 4, 4)
        painter.end()
        return pixmap

    @staticmethod
    def _rows_of(start: int, end: int, scale: float, limit: int) -> tuple[int, int]:
        """Pixel rows [y0, y1) of a range's mark: at least MIN_MARK, within ``limit``."""
        y0 = int(PAD + start * scale)
        y1 = int(PAD + end * scale) + 1
        if y1 < y0 + MIN_MARK:
            y1 = y0 + MIN_MARK
        if y1 > limit:  # a range past the end of the text (never expected)
            y0, y1 = min(y0, limit), limit
        return y0, y1

    def _highlight_rows(self, scale: float, ranges) -> list[QColor | None]:
        return highlight_rows(ranges, scale, self.height(), self.by_verdict,
                              self.palette().mid().color())

    @staticmethod
    def _fill_runs(painter: QPainter, rows: list[QColor | None], x: int, width: int) -> None:
        """One fillRect per run of rows with the same colour."""
        run_start, run_color = 0, None
        for y, color in enumerate([*rows, None]):
            if color is not run_color:
                if run_color is not None:
                    painter.fillRect(QRect(x, run_start, width, y - run_start), run_color)
                run_start, run_color = y, color

    def _paint_overlay(self, painter: QPainter) -> None:
        """The viewport box and the current find match, which change as the user moves."""
        palette = self.palette()
        first, last = self.reader.visible_span()
        top, bottom = self.y_of(first), self.y_of(last)
        if bottom - top < 6:
            middle = (top + bottom) / 2
            top, bottom = middle - 3, middle + 3
        box = QRectF(1.5, top, self.width() - 2.5, bottom - top)
        fill = QColor(palette.text().color())
        fill.setAlpha(34)
        edge = QColor(palette.text().color())
        edge.setAlpha(120)
        painter.fillRect(box, fill)
        painter.setPen(edge)
        painter.drawRect(box)
        starts, _ends, current = self.reader.matches()
        if 0 <= current < len(starts):
            y = int(self.y_of(starts[current]))
            painter.fillRect(QRect(1, y - 1, self.width() - 1, 3), palette.highlight().color())

    # --- mouse ---------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            scroll_reader_to(self.reader, self.offset_at(event.position().y()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            scroll_reader_to(self.reader, self.offset_at(event.position().y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def tooltip_at(self, y: float) -> str:
        """The highlights under pixel row ``y`` (give or take a couple), named."""
        lo = self.offset_at(y - TOOLTIP_SLACK)
        hi = self.offset_at(y + TOOLTIP_SLACK + 1)
        hits = self.reader.ranges_between(lo, hi)
        if not hits:
            return ""
        describe = self.describe or (lambda key: key)
        lines = [describe(r.key) for r in hits[:TOOLTIP_LINES]]
        if len(hits) > TOOLTIP_LINES:
            lines.append(f"… and {len(hits) - TOOLTIP_LINES} more")
        return "\n".join(lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos().y())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def highlight_rows(ranges, scale: float, height: int, by_verdict: bool,
                   unchecked: QColor) -> list[QColor | None]:
    """Colour per pixel row (None: no highlight): ``highlight_rows_in_steps`` at once."""
    rows: list[QColor | None] = []
    for _ in highlight_rows_in_steps(ranges, scale, height, by_verdict, unchecked, rows):
        pass
    return rows


def highlight_rows_in_steps(ranges, scale: float, height: int, by_verdict: bool,
                            unchecked: QColor, rows: list[QColor | None]) -> Iterator[None]:
    """Fill ``rows`` with a colour per pixel row (None: no highlight), the later range
    winning a row, yielding between steps of STEP_RANGES ranges. In verdict mode a
    checked verdict wins over an unchecked one sharing its row, so a false claim is
    never hidden by its neighbours.

    A long book has tens of ranges per pixel row, most of them covering the same rows as
    the next one: the rows are computed for every range by list comprehensions, and each
    run of ranges with the same rows is painted once, as its last range (in verdict mode,
    its last checked one, if any) — what painting each range in turn leaves. 50,000
    ranges took 130 ms painted one by one, the longest stall after a large study opened.
    """
    limit = height + MIN_MARK + 1
    rows[:] = [None] * limit
    if not ranges:
        return
    top: list[int] = []
    bottom: list[int] = []
    names: list[str] = []
    for at in range(0, len(ranges), STEP_RANGES):
        part = ranges[at:at + STEP_RANGES]
        y0s = [int(PAD + r.start * scale) for r in part]
        top += y0s
        bottom += [y0 + MIN_MARK if y0 + MIN_MARK > (y1 := int(PAD + r.end * scale) + 1)
                   else y1 for r, y0 in zip(part, y0s, strict=True)]
        names += ([VERDICT_COLORS.get(r.verdict, "") for r in part] if by_verdict
                  else [r.color for r in part])
        yield
    colors: dict[str, QColor] = {}
    checked = [False] * limit if by_verdict else []
    y0, y1, name, last = top[0], bottom[0], names[0], len(top) - 1
    for i in range(1, last + 2):
        if i % STEP_RANGES == 0:
            yield
        if i <= last:
            a, b, n = top[i], bottom[i], names[i]
            if a == y0 and b == y1:  # the same rows: the later one paints them
                if n or not by_verdict or not name:
                    name = n
                continue
        # Paint the run that ended (rows y0..y1, as its last range would leave them).
        color = colors.get(name)
        if color is None:
            color = colors[name] = QColor(name) if name else unchecked
        lo, hi = y0, y1
        if hi > limit:  # a range past the end of the text (never expected)
            lo, hi = min(lo, limit), limit
        if not by_verdict:
            rows[lo:hi] = [color] * (hi - lo)
        elif name:
            rows[lo:hi] = [color] * (hi - lo)
            checked[lo:hi] = [True] * (hi - lo)
        else:
            for y in range(lo, hi):
                if not checked[y]:
                    rows[y] = color
        if i <= last:
            y0, y1, name = a, b, n
