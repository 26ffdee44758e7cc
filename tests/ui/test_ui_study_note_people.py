"""Who wrote the study note, under it in the window (issue #19): typed by one person,
edited by another, undone, saved and reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.storage.settings import update_settings
from tests.ui import helpers as ui


def test_the_study_note_names_who_wrote_and_edited_it(qtbot, window, seed_copy, tmp_path):
    update_settings(user_name="A. Rahimi", user_organisation="")
    win = window(seed_copy)
    byline = win.notes.study_note_byline
    assert byline.text() == ""
    ui.type_text(qtbot, win.notes.study_note.editor, "Our question")
    assert byline.text().startswith("written by A. Rahimi, ")
    update_settings(user_name="B. Lee")
    win.notes.study_note.editor.setFocus()
    qtbot.keyClicks(win.notes.study_note.editor, ", answered")
    assert "· edited by B. Lee, " in byline.text()
    win.session.undo_stack.undo()
    assert "edited by" not in byline.text()
    win.session.undo_stack.redo()
    target = tmp_path / "team.crosslight"
    win.prompts.save_paths.append(target)
    win.reader.setFocus()
    qtbot.keyClick(win.reader, Qt.Key.Key_S, ui.CTRL)
    qtbot.waitUntil(lambda: target.exists() and not win.files.writer.busy, timeout=10000)
    again = window(target)
    text = again.notes.study_note_byline.text()
    assert text.startswith("written by A. Rahimi, ") and "edited by B. Lee" in text
