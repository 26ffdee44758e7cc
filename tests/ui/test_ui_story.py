"""The whole user story on the real window: highlight, annotate, undo, save, reopen."""

import json

from PySide6.QtCore import Qt

from desktop.ui.notes.highlight_list import CATEGORY_ROLE
from desktop.ui.reader.view import PaintRange
from tests.ui import helpers as ui

PHRASE = "the 9,000 troops that are currently stationed in Iraq"
NOTE = "Check the number: **who** counted?"
STUDY_NOTE = "Source is an opposition outlet."


def test_full_story(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    study, reader, notes = win.session.study, win.reader, win.notes
    assert "Untitled study — iraq-militia-threat.txt" in win.windowTitle()
    assert not win.isWindowModified()
    assert notes.model.rowCount() == 0
    assert notes.stack.currentWidget() is notes.empty  # the "No highlights yet" hint

    # Select the passage the way a keyboard user does: caret, then Shift+Right.
    start, end = ui.span(win, PHRASE)
    reader.setFocus()
    reader.select_range(start, start)  # the seed is BMP-only: UTF-16 == code points
    for _ in range(end - start):
        qtbot.keyClick(reader, Qt.Key.Key_Right, ui.SHIFT)
    assert reader.textCursor().selectedText() == PHRASE
    assert reader.selection_range() == (start, end)

    qtbot.keyClick(reader, Qt.Key.Key_1, ui.CTRL)  # the real Ctrl+1 shortcut
    assert len(study.highlights) == 1
    (hid,) = study.highlights
    h = study.highlights[hid]
    assert (h.quote.exact, h.category_id, h.start, h.end) == (PHRASE, "claim", start, end)
    assert ui.rows(win) == [{"id": hid, "text": PHRASE, "category": "Claim", "orphan": False}]
    assert notes.stack.currentWidget() is notes.list
    assert notes.summary.text().startswith("1 highlight")
    assert notes.current_id() == hid  # the new highlight is selected, its note ready
    assert not reader.textCursor().hasSelection()  # selection dropped to show the colour
    (painted,) = reader.ranges_at(start + 5)
    assert painted == PaintRange(start, end, painted.color, hid, "unverified")
    assert painted.color == "#f2b134"
    assert reader.ranges_at(end) == [] and reader.ranges_at(start - 1) == []
    assert win.isWindowModified() and "[*]" in win.windowTitle()
    assert win.windowHandle().title().startswith("Untitled study — iraq-militia-threat.txt*")

    # Write a note by typing; one Ctrl+Z takes all of it back, Ctrl+Shift+Z restores it.
    editor = notes.card.note.editor
    assert notes.card.isEnabled()
    ui.type_text(qtbot, editor, NOTE)
    assert h.note == NOTE
    assert win.session.undo_stack.count() == 2  # Add highlight + one merged note edit
    qtbot.keyClick(editor, Qt.Key.Key_Z, ui.CTRL)
    assert h.note == "" and editor.toPlainText() == ""
    assert len(study.highlights) == 1, "undo in the note must not remove the highlight"
    qtbot.keyClick(editor, Qt.Key.Key_Z, ui.CTRL | ui.SHIFT)
    assert h.note == NOTE and editor.toPlainText() == NOTE

    # Change the category in the detail's combo box, as a user does with the keyboard.
    combo = notes.card.category
    assert combo.currentText() == "Claim"
    ui.press(qtbot, combo, Qt.Key.Key_Down)
    assert h.category_id == "evidence"
    assert notes.model.index(0).data(CATEGORY_ROLE) == "Evidence"
    assert reader.ranges_at(start)[0].color == "#3fb57d"

    # Delete with the Delete key from the list, then undo both edits from the reader.
    assert win.menu_actions.delete_highlight.shortcut().toString() == "Del"
    ui.press(qtbot, notes.list, Qt.Key.Key_Delete)
    assert study.highlights == {}
    assert notes.model.rowCount() == 0 and reader.ranges_at(start + 5) == []
    ui.press(qtbot, reader, Qt.Key.Key_Z, ui.CTRL)
    assert list(study.highlights) == [hid] and study.highlights[hid].category_id == "evidence"
    assert [r["id"] for r in ui.rows(win)] == [hid]
    assert reader.ranges_at(start + 5)[0].key == hid
    qtbot.keyClick(reader, Qt.Key.Key_Z, ui.CTRL)
    h = study.highlights[hid]
    assert h.category_id == "claim" and h.note == NOTE
    assert ui.rows(win)[0]["category"] == "Claim"

    # The study note, on its own tab.
    ui.click_tab(qtbot, notes.tabs, "Study note")
    ui.type_text(qtbot, notes.study_note.editor, STUDY_NOTE)
    assert study.note == STUDY_NOTE

    # Save with Ctrl+S: the first save asks where.
    target = tmp_path / "study.crosslight"
    win.prompts.save_paths.append(target)
    ui.press(qtbot, reader, Qt.Key.Key_S, ui.CTRL)
    assert target.exists()
    assert win.prompts.suggested == [str(seed_copy.parent / "iraq-militia-threat.crosslight")]
    assert win.windowTitle() == "study.crosslight[*] — Crosslight"
    assert not win.isWindowModified()
    assert win.windowHandle().title() == "study.crosslight — Crosslight"
    assert win.session.path == target.resolve()
    assert win.statusBar().currentMessage() == "Saved study.crosslight"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [x["id"] for x in data["highlights"]] == [hid]
    saved = ui.snapshot(win)

    # A second Ctrl+S writes to the same file without asking again.
    ui.press(qtbot, reader, Qt.Key.Key_S, ui.CTRL)
    assert not win.prompts.save_paths and len(win.prompts.suggested) == 1

    assert win.close()
    assert not win.isVisible()
    assert win.prompts.asked_save == []  # saved: closing asks nothing

    again = window(target)
    assert ui.snapshot(again) == saved
    assert again.session.study.note == STUDY_NOTE
    assert again.windowTitle() == "study.crosslight[*] — Crosslight"
    assert not again.isWindowModified()
    assert ui.rows(again) == [{"id": hid, "text": PHRASE, "category": "Claim", "orphan": False}]
    assert again.reader.ranges_at(start + 5)[0].key == hid
    assert again.notes.study_note.text() == STUDY_NOTE
    again.notes.select_highlight(hid)
    assert again.notes.card.note.text() == NOTE


def test_typing_after_a_save_is_its_own_undo_step(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, PHRASE, 1)
    editor = win.notes.card.note.editor
    ui.type_text(qtbot, editor, "Before.")
    win.prompts.save_paths.append(tmp_path / "s.crosslight")
    qtbot.keyClick(editor, Qt.Key.Key_S, ui.CTRL)
    ui.settle_writes(qtbot, win)
    assert not win.isWindowModified()
    qtbot.keyClicks(editor, " After.")
    assert win.isWindowModified()
    qtbot.keyClick(editor, Qt.Key.Key_Z, ui.CTRL)
    assert win.session.study.highlights[hid].note == "Before."
    assert editor.toPlainText() == "Before."
    assert not win.isWindowModified(), "undoing back to the saved state is unmodified"


def test_delete_and_select_all_in_a_note_edit_the_note(qtbot, window, seed_copy):
    """Delete and Ctrl+A are window shortcuts too; in a note they must edit the text."""
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, PHRASE, 1)
    editor = win.notes.card.note.editor
    ui.type_text(qtbot, editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert hid in win.session.study.highlights
    assert win.session.study.highlights[hid].note == "bc"
    qtbot.keyClick(editor, Qt.Key.Key_A, ui.CTRL)
    assert editor.textCursor().selectedText() == "bc"
    assert not win.reader.textCursor().hasSelection()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert win.session.study.highlights[hid].note == ""
