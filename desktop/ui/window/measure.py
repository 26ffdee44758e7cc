"""The reader keeps its measure: side panels fold away before the text gets narrower
than MIN_MEASURE_CHARS characters a line, and come back when there is room again.

Readers (calibre, Zotero, e-readers) give the text priority over sidebars and make the
sidebars toggles (here F9 notes, F10 Search Study). A panel the window folded away on
its own comes back by itself when the window grows; one the user hid stays hidden.
Search Study goes first, then the notes; showing one panel in a window too narrow for
both folds the other, so Search Study never squeezes the reader.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from desktop.ui.reader.view import ReaderView

MIN_WINDOW = (760, 480)  # fits a 1024×600 screen with room for its panel and title bar
NOTES_SHARE = 3  # eighths of the window the notes take when shown (as a fresh window)
RESTORE_NOTES_WIDTH = 260  # the notes need this much before they come back by themselves
# (a little over their least width: at 800×600 they come back once Search Study closes)


class MeasureKeeper(QObject):
    """Watches the window and the reader; folds and restores the side panels."""

    panelsChanged = Signal()  # a panel was shown or hidden (by anyone)

    def __init__(self, window: QMainWindow, reader: ReaderView, area: QWidget,
                 splitter: QSplitter,
                 notes: QWidget, search_dock: Callable[[], QDockWidget | None],
                 status: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window, self.reader, self.splitter = window, reader, splitter
        self.area = area  # what holds the reader (or a PDF's pages): its width counts
        self.notes, self.search_dock, self.status = notes, search_dock, status
        self.folded: set[str] = set()  # panels this keeper hid (not the user)
        self._notes_sizes: list[int] = []
        self._pending = False
        self._keep: str | None = None  # the panel the user just asked for
        window.setMinimumSize(*MIN_WINDOW)
        window.installEventFilter(self)
        notes.installEventFilter(self)
        splitter.splitterMoved.connect(lambda *_: self.schedule())
        reader.gutter.wantedWidthChanged.connect(self.schedule)

    # --- what the user asks ---------------------------------------------------------
    def set_notes_shown(self, shown: bool) -> None:
        """F9: the user's choice; showing the notes folds Search Study if need be."""
        self.folded.discard("notes")
        if shown:
            self._keep = "notes"
            self._show_notes()
            self.schedule()
        else:
            self._hide_notes()

    def search_shown(self) -> None:
        """Search Study was opened: fold the notes if the reader would be crushed."""
        self.folded.discard("search")
        self._keep = "search"
        self.schedule()

    # --- measuring ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            if kind == QEvent.Type.Resize:
                self._keep = None  # a new size: any panel may fold again
            self.schedule()
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self.panelsChanged.emit()
            self.schedule()
        return False

    def watch_dock(self, dock: QDockWidget) -> None:
        """Search Study's dock, once it is made."""
        dock.installEventFilter(self)

    def schedule(self) -> None:
        """Fit once the layout has settled (sizes are final after this event loop turn)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.fit)

    def spare(self) -> int:
        """How much wider the reader is than its minimum (negative: crushed)."""
        return self.area.width() - self.reader.minimum_reading_width()

    def fit(self) -> None:
        """Fold a panel while the reader is too narrow (Search Study first, but never the
        one the user just asked for); restore folded ones when there is room."""
        self._pending = False
        if not self.window.isVisible():
            return
        if self.spare() < 0 and not self._shrink_notes() and not self._shrink_search():
            dock = self.search_dock()
            search_open = dock is not None and not dock.isHidden() and not dock.isFloating()
            notes_open = not self.notes.isHidden()
            order = ["notes", "search"] if self._keep == "search" else ["search", "notes"]
            for panel in order:
                if panel == self._keep:
                    continue
                if panel == "search" and search_open and dock is not None:
                    self._fold_search(dock)
                    return
                if panel == "notes" and notes_open:
                    self._fold_notes()
                    return
            return
        self._restore()
        self._room_for_words()

    def _room_for_words(self) -> None:
        """The verdict chips' words are worth a narrower side panel (never a fold):
        the notes, then Search Study, give back what they have beyond their minimum."""
        wanted = self.reader.wordy_reading_width()
        if self.area.width() >= wanted:
            return
        self._shrink_notes(wanted)
        self._shrink_search(wanted)

    def _shrink_search(self, wanted: int | None = None) -> bool:
        """Give the reader back room Search Study takes beyond its minimum, up to
        ``wanted`` (default: the minimum reading width); True if that was enough."""
        dock = self.search_dock()
        if dock is None or dock.isHidden() or dock.isFloating():
            return False
        reading = self.reader.minimum_reading_width() if wanted is None else wanted
        short = reading - self.area.width()
        least = dock.minimumSizeHint().width()
        if short <= 0 or dock.width() <= least:
            return False
        self.window.resizeDocks([dock], [max(least, dock.width() - short)],
                                Qt.Orientation.Horizontal)
        return dock.width() - short >= least

    def _shrink_notes(self, wanted: int | None = None) -> bool:
        """Give the reader back room the notes take beyond their minimum, up to
        ``wanted`` (default: the minimum reading width); True if that was enough."""
        if self.notes.isHidden():
            return False
        sizes = self.splitter.sizes()
        least = self.notes.minimumSizeHint().width()
        if len(sizes) != 2 or sizes[1] <= least:
            return False
        total = sum(sizes)
        beside = max(0, sizes[0] - self.area.width())  # the minimap beside the text
        reading = self.reader.minimum_reading_width() if wanted is None else wanted
        width = max(least, min(sizes[1], total - reading - beside))
        if width != sizes[1]:
            self.splitter.setSizes([total - width, width])
        return self.spare() >= 0 or width > least

    def _fold_search(self, dock: QDockWidget) -> None:
        self.folded.add("search")
        dock.hide()
        self.status("Search Study folded away to keep the text readable: F10 shows it.", 8000)

    def _fold_notes(self) -> None:
        self.folded.add("notes")
        self._hide_notes()
        self.status("Notes folded away to keep the text readable: F9 shows them.", 8000)

    def _restore(self) -> None:
        spare = self.spare()
        if "notes" in self.folded and spare >= self._notes_width() + self.splitter.handleWidth():
            self.folded.discard("notes")
            self._show_notes()
            self._unsay("Notes folded")
            return
        dock = self.search_dock()
        if "search" in self.folded and dock is not None and spare >= dock.width():
            self.folded.discard("search")
            dock.show()
            self._unsay("Search Study folded")

    def _unsay(self, fold: str) -> None:
        """A panel back by itself: its fold message, if still showing, is no longer true."""
        bar = self.window.statusBar()
        if bar.currentMessage().startswith(fold):
            bar.clearMessage()

    def _notes_width(self) -> int:
        """The width the notes take when they come back (no flapping: the same figure
        decides whether they fit)."""
        last = self._notes_sizes[-1] if len(self._notes_sizes) == 2 else 0
        return max(RESTORE_NOTES_WIDTH, self.notes.minimumSizeHint().width(), last)

    def _hide_notes(self) -> None:
        if not self.notes.isHidden():
            self._notes_sizes = self.splitter.sizes()
        self.notes.hide()

    def _show_notes(self) -> None:
        self.notes.show()
        total = sum(self.splitter.sizes())
        room = total - self.reader.minimum_reading_width() - self.splitter.handleWidth()
        # The share a fresh window gives them (3 of 8), or what they had if more: notes
        # folded in a small window and shown in a large one are not left at their least.
        share = max(self._notes_width(), total * NOTES_SHARE // 8)
        width = max(self.notes.minimumSizeHint().width(), min(share, room))
        if total > width:
            self.splitter.setSizes([total - width, width])
