"""One shape for every controller: a QObject child of the window, built with the
window's narrow context (``WindowContext``) and its collaborators as arguments.

Being a child of the window ends a controller with it (theme and focus signals from
the application stop reaching it). The session is read through the context each time:
File › Open or a reload may replace it at any moment, so no controller keeps a copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop.ui.controllers.context import WindowContext
    from desktop.ui.core.session import StudySession
    from desktop.ui.dialogs.prompts import Prompts


class Controller(QObject):
    status_ms = 6000  # how long their status-bar messages stay

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.window())
        self.ctx = ctx

    @property
    def session(self) -> StudySession:
        return self.ctx.session

    @property
    def prompts(self) -> Prompts:
        return self.ctx.prompts

    def _status(self, message: str, ms: int | None = None) -> None:
        self.ctx.status(message, self.status_ms if ms is None else ms)
