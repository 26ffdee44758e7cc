"""Application start-up."""

from __future__ import annotations

import sys
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
