"""The main window: reader beside the notes pane, menus, and the edit flow."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QToolBar, QVBoxLayout, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import (
    AddHighlight,
    DeleteHighlight,
    SetHighlightCategory,
    SetHighlightNote,
    SetStudyNote,
)
from desktop.domain.crosscheck import Verdict
from desktop.domain.factory import make_highlight
from desktop.domain.textunits import Utf16Map
from desktop.ui.controllers.appearance import AppearanceOps
from desktop.ui.controllers.crosscheck import CrossCheckOps
from desktop.ui.controllers.documents import DocumentOps
from desktop.ui.controllers.drops import DropHandler
from desktop.ui.controllers.files import FileOps
from desktop.ui.controllers.formats import FormatOps
from desktop.ui.controllers.help import HelpOps
from desktop.ui.controllers.interchange import InterchangeOps
from desktop.ui.controllers.safety import SafetyOps
from desktop.ui.controllers.tags import TagOps
from desktop.ui.core.session import StudySession
from desktop.ui.dialogs.prompts import Prompts
from desktop.ui.notes.pane import NotesPane
from desktop.ui.reader.document_tabs import DocumentTabs
from desktop.ui.reader.find_bar import FindBar
from desktop.ui.reader.verdict_gutter import Badge
from desktop.ui.reader.view import PaintRange, ReaderView
from desktop.ui.window.accessibility import apply_accessibility
from desktop.ui.window.actions import (
    Actions,
    create_actions,
    create_category_actions,
    create_verdict_actions,
)
from desktop.ui.window.document_status import DocumentStatus
from desktop.ui.window.recent_menu import RecentMenu
from desktop.ui.window.status import StatusSummary
from desktop.ui.window.window_state import restore_window_state, save_window_state

SAFE_LINK_SCHEMES = {"http", "https"}


class MainWindow(QMainWindow):
    def __init__(self, session: StudySession, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prompts = prompts or Prompts(self)
        self.undo_group = QUndoGroup(self)
        self.actions: Actions = create_actions(self, self.undo_group)
        self.category_actions: dict = {}
        self._styles_used = False  # a styled document was shown: see _show_document
        self.files = FileOps(self)
        self.safety = SafetyOps(self)  # locks, autosave, recovery, external changes
        self.checks = CrossCheckOps(self)
        self.interchange = InterchangeOps(self)
        self.tag_ops = TagOps(self)  # tags, and the Search Study dock
        self.help = HelpOps(self)
        self.formats = FormatOps(self)  # background document loading, reopen with encoding
        self.verdict_actions = create_verdict_actions(self)
        self.documents = DocumentOps(self)  # several documents, new versions, orphans

        self.reader = ReaderView(self)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.look = AppearanceOps(self)  # theme, reading font, minimap (from the settings)
        self.session = session
        self.notes = NotesPane(session.study, session.document.id, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.find_bar = FindBar(self.reader, self)
        reader_pane = QWidget(self)
        reader_pane.setObjectName("readerPane")
        reader_layout = QVBoxLayout(reader_pane)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        self.document_tabs = DocumentTabs(reader_pane)
        reader_layout.addWidget(self.document_tabs)
        reader_layout.addWidget(self.look.reader_with_minimap(), 1)
        reader_layout.addWidget(self.find_bar)
        self.splitter.addWidget(reader_pane)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.layout().setSpacing(4)
        self.toolbar.layout().setContentsMargins(6, 2, 6, 2)
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.highlight_menu = QMenu("Hi&ghlight", self)
        self.recent_menu = RecentMenu(self)
        self.drops = DropHandler(self)
        self.setAcceptDrops(True)
        self.reader.setAcceptDrops(False)  # a file dropped on the text opens, as anywhere
        self.status_summary = StatusSummary(self)
        self.statusBar().addPermanentWidget(self.status_summary)
        self.document_status = DocumentStatus(self)
        self.statusBar().addPermanentWidget(self.document_status)

        self._connect()
        self.set_session(session)
        self.resize(1280, 820)
        self.splitter.setSizes([800, 480])
        self.notes.split.setSizes([380, 340])
        restore_window_state(self)  # the last run's layout, if there is a readable one
        apply_accessibility(self)
        self.drops.watch_children()

    # --- wiring --------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions
        a.open.triggered.connect(self.files.open_dialog)
        a.save.triggered.connect(lambda: self.files.save(background=True))
        a.save_as.triggered.connect(lambda: self.files.save_as(background=True))
        a.reopen_encoding.triggered.connect(self.formats.reopen_with_encoding)
        a.close.triggered.connect(self.close)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self.reader.copy)
        a.select_all.triggered.connect(self.reader.selectAll)
        a.edit_note.triggered.connect(self.edit_note)
        a.delete_highlight.triggered.connect(self.delete_current_highlight)
        a.zoom_in.triggered.connect(lambda: self.reader.zoom_by(1))
        a.zoom_out.triggered.connect(lambda: self.reader.zoom_by(-1))
        a.zoom_reset.triggered.connect(self.reader.zoom_reset)
        a.about.triggered.connect(self._about)
        a.find.triggered.connect(self.find_bar.open_bar)
        a.find_next.triggered.connect(self.find_bar.next)
        a.find_previous.triggered.connect(self.find_bar.previous)
        self.reader.highlightClicked.connect(self._on_text_highlight_clicked)
        self.reader.customContextMenuRequested.connect(self._reader_menu)
        self.notes.highlightActivated.connect(self.reveal_highlight)
        self.notes.categoryChosen.connect(self.set_category)
        self.notes.deleteRequested.connect(self.delete_highlight)
        self.notes.noteEdited.connect(
            lambda hid, text: self.session.execute(SetHighlightNote(hid, text))
        )
        self.notes.studyNoteEdited.connect(lambda text: self.session.execute(SetStudyNote(text)))
        self.notes.linkActivated.connect(self.open_link)
        self.checks.connect()
        self.interchange.connect()
        self.documents.connect()
        self.tag_ops.connect()
        self.help.connect()
        a.attach_reference.triggered.connect(lambda: self._on_current(self.checks.attach_reference))
        a.link_passage.triggered.connect(lambda: self._on_current(self.checks.link_passage))
        a.add_reference.triggered.connect(self.checks.add_reference)
        a.show_references.triggered.connect(lambda: self.notes.tabs.setCurrentWidget(
            self.notes.references))
        a.show_source.triggered.connect(self.show_source)
        for verdict, action in self.verdict_actions.items():
            action.triggered.connect(lambda _=False, v=verdict: self.set_verdict(v))
        self.notes.list.selectionModel().currentChanged.connect(self._sync_selected)
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(a.open)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(a.reopen_encoding)
        file_menu.addActions([a.save, a.save_as])
        file_menu.addSeparator()
        file_menu.addActions([a.add_document, a.remove_document])
        file_menu.addSeparator()
        self.interchange.add_menus(file_menu)
        file_menu.addSeparator()
        file_menu.addActions([a.close, a.quit])
        edit = bar.addMenu("&Edit")
        edit.addActions([a.undo, a.redo])
        edit.addSeparator()
        edit.addActions([a.copy, a.select_all])
        edit.addSeparator()
        edit.addActions([a.find, a.find_next, a.find_previous, a.search_study])
        self.highlight_menu.clear()
        self.highlight_menu.addActions(list(self.category_actions.values()))
        self.highlight_menu.addSeparator()
        self.highlight_menu.addActions([a.edit_note, a.edit_tags, a.delete_highlight])
        self.highlight_menu.addSeparator()
        self.highlight_menu.addAction(a.reattach_highlight)
        bar.addMenu(self.highlight_menu)
        document_menu = bar.addMenu("&Document")
        document_menu.addActions([a.next_document, a.previous_document])
        document_menu.addSeparator()
        document_menu.addActions([a.update_document, a.previous_versions])
        document_menu.addSeparator()
        document_menu.addAction(a.document_info)
        check = bar.addMenu("&Check")
        verdicts = check.addMenu("&Verdict")
        verdicts.addActions(list(self.verdict_actions.values()))
        check.addActions([a.attach_reference, a.link_passage])
        check.addSeparator()
        check.addActions([a.add_reference, a.show_references, a.show_source])
        view = bar.addMenu("&View")
        view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
        self.look.add_menus(edit, view)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([a.shortcuts, a.open_sample])
        help_menu.addSeparator()
        help_menu.addAction(a.about)

        self.toolbar.clear()
        self.toolbar.addActions([a.open, a.save])
        self.toolbar.addSeparator()
        self.toolbar.addActions(list(self.category_actions.values()))

    # --- session -------------------------------------------------------------
    def set_session(self, session: StudySession) -> None:
        """Show a (new) study: used at start-up and by File › Open."""
        old = self.session
        if old is not session:
            self.safety.retire(old, session)
            old.changed.disconnect(self._on_changed)
            old.pathChanged.disconnect(self._update_title)
            old.currentDocumentChanged.disconnect(self._show_document)
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.session = session
        session.setParent(self)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.changed.connect(self._on_changed)
        session.pathChanged.connect(self._update_title)
        session.currentDocumentChanged.connect(self._show_document)
        self.safety.shown(session)
        for action in self.category_actions.values():
            self.removeAction(action)
            action.deleteLater()
        self.category_actions = create_category_actions(self, session.study.categories)
        for action in self.category_actions.values():
            action.triggered.connect(lambda _=False, a=action: self.highlight_selection(a.data()))
        self._build_menus()
        self._show_document()
        self.tag_ops.set_study(session.study)
        self._update_title()
        self.setWindowModified(session.is_modified)
        if session.orphans_on_open:
            n = len(session.orphans_on_open)
            self.statusBar().showMessage(
                f"{n} highlight{'s' if n != 1 else ''} could not be placed in the text "
                "and {} listed as orphaned.".format("is" if n == 1 else "are"), 15000
            )

    def _show_document(self, _document_id: str = "") -> None:
        """Show the session's current document: its text (and styles), highlights, counts."""
        document = self.session.document
        self._u16 = Utf16Map(document.text)
        self._shown_text = document.text
        # The styler (and its Qt classes) loads with the first styled document.
        restyle = bool(document.styles) or self._styles_used
        if restyle:
            from desktop.ui.reader.document_styles import detach_document_styles

            detach_document_styles(self.reader)
        self.reader.set_text(document.text)
        if restyle:
            from desktop.ui.reader.document_styles import apply_document_styles

            apply_document_styles(self.reader, document, self._u16)
            self._styles_used = True
        self.find_bar.set_text(document.text, self._u16)
        self.document_status.set_document(document, self.reader, self._u16)
        self.reader.gutter.set_page_marks(
            [(self._u16.to_utf16(start), f"p. {number}")
             for number, start in enumerate(document.pages, start=1)])
        self.notes.set_study(self.session.study, document.id)
        self.status_summary.set_study(self.session.study, document.id)
        self.document_tabs.show_study(self.session.study, document.id)
        self._refresh_ranges()

    def _update_title(self) -> None:
        if self.session.path is not None:
            name = self.session.path.name
        else:
            source = self.session.document.source_path
            name = f"Untitled study — {source.rsplit('/', 1)[-1] if source else 'new'}"
        read_only = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{name}{read_only}[*] — Crosslight")

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.documents_changed and self.documents.text_replaced():
            self._show_document()  # a new version of the text: views rebuild anyway
            return
        if changes.documents_changed:
            self.document_tabs.show_study(self.session.study, self.session.document.id)
        if changes.highlight_set_changed or changes.documents_changed:
            self._refresh_ranges()
        elif changes.highlights_changed and not changes.only_fields("note", "tags"):
            self._update_ranges(changes.highlights_changed)
        self.notes.apply_changes(changes)
        self.tag_ops.apply_changes(changes)
        self.status_summary.apply_changes(changes)

    def _color(self, category_id: str) -> str:
        return self._colors.get(category_id, "#888888")

    def _badge(self, h) -> Badge | None:
        """The verdict shown in the margin: for every checked highlight and every claim."""
        if h.is_orphan or not (h.verdict.is_checked or h.category_id == "claim"):
            return None
        why = f": {h.rationale}" if h.rationale else ""
        return Badge(self._u16.to_utf16(h.start), h.verdict.symbol,
                     h.verdict.short_label,
                     f"{h.verdict.label}{why}\n“{h.quote.exact[:120]}”", h.id)

    def _refresh_ranges(self) -> None:
        study, u16 = self.session.study, self._u16
        self._colors = {c.id: c.color for c in study.categories}
        ranges, badges = [], []
        for h in study.highlights_in_order(self.session.document.id):
            if h.is_orphan:
                continue
            ranges.append(PaintRange(u16.to_utf16(h.start), u16.to_utf16(h.end),
                                     self._color(h.category_id), h.id, h.verdict.value))
            badge = self._badge(h)
            if badge is not None:
                badges.append(badge)
        self.reader.set_ranges(ranges)
        self.reader.gutter.set_badges(badges)

    def _update_ranges(self, highlight_ids: set[str]) -> None:
        """Recolour and re-badge a few highlights in place (their positions are fixed)."""
        for hid in highlight_ids:
            h = self.session.study.highlights.get(hid)
            if h is None or h.is_orphan:
                continue
            self.reader.update_color(hid, self._color(h.category_id), h.verdict.value)
            self.reader.gutter.update_badge(hid, self._badge(h))

    # --- edits ---------------------------------------------------------------
    def highlight_selection(self, category_id: str) -> str | None:
        selection = self.reader.selection_range()
        if selection is None:
            self.statusBar().showMessage("Select a passage in the text first.", 5000)
            return None
        document = self.session.document
        start, end = (self._u16.to_codepoint(x) for x in selection)
        while start < end and document.text[start].isspace():
            start += 1
        while end > start and document.text[end - 1].isspace():
            end -= 1
        if start >= end:
            self.statusBar().showMessage("The selection holds no text to highlight.", 5000)
            return None
        highlight = make_highlight(document, start, end, category_id)
        self.session.execute(AddHighlight(highlight))
        self.reader.select_range(selection[1], selection[1])  # drop selection: show the colour
        self.notes.select_highlight(highlight.id)
        return highlight.id

    def set_category(self, highlight_id: str, category_id: str) -> None:
        if self.session.study.highlights[highlight_id].category_id != category_id:
            self.session.execute(SetHighlightCategory(highlight_id, category_id))

    def delete_highlight(self, highlight_id: str) -> None:
        self.session.execute(DeleteHighlight(highlight_id))

    def delete_current_highlight(self) -> None:
        hid = self.notes.current_id()
        if hid is None:
            self.statusBar().showMessage("Select a highlight to delete.", 5000)
            return
        self.delete_highlight(hid)

    def _on_current(self, handler) -> None:
        hid = self.notes.current_id()
        if hid is None:
            self.statusBar().showMessage("Select a highlight first.", 5000)
            return
        handler(hid)

    def set_verdict(self, verdict: Verdict) -> None:
        def apply(hid: str) -> None:
            self.checks.set_verdict(hid, verdict, self.session.study.highlights[hid].rationale)

        self._on_current(apply)

    def show_source(self) -> None:
        self.notes.tabs.setCurrentWidget(self.notes.source)
        self.notes.source.publisher.setFocus()

    def edit_note(self) -> None:
        if self.notes.current_id() is None:
            self.statusBar().showMessage("Select a highlight to write a note on it.", 5000)
            return
        self.notes.focus_note()

    # --- navigation ----------------------------------------------------------
    def reveal_highlight(self, highlight_id: str) -> None:
        h = self.session.study.highlights.get(highlight_id)
        if h is not None and h.document_id != self.session.document.id:
            self.session.set_current_document(h.document_id)  # another document's passage
            self.notes.select_highlight(highlight_id)
        if h is None or h.is_orphan:
            if h is not None:
                keys = self.actions.reattach_highlight.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText)  # as menus show it (⇧⌘A on macOS)
                self.statusBar().showMessage("This highlight is orphaned; to re-attach it, "
                                             f"select its passage and press {keys}.", 8000)
            return
        self.reader.reveal(self._u16.to_utf16(h.start), self._u16.to_utf16(h.end))

    def _on_text_highlight_clicked(self, highlight_id: str) -> None:
        self.notes.select_highlight(highlight_id)

    def _sync_selected(self) -> None:
        self.reader.set_selected_key(self.notes.current_id())

    def _reader_menu(self, pos: QPoint) -> None:
        menu = self.reader.createStandardContextMenu(pos)
        menu.addSeparator()
        as_menu = menu.addMenu("Highlight &as")
        as_menu.addActions(list(self.category_actions.values()))
        as_menu.setEnabled(self.reader.selection_range() is not None)
        self.documents.add_reattach_item(menu)  # an orphan selected in the list
        hid = self.reader.key_at(pos)
        if hid is not None:
            self.notes.select_highlight(hid)
            menu.addSeparator()
            change = menu.addMenu("Change Cate&gory")
            current = self.session.study.highlights[hid].category_id
            for category in self.session.study.categories:
                action = change.addAction(category.name)
                action.setCheckable(True)
                action.setChecked(category.id == current)
                action.triggered.connect(
                    lambda _=False, c=category.id: self.set_category(hid, c)
                )
            verdicts = menu.addMenu("&Verdict")
            current_verdict = self.session.study.highlights[hid].verdict
            for verdict, action in self.verdict_actions.items():
                action.setChecked(verdict == current_verdict)
                verdicts.addAction(action)
            menu.addActions([self.actions.attach_reference, self.actions.link_passage])
            menu.addSeparator()
            menu.addAction(self.actions.edit_note)
            menu.addAction(self.actions.edit_tags)
            menu.addAction(self.actions.delete_highlight)
        menu.exec(self.reader.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def open_link(self, url: QUrl) -> None:
        if url.scheme().lower() not in SAFE_LINK_SCHEMES:
            self.prompts.error(
                "Link not opened",
                f"Crosslight only opens web links (http, https). This link was not opened:\n\n"
                f"{url.toString()}",
            )
            return
        if self.prompts.confirm("Open link?", f"Open this address in your browser?\n\n"
                                f"{url.toString()}", "Open in Browser"):
            QDesktopServices.openUrl(url)

    def _about(self) -> None:
        from desktop import __version__

        self.prompts.info(
            "About Crosslight",
            f"Crosslight {__version__}\n\nRead critically: highlight claims, note them, "
            "and keep the evidence beside them.",
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.drops.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drops.drop(event)

    # --- closing -------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.confirm_discard():
            self.safety.closed()
            save_window_state(self)
            event.accept()
        else:
            event.ignore()


