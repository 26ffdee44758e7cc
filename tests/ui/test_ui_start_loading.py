"""``crosslight BIG.pdf`` shows the window at once, with the progress bar while the
document loads (issue #14, item 5): it used to read the whole file before any window."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from desktop import cli
from desktop.storage.formats import pdf as pdf_format
from desktop.ui import app as app_module
from tests.format_fixtures import make_pdf
from tests.ui.helpers import FakePrompts

PAGES = ["Report on the militia\nIntroduction", "The claim on page two", "Third page"]


def big_pdf(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(make_pdf(PAGES * 400))  # > 256 KB: a "slow" document
    return path


def test_the_window_shows_before_the_document_is_read(qtbot, tmp_path, monkeypatch):
    path = big_pdf(tmp_path)
    release = threading.Event()
    started = threading.Event()
    real = pdf_format.load_pdf

    def slow(source):
        started.set()
        source.step(0.25)
        release.wait(20)
        return real(source)

    monkeypatch.setattr(pdf_format, "load_pdf", slow)
    prompts = FakePrompts()
    refused: list[object] = []
    window = app_module.start_loading(path, prompts, on_refused=refused.append)
    qtbot.addWidget(window)
    assert window.isVisible()  # at once: nothing has been read yet
    assert "Opening “big.pdf”" in window.session.document.text
    seen: list[tuple[bool, int, bool]] = []

    def look():  # runs inside the load's own event loop, as the user would see it
        dialogs = prompts.progress_dialogs
        if started.is_set() and dialogs and dialogs[0].isVisible() and dialogs[0].value():
            seen.append((window.isVisible(), dialogs[0].value(),
                         "Opening" in window.session.document.text))
            poll.stop()
            release.set()

    poll = QTimer(interval=20)
    poll.timeout.connect(look)
    poll.start()
    qtbot.waitUntil(lambda: "Report on the militia" in window.session.document.text,
                    timeout=30_000)
    poll.stop()
    assert seen == [(True, 250, True)]  # window shown, bar moving, document not yet in
    assert len(window.session.document.pages) == 1200
    assert refused == [] and window.isVisible()


def test_a_refused_large_document_reports_once_and_closes(qtbot, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(make_pdf(PAGES * 400)[:300_000])  # truncated download
    prompts = FakePrompts()
    refused: list[object] = []
    window = app_module.start_loading(path, prompts, on_refused=refused.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(refused), timeout=20_000)
    assert "cut.pdf" in str(refused[0]) and prompts.errors == []
    assert not window.isVisible()


def test_the_command_line_defers_large_documents_to_the_window(tmp_path, monkeypatch):
    path = big_pdf(tmp_path)
    small = tmp_path / "small.pdf"
    small.write_bytes(make_pdf(PAGES))
    seen: list[object] = []
    monkeypatch.setattr(app_module, "run_loading", lambda p: seen.append(p) or 0)
    monkeypatch.setattr(cli, "open_path", lambda p: (_ for _ in ()).throw(
        AssertionError("read before the window")))
    assert cli.main([str(path)]) == 0
    assert seen == [path]
    assert cli._loads_slowly(path) and not cli._loads_slowly(small)
