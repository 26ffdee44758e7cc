"""The local web server for UI tests, with the user's service settings pointed at it.

The services asked (doi.org, Open Library, the Wayback Machine) are settings, so the
window under test talks to 127.0.0.1 only; no test reaches the internet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from desktop.storage.settings import update_settings
from tests.web.web_server import Answer, LocalWeb, fixture

__all__ = ["Answer", "LocalWeb", "fixture", "press_cancel_when_shown", "start_local_web"]

ARTICLE = fixture("article.html")
V2 = (ARTICLE.replace(b"9,000 troops are currently stationed",
                      b"8,500 troops are currently stationed")
      .replace(b"<p>The official also said that the militias spend billions of dollars every "
               b"year on their operations, without giving a source for the claim.</p>\n", b""))
DOI = "10.1021/ja01577a030"  # the recorded Crossref CSL-JSON of the local doi.org


def start_local_web():
    """A started server; the user's service settings point at it (``local_web``)."""
    server = LocalWeb().start()
    update_settings(web_doi_base=server.url("/doi/"),
                    web_openlibrary_base=server.url("/openlibrary/"),
                    web_wayback_save=server.url("/save/"),
                    web_wayback_available=server.url("/wayback/available"))
    return server


def press_cancel_when_shown(qtbot, prompts) -> tuple[QTimer, list[bool]]:
    """Press Cancel on the first progress dialog once it shows (the command waits for
    the worker in a nested event loop, so the test acts from a timer)."""
    pressed: list[bool] = []

    def press() -> None:
        dialogs = prompts.progress_dialogs
        if dialogs and dialogs[0].isVisible():
            qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.MouseButton.LeftButton)
            pressed.append(True)
            poll.stop()

    poll = QTimer(interval=20)
    poll.timeout.connect(press)
    poll.start()
    return poll, pressed
