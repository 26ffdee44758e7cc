"""Tags and study search in the main window: commands for tag edits, the Ctrl+T
shortcut, and the Search Study dock (made on first use, so start-up stays quick)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from desktop.domain.commands import SetHighlightTags
from desktop.ui.controllers.base import Controller
from desktop.ui.core.current import CurrentSession

if TYPE_CHECKING:
    from desktop.ui.controllers.context import DockHost, NotesView, WindowContext
    from desktop.ui.notes.search_panel import SearchPanel

SEARCH_DOCK_WIDTH = 340


class TagController(Controller):
    """Tag edits of the selected highlight, and the Search Study dock placed on
    ``docks``; the panel follows ``current`` once it is made."""

    def __init__(self, ctx: WindowContext, notes: NotesView, current: CurrentSession,
                 docks: DockHost) -> None:
        super().__init__(ctx)
        self.notes = notes
        self.current = current
        self.docks = docks
        self.dock: QDockWidget | None = None
        self.panel: SearchPanel | None = None

    # --- tags ---------------------------------------------------------------------
    def set_tags(self, highlight_id: str, tags: list[str]) -> None:
        h = self.session.study.highlights.get(highlight_id)
        if h is not None and h.tags != tags:
            self.session.execute(SetHighlightTags(highlight_id, tags))

    def edit_tags(self) -> None:
        if self.notes.current_id() is None:
            self._status("Select a highlight to tag it.", 5000)
            return
        self.notes.focus_tags()

    # --- search -------------------------------------------------------------------
    def search_visible(self) -> bool:
        return self.dock is not None and self.dock.isVisible()

    def open_search(self, focus: bool = True) -> None:
        if self.dock is None:
            from desktop.ui.notes.search_panel import SearchPanel

            self.panel = SearchPanel(self.session.study)
            self.panel.follow(self.current)
            self.panel.highlightActivated.connect(self.show_highlight)
            self.panel.referenceActivated.connect(self.notes.show_reference)
            self.dock = QDockWidget("Search Study", self.ctx.window())
            self.dock.setObjectName("searchDock")
            self.dock.setWidget(self.panel)
            self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                      | Qt.DockWidgetArea.RightDockWidgetArea)
            # Where the user left it last time (saved with the window state), or the left.
            if not self.docks.restoreDockWidget(self.dock):
                self.docks.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
                self.docks.resizeDocks([self.dock], [SEARCH_DOCK_WIDTH],
                                       Qt.Orientation.Horizontal)
        assert self.panel is not None
        if not self.dock.isVisible() and self.panel.query.text().strip():
            self.panel.run()  # closed, it did not follow the edits since
        self.dock.show()
        self.dock.raise_()
        if focus:
            self.panel.focus_query()

    def show_highlight(self, highlight_id: str) -> None:
        session = self.session
        h = session.study.highlights.get(highlight_id)
        if h is None:
            return
        if h.document_id != session.document.id:
            title = session.study.documents[h.document_id].title
            self._status(f"That passage is in another document: {title}.", 6000)
            return
        self.ctx.select_highlight(highlight_id)
        self.ctx.reveal_highlight(highlight_id)
