"""Ctrl+S writes on a worker thread: the window stays usable, and edits made while the
file is being written are neither lost nor wrongly marked as saved."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from desktop.storage import saving
from desktop.storage.errors import StorageError
from desktop.storage.studyfile import load_study
from desktop.ui.controllers import files as file_ops
from tests.ui import helpers as ui

PHRASE = "Harakat al-Nujaba"


def _start_gated_save(qtbot, win, target, ui, monkeypatch) -> threading.Event:
    """Press Ctrl+S with the file write held until the returned gate is set."""
    entered, gate = threading.Event(), threading.Event()

    def slow_save(snapshot, path, **options):
        entered.set()
        assert gate.wait(10)
        return saving.save_study(snapshot, path, **options)

    monkeypatch.setattr(file_ops, "save_study", slow_save)
    win.prompts.save_paths.append(target)
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_S, ui.CTRL)  # returns at once: the write waits
    assert entered.wait(5)
    return gate


def test_window_keeps_working_while_the_file_is_written(qtbot, window, seed_copy, tmp_path,
                                                        monkeypatch):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, PHRASE, 1)
    target = tmp_path / "s.crosslight"
    gate = _start_gated_save(qtbot, win, target, ui, monkeypatch)
    assert win.files.writer.busy
    assert "Saving s.crosslight" in win.statusBar().currentMessage()
    editor = win.notes.card.note.editor
    qtbot.keyClicks(editor, "typed while saving")  # the UI thread is free
    qtbot.waitUntil(lambda: win.session.study.highlights[hid].note == "typed while saving")

    gate.set()
    qtbot.waitUntil(lambda: not win.files.writer.busy)
    saved = load_study(target).study
    assert saved.highlights[hid].note == ""  # the file holds the study as of Ctrl+S
    assert win.isWindowModified()  # and the later typing is still unsaved
    assert "not saved yet" in win.statusBar().currentMessage()
    assert win.session.path == target.resolve()

    monkeypatch.undo()
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert not win.isWindowModified()
    assert load_study(target).study.highlights[hid].note == "typed while saving"


def test_a_failed_background_write_asks_what_to_do(qtbot, window, seed_copy, tmp_path,
                                                   monkeypatch):
    win = window(seed_copy)
    ui.highlight(qtbot, win, PHRASE, 1)
    target = tmp_path / "s.crosslight"
    win.prompts.save_paths.append(target)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    ui.highlight(qtbot, win, "Iraq", 2)

    def failing(snapshot, path, **options):
        raise StorageError(f"Could not save “{path}”: the disk is full (No space left)")

    monkeypatch.setattr(file_ops, "save_study", failing)
    win.prompts.script("ask_save_failed", False)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    ((name, (file_name, reason)),) = win.prompts.dialog_calls
    assert (name, file_name) == ("ask_save_failed", target.name)
    assert "disk is full" in reason
    assert win.isWindowModified()
    assert len(load_study(target).study.highlights) == 1  # the earlier file is untouched


def test_an_unexpected_error_in_the_writer_is_a_message_not_a_crash(
        qtbot, window, seed_copy, tmp_path, monkeypatch):
    win = window(seed_copy)
    ui.highlight(qtbot, win, PHRASE, 1)
    win.prompts.save_paths.append(tmp_path / "s.crosslight")

    def broken(snapshot, path, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr(file_ops, "save_study", broken)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    (title, message), = win.prompts.errors
    assert title == "Could not save" and "unexpected error" in message and "boom" in message
    assert win.isWindowModified()


def test_closing_waits_for_the_write(qtbot, window, seed_copy, tmp_path, monkeypatch):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, PHRASE, 1)
    target = tmp_path / "s.crosslight"
    gate = _start_gated_save(qtbot, win, target, ui, monkeypatch)
    threading.Timer(0.2, gate.set).start()
    win.close()  # no question: the write in flight completes, then the study is clean
    assert not win.isVisible()
    assert hid in load_study(target).study.highlights


def test_the_first_save_after_opening_needs_no_full_build(qtbot, window, seed_copy, tmp_path,
                                                          monkeypatch):
    """The snapshot cache fills in idle moments after a study opens, so Ctrl+S only
    snapshots; building a highlight's data on the UI thread then would be a stall."""
    from desktop.storage import snapshot

    win = window(seed_copy)
    for phrase in (PHRASE, "Iraq", "Mosul"):
        ui.highlight(qtbot, win, phrase, 1)
    target = tmp_path / "s.crosslight"
    win.prompts.save_paths.append(target)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    reopened = window(target)
    qtbot.waitUntil(lambda: not reopened.session._warming.isActive())

    def no_building(_highlight):
        raise AssertionError("a highlight's data was built at save time")

    monkeypatch.setattr(snapshot, "highlight_to_data", no_building)
    reopened.session.study.note = ""  # nothing to rebuild; saving must not build either
    assert reopened.files.save()
    assert len(load_study(target).study.highlights) == 3
