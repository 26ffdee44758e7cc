"""Fixtures for driving the real main window with qtbot.

``FakePrompts`` stands in for every dialog: answers are scripted per test, and an
unscripted question fails the test instead of waiting for a click. ``dialog_guard`` makes
any real message box, file dialog or popup menu fail the test, so nothing can hang."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from desktop.storage.opening import open_path
from desktop.ui.core.session import StudySession
from desktop.ui.window.main_window import MainWindow
from tests.ui import helpers
from tests.ui.helpers import (
    SEED,
    DialogGuard,
    FakePrompts,
    _stop_asking,
    activate,
)
from tests.ui.study_files import make_study_file


@pytest.fixture(autouse=True)
def dialog_guard(monkeypatch):
    """A real modal dialog or menu would wait forever offscreen: fail instead."""
    guard = DialogGuard()
    for name in ("warning", "information", "question", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, guard.refuse(f"QMessageBox.{name}"))
    monkeypatch.setattr(QMessageBox, "exec", guard.refuse("QMessageBox.exec"))
    monkeypatch.setattr(QDialog, "exec", guard.refuse("QDialog.exec"))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, guard.refuse(f"QFileDialog.{name}"))
    # QMenu.exec cannot be patched (a static/instance overload): the timer catches menus.
    guard.timer.start()
    yield guard
    guard.timer.stop()
    assert not guard.shown, f"real dialogs were opened: {guard.shown}"


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """The sample article, copied so a test may point the app at it freely."""
    path = tmp_path / SEED.name
    shutil.copyfile(SEED, path)
    return path


@pytest.fixture
def study_file(tmp_path, seed_copy) -> Path:
    """A saved study with one highlight, noted "on disk" (see ``study_files``)."""
    return make_study_file(tmp_path, seed_copy)


@pytest.fixture
def window(qtbot):
    """Factory: ``window(path)`` opens ``path`` in a real, shown, active MainWindow."""

    def make(path: Path, prompts: FakePrompts | None = None, size=(1280, 820)) -> MainWindow:
        opened = open_path(path)
        session = StudySession.from_opened(opened)
        win = MainWindow(session, prompts or FakePrompts())
        qtbot.addWidget(win, before_close_func=_stop_asking)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        activate(qtbot, win)
        return win

    return make


@pytest.fixture
def ui():
    """The helpers module, for tests written before it was one (on other branches);
    tests here import it: ``from tests.ui import helpers as ui``."""
    return helpers


@pytest.fixture
def local_web(config_dir):
    """A real HTTP server on 127.0.0.1 with the web services' settings pointed at it."""
    from tests.ui.web_fixtures import start_local_web

    server = start_local_web()
    yield server
    server.close()
