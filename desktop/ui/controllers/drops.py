"""Dropping files on the window: a study or a document opens as File › Open would.

Anything with local files is accepted while dragging, so an unsupported drop can say
why in the status bar instead of showing only a "no entry" cursor.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from desktop.storage import documents
from desktop.storage.studyfile import STUDY_SUFFIX
from desktop.ui.controllers.base import Controller
from desktop.ui.controllers.files import FileController

if TYPE_CHECKING:
    from desktop.ui.controllers.context import WindowContext


def dropped_paths(mime: QMimeData) -> list[Path]:
    """The local files in a drag, in the order given (web addresses are left out)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def can_open(path: Path) -> bool:
    return path.suffix.lower() == STUDY_SUFFIX or documents.is_document_path(path)


def kinds_text() -> str:
    listed = ", ".join(documents.DOCUMENT_SUFFIXES)  # in the formats' own order
    return f"a study ({STUDY_SUFFIX}) or a document ({listed})"


def choose(paths: list[Path]) -> tuple[Path | None, str]:
    """The file to open and a note for the status bar ("" when there is nothing to add)."""
    openable = [p for p in paths if can_open(p)]
    if not openable:
        if len(paths) == 1:
            return None, f"Crosslight cannot open “{paths[0].name}”: drop {kinds_text()}."
        return None, f"None of the {len(paths)} dropped files can be opened: drop {kinds_text()}."
    first = openable[0]
    if len(paths) > 1:
        return first, (f"Opened {first.name}; {len(paths)} files were dropped and Crosslight "
                       "opens one at a time.")
    return first, ""


class DropController(Controller):
    """Drops anywhere on the window open through ``files``."""

    def __init__(self, ctx: WindowContext, files: FileController) -> None:
        super().__init__(ctx)
        self.files = files

    def watch_children(self) -> None:
        """Files dropped on a text box open too, rather than typing their path into a
        note: text fields accept drops of their own, so they are watched here."""
        for widget in self.ctx.window().findChildren(QWidget):
            if widget.acceptDrops():
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QDragEnterEvent and QDragMoveEvent are QDropEvents.
        if isinstance(event, QDropEvent) and dropped_paths(event.mimeData()):
            kind = event.type()
            if kind == QEvent.Type.Drop:
                self.drop(event)
            elif isinstance(event, QDragEnterEvent):
                self.drag_enter(event)
            else:
                event.acceptProposedAction()
            return True
        return False

    def drag_enter(self, event: QDragEnterEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        target, _ = choose(paths)
        hint = f"Drop to open {target.name}" if target else \
            f"Crosslight cannot open {'these files' if len(paths) > 1 else paths[0].name}"
        self._status(hint, 3000)

    def drop(self, event: QDropEvent) -> Path | None:
        """Accept the drop and open the chosen file once the drag is over: the
        unsaved-changes question must not keep the file manager waiting."""
        paths = dropped_paths(event.mimeData())
        if not paths:
            event.ignore()
            return None
        event.acceptProposedAction()
        target, note = choose(paths)
        if target is None:
            self._status(note, 10000)
            return None
        QTimer.singleShot(0, lambda: self.open(target, note))
        return target

    def open(self, path: Path, note: str) -> bool:
        self.ctx.clear_status()
        opened = self.files.open(path)
        if opened and note:
            self._status(note, 10000)
        return opened
