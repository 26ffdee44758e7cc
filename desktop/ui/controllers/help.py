"""Help menu behaviour: the keyboard shortcuts list and the sample study."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.storage.documents import load_document
from desktop.storage.errors import StorageError
from desktop.ui.core.session import StudySession

if TYPE_CHECKING:
    from desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog
    from desktop.ui.window.main_window import MainWindow


class HelpOps:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: ShortcutsDialog | None = None

    def connect(self) -> None:
        a = self.window.actions
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.open_sample.triggered.connect(self.open_sample)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Non-modal, so the list can stay open beside the text while learning the keys."""
        from desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        if self.dialog is None:
            self.dialog = ShortcutsDialog(self.window)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.filter.setFocus()
        return self.dialog

    def open_sample(self) -> bool:
        """The bundled article with the worked example, as a new untitled study."""
        from desktop.cli import SAMPLE_DOCUMENT
        from desktop.domain.sample_study import PASSAGES, build_sample_study

        try:
            document = load_document(SAMPLE_DOCUMENT)
            study = build_sample_study(document)
        except (StorageError, ValueError) as err:
            self.window.prompts.error("Could not open the sample", str(err))
            return False
        if not self.window.files.confirm_discard():
            return False
        self.window.set_session(StudySession(study))
        first = next((h.id for h in study.highlights_in_order(document.id)
                      if h.quote.exact == PASSAGES[0][0]), None)
        if first is not None:
            self.window.notes.select_highlight(first)
            self.window.reveal_highlight(first)
        self.window.statusBar().showMessage(
            "Opened the sample study: an untitled copy — save it to keep your changes.", 8000)
        return True
