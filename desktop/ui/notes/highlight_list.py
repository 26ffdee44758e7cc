"""The list of highlights in the notes pane: a model over the study and its delegate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.domain.blind import Viewer, seen
from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import excerpt, page_prefix, short_title
from desktop.domain.folding import fold
from desktop.domain.model import Highlight, Study
from desktop.domain.plural import plural
from desktop.domain.tags import has_tag, hashtags
from desktop.domain.verdicts import status as review_status
from desktop.ui.core.viewer import current_viewer
from desktop.ui.notes.note_previews import NotePreviews, PreviewPainter
from desktop.ui.reader.bidi import starts_rtl
from desktop.ui.reader.verdict_chips import paint_chip

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 3
ORPHAN_ROLE = Qt.ItemDataRole.UserRole + 4
HAS_NOTE_ROLE = Qt.ItemDataRole.UserRole + 5
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 6
CATEGORY_ID_ROLE = Qt.ItemDataRole.UserRole + 7
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 8  # (sources, links) counts
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 9  # the document's title, when all are listed
TAGS_ROLE = Qt.ItemDataRole.UserRole + 10  # "#economy #sanctions", or ""
TAKES_VERDICT_ROLE = Qt.ItemDataRole.UserRole + 20  # its category is checkable (#17)
CARD_ROLE = Qt.ItemDataRole.UserRole + 21  # (stances "▲1 ▼1", review status, note line)
NOTE_HTML_ROLE = Qt.ItemDataRole.UserRole + 22  # the note's opening, rendered inline
_GREY = QColor("#888888")
POOL_SLACK = 3  # spare spacer rows: a taller card next time needs no new layout

_Index = QModelIndex | QPersistentModelIndex


class HighlightListModel(QStringListModel):
    """Rows are the document's highlights in reading order, orphans last, filtered.

    The row count lives in C++: a QStringListModel of empty strings, as many as the rows
    (``_resize``), while ``data`` answers from the study. Qt lays a list out by asking
    for an index per row, and each index asks ``rowCount``: overridden in Python that
    was two calls into Python per row, 0.22 s to lay out 50,000 rows (0.01 s now).
    The C++ model's own flags make rows editable: the view turns editing off.

    Filtering happens here, in one pass over a cached list, rather than in a
    QSortFilterProxyModel, which calls back into Python once per row: with 20,000
    highlights that is the difference between a few and a few dozen milliseconds.

    The open card (``open_card``) is followed by empty *spacer* rows that make room for
    its editor, so every row keeps one height: uniform sizes keep a 10k list fast, and
    a taller row would make the view ask Python for every row's size on each change.
    The spacers are a pool of ``pad`` rows kept at the end of the list while no card
    uses them; opening another card moves them by mapping rows afresh, without telling
    the view (same count, same heights: nothing to lay out). Any change the view hears
    of makes it lay out every row again, two calls into Python per row — 100 ms per
    card at 10k highlights — so the row count changes only when a card needs more room
    than the pool holds.
    """

    def __init__(self, study: Study, document_id: str, parent=None) -> None:
        super().__init__(parent)
        self._study = study
        self._document_id = document_id
        self._ordered: list[Highlight] = []
        self._rows: list[Highlight] = []
        self._row_of: dict[str, int] | None = {}  # None: made when first asked
        self._haystacks: dict[str, str] = {}
        self._noted: set[str] = set()
        self.category_id: str | None = None
        self.verdict: Verdict | None = None
        self.status: str | None = None  # a claim's review status, or None: any
        self.tag: str | None = None
        self.text = ""
        # Scope: every document's highlights (rows then name their document), and
        # orphans only (after an update, to find what needs re-attaching).
        self.all_documents = False
        self.orphans_only = False
        self._colors: dict[str, QColor] = {}
        self._names: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._viewer: Viewer = current_viewer()  # read again by every rebuild
        self._open_at: int | None = None  # index in _rows of the open card
        self._spacers = 0  # empty rows after it, under the card's editor
        self._pad = 0  # spacer rows in all: under the open card, the rest at the end
        self.previews = NotePreviews(self)  # rendered for the rows painted, then kept
        self._rebuild()
        self._resize()

    @contextmanager
    def _reset(self) -> Iterator[None]:
        """A model reset around a change of the rows, the C++ row count kept in step."""
        self.beginResetModel()
        try:
            yield
        finally:
            self._resize()
            self.endResetModel()

    def _resize(self) -> None:
        """Make the C++ row count ``len(_rows) + _pad``, telling nobody: only inside a
        reset (or before any view), which tells the views once it ends."""
        want, have = len(self._rows) + self._pad, super().rowCount()
        if want == have:
            return
        blocked = self.blockSignals(True)
        try:
            if want > have:
                self.insertRows(have, want - have)
            else:
                self.removeRows(want, have - want)
        finally:
            self.blockSignals(blocked)

    def set_study(self, study: Study, document_id: str) -> None:
        with self._reset():
            self._study, self._document_id = study, document_id
            self._rebuild()

    def set_filter(self, category_id: str | None, verdict: Verdict | None, text: str = "",
                   tag: str | None = None, status: str | None = None) -> None:
        """``status``: "draft", "reviewed" or "ruled" (``domain.verdicts``), or None."""
        with self._reset():
            self.category_id, self.verdict, self.text = category_id, verdict, fold(text).strip()
            self.tag, self.status = tag, status
            self._apply_filter()

    def set_scope(self, all_documents: bool, orphans_only: bool) -> None:
        with self._reset():
            self.all_documents, self.orphans_only = all_documents, orphans_only
            self._rebuild()

    @property
    def is_filtered(self) -> bool:
        return bool(self.category_id or self.verdict or self.text or self.orphans_only
                    or self.tag or self.status)

    @property
    def total(self) -> int:
        return len(self._ordered)

    def apply_changes(self, changes: ChangeSet) -> None:
        looking = current_viewer()
        if looking != self._viewer:
            self._viewer, self._haystacks = looking, {}
        if changes.references_changed:
            self._haystacks = {}  # searched text includes cited references: rebuilt lazily
            if self.text:
                with self._reset():
                    self._apply_filter()
        if changes.highlight_set_changed or changes.documents_changed:
            with self._reset():
                self._rebuild()
            return
        for hid in changes.highlights_changed:
            self._haystacks.pop(hid, None)
        self.previews.drop(changes.highlights_changed)
        if changes.only_fields("note", "rationale"):
            # The row shows only whether there is a note. Telling the view about every
            # keystroke makes QListView re-lay out all rows (40,000 calls into Python
            # at 20k highlights), so speak up only when that mark flips.
            changed = set()
            for hid in changes.highlights_changed:
                h = self._study.highlights.get(hid)
                noted = bool(h and h.note.strip())
                if noted != (hid in self._noted):
                    self._noted.symmetric_difference_update({hid})
                    changed.add(hid)
            changes = ChangeSet(highlights_changed=changed, highlight_fields={"note"})
        if self.is_filtered and changes.highlights_changed and not changes.only_fields("note"):
            with self._reset():  # a new verdict or category may move a row in or out
                self._apply_filter()
            return
        for hid in changes.highlights_changed:
            row = self.row_of(hid)
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def _rebuild(self) -> None:
        self._viewer = current_viewer()  # blind reviews: verdicts as this reader sees them
        if self.all_documents:
            self._ordered = [h for doc_id in self._study.documents
                             for h in self._study.highlights_in_order(doc_id)]
        else:
            self._ordered = self._study.highlights_in_order(self._document_id)
        several = self.all_documents and len(self._study.documents) > 1
        self._titles = {d.id: short_title(d.title, 32)
                        for d in self._study.documents.values()} if several else {}
        self._noted = {h.id for h in self._ordered if h.note.strip()}
        self._haystacks = {}
        self.previews.clear()
        self._colors = {c.id: QColor(c.color) for c in self._study.categories}
        self._names = {c.id: c.name for c in self._study.categories}
        self._apply_filter()

    def _apply_filter(self) -> None:
        rows = self._ordered
        if self.orphans_only:
            rows = [h for h in rows if h.is_orphan]
        if self.category_id is not None:
            rows = [h for h in rows if h.category_id == self.category_id]
        if self.verdict is not None:
            rows = [h for h in rows if seen(h, self._viewer).verdict == self.verdict
                    and self._study.shows_verdict(h)]
        if self.status is not None:
            wanted = self.status
            rows = [h for h in rows if self._study.takes_verdict(h)
                    and review_status(h) == wanted]
        if self.tag is not None:
            tag = self.tag
            rows = [h for h in rows if h.tags and has_tag(h.tags, tag)]
        if self.text:
            needle, cached, build = self.text, self._haystacks, self._haystack
            rows = [h for h in rows if needle in (cached.get(h.id) or build(h))]
        if rows is not self._rows:  # (the same list again, as the first filter asks: kept)
            self._row_of = None  # 50,000 ids are not mapped before the window shows
        self._rows = rows
        self._open_at, self._spacers = None, 0  # only ever called inside a reset
        if not rows:
            self._pad = 0  # an empty list has no rows at all

    def _haystack(self, h: Highlight) -> str:
        """Quote, note, rationale and cited references (title, author, address, excerpt,
        note, comment), folded once (case, accents, Arabic marks: ``folding.fold``) and kept
        until the highlight or a reference changes."""
        text = self._haystacks.get(h.id)
        if text is None:
            parts = [h.quote.exact, h.note, seen(h, self._viewer).rationale, *h.tags]
            references = self._study.references
            for c in h.citations:
                parts.append(c.comment)
                r = references.get(c.reference_id)
                if r is not None:
                    parts += [r.title, r.author, r.url, r.excerpt, r.note]
            text = self._haystacks[h.id] = fold("\n".join(parts))
        return text

    def row_of(self, highlight_id: str) -> int | None:
        """The view row of the highlight's card, or None when it is not listed."""
        row = self._rows_by_id().get(highlight_id)
        if row is not None and self._open_at is not None and row > self._open_at:
            row += self._spacers
        return row

    def _rows_by_id(self) -> dict[str, int]:
        if self._row_of is None:
            self._row_of = {h.id: i for i, h in enumerate(self._rows)}
        return self._row_of

    def _highlight_at(self, view_row: int) -> Highlight | None:
        """The highlight of a view row; None for a spacer (under the open card or in the
        pool at the end)."""
        at = self._open_at
        if at is not None and view_row > at:
            if view_row <= at + self._spacers:
                return None
            view_row -= self._spacers
        return self._rows[view_row] if view_row < len(self._rows) else None

    def is_spacer(self, view_row: int) -> bool:
        """The card's editor covers spacers: the view's ``moveCursor`` skips them (no
        ``flags`` override: that would be one more call into Python per row laid out)."""
        return 0 <= view_row < self.rowCount() and self._highlight_at(view_row) is None

    @property
    def card_count(self) -> int:
        """How many highlights the list shows (its rows, less the open card's spacers)."""
        return len(self._rows)

    @property
    def pad_rows(self) -> int:
        """Spacer rows in all: under the open card, and the pool's rest at the end."""
        return self._pad

    @property
    def open_row(self) -> int | None:
        """The view row of the open card."""
        return self._open_at

    @property
    def spacers(self) -> int:
        return self._spacers

    def open_card(self, highlight_id: str | None, spacers: int) -> int:
        """Open ``highlight_id``'s card with ``spacers`` empty rows after it (closing the
        one open before); returns by how many rows its card moved up (spacers that were
        above it and are now below), so the view can keep it under the pointer and move
        its current index along. The view must repaint: rows changed silently."""
        new = self._rows_by_id().get(highlight_id) if highlight_id else None
        old, k = self._open_at, self._spacers
        if new is None:
            self._open_at, self._spacers = None, 0
            return 0
        if spacers > self._pad:  # the pool is too small: grow it (the view lays out)
            end, grown = len(self._rows) + self._pad, spacers + POOL_SLACK
            more, self._pad = grown - self._pad, grown  # spacers: nothing reads them first
            self.insertRows(end, more)  # told to the view, which lays out
        self._open_at, self._spacers = new, spacers
        return k if old is not None and new > old else 0

    def contains(self, highlight_id: str) -> bool:
        """Whether the highlight exists in this document, shown or filtered out."""
        h = self._study.highlights.get(highlight_id)
        return h is not None and (self.all_documents or h.document_id == self._document_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h = self._highlight_at(index.row())
        if h is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return page_prefix(self._study, h) + excerpt(h.quote.exact)
        if role == ID_ROLE:
            return h.id
        if role == COLOR_ROLE:
            return self._colors.get(h.category_id, _GREY)
        if role == CATEGORY_ROLE:
            return self._names.get(h.category_id, h.category_id)
        if role == ORPHAN_ROLE:
            return h.is_orphan
        if role == HAS_NOTE_ROLE:
            return h.id in self._noted
        if role == VERDICT_ROLE:
            return seen(h, self._viewer).verdict.value  # Qt hands enums back as plain str
        if role == CATEGORY_ID_ROLE:
            return h.category_id
        if role == TAKES_VERDICT_ROLE:
            return self._study.shows_verdict(h)
        if role == CARD_ROLE:
            return card_parts(h, self._study.shows_verdict(h))
        if role == NOTE_HTML_ROLE:
            return self.previews.get(h)
        if role == DOCUMENT_ROLE:
            return self._titles.get(h.document_id, "")
        if role == EVIDENCE_ROLE:
            return len(h.citations), len(self._study.links_of(h.id)) if self._study.links else 0
        if role == TAGS_ROLE:
            return hashtags(h.tags)
        if role == Qt.ItemDataRole.ToolTipRole:
            return h.quote.exact[:1000]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            name = self._names.get(h.category_id, h.category_id)
            state = "orphaned, " if h.is_orphan else ""
            where = f"in {self._titles[h.document_id]}, " if h.document_id in self._titles else ""
            tags = f", tags: {', '.join(h.tags)}" if h.tags else ""
            verdict = seen(h, self._viewer).verdict.label
            return f"{name}, {verdict}, {where}{state}{excerpt(h.quote.exact)}{tags}"
        return None


def _body_flags(text: str) -> int:
    """A right-to-left quote (Persian, Arabic, Hebrew) reads from the right edge."""
    if starts_rtl(text):
        return (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignTop).value | Qt.TextFlag.TextForceRightToLeft.value
    return (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value


def card_parts(h: Highlight, takes_verdict: bool) -> tuple[str, str, str]:
    """What a card shows besides its quote: the sources' stances ("▲1 ▼1"), the review
    status of a checked passage ("reviewed", "ruled"; "" for a draft), and the note's
    first line as plain words (Markdown marks and task boxes dropped)."""
    counts: dict[str, int] = {}
    for c in h.citations:
        counts[c.stance.symbol] = counts.get(c.stance.symbol, 0) + 1
    stances = " ".join(f"{symbol}{n}" for symbol, n in counts.items())
    state = review_status(h) if takes_verdict else ""
    line = next((t.strip() for t in h.note.splitlines() if t.strip()), "")
    line = NOTE_MARKS.sub("", line).replace("**", "").replace("__", "").strip()
    return stances, "" if state == "draft" else state, line


def paint_tag_chips(painter: QPainter, rect: QRect, tags: list[str], color: QColor) -> int:
    """Tags as rounded chips from the right edge of ``rect`` leftwards, as many as fit
    (the rest summed up as "+2"); returns the width used."""
    fm = QFontMetrics(painter.font())
    pad, gap = 5, 4
    widths = [fm.horizontalAdvance(tag) + 2 * pad for tag in tags]
    shown = len(tags)
    more = ""
    while shown and sum(widths[:shown]) + gap * shown + (
            fm.horizontalAdvance(more) + gap if more else 0) > rect.width():
        shown -= 1
        more = f"+{len(tags) - shown}"
    x = rect.right()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if more:
        w = fm.horizontalAdvance(more)
        painter.setPen(color)
        painter.drawText(QRect(x - w, rect.top(), w, rect.height()),
                         Qt.AlignmentFlag.AlignCenter, more)
        x -= w + gap
    fill = QColor(color)
    fill.setAlpha(28)
    for tag, width in reversed(list(zip(tags[:shown], widths[:shown], strict=True))):
        chip = QRectF(x - width, rect.top() + 0.5, width, rect.height() - 1)
        painter.setPen(color)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
        x -= width + gap
    painter.restore()
    return rect.right() - x


NOTE_MARKS = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)+")


class HighlightDelegate(QStyledItemDelegate):
    """A card: a colour stripe, the category, the verdict as a chip, sources with their
    stances, tags, two lines of the quote and the note's first line. Every row has the
    same height (uniform sizes keep a 20k-row list fast: see qt-performance.md)."""

    PAD = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._previews = PreviewPainter()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, self.PAD * 2 + fm.height() * 4 + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.data(ID_ROLE) is None:
            return  # a spacer: the open card's editor lies over it
        painter.save()
        style = option.widget.style() if option.widget else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        color = index.data(COLOR_ROLE)
        painter.fillRect(QRect(option.rect.left() + 2, rect.top(), 5, rect.height()), color)
        rect.setLeft(rect.left() + 8)

        head_font = QFont(option.font)
        head_font.setBold(True)
        head_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        painter.setFont(head_font)
        fm = QFontMetrics(head_font)
        head = index.data(CATEGORY_ROLE)
        document = index.data(DOCUMENT_ROLE)
        if document:
            head = f"{document}  ·  {head}"
        verdict = Verdict(index.data(VERDICT_ROLE))
        takes = bool(index.data(TAKES_VERDICT_ROLE))  # only passages that take one (#17)
        stances, state, note_line = index.data(CARD_ROLE)
        if index.data(ORPHAN_ROLE):
            head += "  ·  ⚠ orphaned: not found in the text"
        sources, links = index.data(EVIDENCE_ROLE)
        if sources:
            head += f"  ·  {plural(sources, 'source')} {stances}"
        if links:
            head += f"  ·  {plural(links, 'link')}"
        if index.data(HAS_NOTE_ROLE):
            head += "  ·  ✎ note"
        head_rect = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        tags = index.data(TAGS_ROLE)
        if tags:  # chips, right-aligned after the head, never more than half the row
            head_width = min(fm.horizontalAdvance(head), rect.width() // 2)
            room = rect.width() - head_width - 16
            tag_color = text_color if selected else palette.color(QPalette.ColorRole.Link)
            used = paint_tag_chips(painter, QRect(rect.right() - room, rect.top() - 1, room,
                                                  fm.height() + 2), tags.split(), tag_color)
            head_rect.setWidth(rect.width() - used - 10)
        if takes:  # the verdict as a chip first, in its colour (the margin's chip)
            chip_text = f"{verdict.symbol} {verdict.short_label}" + (f" · {state}" if state else "")
            chip = paint_chip(painter, QRectF(head_rect.left(), head_rect.top() - 1,
                                              fm.horizontalAdvance(chip_text) + 12,
                                              fm.height() + 2),
                              chip_text, verdict.value, palette.color(QPalette.ColorRole.Base),
                              palette.color(QPalette.ColorRole.Text), align_right=False)
            head_rect.setLeft(int(chip.right()) + 6)
        painter.setPen(text_color)
        painter.drawText(head_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(head, Qt.TextElideMode.ElideRight, head_rect.width()))

        painter.setFont(option.font)
        body_fm = QFontMetrics(option.font)
        body = QRect(rect.left(), head_rect.bottom() + 4, rect.width(), body_fm.height() * 2)
        text = self._two_lines(body_fm, index.data(Qt.ItemDataRole.DisplayRole), rect.width())
        painter.drawText(body, _body_flags(text), text)
        if note_line:  # the note's opening rendered, muted: what the reader wrote
            note_rect = QRect(rect.left(), body.bottom() + 2, rect.width(), body_fm.height())
            muted = text_color if selected else palette.color(QPalette.ColorRole.PlaceholderText)
            self._previews.paint(painter, note_rect, index.data(NOTE_HTML_ROLE), muted)
        painter.restore()

    @staticmethod
    def _two_lines(fm: QFontMetrics, text: str, width: int) -> str:
        """Break the excerpt into at most two lines, eliding the second."""
        words, first = text.split(" "), ""
        for i, word in enumerate(words):
            trial = f"{first} {word}".strip()
            if fm.horizontalAdvance(trial) > width and first:
                rest = " ".join(words[i:])
                return first + "\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)
            first = trial
        return fm.elidedText(first, Qt.TextElideMode.ElideRight, width)
