"""Dropping files on the window opens them as File > Open does."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.dialogs.prompts import SaveChoice
from tests.ui import helpers as ui
from tests.ui.helpers import SEED


def mime_for(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_enter(target, mime: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event


def drop(target, mime: QMimeData) -> QDropEvent:
    """Drag in, then drop (Qt delivers a drop only where the drag was accepted)."""
    drag_enter(target, mime)
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event


def saved_study(qtbot, window, seed_copy, tmp_path, ui):
    """A study file on disk (made through the app), and the window that made it."""
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    path = tmp_path / "dropped.crosslight"
    win.prompts.save_paths.append(path)
    assert win.files.save()
    assert win.files.open(seed_copy)  # lets the study go (and its lock)
    return win, path


def test_dropping_a_study_opens_it(qtbot, window, seed_copy, tmp_path):
    _, study = saved_study(qtbot, window, seed_copy, tmp_path, ui)
    win = window(seed_copy)
    enter = drag_enter(win, mime_for(study))
    assert enter.isAccepted()
    assert "Drop to open dropped.crosslight" in win.statusBar().currentMessage()
    assert drop(win, mime_for(study)).isAccepted()
    qtbot.waitUntil(lambda: win.session.path == study.resolve())
    assert len(win.session.study.highlights) == 1
    assert win.statusBar().currentMessage() == "Opened dropped.crosslight"


def test_dropping_a_document_on_the_text_opens_it(qtbot, window, seed_copy, tmp_path):
    other = tmp_path / "other.md"
    shutil.copyfile(SEED, other)
    win = window(seed_copy)
    viewport = win.reader.viewport()  # where a drop on the text lands first
    assert drag_enter(viewport, mime_for(other)).isAccepted()
    drop(viewport, mime_for(other))
    qtbot.waitUntil(lambda: win.session.document.source_path == str(other.resolve()))
    assert win.session.path is None


def test_a_file_dropped_on_a_note_opens_instead_of_typing_its_path(qtbot, window, seed_copy,
                                                                   tmp_path):
    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    win = window(seed_copy)
    mime = mime_for(other)
    mime.setText(str(other))  # file managers send the path as text too
    editor = win.notes.study_note.editor
    assert editor.acceptDrops()
    drop(editor.viewport(), mime)
    qtbot.waitUntil(lambda: win.session.document.source_path == str(other.resolve()))
    assert win.session.study.note == "" and editor.toPlainText() == ""
    line = win.notes.text_filter
    drop(line, mime_for(seed_copy))
    qtbot.waitUntil(lambda: win.session.document.source_path == str(seed_copy.resolve()))
    assert line.text() == ""


def test_a_drop_asks_to_save_unsaved_changes_first(qtbot, window, seed_copy, tmp_path):
    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    win.prompts.save_choices.append(SaveChoice.CANCEL)
    drop(win, mime_for(other))
    qtbot.waitUntil(lambda: win.prompts.asked_save == ["Untitled study"])
    assert win.session.document.source_path == str(seed_copy.resolve())
    assert len(win.session.study.highlights) == 1


def test_an_unsupported_drop_says_why_and_changes_nothing(qtbot, window, seed_copy, tmp_path):
    picture = tmp_path / "photo.exe"
    picture.write_bytes(b"MZ\x00\x00")
    win = window(seed_copy)
    before = win.session
    assert drag_enter(win, mime_for(picture)).isAccepted()
    assert "cannot open photo.exe" in win.statusBar().currentMessage()
    drop(win, mime_for(picture))
    qtbot.wait(10)
    message = win.statusBar().currentMessage()
    assert "Crosslight cannot open “photo.exe”" in message
    assert ".crosslight" in message and ".txt" in message
    assert win.session is before and not win.prompts.errors


def test_several_files_open_the_first_study_or_document_and_say_so(qtbot, window, seed_copy,
                                                                   tmp_path):
    junk = tmp_path / "notes.odt"
    junk.write_bytes(b"PK")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for path in (first, second):
        shutil.copyfile(SEED, path)
    win = window(seed_copy)
    drop(win, mime_for(junk, first, second))
    qtbot.waitUntil(lambda: win.session.document.source_path == str(first.resolve()))
    message = win.statusBar().currentMessage()
    assert "Opened first.txt" in message and "3 files were dropped" in message


def test_web_addresses_and_plain_text_are_not_taken(window, seed_copy):
    win = window(seed_copy)
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/a.txt")])
    assert not drag_enter(win, mime).isAccepted()
    text = QMimeData()
    text.setText("just words")
    assert not drag_enter(win, text).isAccepted()
