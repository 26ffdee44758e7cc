"""Links in notes, the source notes and references: only web addresses open, and only
after the user agrees (a note may hold any link; nothing opens by a click alone)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.ui.controllers.base import Controller

SAFE_LINK_SCHEMES = {"http", "https"}


class LinkController(Controller):
    def open(self, url: QUrl) -> None:
        if url.scheme().lower() not in SAFE_LINK_SCHEMES:
            self.prompts.error(
                "Link not opened",
                f"Crosslight only opens web links (http, https). This link was not opened:\n\n"
                f"{url.toString()}",
            )
            return
        if self.prompts.confirm("Open link?", f"Open this address in your browser?\n\n"
                                f"{url.toString()}", "Open in Browser"):
            QDesktopServices.openUrl(url)
