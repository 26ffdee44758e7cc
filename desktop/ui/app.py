"""Application start-up."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.storage.opening import Opened
from desktop.ui.main_window import MainWindow
from desktop.ui.session import StudySession

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Crosslight")
    app.setOrganizationName("Crosslight")
    app.setApplicationDisplayName("Crosslight")
    app.setDesktopFileName("crosslight")
    icon = RESOURCES / "icons" / "crosslight.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = RESOURCES / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def window_for(opened: Opened) -> MainWindow:
    session = StudySession(opened.study, opened.study_path)
    session.orphans_on_open = opened.orphans
    return MainWindow(session)


def run(opened: Opened) -> int:
    app = make_app()
    window = window_for(opened)
    window.show()
    return app.exec()
