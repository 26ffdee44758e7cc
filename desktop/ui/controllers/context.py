"""What a controller may ask of the window and of the views: small protocols.

Controllers never import the window, nor this module but for type hints (it is not
loaded at start-up). Each is built with a ``WindowContext`` (the current
session, the prompts seam, the status bar, the title, revealing a highlight) and with
the collaborators it uses, named in its constructor; the main window satisfies these
protocols, and a test can pass a small fake instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QWidget

    from desktop.domain.model import Highlight
    from desktop.storage.opening import Opened
    from desktop.ui.core.session import StudySession
    from desktop.ui.dialogs.prompts import Prompts


class WindowContext(Protocol):
    """The window as its controllers see it."""

    @property
    def session(self) -> StudySession:
        """The session shown now: File › Open may replace it at any moment, so
        controllers read it here each time and never keep a copy."""
        ...

    @property
    def prompts(self) -> Prompts: ...

    def window(self) -> QWidget:
        """The top-level widget: parent of the controllers and of their dialogs."""
        ...

    def status(self, message: str, ms: int = 0) -> None:
        """A status-bar message for ``ms`` milliseconds (0: until the next one)."""
        ...

    def clear_status(self) -> None: ...

    def refresh_title(self) -> None:
        """The title names the file and says read-only: after either changes."""
        ...

    def set_session(self, session: StudySession) -> None:
        """Show another study in this window (the old one is already dealt with)."""
        ...

    def select_highlight(self, highlight_id: str) -> None:
        """Select in the list without scrolling the text."""
        ...

    def reveal_highlight(self, highlight_id: str) -> None:
        """Scroll the text to the highlight and flash it (switching documents if need be)."""
        ...


class NotesView(Protocol):
    """What controllers use of the notes pane."""

    def current_id(self) -> str | None: ...

    def current_highlight(self) -> Highlight | None: ...

    def select_highlight(self, highlight_id: str) -> None: ...

    def show_orphans(self) -> None: ...

    def show_source(self) -> None: ...

    def show_reference(self, reference_id: str) -> None: ...

    def focus_note(self) -> None: ...

    def focus_rationale(self) -> None: ...

    def focus_tags(self) -> None: ...


class StudyOpener(Protocol):
    """Shows a study just made or read in the window (``FileController.show_opened``)."""

    def show_opened(self, opened: Opened, name: str) -> bool: ...


class PagePreview(Protocol):
    """A PDF's pages shown while File › Open reads its text (``window.pdf_pages``)."""

    def preview(self, path: Path) -> bool:
        """Show the pages of the PDF at ``path`` now; False if they cannot show."""
        ...

    def end_preview(self) -> None:
        """Back to what showed before, unless the PDF's study took the pages over."""
        ...


class TextSelection(Protocol):
    """The reader's selection and scrolling, in code points (the reader presenter)."""

    def selection(self) -> tuple[int, int] | None: ...

    def collapse_selection(self) -> None: ...

    def reveal(self, start: int, end: int) -> None: ...


class DockHost(Protocol):
    """Where a dock widget goes (QMainWindow's own methods)."""

    def restoreDockWidget(self, dock: QDockWidget) -> bool: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...

    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int],
                    orientation: Qt.Orientation) -> None: ...


class AppearanceActions(Protocol):
    """The View menu's appearance entries (see window.actions.LookActions)."""

    preferences: QAction
    themes: dict[str, QAction]  # "system", "light", "dark", "sepia"
    show_minimap: QAction
    minimap_by_verdict: QAction
