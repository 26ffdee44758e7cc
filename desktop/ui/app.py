"""Application start-up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.bundled import app_icon
from desktop.storage.opening import Opened
from desktop.storage.settings import load_settings
from desktop.ui.controllers.safety import claim_lock
from desktop.ui.core.session import StudySession
from desktop.ui.dialogs.prompts import Prompts
from desktop.ui.reader.themes import theme_manager
from desktop.ui.window.main_window import MainWindow


def make_app(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance() or QApplication(argv or sys.argv[:1]))
    app.setApplicationName("Crosslight")
    app.setOrganizationName("Crosslight")
    app.setApplicationDisplayName("Crosslight")
    app.setDesktopFileName("crosslight")
    icon = app_icon()
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # No application style sheet: label styles are set in code (see label_styles).
    theme_manager(load_settings().theme)
    return app


def window_for(opened: Opened) -> MainWindow:
    return MainWindow(StudySession.from_opened(opened))


def start(opened: Opened, prompts: Prompts | None = None) -> MainWindow | None:
    """The first window: lock the study (asking if it is in use), show it, then offer
    autosaved work left by a crash. None if the user chose not to open a locked study."""
    session = StudySession.from_opened(opened)
    if not claim_lock(session, prompts or Prompts()):
        return None
    window = MainWindow(session, prompts)
    if prompts is not None:
        prompts.parent = window
    window.show()
    window.safety.offer_pending()
    return window


def check(opened: Opened) -> int:
    """``crosslight --check``: build the first window as ``run`` would, report, and quit.

    Status 1 when the window or its icon did not load (a broken installation).
    """
    app = make_app()
    window = window_for(opened)
    window.show()
    app.processEvents()
    icon = not app.windowIcon().isNull()
    shown = window.isVisible() and bool(window.reader.toPlainText())
    words = len(window.reader.toPlainText().split())
    print(f"Crosslight window: {'shown' if shown else 'NOT shown'} ({words:,} words); "
          f"icon: {'loaded' if icon else 'MISSING'}; platform: {app.platformName()}")
    window.close()
    return 0 if shown and icon else 1


def run(opened: Opened) -> int:
    app = make_app()
    window = start(opened)
    if window is None:
        return 0
    return app.exec()


class _FirstLoadPrompts:
    """The window's prompts for the first document's load, except that a refusal is kept
    for the command line (one line on stderr, exit 1) instead of shown in a box."""

    def __init__(self, prompts: Prompts) -> None:
        self.prompts = prompts
        self.refusal: str | None = None

    def error(self, _title: str, message: str) -> None:
        self.refusal = message

    def __getattr__(self, name: str):
        return getattr(self.prompts, name)


def start_loading(path: Path, prompts: Prompts | None = None,
                  on_refused=None) -> MainWindow:
    """Show the window at once, then read the document at ``path`` in the background
    with the progress bar (a large PDF takes seconds: the user sees it coming).

    ``on_refused(message)`` is called if the document cannot be opened (or the user
    cancels: message None); the window then closes.
    """
    from PySide6.QtCore import QTimer

    from desktop.domain.factory import new_study_for
    from desktop.domain.model import Document
    from desktop.ui.core.import_worker import load_document_in_background

    placeholder = Document(text=f"Opening “{path.name}”…", title=path.name,
                           media_type="text/plain")
    window = MainWindow(StudySession.from_opened(Opened(new_study_for(placeholder), None)),
                        prompts)
    if prompts is not None:
        prompts.parent = window
    window.show()

    def load() -> None:
        first = _FirstLoadPrompts(window.prompts)
        window.formats.preview(path)  # a PDF's first page while its text is read
        try:
            document = load_document_in_background(window, path, first, sync_bytes=0)
            if document is not None and window.files.adopt(
                    Opened(new_study_for(document), None), path):
                return
        finally:
            window.formats.end_preview()
        if on_refused is not None:
            on_refused(first.refusal)
        window.close()

    QTimer.singleShot(0, load)
    return window


def run_loading(path: Path) -> int:
    """``crosslight BIG.pdf``: the window first, the document as it loads; a refusal is
    one line on stderr and exit status 1, as for a file refused before the window."""
    app = make_app()
    status = {"code": 0}

    def refused(message: str | None) -> None:
        if message:
            print(f"crosslight: {message}", file=sys.stderr)
            status["code"] = 1
        app.exit(status["code"])

    window = start_loading(path, on_refused=refused)
    code = app.exec()
    del window
    return status["code"] or code
