"""Tags and study search in the main window: commands for tag edits, the Ctrl+T
shortcut, and the Search Study dock (made on first use, so start-up stays quick)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import SetHighlightTags
from desktop.domain.model import Study

if TYPE_CHECKING:
    from desktop.ui.notes.search_panel import SearchPanel
    from desktop.ui.window.main_window import MainWindow


class TagOps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dock: QDockWidget | None = None
        self.panel: SearchPanel | None = None

    def connect(self) -> None:
        w = self.window
        w.notes.tagsEdited.connect(self.set_tags)
        w.actions.edit_tags.triggered.connect(self.edit_tags)
        # A lambda: triggered(checked) would otherwise arrive as open_search(focus=False).
        w.actions.search_study.triggered.connect(lambda: self.open_search())

    # --- tags ---------------------------------------------------------------------
    def set_tags(self, highlight_id: str, tags: list[str]) -> None:
        h = self.window.session.study.highlights.get(highlight_id)
        if h is not None and h.tags != tags:
            self.window.session.execute(SetHighlightTags(highlight_id, tags))

    def edit_tags(self) -> None:
        if self.window.notes.current_id() is None:
            self.window.statusBar().showMessage("Select a highlight to tag it.", 5000)
            return
        self.window.notes.focus_tags()

    # --- search -------------------------------------------------------------------
    def search_visible(self) -> bool:
        return self.dock is not None and self.dock.isVisible()

    def open_search(self, focus: bool = True) -> None:
        if self.dock is None:
            from desktop.ui.notes.search_panel import SearchPanel

            self.panel = SearchPanel(self.window.session.study)
            self.panel.highlightActivated.connect(self.show_highlight)
            self.panel.referenceActivated.connect(self.show_reference)
            self.dock = QDockWidget("Search Study", self.window)
            self.dock.setObjectName("searchDock")
            self.dock.setWidget(self.panel)
            self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                      | Qt.DockWidgetArea.RightDockWidgetArea)
            # Where the user left it last time (saved with the window state), or the left.
            if not self.window.restoreDockWidget(self.dock):
                self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
                self.window.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)
        assert self.panel is not None
        if not self.dock.isVisible() and self.panel.query.text().strip():
            self.panel.run()  # closed, it did not follow the edits since
        self.dock.show()
        self.dock.raise_()
        if focus:
            self.panel.focus_query()

    def set_study(self, study: Study) -> None:
        if self.panel is not None:
            self.panel.set_study(study)

    def apply_changes(self, changes: ChangeSet) -> None:
        if self.panel is not None:
            self.panel.apply_changes(changes)

    def show_highlight(self, highlight_id: str) -> None:
        w = self.window
        h = w.session.study.highlights.get(highlight_id)
        if h is None:
            return
        if h.document_id != w.session.document.id:
            title = w.session.study.documents[h.document_id].title
            w.statusBar().showMessage(f"That passage is in another document: {title}.", 6000)
            return
        w.notes.select_highlight(highlight_id)
        w.reveal_highlight(highlight_id)

    def show_reference(self, reference_id: str) -> None:
        refs = self.window.notes.references
        self.window.notes.tabs.setCurrentWidget(refs)
        refs.find.clear()
        items = refs.items.list
        for row in range(items.count()):
            item = items.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == reference_id:
                items.setCurrentItem(item)
                items.scrollToItem(item)
                return
