"""The base of the window's behaviour modules (files, cross-checking, documents, reports).

Each acts on the window's *current* session, which File › Open or a reload may replace
at any moment; reaching it through the window, never a stored copy, keeps them right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.core.session import StudySession
    from desktop.ui.window.main_window import MainWindow


class WindowOps:
    status_ms = 6000  # how long their status-bar messages stay

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def session(self) -> StudySession:
        return self.window.session

    def _status(self, message: str) -> None:
        self.window.statusBar().showMessage(message, self.status_ms)
