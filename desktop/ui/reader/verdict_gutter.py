"""The reader's left margin: each highlight's verdict beside the line where it starts,
and, for paged documents (PDF), where each page begins ("p. 12"), so a passage can be
cited by page while reading.

Verdicts are chips (``verdict_chips``): symbol and word in the verdict's colour, legible
in every theme, several on one line summarised ("⚖ Disputed +1"). Hovering shows each
one's verdict and rationale; clicking selects the highlight (``badgeClicked``). Only the
badges and page marks on visible lines are laid out, found by bisecting positions sorted
once per change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from desktop.domain.ordering import sort_tied_runs, starts_in_steps
from desktop.ui.reader.verdict_chips import CHIP_PAD_X, chip_font, chip_text, paint_chip

CHIP_INSET = 2  # the gutter's left edge to the chip; the chip ends at the text's margin


# Not frozen (read-only by convention, hashable as before): a frozen dataclass is
# built through object.__setattr__, 3x slower, and 50,000 are built at open.
@dataclass(slots=True, unsafe_hash=True)
class Badge:
    position: int  # UTF-16 offset where the highlight starts
    symbol: str
    label: str
    tooltip: str
    key: str = ""
    verdict: str = ""  # the Verdict's value: the chip's colour


_POSITION = attrgetter("position")


_KEY = attrgetter("key")


class VerdictGutter(QWidget):
    badgeClicked = Signal(str)  # the highlight whose chip was clicked
    wantedWidthChanged = Signal()  # the chips' words need another width (wanted_width)

    def __init__(self, reader: QPlainTextEdit) -> None:
        super().__init__(reader)
        self.setMouseTracking(True)
        self.reader = reader
        self.setObjectName("verdictGutter")
        self.setAccessibleName("Verdicts")
        self._badges: list[Badge] = []
        self._positions: list[int] = []
        self._by_key: dict[str, Badge] = {}
        self._hits: list[tuple[QRect, str]] = []
        self._chips: list[tuple[QRect, list[Badge]]] = []  # painted chips, for clicks
        self._pages: list[tuple[int, str]] = []  # (UTF-16 offset, "p. N"), sorted
        self._page_positions: list[int] = []
        # What the widest chip needs, kept in step with the badges in O(log n) a change:
        # how many badges show each (symbol, word), and how many share each paragraph.
        self._words: Counter[tuple[str, str]] = Counter()
        self._per_block: Counter[int] = Counter()
        self._shared_blocks = 0  # paragraphs with two badges or more (a "+1" may show)
        self._wanted = 0
        # Chip words (and a "+1") the margin keeps room for while a large study's badges
        # are still being placed (``reserve``), so its width does not change at the end.
        self._reserved: tuple[frozenset[tuple[str, str]], bool] = (frozenset(), False)
        reader.updateRequest.connect(lambda *_: self.update())

    def set_page_marks(self, marks: list[tuple[int, str]]) -> None:
        self._pages = sorted(marks)
        self._page_positions = [position for position, _ in self._pages]
        self.update()

    def visible_page_marks(self) -> list[tuple[int, str]]:
        """(line top in the viewport, label) of the page starts on screen."""
        first, last = self._visible_span()
        lo = bisect_left(self._page_positions, first)
        hi = bisect_right(self._page_positions, last)
        return [(self._line_top(position), label) for position, label in self._pages[lo:hi]]

    def _visible_span(self) -> tuple[int, int]:
        reader = self.reader
        first = reader.firstVisibleBlock().position()
        last = reader.cursorForPosition(
            QPoint(reader.viewport().width(), reader.viewport().height())
        ).position()
        return first, last

    def _line_top(self, position: int) -> int:
        cursor = QTextCursor(self.reader.document())
        cursor.setPosition(position)
        return self.reader.cursorRect(cursor).top()

    def set_badges(self, badges: list[Badge]) -> None:
        for _ in self.set_badges_in_steps(badges):
            pass

    def set_badges_in_steps(self, badges: list[Badge], step: int = 0) -> Iterator[None]:
        """``set_badges`` a step at a time, ``step`` badges placed in their blocks per
        step (0: all in one), for a large study's continuation (``chunked``); the
        margin changes only at the last step."""
        # By position, then key: by a C key (no tuple per badge; the presenter hands
        # them in order, checked a slice at a time), then each run of one position by
        # key. With a ``step``, every pass over them is cut in slices.
        step = step or len(badges) or 1
        ordered = list(badges)
        found = yield from starts_in_steps(ordered, step, _POSITION)
        if found is None:  # not by position: sort them
            ordered.sort(key=_POSITION)
            yield
            found = yield from starts_in_steps(ordered, step, _POSITION)
            assert found is not None
        positions, tied = found
        sort_tied_runs(ordered, positions, tied, _KEY)
        yield
        by_key: dict[str, Badge] = {}
        words: Counter[tuple[str, str]] = Counter()
        for at in range(0, len(ordered), step):
            part = ordered[at:at + step]
            by_key.update({b.key: b for b in part})
            # Counted in bulk (as ``_count`` would one by one): 50,000 badges at open.
            words.update([(b.symbol, b.label) for b in part])
            yield
        find_block = self.reader.document().findBlock
        per_block: Counter[int] = Counter()
        for at in range(0, len(positions), step):
            per_block.update([find_block(p).blockNumber() for p in positions[at:at + step]])
            yield
        self._badges, self._positions, self._by_key = ordered, positions, by_key
        self._words, self._per_block = words, per_block
        self._shared_blocks = sum(1 for n in per_block.values() if n >= 2)
        self._reserved = (frozenset(), False)
        self._update_wanted()
        self.update()

    def wanted_shared(self) -> bool:
        """Whether a paragraph holds two chips or more (the margin keeps room for "+1")."""
        return self._shared_blocks > 0

    def reserve(self, words: set[tuple[str, str]], shared: bool) -> None:
        """Keep room for these chip words (symbol, label), and a "+1" if ``shared``,
        until the next ``set_badges``: the badges shown are a part of those to come."""
        self._reserved = (frozenset(words), shared)
        self._update_wanted()

    def _count(self, badge: Badge, step: int) -> None:
        self._words[(badge.symbol, badge.label)] += step
        if self._words[(badge.symbol, badge.label)] <= 0:
            del self._words[(badge.symbol, badge.label)]
        block = self.reader.document().findBlock(badge.position).blockNumber()
        before = self._per_block[block]
        self._per_block[block] = before + step
        self._shared_blocks += (self._per_block[block] >= 2) - (before >= 2)

    def wanted_width(self) -> int:
        """The width that shows every chip with its word ("⚠ Misleading", "+1" too
        when a paragraph has several verdicts); 0 without verdicts."""
        return self._wanted

    def _update_wanted(self) -> None:
        wanted = 0
        reserved, shared = self._reserved
        words = self._words.keys() | reserved
        if words:
            fm = QFontMetrics(self.label_font())
            count = fm.horizontalAdvance(" +9") if self._shared_blocks or shared else 0
            widest = max(fm.horizontalAdvance(f"{symbol} {word}") for symbol, word in words)
            wanted = widest + count + 2 * CHIP_PAD_X + CHIP_INSET + 1
        if wanted != self._wanted:
            self._wanted = wanted
            self.wantedWidthChanged.emit()

    def update_badge(self, key: str, badge: Badge | None) -> None:
        """Add, replace or (with None) remove one badge without rebuilding the rest."""
        old = self._by_key.pop(key, None)
        if old is not None:
            i = self._badges.index(old, bisect_left(self._positions, old.position))
            del self._badges[i]
            del self._positions[i]
            self._count(old, -1)
        if badge is not None:
            i = bisect_right(self._positions, badge.position)
            self._badges.insert(i, badge)
            self._positions.insert(i, badge.position)
            self._by_key[key] = badge
            self._count(badge, 1)
        self._update_wanted()
        self.update()

    def badges(self) -> list[Badge]:
        return list(self._badges)

    def _visible_rows(self) -> list[tuple[int, int, list[Badge]]]:
        """(top, height, badges) per visible line that has badges."""
        reader = self.reader
        first, last = self._visible_span()
        lo, hi = bisect_left(self._positions, first), bisect_right(self._positions, last)
        rows: dict[int, tuple[int, list[Badge]]] = {}
        for badge in self._badges[lo:hi]:
            cursor = QTextCursor(reader.document())
            cursor.setPosition(badge.position)
            rect = reader.cursorRect(cursor)
            rows.setdefault(rect.top(), (rect.height(), []))[1].append(badge)
        return [(top, height, badges) for top, (height, badges) in sorted(rows.items())]

    def label_font(self) -> QFont:
        """The interface font (not the reading font inherited from the reader), at a
        legible size."""
        return chip_font()

    def row_texts(self) -> list[tuple[int, str, list[Badge]]]:
        """(line top, chip text, badges) for the visible lines, as painted."""
        fm = QFontMetrics(self.label_font())
        out = []
        for top, _height, badges in self._visible_rows():
            first = badges[0]
            text = chip_text(first.symbol, first.label, len(badges) - 1, fm,
                             self.width() - CHIP_INSET)
            out.append((top, text, badges))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = self.label_font()
        painter.setFont(font)
        fm = QFontMetrics(font)
        palette = self.reader.palette()
        base, ink = palette.base().color(), palette.text().color()
        offset = self.reader.viewport().y() - self.y()
        self._hits, self._chips = [], []
        for top, height, badges in self._visible_rows():
            first = badges[0]
            text = chip_text(first.symbol, first.label, len(badges) - 1, fm,
                             self.width() - CHIP_INSET)
            row = QRectF(CHIP_INSET, top + offset, self.width() - CHIP_INSET,
                         max(height, fm.height() + 2))
            chip = paint_chip(painter, row, text, first.verdict, base, ink).toAlignedRect()
            self._hits.append((chip, "\n\n".join(b.tooltip for b in badges)))
            self._chips.append((chip, badges))
        if self._pages:
            self._paint_page_marks(painter, fm, offset)
        painter.end()

    def chip_rects(self) -> list[tuple[QRect, list[Badge]]]:
        """Where the chips were last painted, with the badges each one stands for."""
        return list(self._chips)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on a chip selects its highlight; on a summary ("+1"), the next one of
        the line each time, so every passage on it can be reached."""
        point = event.position().toPoint()
        for rect, badges in self._chips:
            if rect.contains(point):
                keys = [b.key for b in badges]
                last = getattr(self, "_last_clicked", None)
                key = keys[(keys.index(last) + 1) % len(keys)] if last in keys else keys[0]
                self._last_clicked = key
                self.badgeClicked.emit(key)
                return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = any(r.contains(event.position().toPoint()) for r, _ in self._chips)
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def _paint_page_marks(self, painter: QPainter, fm: QFontMetrics, offset: int) -> None:
        """A muted "p. N" at the top left of the line where each page begins, under a
        short rule: quiet enough beside the verdicts, findable when citing."""
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        for top, label in self.visible_page_marks():
            y = top + offset
            painter.drawLine(4, y, min(self.width() - 6, 4 + fm.horizontalAdvance(label)), y)
            rect = QRect(4, y + 1, self.width() - 10, fm.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
            self._hits.append((rect, f"Page {label.removeprefix('p. ')} begins here"))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = next((t for r, t in self._hits if r.contains(event.pos())), "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
