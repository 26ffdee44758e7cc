"""File menu behaviour: open, save, save as, and the unsaved-changes question."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.errors import StorageError
from desktop.storage.opening import open_path
from desktop.storage.studyfile import STUDY_SUFFIX, save_study
from desktop.ui.prompts import SaveChoice
from desktop.ui.session import StudySession

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class FileOps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def session(self) -> StudySession:
        return self.window.session

    def _start_dir(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        source = self.session.document.source_path
        return str(Path(source).parent) if source else str(Path.home())

    def open_dialog(self) -> None:
        path = self.window.prompts.open_path(self._start_dir())
        if path is not None:
            self.open(path)

    def open(self, path: Path) -> bool:
        """Open a study or document in this window; on failure nothing changes."""
        try:
            opened = open_path(path)
        except StorageError as err:
            self.window.prompts.error("Could not open", str(err))
            return False
        if not self.confirm_discard():
            return False
        session = StudySession(opened.study, opened.study_path)
        session.orphans_on_open = opened.orphans
        self.window.set_session(session)
        self.window.statusBar().showMessage(f"Opened {Path(path).name}", 5000)
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        path = self.window.prompts.save_path(str(Path(self._start_dir()) / self._suggested_name()))
        return self._write(path) if path is not None else False

    def _suggested_name(self) -> str:
        if self.session.path is not None:
            return self.session.path.name
        source = self.session.document.source_path
        stem = Path(source).stem if source else "study"
        return stem + STUDY_SUFFIX

    def _write(self, path: Path) -> bool:
        try:
            save_study(self.session.study, path)
        except StorageError as err:
            self.window.prompts.error("Could not save", f"{err}\n\nYour work is still open; "
                                      "try Save As to choose another place.")
            return False
        self.session.mark_saved(Path(path).resolve())
        self.window.statusBar().showMessage(f"Saved {Path(path).name}", 5000)
        return True

    def confirm_discard(self) -> bool:
        """True if the current study may be closed (saved, discarded, or unchanged)."""
        if not self.session.is_modified:
            return True
        name = self.session.path.name if self.session.path else "Untitled study"
        choice = self.window.prompts.ask_save_changes(name)
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD
