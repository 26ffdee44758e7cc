"""The notes pane beside the reader: the highlights as cards with their filters (the
selected card open for editing in place), the reference library, the source notes, the
study note."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import study_note_byline
from desktop.domain.model import Highlight, Study
from desktop.domain.plural import plural
from desktop.domain.tags import TagCounter
from desktop.domain.tally import Tally
from desktop.domain.verdicts import STATUSES
from desktop.ui.core.chunked import Chunks, is_large
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.flow_layout import FlowLayout
from desktop.ui.core.key_names import category_keys_text
from desktop.ui.core.label_styles import style_hint, style_summary
from desktop.ui.core.session import StudySession
from desktop.ui.core.swatches import color_icon
from desktop.ui.core.viewer import current_viewer
from desktop.ui.notes.card_editor import CardEditor
from desktop.ui.notes.card_list import CardListView
from desktop.ui.notes.highlight_detail import verdict_text
from desktop.ui.notes.highlight_list import ID_ROLE, HighlightDelegate, HighlightListModel
from desktop.ui.notes.list_scope import ListScope
from desktop.ui.notes.note_editor import MarkdownEditor
from desktop.ui.notes.references_panel import ReferencesPanel
from desktop.ui.notes.source_panel import SourcePanel
from desktop.ui.notes.tag_filter import TagFilter


def empty_hint(categories: int) -> str:
    """What to do when there is nothing to list, naming this study's category keys."""
    keys = category_keys_text(categories).replace("…", "</b>…<b>")
    return ("<p><b>No highlights yet.</b></p>"
            f"<p>Select a passage in the text, then press <b>{keys}</b> "
            "or right-click and choose a category.</p>")


FILTERED_HINT = ("<p>No highlight matches these filters.</p>"
                 "<p>Clear the filter box or choose <b>All categories</b>, "
                 "<b>All verdicts</b> and <b>All tags</b>.</p>")
PICK_HINT = ("Select a card to open it: click it, use ↑/↓ here, "
             "or click a highlight in the text.")
OPEN_HINT = "Enter: write the note · Tab: its fields · Esc: back to the list"

COUNTS_JOB = "notes counts"  # this pane's jobs in the window's continuation
TAGS_JOB = "notes tags"
COUNT_SLICE = 5_000  # highlights counted per step
__all__ = ["NotesPane", "color_icon"]


class NotesPane(QWidget):
    highlightActivated = Signal(str)  # the user picked a highlight in the list
    categoryChosen = Signal(str, str)  # highlight id, category id
    deleteRequested = Signal(str)
    noteEdited = Signal(str, str)  # highlight id, text
    studyNoteEdited = Signal(str)
    linkActivated = Signal(QUrl)
    verdictEdited = Signal(str, object, str)  # highlight id, Verdict, rationale
    attachRequested = Signal(str)  # highlight id
    citationEditRequested = Signal(str, str)  # highlight id, citation id
    citationDetachRequested = Signal(str, str)
    citationOpenRequested = Signal(str, str)
    linkRequested = Signal(str)  # highlight id
    linkRemoveRequested = Signal(str)  # link id
    tagsEdited = Signal(str, list)  # highlight id, tags
    readerRequested = Signal()  # Esc in the list: back to the text

    def __init__(self, study: Study, document_id: str, parent: QWidget | None = None,
                 later: Chunks | None = None) -> None:
        """``later``: the window's continuation, where a large study's counts are made
        after the window shows (``chunked``); without it they are made at once."""
        super().__init__(parent)
        self._later = later
        self.setObjectName("notesPane")
        self.setAccessibleName("Notes pane")
        self._study = study
        self._document_id = document_id
        self._quiet = False
        self._pressed_open: str | None = None  # a press opened this card (see _on_clicked)
        self._counts: tuple[str, int] | None = None  # see _refresh_summary
        # Shows the study it was built from, unchanged: its first ``set_study`` (the
        # window showing that same session) has nothing to redo — at 50,000 highlights
        # rebuilding the list and its counts again was a tenth of opening.
        self._as_built = True

        self.model = HighlightListModel(study, document_id, self)
        self.card = CardEditor(self)
        self.list = CardListView(self.card, self)
        self.list.setObjectName("highlightList")
        self.list.setAccessibleName("Highlights")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HighlightDelegate(self.list))
        self.model.previews.changed.connect(self.list.viewport().update)
        self.list.setUniformItemSizes(True)
        # Lay rows out in batches from the event loop: a 20k list never stalls the window.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(2000)
        if later is not None and is_large(len(study.highlights)):
            self.list.lay_out_at_once()  # the first rows show with the window
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.empty = QLabel(empty_hint(len(study.categories)), self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        style_hint(self.empty)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.list)
        self.summary = QLabel(self)
        style_summary(self.summary)
        self.summary.setWordWrap(True)
        self.category_filter = QComboBox(self)
        self.category_filter.setAccessibleName("Filter by category")
        self.verdict_filter = QComboBox(self)
        self.verdict_filter.setAccessibleName("Filter by verdict")
        self.verdict_filter.addItem("All verdicts", None)
        for verdict in Verdict:
            self.verdict_filter.addItem(verdict_text(verdict), verdict.value)
        self.verdict_filter.insertSeparator(self.verdict_filter.count())
        for state in STATUSES:  # review status of claims: draft → reviewed → ruled
            self.verdict_filter.addItem(f"Claims {state}", f"status:{state}")
        self.tag_filter = TagFilter(self)
        for combo in (self.category_filter, self.verdict_filter):
            # Sized by a short text, not the longest entry ("Opinion — not checkable"):
            # three filters side by side must not push the reader narrower.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter highlights, notes and sources…")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setAccessibleName("Filter highlights by text")
        filters = FlowLayout(spacing=6)  # wraps in a narrow pane (F9 at 800×600)
        filters.add_widget(self.category_filter, 1)
        filters.add_widget(self.verdict_filter, 1)
        self.scope = ListScope(self)
        filters.add_widget(self.tag_filter, 1)
        self.hint = QLabel(PICK_HINT, self)  # what to do next; two lines kept: no jump
        self.hint.setObjectName("cardHint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # muted
        self.hint.setFixedHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)

        highlights_tab = QWidget(self)
        h_layout = QVBoxLayout(highlights_tab)
        h_layout.setContentsMargins(8, 8, 8, 8)
        h_layout.addWidget(self.summary)
        h_layout.addWidget(self.text_filter)
        h_layout.addLayout(filters)
        h_layout.addWidget(self.scope)
        h_layout.addWidget(self.hint)
        h_layout.addWidget(self.stack, 1)

        self.references = ReferencesPanel(self)
        self.source = SourcePanel(self)
        self.study_note = MarkdownEditor(
            "Notes on the whole study: your question, your conclusions, what to check next…",
            "Study note",
            self,
        )
        study_tab = QWidget(self)
        s_layout = QVBoxLayout(study_tab)
        s_layout.setContentsMargins(8, 8, 8, 8)
        s_layout.addWidget(self.study_note)
        self.study_note_byline = QLabel(self)  # who wrote the study note and who edited it
        self.study_note_byline.setObjectName("studyNoteByline")
        self.study_note_byline.setAccessibleName("Study note written by")
        style_hint(self.study_note_byline)
        s_layout.addWidget(self.study_note_byline)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(highlights_tab, "Highlights")
        self.tabs.addTab(self.references, "References")
        self.tabs.addTab(self.source, "Source")
        self.tabs.addTab(study_tab, "Study note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._connect()
        self._fill_categories()
        self._refresh_all()

    @property
    def detail(self) -> CardEditor:
        """The open card (its old name, from when it sat under the list)."""
        return self.card

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Cards by keyboard: ↑/↓ move between cards, Enter opens the card's note, Esc
        in the list goes back to the text (Esc in the card comes back to the list)."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_id() is not None:
                self.focus_note()
                return True
            if key == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.readerRequested.emit()
                return True
        return super().eventFilter(watched, event)

    def _connect(self) -> None:
        d = self.card
        self.list.installEventFilter(self)
        d.escaped.connect(self._leave_card)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.clicked.connect(self._on_clicked)
        self.category_filter.activated.connect(self._apply_filters)
        self.verdict_filter.activated.connect(self._apply_filters)
        self.tag_filter.activated.connect(self._apply_filters)
        self.text_filter.textChanged.connect(self._apply_filters)
        self.scope.changed.connect(self._set_scope)
        d.category.activated.connect(self._on_category_activated)
        d.delete_button.clicked.connect(lambda: self._with_current(self.deleteRequested.emit))
        d.note.edited.connect(lambda text: self._with_current(self.noteEdited.emit, text))
        d.note.linkActivated.connect(self.linkActivated)
        d.tag_field.committed.connect(lambda tags: self._with_current(self.tagsEdited.emit, tags))
        d.verdict.edited.connect(
            lambda verdict, why: self._with_current(self.verdictEdited.emit, verdict, why)
        )
        d.evidence.attachRequested.connect(lambda: self._with_current(self.attachRequested.emit))
        d.evidence.editRequested.connect(
            lambda cid: self._with_current(self.citationEditRequested.emit, cid)
        )
        d.evidence.detachRequested.connect(
            lambda cid: self._with_current(self.citationDetachRequested.emit, cid)
        )
        d.evidence.openRequested.connect(
            lambda cid: self._with_current(self.citationOpenRequested.emit, cid)
        )
        d.links.linkRequested.connect(lambda: self._with_current(self.linkRequested.emit))
        d.links.goRequested.connect(self._go_to)
        d.links.removeRequested.connect(self.linkRemoveRequested)
        self.study_note.edited.connect(self.studyNoteEdited)
        self.study_note.linkActivated.connect(self.linkActivated)
        self.source.notes.linkActivated.connect(self.linkActivated)

    def _with_current(self, emit, *args) -> None:
        hid = self.current_id()
        if hid:
            emit(hid, *args)

    # --- model updates -------------------------------------------------------
    def follow(self, current: CurrentSession) -> None:
        """Show the current session's document from now on, following its edits."""
        current.follow(shown=self._on_shown, changed=self.apply_changes)

    def _on_shown(self, session: StudySession) -> None:
        self.set_study(session.study, session.document.id)

    def set_study(self, study: Study, document_id: str) -> None:
        """Show ``study`` at ``document_id``; another document of the same study keeps
        the filters (a click in "All documents" or a link may switch documents)."""
        same = study is self._study
        if self._as_built and same and document_id == self._document_id:
            self._as_built = False
            return  # the window builds the pane from this session, then shows it
        self._as_built = False
        self._study, self._document_id = study, document_id
        self.model.set_study(study, document_id)
        if not same:
            self._fill_categories()
        self._refresh_all()

    def apply_changes(self, changes: ChangeSet) -> None:
        self._as_built = False
        current = self.current_id()
        self.model.apply_changes(changes)
        typing = changes.text_only
        if changes.highlight_set_changed or changes.documents_changed or (
            changes.highlights_changed and not typing
        ):
            self._restore_current(current)
        if current is None and len(changes.highlights_added) == 1:
            self._restore_current(next(iter(changes.highlights_added)))  # e.g. undone delete
        if changes.study_changed:
            self.study_note.set_text(self._study.note)
            self.study_note_byline.setText(study_note_byline(self._study))
        if changes.references_changed:
            self.references.show_study(self._study)
        if changes.source_changed or changes.documents_changed:
            self.source.show_document(self._study.documents[self._document_id])
        if not typing:  # a note's text changes no count or tag
            if not changes.highlight_fields or "tags" in changes.highlight_fields:
                self._refresh_tags()
            self._refresh_summary()
        self._show_detail(self.current_id())

    def _leave_card(self) -> None:
        self.list.setFocus()
        self.list.reveal_card()

    def _refresh_all(self) -> None:
        self.study_note.set_text(self._study.note)
        self.study_note_byline.setText(study_note_byline(self._study))
        self.references.show_study(self._study)
        self.source.show_document(self._study.documents[self._document_id])
        self._refresh_tags()
        self._refresh_summary()
        self._show_detail(self.current_id())

    def _fill_categories(self) -> None:
        self.card.set_categories(self._study.categories)
        combo = self.category_filter
        combo.clear()
        combo.addItem("All categories", None)
        for category in self._study.categories:
            combo.addItem(color_icon(category.color), category.name, category.id)
        self.tag_filter.choose(None)
        self.model.set_filter(None, None)

    def _refresh_tags(self) -> None:
        """The tag filter's entries and the tag field's completions (a large study's
        after the window shows: ``chunked``)."""
        if self._later is None or not is_large(len(self._study.highlights)):
            for _ in self._tagging():
                pass
        else:
            self._later.run(TAGS_JOB, self._tagging())

    def _tagging(self) -> Iterator[None]:
        """The study's tags (the tag field's completions) and the document's (the
        filter's entries, with counts), counted in one pass of ``COUNT_SLICE`` steps."""
        highlights = list(self._study.highlights.values())  # an edit restarts the job
        yield  # nothing at once: the filter's entries are not on screen
        every, mine, document_id = TagCounter(), TagCounter(), self._document_id
        for at in range(0, len(highlights), COUNT_SLICE):
            part = [h for h in highlights[at:at + COUNT_SLICE] if h.tags]
            every.add(part)
            mine.add(h for h in part if h.document_id == document_id)
            yield
        self.card.tags.set_known_tags([tag for tag, _ in every.counts()])
        if self.tag_filter.set_counts(mine.counts()):
            self._apply_filters()  # the chosen tag is gone: show everything again

    def _apply_filters(self) -> None:
        current = self.current_id()
        verdict = self.verdict_filter.currentData()
        state = verdict[len("status:"):] if verdict and verdict.startswith("status:") else None
        self.model.set_filter(self.category_filter.currentData(),
                              Verdict(verdict) if verdict and not state else None,
                              self.text_filter.text(), self.tag_filter.current_tag(), state)
        self._restore_current(current)
        self._refresh_summary(recount=False)
        self._show_detail(self.current_id())

    def _set_scope(self, all_documents: bool, orphans_only: bool) -> None:
        current = self.current_id()
        self.model.set_scope(all_documents, orphans_only)
        self._restore_current(current)
        self._refresh_summary()
        self._show_detail(self.current_id())

    def show_orphans(self) -> None:
        """List only the orphans (after an update), on the Highlights tab."""
        self.tabs.setCurrentIndex(0)
        self.scope.orphans.setChecked(True)

    def _refresh_summary(self, recount: bool = True) -> None:
        """The counts above the list. The counts do not depend on the filters, so a
        filter change (``recount=False``) reuses them: at 10k highlights, counting again
        was a third of the time a typed filter word took. A large study is counted in
        slices after the window shows (``chunked``); until then the list's own size
        stands in for the count."""
        if recount or self._counts is None:
            later = self._later
            if later is None or not is_large(len(self._study.highlights)):
                for _ in self._counting():
                    pass
            else:
                if self._counts is None:
                    self._counts = (plural(self.model.total, "highlight"), self.model.total)
                later.run(COUNTS_JOB, self._counting())
        self._show_summary()

    def _show_summary(self) -> None:
        assert self._counts is not None
        text, count = self._counts
        shown = self.model.card_count
        if shown != count:
            text += f"\nShowing {shown:,} of {count:,}"
        self.summary.setText(text)
        self.empty.setText(FILTERED_HINT if count else empty_hint(len(self._study.categories)))
        self.stack.setCurrentWidget(self.list if shown else self.empty)

    def _counting(self) -> Iterator[None]:
        """The summary text for the highlights in scope and how many there are, into
        ``_counts``, in steps of ``COUNT_SLICE`` highlights (a few milliseconds each);
        shown when done."""
        every, document_id = self.model.all_documents, self._document_id
        tally = Tally(self._study.checkable_ids(), current_viewer())  # blind: as seen
        highlights = list(self._study.highlights.values())  # an edit restarts the job
        yield
        for at in range(0, len(highlights), COUNT_SLICE):
            part = highlights[at:at + COUNT_SLICE]
            tally.add(part if every else [h for h in part if h.document_id == document_id])
            yield
        text = f"{plural(tally.count, 'highlight')}"
        if tally.claims:
            text += f" · {tally.checked:,} of {plural(tally.claims, 'claim')} checked"
        if tally.orphans:
            text += f" · {tally.orphans} orphaned"
        verdicts = tally.verdicts
        if verdicts:
            text += "\n" + "   ".join(
                f"{v.symbol} {v.short_label} {verdicts[v]:,}" for v in Verdict if verdicts[v]
            )
        self.scope.update_for(len(self._study.documents), tally.orphans)
        self._counts = text, tally.count
        self._show_summary()

    def _view_index(self, highlight_id: str | None) -> QModelIndex:
        row = self.model.row_of(highlight_id) if highlight_id else None
        return QModelIndex() if row is None else self.model.index(row)

    def _restore_current(self, highlight_id: str | None) -> None:
        index = self._view_index(highlight_id)
        if index.isValid():
            self._quiet = True
            try:
                self.list.setCurrentIndex(index)
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
        index = self._view_index(highlight_id)
        if not index.isValid() and self.model.contains(highlight_id):
            self.category_filter.setCurrentIndex(0)  # a hidden row: clear the filters
            self.verdict_filter.setCurrentIndex(0)
            self.tag_filter.choose(None)
            self.text_filter.blockSignals(True)
            self.text_filter.clear()
            self.text_filter.blockSignals(False)
            self.scope.clear_orphans_only()
            self._apply_filters()
            index = self._view_index(highlight_id)
        if not index.isValid():
            return
        self.tabs.setCurrentIndex(0)
        self._quiet = True
        try:
            self.list.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list.reveal_card()
        finally:
            self._quiet = False

    def show_source(self) -> None:
        """The Source tab, ready to type who published the document."""
        self.tabs.setCurrentWidget(self.source)
        self.source.publisher.setFocus()

    def show_references(self) -> None:
        self.tabs.setCurrentWidget(self.references)

    def show_reference(self, reference_id: str) -> None:
        """The References tab with ``reference_id`` selected (the filter cleared)."""
        refs = self.references
        self.tabs.setCurrentWidget(refs)
        refs.find_edit.clear()
        items = refs.items.list
        for row in range(items.count()):
            item = items.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == reference_id:
                items.setCurrentItem(item)
                items.scrollToItem(item)
                return

    def _open_for_typing(self) -> bool:
        """The Highlights tab with the current card open and in view."""
        self.tabs.setCurrentIndex(0)
        if self.current_id() is None:
            return False
        self._show_detail(self.current_id())
        self.list.reveal_card()
        return True

    def focus_tags(self) -> None:
        if self._open_for_typing():
            self.card.tags.setFocus()
            self.card.tags.end(False)

    def focus_rationale(self) -> None:
        """After a verdict, the rationale is what the user types next."""
        if not self._open_for_typing():
            return
        rationale = self.card.verdict.rationale
        if rationale.isEnabled():
            rationale.setFocus()
            rationale.end(False)

    def focus_note(self) -> None:
        if self._open_for_typing():
            self.card.note.show_write()
            self.card.note.editor.setFocus()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.list.moving:
            return  # the open card's rows were re-mapped: the same highlight
        hid = current.data(ID_ROLE) if current.isValid() else None
        clicking = QApplication.mouseButtons() != Qt.MouseButton.NoButton
        self._show_detail(hid, keep_under_pointer=clicking)
        if hid:
            # A click that opens a card reveals it here; ``clicked`` may not follow (the
            # rows under the pointer were re-mapped), and must not reveal it twice.
            self._pressed_open = hid if clicking else None
            if not clicking:
                self.list.reveal_card()
            if not self._quiet:
                self.highlightActivated.emit(hid)

    def _on_clicked(self, index: QModelIndex) -> None:
        hid = index.data(ID_ROLE) if index.isValid() else None
        if hid and hid == self._pressed_open:
            self._pressed_open = None
            self.list.reveal_card()
        elif hid:
            self.list.reveal_card()
            self.highlightActivated.emit(hid)

    def _go_to(self, highlight_id: str) -> None:
        self.select_highlight(highlight_id)
        self.highlightActivated.emit(highlight_id)

    def _show_detail(self, highlight_id: str | None, keep_under_pointer: bool = False) -> None:
        """Open the card of ``highlight_id`` in the list (None: close it)."""
        h = self._study.highlights.get(highlight_id) if highlight_id else None
        self.card.show_highlight(self._study, h)
        self.list.open_card(h.id if h else None, keep_under_pointer)
        self.hint.setText(PICK_HINT if h is None else OPEN_HINT)

    # --- user edits ----------------------------------------------------------
    def _on_category_activated(self, index: int) -> None:
        hid = self.current_id()
        if hid:
            self.categoryChosen.emit(hid, self.card.category.itemData(index))
