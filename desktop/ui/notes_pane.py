"""The notes pane beside the reader: highlights list, the selected highlight's note,
and the study-level note."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.model import Highlight, Study
from desktop.ui.highlight_list import ID_ROLE, HighlightDelegate, HighlightListModel
from desktop.ui.note_editor import MarkdownEditor

EMPTY_HINT = (
    "<p><b>No highlights yet.</b></p>"
    "<p>Select a passage in the text, then press <b>Ctrl+1</b>…<b>Ctrl+5</b> "
    "or right-click and choose a category.</p>"
)


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class HighlightDetail(QWidget):
    """Category, delete and note for the highlight selected in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = QComboBox(self)
        self.category.setAccessibleName("Highlight category")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete highlight")
        self.delete_button.setToolTip("Delete this highlight (Delete)")
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setObjectName("detailQuote")
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = MarkdownEditor("Write a note on this highlight (Markdown)…", "Highlight note",
                                   self)
        row = QHBoxLayout()
        label = QLabel("Category", self)
        label.setBuddy(self.category)
        row.addWidget(label)
        row.addWidget(self.category, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.quote)
        layout.addWidget(self.note, 1)


class NotesPane(QWidget):
    highlightActivated = Signal(str)  # the user picked a highlight in the list
    categoryChosen = Signal(str, str)  # highlight id, category id
    deleteRequested = Signal(str)
    noteEdited = Signal(str, str)  # highlight id, text
    studyNoteEdited = Signal(str)
    linkActivated = Signal(QUrl)

    def __init__(self, study: Study, document_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPane")
        self.setAccessibleName("Notes pane")
        self._study = study
        self._document_id = document_id
        self._quiet = False

        self.model = HighlightListModel(study, document_id, self)
        self.list = QListView(self)
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName("Highlights")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.empty = QLabel(EMPTY_HINT, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setObjectName("emptyHint")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.list)
        self.summary = QLabel(self)
        self.summary.setObjectName("paneSummary")
        self.detail = HighlightDetail(self)

        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(split)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.stack, 1)
        split.addWidget(top)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        highlights_tab = QWidget(self)
        h_layout = QVBoxLayout(highlights_tab)
        h_layout.setContentsMargins(8, 8, 8, 8)
        h_layout.addWidget(split)

        self.study_note = MarkdownEditor(
            "Notes on the whole study: your question, your conclusions, what to check next…",
            "Study note",
            self,
        )
        study_tab = QWidget(self)
        s_layout = QVBoxLayout(study_tab)
        s_layout.setContentsMargins(8, 8, 8, 8)
        s_layout.addWidget(self.study_note)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(highlights_tab, "Highlights")
        self.tabs.addTab(study_tab, "Study note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.clicked.connect(self._on_clicked)
        self.detail.category.activated.connect(self._on_category_activated)
        self.detail.delete_button.clicked.connect(self._on_delete)
        self.detail.note.edited.connect(self._on_note_edited)
        self.detail.note.linkActivated.connect(self.linkActivated)
        self.study_note.edited.connect(self.studyNoteEdited)
        self.study_note.linkActivated.connect(self.linkActivated)
        self._fill_categories()
        self._refresh_all()

    # --- model updates -------------------------------------------------------
    def set_study(self, study: Study, document_id: str) -> None:
        self._study, self._document_id = study, document_id
        self.model.set_study(study, document_id)
        self._fill_categories()
        self._refresh_all()

    def apply_changes(self, changes: ChangeSet) -> None:
        current = self.current_id()
        self.model.apply_changes(changes)
        if changes.highlight_set_changed or changes.documents_changed:
            self._restore_current(current)
        if changes.study_changed:
            self.study_note.set_text(self._study.note)
        self._refresh_summary()
        self._show_detail(self.current_id())

    def _refresh_all(self) -> None:
        self.study_note.set_text(self._study.note)
        self._refresh_summary()
        self._show_detail(self.current_id())

    def _fill_categories(self) -> None:
        combo = self.detail.category
        combo.clear()
        for category in self._study.categories:
            combo.addItem(color_icon(category.color), category.name, category.id)

    def _refresh_summary(self) -> None:
        count = self.model.rowCount()
        orphans = sum(1 for h in self._study.orphans() if h.document_id == self._document_id)
        text = f"{count} highlight{'s' if count != 1 else ''}"
        if orphans:
            text += f" · {orphans} orphaned"
        self.summary.setText(text)
        self.stack.setCurrentWidget(self.list if count else self.empty)

    def _restore_current(self, highlight_id: str | None) -> None:
        row = self.model.row_of(highlight_id) if highlight_id else None
        if row is not None:
            self._quiet = True
            try:
                self.list.setCurrentIndex(self.model.index(row))
            finally:
                self._quiet = False

    # --- selection -----------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_highlight(self) -> Highlight | None:
        hid = self.current_id()
        return self._study.highlights.get(hid) if hid else None

    def select_highlight(self, highlight_id: str) -> None:
        """Select without asking the reader to scroll (the caller already shows it)."""
        row = self.model.row_of(highlight_id)
        if row is None:
            return
        self.tabs.setCurrentIndex(0)
        self._quiet = True
        try:
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.scrollTo(index)
        finally:
            self._quiet = False

    def focus_note(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.detail.note.show_write()
        self.detail.note.editor.setFocus()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hid = current.data(ID_ROLE) if current.isValid() else None
        self._show_detail(hid)
        if hid and not self._quiet:
            self.highlightActivated.emit(hid)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.highlightActivated.emit(index.data(ID_ROLE))

    def _show_detail(self, highlight_id: str | None) -> None:
        h = self._study.highlights.get(highlight_id) if highlight_id else None
        self.detail.setEnabled(h is not None)
        if h is None:
            self.detail.quote.setText("Select a highlight to write a note on it.")
            self.detail.note.set_text("")
            return
        combo = self.detail.category
        combo.setCurrentIndex(max(0, combo.findData(h.category_id)))
        quote = " ".join(h.quote.exact.split())
        if len(quote) > 300:
            quote = quote[:299] + "…"
        prefix = "⚠ Orphaned — not found in the text: " if h.is_orphan else ""
        self.detail.quote.setText(f"{prefix}“{quote}”")
        self.detail.note.set_text(h.note)

    # --- user edits ----------------------------------------------------------
    def _on_category_activated(self, index: int) -> None:
        hid = self.current_id()
        if hid:
            self.categoryChosen.emit(hid, self.detail.category.itemData(index))

    def _on_delete(self) -> None:
        hid = self.current_id()
        if hid:
            self.deleteRequested.emit(hid)

    def _on_note_edited(self, text: str) -> None:
        hid = self.current_id()
        if hid:
            self.noteEdited.emit(hid, text)
