"""Search Study: one query over every highlight and reference, with filters.

The matching lives in ``domain.search``; this is its view. Typing is debounced, the
results model paints only the rows on screen (snippets are cut on demand), so a
study with 10,000 highlights answers as fast as the words are typed.
"""

from __future__ import annotations

import html
import time

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.blind import seen
from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import excerpt
from desktop.domain.model import Study
from desktop.domain.plural import plural
from desktop.domain.search import SearchFilters, SearchHit, SearchIndex, Snippet, snippet
from desktop.domain.tags import tag_counts
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.label_styles import style_summary
from desktop.ui.core.session import StudySession
from desktop.ui.core.swatches import color_icon
from desktop.ui.core.viewer import current_viewer
from desktop.ui.notes.highlight_detail import verdict_text
from desktop.ui.notes.tag_filter import TagFilter

DEBOUNCE_MS = 150
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
HEAD_ROLE = Qt.ItemDataRole.UserRole + 3
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 4  # HTML with the matches in <b>
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 5  # the passage, when the match is elsewhere
_Index = QModelIndex | QPersistentModelIndex


def snippet_html(cut: Snippet) -> str:
    """The snippet as HTML: matched stretches bold, everything else escaped."""
    parts, last = [], 0
    for a, b in cut.spans:
        parts += [html.escape(cut.text[last:a]), f"<b>{html.escape(cut.text[a:b])}</b>"]
        last = b
    parts.append(html.escape(cut.text[last:]))
    return ("…" if cut.clipped_start else "") + "".join(parts) + ("…" if cut.clipped_end else "")


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._study: Study | None = None
        self._hits: list[SearchHit] = []
        self._terms: list[str] = []
        self._snippets: dict[int, str] = {}

    def set_results(self, study: Study, terms: list[str], hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._study, self._terms, self._hits, self._snippets = study, terms, hits, {}
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._study is None:
            return None
        hit = self._hits[index.row()]
        if role == KIND_ROLE:
            return hit.kind
        if role == ID_ROLE:
            return hit.id
        if role == HEAD_ROLE:
            return self._head(hit)
        if role == SNIPPET_ROLE:
            text = self._snippets.get(index.row())
            if text is None:
                text = self._snippets[index.row()] = snippet_html(snippet(hit.text, self._terms))
            return text
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self._head(hit)}: {' '.join(hit.text.split())[:200]}"
        if role == QUOTE_ROLE:
            h = self._study.highlights.get(hit.id) if hit.kind == "highlight" else None
            return "" if h is None or hit.field == "Quote" else f"“{excerpt(h.quote.exact)}”"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text[:1000]
        return None

    def _head(self, hit: SearchHit) -> str:
        study = self._study
        assert study is not None
        if hit.kind == "reference":
            reference = study.references.get(hit.id)
            title = reference.display_title if reference else ""
            where = _where(hit.field)
            return f"Reference · {where}" + (f" — {title}" if hit.field != "Title" else "")
        h = study.highlights.get(hit.id)
        if h is None:
            return f"Highlight · {_where(hit.field)}"
        category = study.category(h.category_id)
        parts = [f"{category.name if category else h.category_id} · {_where(hit.field)}"]
        verdict = seen(h, current_viewer()).verdict
        if verdict.is_checked:
            parts.append(f"{verdict.symbol} {verdict.short_label}")
        if len(study.documents) > 1:
            document = study.documents.get(h.document_id)
            parts.append(document.title if document else "")
        return "  ·  ".join(p for p in parts if p)


def _where(field: str) -> str:
    """"in passage", "in note", "in tags"…: where the words were found."""
    return "in passage" if field == "Quote" else f"in {field.lower()}"


class SearchResultDelegate(QStyledItemDelegate):
    """A small bold head ("Claim · Note · ✗ Disputed"), then two lines of snippet, or
    one of snippet and one of the passage when the match is in its note, tags…"""

    PAD = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, self.PAD * 2 + fm.height() * 3 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = option.palette.color(role)
        rect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)
        head_font = QFont(option.font)
        head_font.setBold(True)
        head_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        fm = QFontMetrics(head_font)
        painter.setFont(head_font)
        painter.setPen(color if selected else option.palette.color(QPalette.ColorRole.Link))
        head = fm.elidedText(index.data(HEAD_ROLE) or "", Qt.TextElideMode.ElideRight,
                             rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, head)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(f"body {{ color: {color.name()}; }}")
        doc.setHtml(f"<body>{index.data(SNIPPET_ROLE) or ''}</body>")
        doc.setTextWidth(rect.width())
        top = rect.top() + fm.height() + 3
        quote = index.data(QUOTE_ROLE)
        body_fm = QFontMetrics(option.font)
        bottom = rect.bottom() - body_fm.height() if quote else rect.bottom()
        if quote:
            painter.setFont(option.font)
            painter.setPen(color if selected else option.palette.color(
                QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(rect.left(), bottom, rect.width(), body_fm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             body_fm.elidedText(quote, Qt.TextElideMode.ElideRight,
                                                rect.width()))
        painter.translate(rect.left(), top)
        doc.drawContents(painter, QRect(0, 0, rect.width(), bottom - top))
        painter.restore()


class SearchPanel(QWidget):
    highlightActivated = Signal(str)
    referenceActivated = Signal(str)

    def __init__(self, study: Study, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.setAccessibleName("Search study")
        self.study = study
        self.index = SearchIndex(study)
        self.last_ms = 0.0  # how long the last search took: shown in the summary's tooltip
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search quotes, notes, tags, sources…")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search the study")
        self.category = QComboBox(self)
        self.category.setAccessibleName("Search: category")
        self.verdict = QComboBox(self)
        self.verdict.setAccessibleName("Search: verdict")
        self.verdict.addItem("All verdicts", None)
        for v in Verdict:
            self.verdict.addItem(verdict_text(v), v.value)
        self.tag = TagFilter(self)
        self.tag.setAccessibleName("Search: tag")
        self.document = QComboBox(self)
        self.document.setAccessibleName("Search: document")
        for combo in (self.category, self.verdict, self.document):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.summary = QLabel("Type to search the whole study.", self)
        style_summary(self.summary)
        self.summary.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setLayoutMode(QListView.LayoutMode.Batched)
        self.results.setBatchSize(2000)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setAlternatingRowColors(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.category, 0, 0)
        grid.addWidget(self.verdict, 0, 1)
        grid.addWidget(self.tag, 1, 0)
        grid.addWidget(self.document, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.query)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._enter)
        self.query.installEventFilter(self)
        for combo in (self.category, self.verdict, self.tag, self.document):
            combo.activated.connect(lambda _i: self.run())
        self.results.activated.connect(self._activate)
        self.results.clicked.connect(self._activate)
        self.set_study(study)
        QTimer.singleShot(0, self.index.warm)  # while the reader looks at the new panel

    # --- study ------------------------------------------------------------------
    def follow(self, current: CurrentSession) -> None:
        """Search the current session's study from now on, following its edits."""
        current.follow(replaced=self._on_replaced, changed=self.apply_changes)

    def _on_replaced(self, session: StudySession) -> None:
        self.set_study(session.study)

    def set_study(self, study: Study) -> None:
        self.study = study
        self.index.set_study(study)
        self._fill_filters()
        self.run()

    def apply_changes(self, changes: ChangeSet) -> None:
        self.index.apply_changes(changes)
        if changes.documents_changed:
            self._fill_filters()
        elif changes.text_only:
            pass  # typing a note: no filter changes
        elif not changes.highlight_fields or "tags" in changes.highlight_fields:
            self.tag.set_counts(tag_counts(self.study))
        if changes and self.query.text().strip() and self.isVisible():
            self.timer.start()  # the results may have changed: look again, after a pause

    def _fill_filters(self) -> None:
        chosen = self.category.currentData()
        self.category.clear()
        self.category.addItem("All categories", None)
        for c in self.study.categories:
            self.category.addItem(color_icon(c.color), c.name, c.id)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        chosen = self.document.currentData()
        self.document.clear()
        self.document.addItem("All documents", None)
        for d in self.study.documents.values():
            self.document.addItem(d.title or "Untitled document", d.id)
        self.document.setCurrentIndex(max(0, self.document.findData(chosen)))
        self.document.setEnabled(len(self.study.documents) > 1)
        self.tag.set_counts(tag_counts(self.study))

    # --- searching --------------------------------------------------------------
    def filters(self) -> SearchFilters:
        verdict = self.verdict.currentData()
        return SearchFilters(
            category_id=self.category.currentData(),
            verdict=Verdict(verdict) if verdict else None,
            tag=self.tag.current_tag(),
            document_id=self.document.currentData(),
        )

    def run(self) -> None:
        self.timer.stop()
        started = time.perf_counter()
        filters = self.filters()
        self.index.set_viewer(current_viewer())
        found = self.index.search(self.query.text(), filters)
        self.last_ms = (time.perf_counter() - started) * 1000
        self.model.set_results(self.study, found.terms, found.hits)
        n = len(found.hits)
        if not found.terms and not filters.highlights_only:
            self.summary.setText("Type to search the whole study: quotes, notes, verdict "
                                 "rationales, comments, tags and references.")
        elif n == 0:
            self.summary.setText("Nothing matches. Words may be in any order; every word "
                                 "must appear in the same highlight or reference.")
        else:
            highlights = sum(1 for hit in found.hits if hit.kind == "highlight")
            refs = n - highlights
            parts = [f"{plural(highlights, 'highlight')}"]
            if refs:
                parts.append(f"{plural(refs, 'reference')}")
            verb = "match" if found.terms else "with these filters"
            self.summary.setText(" and ".join(parts) + f" {verb}. Enter opens the first.")
        self.summary.setToolTip(f"Searched in {self.last_ms:.0f} ms")

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the query moves into the results, so the keyboard alone can pick one."""
        if (watched is self.query and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.run()  # what is typed, not what the debounce has not searched yet
            self.results.setFocus()
            if self.model.rowCount():
                self.results.setCurrentIndex(self.model.index(0))
            return True
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        """Enter in the query: search now and open the first result."""
        self.run()
        if self.model.rowCount():
            index = self.model.index(0)
            self.results.setCurrentIndex(index)
            self._activate(index)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        if hit.kind == "reference":
            self.referenceActivated.emit(hit.id)
        else:
            self.highlightActivated.emit(hit.id)
