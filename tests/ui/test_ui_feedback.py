"""Focus and feedback (issue #17): a deletion says what went and offers Undo in a quiet
bar; repeated clicks where passages overlap reach each of them; a preference sends a new
highlight's cursor to its note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.storage.settings import load_settings


def test_a_deletion_shows_a_non_modal_undo_bar_that_brings_it_back(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, "9,000 troops", 1)
    win.notes.noteEdited.emit(hid, "a note")
    ui.press(qtbot, win.notes.list, Qt.Key.Key_Delete)
    assert hid not in win.session.study.highlights
    bar = win.undo_bar
    assert bar.isVisible() and "Highlight deleted" in bar.label.text()
    assert "note" in bar.label.text()
    assert QApplication.activeModalWidget() is None
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert win.session.study.highlights[hid].note == "a note"
    assert not bar.isVisible()


def test_repeated_clicks_on_overlapping_passages_cycle(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    outer = ui.highlight(qtbot, win, "the 9,000 troops that are currently", 1)
    inner = ui.highlight(qtbot, win, "9,000 troops", 2)
    start = win.session.document.text.index("9,000 troops") + 2
    point = ui.point_at(win, start)
    picked = []
    for _ in range(3):
        qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
        picked.append(win.notes.current_id())
    assert picked[0] in (inner, outer) and set(picked) == {inner, outer}
    assert picked[0] != picked[1] and picked[2] == picked[0]


def test_a_preference_sends_a_new_highlight_to_its_note(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    assert QApplication.focusWidget() is not win.notes.card.note.editor  # stays in the text
    win.look.open_preferences()
    win.look.preferences_dialog.note_after.setChecked(True)
    assert load_settings().note_after_highlight
    ui.activate(qtbot, win)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.notes.card.note.editor)


def test_cards_by_keyboard_enter_edits_the_note_and_esc_goes_back(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    first = ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    second = ui.highlight(qtbot, win, "9,000 troops", 1)
    notes = win.notes
    notes.select_highlight(first)
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_Down)
    assert notes.current_id() == second
    qtbot.keyClick(notes.list, Qt.Key.Key_Return)
    editor = notes.card.note.editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    qtbot.keyClicks(editor, "from the card")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is notes.list)
    assert win.session.study.highlights[second].note == "from the card"
