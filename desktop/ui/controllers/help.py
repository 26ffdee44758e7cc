"""Help menu behaviour: the keyboard shortcuts list, the sample study, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.storage.documents import load_document
from desktop.storage.errors import StorageError
from desktop.ui.controllers.base import Controller
from desktop.ui.controllers.files import FileController
from desktop.ui.core.session import StudySession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from desktop.ui.controllers.context import WindowContext
    from desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog


class HelpController(Controller):
    """``menus`` is the window whose menu bar the shortcuts list reads; opening the
    sample asks ``files`` whether the current study may go."""

    def __init__(self, ctx: WindowContext, files: FileController, menus: QMainWindow) -> None:
        super().__init__(ctx)
        self.files = files
        self.menus = menus
        self.dialog: ShortcutsDialog | None = None

    def show_shortcuts(self) -> ShortcutsDialog:
        """Non-modal, so the list can stay open beside the text while learning the keys."""
        from desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        if self.dialog is None:
            self.dialog = ShortcutsDialog(self.menus)
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
            self.prompts.error("Could not open the sample", str(err))
            return False
        if not self.files.confirm_discard():
            return False
        self.ctx.set_session(StudySession(study))
        first = next((h.id for h in study.highlights_in_order(document.id)
                      if h.quote.exact == PASSAGES[0][0]), None)
        if first is not None:
            self.ctx.select_highlight(first)
            self.ctx.reveal_highlight(first)
        self._status(
            "Opened the sample study: an untitled copy — save it to keep your changes.", 8000)
        return True

    def about(self) -> None:
        from desktop import __version__

        self.prompts.info(
            "About Crosslight",
            f"Crosslight {__version__}\n\nRead critically: highlight claims, note them, "
            "and keep the evidence beside them.",
        )
