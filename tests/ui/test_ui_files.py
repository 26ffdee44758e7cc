"""Closing with unsaved work, opening other files, failures that leave the study alone,
and orphaned highlights."""

import json

import pytest
from PySide6.QtCore import Qt

from desktop.storage.studyfile import load_study
from desktop.ui.dialogs.prompts import SaveChoice
from tests.ui import helpers as ui

PHRASE = "Harakat al-Nujaba"


@pytest.fixture
def edited(qtbot, window, seed_copy):
    """A window with one unsaved highlight."""
    win = window(seed_copy)
    ui.highlight(qtbot, win, PHRASE, 1)
    assert win.isWindowModified()
    return win


def test_close_cancel_keeps_the_window_open(edited):
    edited.prompts.save_choices.append(SaveChoice.CANCEL)
    assert not edited.close()
    assert edited.isVisible()
    assert edited.prompts.asked_save == ["Untitled study"]
    assert len(edited.session.study.highlights) == 1 and edited.isWindowModified()


def test_close_discard_closes_without_writing(edited, tmp_path):
    edited.prompts.save_choices.append(SaveChoice.DISCARD)
    assert edited.close()
    assert not edited.isVisible()
    assert list(tmp_path.glob("*.crosslight")) == []


def test_close_save_writes_then_closes(edited, tmp_path):
    target = tmp_path / "kept.crosslight"
    edited.prompts.save_choices.append(SaveChoice.SAVE)
    edited.prompts.save_paths.append(target)
    assert edited.close()
    assert not edited.isVisible()
    (h,) = load_study(target).study.highlights.values()
    assert h.quote.exact == PHRASE


def test_close_save_but_cancel_the_save_dialog_stays_open(edited):
    edited.prompts.save_choices.append(SaveChoice.SAVE)
    edited.prompts.save_paths.append(None)
    assert not edited.close()
    assert edited.isVisible() and edited.isWindowModified()


def test_close_save_that_fails_stays_open_and_says_why(edited, tmp_path):
    edited.prompts.save_choices.append(SaveChoice.SAVE)
    edited.prompts.save_paths.append(tmp_path / "no-such-dir" / "x.crosslight")
    assert not edited.close()
    assert edited.isVisible() and edited.isWindowModified()
    ((title, message),) = edited.prompts.errors
    assert title == "Could not save" and "Save As" in message


def test_quit_shortcut_asks_too(qtbot, edited):
    edited.prompts.save_choices.append(SaveChoice.CANCEL)
    ui.press(qtbot, edited.reader, Qt.Key.Key_Q, ui.CTRL)
    assert edited.prompts.asked_save == ["Untitled study"]
    assert edited.isVisible()


def test_open_markdown_starts_a_new_study(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    md = tmp_path / "notes on it.md"
    md.write_text("# A heading\n\nSome *markdown* text to read.\n", encoding="utf-8")
    old = win.session
    assert win.files.open(md)
    assert win.session is not old
    assert win.windowTitle() == "Untitled study — notes on it.md[*] — Crosslight"
    # Markdown is shown rendered: the markers are gone, highlights anchor to what is seen.
    assert win.reader.toPlainText() == "A heading\n\nSome markdown text to read."
    assert win.session.document.media_type == "text/markdown"
    assert not win.isWindowModified() and win.notes.model.rowCount() == 0
    assert win.statusBar().currentMessage() == "Opened notes on it.md"
    # The new study works like the first: highlight, undo.
    hid = ui.highlight(qtbot, win, "markdown", 5)
    assert ui.rows(win)[0]["id"] == hid and win.isWindowModified()
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert win.session.study.highlights == {} and not win.isWindowModified()


def test_file_open_action_uses_the_open_prompt(qtbot, edited, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Another text entirely.\n", encoding="utf-8")
    # Ctrl+O with unsaved work: asked first; Cancel keeps everything.
    session = edited.session
    edited.prompts.open_paths.append(other)
    edited.prompts.save_choices.append(SaveChoice.CANCEL)
    ui.press(qtbot, edited.reader, Qt.Key.Key_O, ui.CTRL)
    assert edited.prompts.asked_save == ["Untitled study"]
    assert edited.session is session and len(session.study.highlights) == 1
    assert "Untitled study — iraq-militia-threat.txt" in edited.windowTitle()
    # Again, and discard: the other document opens.
    edited.prompts.open_paths.append(other)
    edited.prompts.save_choices.append(SaveChoice.DISCARD)
    qtbot.keyClick(edited.reader, Qt.Key.Key_O, ui.CTRL)
    assert edited.reader.toPlainText() == "Another text entirely.\n"
    assert "Untitled study — other.txt" in edited.windowTitle()
    assert edited.notes.model.rowCount() == 0 and edited.reader.ranges_at(0) == []
    # Cancelling the file dialog does nothing.
    edited.prompts.open_paths.append(None)
    qtbot.keyClick(edited.reader, Qt.Key.Key_O, ui.CTRL)
    assert edited.reader.toPlainText() == "Another text entirely.\n"
    assert not edited.prompts.open_paths


def newer_version(tmp_path, study_bytes):
    data = json.loads(study_bytes)
    data["version"] = data["requires"] = 99  # needs a newer reader
    path = tmp_path / "future.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d, s: d / "missing.txt", "does not exist"),
        (lambda d, s: d / "missing.crosslight", "does not exist"),
        (lambda d, s: _write(d / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
         "binary file"),
        (lambda d, s: _write(d / "cut.crosslight", s[: len(s) // 2]), "not valid JSON"),
        (newer_version, "newer Crosslight"),
        (lambda d, s: _write(d / "picture.png", b"\x89PNG"), "not a Crosslight study"),
    ],
    ids=["missing-txt", "missing-study", "binary", "truncated", "newer", "unknown-kind"],
)
def test_open_failure_shows_why_and_keeps_the_study(
    qtbot, edited, tmp_path, make, expected
):
    good = tmp_path / "good.crosslight"
    edited.prompts.save_paths.append(good)
    assert edited.files.save()
    (hid,) = edited.session.study.highlights
    edited.notes.select_highlight(hid)
    edited.notes.card.note.editor.setFocus()
    qtbot.keyClicks(edited.notes.card.note.editor, "unsaved note")  # work at stake
    bad = make(tmp_path, good.read_bytes())
    session, title, rows = edited.session, edited.windowTitle(), ui.rows(edited)

    assert not edited.files.open(bad)

    ((heading, message),) = edited.prompts.errors
    assert heading == "Could not open"
    assert expected in message
    assert bad.name in message
    assert "Traceback" not in message
    assert edited.prompts.asked_save == []  # nothing was put at risk
    assert edited.session is session and edited.windowTitle() == title
    assert list(session.study.highlights) == [hid]
    assert session.study.highlights[hid].note == "unsaved note"
    assert edited.isWindowModified()
    assert ui.rows(edited) == rows
    assert edited.reader.toPlainText() == session.document.text


def _write(path, data):
    path.write_bytes(data)
    return path
