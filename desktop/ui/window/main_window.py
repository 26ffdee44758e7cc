"""The main window: reader beside the notes pane, menus, and the wiring of it all.

The window builds the rooms and connects them; it decides nothing itself. Views follow
the current session (``CurrentSession``) on their own, the reader presenter turns the
model into paint, and each controller is built with the window's narrow context
(``controllers.context.WindowContext``, which this class satisfies) and the
collaborators it names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.plural import plural
from desktop.storage.settings import load_settings
from desktop.ui.controllers.appearance import AppearanceController
from desktop.ui.controllers.crosscheck import CrossCheckController
from desktop.ui.controllers.documents import DocumentController
from desktop.ui.controllers.drops import DropController
from desktop.ui.controllers.files import FileController
from desktop.ui.controllers.formats import FormatController
from desktop.ui.controllers.help import HelpController
from desktop.ui.controllers.highlights import HighlightController
from desktop.ui.controllers.interchange import InterchangeController
from desktop.ui.controllers.links import LinkController
from desktop.ui.controllers.safety import SafetyController
from desktop.ui.controllers.tags import TagController
from desktop.ui.controllers.web import WebController
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession
from desktop.ui.dialogs.prompts import Prompts
from desktop.ui.notes.pane import NotesPane
from desktop.ui.reader.document_tabs import DocumentTabs
from desktop.ui.reader.find_bar import FindBar
from desktop.ui.reader.minimap import Minimap
from desktop.ui.reader.presenter import ReaderPresenter
from desktop.ui.reader.view import ReaderView
from desktop.ui.window.accessibility import apply_accessibility
from desktop.ui.window.actions import (
    Actions,
    create_actions,
    create_category_actions,
    create_look_actions,
    create_verdict_actions,
)
from desktop.ui.window.document_status import DocumentStatus, describe
from desktop.ui.window.measure import MeasureKeeper
from desktop.ui.window.menus import (
    HighlightHooks,
    MenuParts,
    build_menus,
    show_page_menu,
    show_reader_menu,
)
from desktop.ui.window.pdf_pages import ActiveText, PdfPages
from desktop.ui.window.recent_menu import RecentMenu
from desktop.ui.window.status import MessageRoom, StatusSummary
from desktop.ui.window.undo_bar import UndoBar
from desktop.ui.window.window_state import restore_window_state, save_window_state

if TYPE_CHECKING:  # loaded with the first PDF shown
    from desktop.ui.pdfview.minimap import PageMinimap
    from desktop.ui.pdfview.page import PageView


def _nothing() -> None:
    return None


class MainWindow(QMainWindow):
    def __init__(self, session: StudySession, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.prompts = prompts or Prompts(self)
        self.current = CurrentSession(session, self)  # the session views follow
        self.undo_group = QUndoGroup(self)
        self.menu_actions: Actions = create_actions(self, self.undo_group)
        self.verdict_actions = create_verdict_actions(self)
        self.category_actions: dict[str, QAction] = {}  # rebuilt for each study

        # Views: each follows the current session (or the reader presenter) itself.
        self.reader = ReaderView(self)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.presenter = ReaderPresenter(self.reader, self.current)
        self.minimap = Minimap(self.reader, self, later=self.current.later)
        self.notes = NotesPane(session.study, session.document.id, self,
                               later=self.current.later)
        self.notes.follow(self.current)
        self.find_bar = FindBar(self.reader, self)
        self.find_bar.follow(self.presenter)
        self.status_summary = StatusSummary(self)
        self.status_summary.follow(self.current)
        self.document_status = DocumentStatus(self)
        self.document_status.follow(self.presenter)
        self.document_tabs = DocumentTabs(self)
        self.document_tabs.follow(self.current)
        # A PDF shows as its pages (View › PDF as Text shows the reader instead).
        self.reader_stack = QStackedWidget(self)
        self.reader_stack.setObjectName("readerStack")
        self.reader_stack.addWidget(self.reader)
        self.pdf = PdfPages(self.reader_stack, self.presenter, self.current,
                            self.menu_actions.pdf_text)
        self.active_text = ActiveText(self.presenter, self.pdf)
        self.page_minimap: PageMinimap | None = None  # with the page view

        # Controllers: the window's context, and the collaborators each one names.
        self.links = LinkController(self)
        self.formats = FormatController(self, self.notes, self.pdf)  # background loading, encodings
        self.safety = SafetyController(self, self._open_beside)  # locks, autosave, recovery
        self.files = FileController(self, self.safety, self.formats)
        self.checks = CrossCheckController(self, self.links)
        self.interchange = InterchangeController(self)
        self.tag_ops = TagController(self, self.notes, self.current, self)  # tags, Search
        self.help = HelpController(self, self.files, self)
        self.documents = DocumentController(self, self.notes, self.active_text)
        self.look = AppearanceController(self, self.reader, self.minimap,
                                         create_look_actions(self))  # theme, font, minimap
        self.highlights = HighlightController(self, self.notes, self.active_text, self.checks,
                                              self.menu_actions.reattach_highlight)
        self.drops = DropController(self, self.files)
        self.web = WebController(self, self.files, self.notes)  # open, check, archive

        self._lay_out()
        self.highlight_menu = QMenu("Hi&ghlight", self)
        self._hooks = HighlightHooks(lambda: self.session.study, self.notes.select_highlight,
                                     self.highlights.set_category,
                                     self.highlights.set_checkable,
                                     self.documents.add_reattach_item)
        self.recent_menu = RecentMenu(self, self.files.open, self.status)
        self.setAcceptDrops(True)
        self.reader.setAcceptDrops(False)  # a file dropped on the text opens, as anywhere
        self.statusBar().addPermanentWidget(self.status_summary)
        self.statusBar().addPermanentWidget(self.document_status)
        self.message_room = MessageRoom(self.statusBar(),
                                        [self.status_summary, self.document_status])

        # The reader keeps its measure: side panels fold away before it gets crushed.
        self.measure = MeasureKeeper(self, self.reader, self.reader_stack, self.splitter,
                                     self.notes, lambda: self.tag_ops.dock, self.status)
        self._connect()
        self._connect_panels()
        self.highlights.deleted.connect(self.undo_bar.announce)
        self.menu_actions.undo.triggered.connect(self.undo_bar.hide)  # Ctrl+Z did it
        self.highlights.note_after_highlight = load_settings().note_after_highlight
        self.look.noteAfterHighlightChanged.connect(
            lambda on: setattr(self.highlights, "note_after_highlight", on))
        self.look.viewerChanged.connect(self.viewer_changed)
        self.set_session(session)
        self.resize(1280, 820)
        self.splitter.setSizes([800, 480])
        # The last run's layout, if there is a readable one.
        restore_window_state(self, self._splitters(),
                             lambda: self.open_search_pane(focus=False))
        apply_accessibility(self)
        self.drops.watch_children()

    def _lay_out(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        reader_pane = QWidget(self)
        reader_pane.setObjectName("readerPane")
        reader_layout = QVBoxLayout(reader_pane)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        self.document_tabs.setParent(reader_pane)
        reader_layout.addWidget(self.document_tabs)
        # The minimap sits right of the reader's scroll bar.
        row = QWidget(self)
        row.setObjectName("readerRow")
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(0)
        row_layout.addWidget(self.reader_stack, 1)
        row_layout.addWidget(self.minimap)
        self._reader_row = row_layout  # the page minimap goes here with the page view
        reader_layout.addWidget(row, 1)
        reader_layout.addWidget(self.find_bar)
        self.undo_bar = UndoBar(self.menu_actions.undo, reader_pane)  # "Highlight deleted"
        reader_layout.addWidget(self.undo_bar)
        self.splitter.addWidget(reader_pane)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        layout = self.toolbar.layout()
        if layout is not None:
            layout.setSpacing(4)
            layout.setContentsMargins(6, 2, 6, 2)
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)

    # --- wiring --------------------------------------------------------------
    def _connect(self) -> None:
        a, notes, edits = self.menu_actions, self.notes, self.highlights
        a.open.triggered.connect(self.files.open_dialog)
        a.new_study.triggered.connect(self.files.new_from_document)
        a.new_empty_study.triggered.connect(self.files.new_empty)
        a.save.triggered.connect(lambda: self.files.save(background=True))
        a.save_as.triggered.connect(lambda: self.files.save_as(background=True))
        a.reopen_encoding.triggered.connect(self.formats.reopen_with_encoding)
        a.close.triggered.connect(self.close)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(lambda: self.active_text.widget().copy())
        a.select_all.triggered.connect(
            lambda: self._on_view(lambda v: v.select_all(), self.reader.selectAll))
        a.edit_note.triggered.connect(edits.edit_note)
        a.delete_highlight.triggered.connect(edits.delete_current)
        a.zoom_in.triggered.connect(lambda: self.active_text.widget().zoom_by(1))
        a.zoom_out.triggered.connect(lambda: self.active_text.widget().zoom_by(-1))
        a.zoom_reset.triggered.connect(
            lambda: self._on_view(lambda v: v.fit_width(), self.reader.zoom_reset))
        a.fit_width.triggered.connect(lambda: self._on_view(lambda v: v.fit_width(), _nothing))
        a.fit_page.triggered.connect(lambda: self._on_view(lambda v: v.fit_page(), _nothing))
        self._connect_pages()
        a.about.triggered.connect(self.help.about)
        a.find.triggered.connect(self.find_bar.open_bar)
        a.find_next.triggered.connect(self.find_bar.next)
        a.find_previous.triggered.connect(self.find_bar.previous)
        self.reader.highlightClicked.connect(notes.select_highlight)
        self.reader.customContextMenuRequested.connect(self.show_reader_menu)
        notes.highlightActivated.connect(self.reveal_highlight)
        notes.categoryChosen.connect(edits.set_category)
        notes.deleteRequested.connect(edits.delete)
        notes.noteEdited.connect(edits.set_note)
        notes.studyNoteEdited.connect(edits.set_study_note)
        notes.linkActivated.connect(self.links.open)
        notes.readerRequested.connect(self._focus_reader)  # Esc in the cards
        notes.list.selectionModel().currentChanged.connect(
            lambda: self.reader.set_selected_key(notes.current_id()))
        notes.list.selectionModel().currentChanged.connect(self._select_on_page)
        self.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.current.pathChanged.connect(self.refresh_title)

        checks = self.checks  # cross-checking: the pane's requests and the Check menu
        notes.verdictEdited.connect(checks.set_verdict)
        notes.attachRequested.connect(checks.attach_reference)
        notes.citationEditRequested.connect(checks.edit_citation)
        notes.citationDetachRequested.connect(checks.detach_citation)
        notes.citationOpenRequested.connect(checks.open_citation)
        notes.linkRequested.connect(checks.link_passage)
        notes.linkRemoveRequested.connect(checks.delete_link)
        refs = notes.references
        refs.addRequested.connect(checks.add_reference)
        refs.editRequested.connect(checks.edit_reference)
        refs.deleteRequested.connect(checks.delete_reference)
        refs.openRequested.connect(checks.open_reference)
        notes.source.edited.connect(checks.set_source)
        notes.source.detailsEdited.connect(checks.set_document_details)
        a.attach_reference.triggered.connect(lambda: edits.on_current(checks.attach_reference))
        a.link_passage.triggered.connect(lambda: edits.on_current(checks.link_passage))
        a.rule_verdict.triggered.connect(lambda: edits.on_current(checks.rule_verdict))
        a.add_reference.triggered.connect(checks.add_reference)
        a.show_references.triggered.connect(notes.show_references)
        a.show_source.triggered.connect(notes.show_source)
        for verdict, action in self.verdict_actions.items():
            action.triggered.connect(lambda _=False, v=verdict: edits.set_verdict(v))

        for action, name in ((a.export_markdown, "md"), (a.export_html, "html"),
                             (a.export_w3c, "w3c"), (a.export_claimreview, "claimreview"),
                             (a.export_csv, "csv")):
            action.triggered.connect(lambda _=False, n=name: self.interchange.export(n))
        a.import_w3c.triggered.connect(self.interchange.import_annotations)
        a.import_references.triggered.connect(self.interchange.import_references)
        a.merge_study.triggered.connect(self.files.merger.merge_dialog)
        a.merge_conflicts.triggered.connect(self.files.merger.show_recorded)

        documents = self.documents
        a.add_document.triggered.connect(lambda: documents.add_document())
        a.remove_document.triggered.connect(documents.remove_document)
        a.update_document.triggered.connect(lambda: documents.update_document())
        a.previous_versions.triggered.connect(documents.previous_versions)
        a.reattach_highlight.triggered.connect(lambda: documents.reattach_to_selection())
        a.next_document.triggered.connect(lambda: documents.step(1))
        a.previous_document.triggered.connect(lambda: documents.step(-1))
        a.document_info.triggered.connect(documents.document_info)
        a.markdown_source.triggered.connect(documents.markdown_source)
        self.document_tabs.documentChosen.connect(documents.switch_to)

        notes.tagsEdited.connect(self.tag_ops.set_tags)
        a.edit_tags.triggered.connect(self.tag_ops.edit_tags)
        # A lambda: triggered(checked) would otherwise arrive as open_search(focus=False).
        a.search_study.triggered.connect(lambda: self.open_search_pane())
        web = self.web
        a.open_address.triggered.connect(lambda: web.open_address())
        a.check_new_version.triggered.connect(web.check_new_version)
        a.archive_document.triggered.connect(web.archive_document)
        a.paste_source.triggered.connect(web.paste_source)
        refs.archiveRequested.connect(web.archive_reference)
        a.publish_address.triggered.connect(self.interchange.set_publish_address)
        a.shortcuts.triggered.connect(self.help.show_shortcuts)
        a.open_sample.triggered.connect(self.help.open_sample)

    def _connect_panels(self) -> None:
        """F9 and F10 show and hide the side panels; the checks follow what shows."""
        a, keeper = self.menu_actions, self.measure

        def sync() -> None:
            a.toggle_notes.setChecked(not self.notes.isHidden())
            dock = self.tag_ops.dock
            a.toggle_search.setChecked(dock is not None and not dock.isHidden())

        def search(shown: bool) -> None:
            if shown:
                self.open_search_pane()
            elif self.tag_ops.dock is not None:
                self.tag_ops.dock.hide()

        keeper.panelsChanged.connect(sync)
        a.toggle_notes.triggered.connect(keeper.set_notes_shown)
        a.toggle_search.triggered.connect(search)
        sync()

    def open_search_pane(self, focus: bool = True) -> None:
        """Search Study, folding the notes if the reader would otherwise be crushed."""
        made = self.tag_ops.dock is not None
        self.tag_ops.open_search(focus=focus)
        if not made and self.tag_ops.dock is not None:
            self.measure.watch_dock(self.tag_ops.dock)
        self.measure.search_shown()
        self.menu_actions.toggle_search.setChecked(True)

    def _select_on_page(self) -> None:
        if self.pdf.view is not None:
            self.pdf.view.set_selected_key(self.notes.current_id())

    def _on_view(self, pages: Callable[[PageView], object], text: Callable[[], object]) -> None:
        """``pages(view)`` while a PDF's pages show, else ``text()``."""
        view = self.pdf.view
        if self.pdf.showing and view is not None:
            pages(view)
        else:
            text()

    def _connect_pages(self) -> None:
        """PDFs as pages: status messages, the minimaps and the find bar follow which
        view shows; the page view itself is wired when the first PDF makes it."""
        self.pdf.message.connect(lambda text: self.status(text, 15000))
        self.pdf.viewCreated.connect(self._wire_page_view)
        look = self.look.actions

        def minimaps(*_args: object) -> None:
            on, pages = look.show_minimap.isChecked(), self.pdf.showing
            self.minimap.setVisible(on and not pages)
            if self.page_minimap is not None:
                self.page_minimap.setVisible(on and pages)
                self.page_minimap.set_by_verdict(look.minimap_by_verdict.isChecked())
            for action in (self.menu_actions.fit_width, self.menu_actions.fit_page):
                action.setEnabled(pages)

        self.pdf.shownChanged.connect(minimaps)
        look.show_minimap.toggled.connect(minimaps)  # after the appearance controller's
        look.minimap_by_verdict.toggled.connect(minimaps)
        minimaps()
        self.pdf.shownChanged.connect(lambda _pages: self.find_bar.view_switched())

    def _wire_page_view(self, view: PageView) -> None:
        """The page view, made for the first PDF shown: clicks select in the list,
        pages in the status bar, its context menu, its minimap, the find bar."""
        from desktop.ui.pdfview.minimap import PageMinimap
        from desktop.ui.reader.minimap import VERDICT_COLORS
        from desktop.ui.reader.verdict_chips import paint_chip

        view.highlightClicked.connect(self.notes.select_highlight)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_page_menu)
        view.pageChanged.connect(lambda page: self.document_status.setText(
            describe(self.session.document, page + 1)) if self.pdf.showing else None)
        view.set_selected_key(self.notes.current_id())
        view.badge_chip = lambda painter, rect, r: paint_chip(
            painter, rect, r.badge, r.verdict,
            view.palette().base().color(), view.palette().text().color())
        self.page_minimap = PageMinimap(view, self)
        self.page_minimap.verdict_colors = dict(VERDICT_COLORS)
        self.page_minimap.hide()
        self._reader_row.addWidget(self.page_minimap)
        self.find_bar.pages = view

    def _menu_parts(self) -> MenuParts:
        return MenuParts(self.menu_actions, self.look.actions, self.category_actions,
                         self.verdict_actions, self.recent_menu, self.highlight_menu)

    def _build_menus(self) -> None:
        build_menus(self.menuBar(), self.toolbar, self._menu_parts(), self._hooks)

    def show_reader_menu(self, pos: QPoint) -> None:
        """The reader's context menu (``menus.show_reader_menu``)."""
        show_reader_menu(self.reader, pos, self._menu_parts(), self._hooks)

    def show_page_menu(self, pos: QPoint) -> None:
        """The page view's context menu (``menus.show_page_menu``)."""
        if self.pdf.view is not None:
            show_page_menu(self, self.pdf.view, pos, self._menu_parts(), self._hooks)

    # --- session -------------------------------------------------------------
    @property
    def session(self) -> StudySession:
        return self.current.session

    def set_session(self, session: StudySession) -> None:
        """Show a (new) study: used at start-up and by File › Open."""
        old = self.current.session
        if old is not session:
            self.safety.retire(old, session)
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        session.setParent(self)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.safety.shown(session)
        for action in self.category_actions.values():
            self.removeAction(action)
            action.deleteLater()
        self.category_actions = create_category_actions(self, session.study.categories)
        for action in self.category_actions.values():
            action.triggered.connect(
                lambda _=False, a=action: self.highlights.highlight_selection(a.data()))
        self._build_menus()
        self.current.replace(session)  # the views follow: replaced, then shown
        self.refresh_title()
        self.setWindowModified(session.is_modified)
        if session.orphans_on_open:
            n = len(session.orphans_on_open)
            self.status(
                f"{plural(n, 'highlight')} could not be placed in the text "
                "and {} listed as orphaned.".format("is" if n == 1 else "are"), 15000
            )

    def _open_beside(self, session: StudySession) -> MainWindow:
        """Another recovered study, in a window of its own sharing the prompts."""
        window = MainWindow(session)
        window.prompts = self.prompts.for_window(window)
        window.show()
        window.safety.autosaver.autosave()
        return window

    # --- the context controllers see (controllers.context.WindowContext) ----------
    def viewer_changed(self) -> None:
        """Who is looking or blind reviews changed (Preferences): every view of a verdict
        hears it as a change of every highlight's verdict, and redraws it."""
        study = self.session.study
        self.current.changed.emit(ChangeSet(highlights_changed=set(study.highlights),
                                            highlight_fields={"verdict", "rationale"}))

    def status(self, message: str, ms: int = 0) -> None:
        self.statusBar().showMessage(message, ms)

    def clear_status(self) -> None:
        self.statusBar().clearMessage()

    def refresh_title(self) -> None:
        session = self.session
        if session.path is not None:
            name = session.path.name
        else:
            source = session.document.source_path
            # A page fetched from the web has no file: its title names it.
            shown = source.rsplit('/', 1)[-1] if source else session.document.title or "new"
            name = f"Untitled study — {shown}"
        read_only = " (read-only)" if session.read_only else ""
        self.setWindowTitle(f"{name}{read_only}[*] — Crosslight")

    def select_highlight(self, highlight_id: str) -> None:
        self.notes.select_highlight(highlight_id)

    def _focus_reader(self) -> None:
        """Back to the text (or the PDF's pages), where the reading goes on."""
        shown = self.reader_stack.currentWidget()
        (shown or self.reader).setFocus()

    def reveal_highlight(self, highlight_id: str) -> None:
        self.highlights.reveal(highlight_id)

    def _splitters(self) -> list[QSplitter]:
        """The splitters whose sizes are kept across runs."""
        return [self.splitter]

    # --- events --------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.look.themes.ring_when_used(self)  # the focus ring, off the cold start

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.drops.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drops.drop(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.confirm_discard():
            self.safety.closed()
            if self.pdf.view is not None:
                self.pdf.view.stop()
            save_window_state(self, self._splitters(), self.tag_ops.search_visible())
            event.accept()
        else:
            event.ignore()
