"""Annotation cards (#17), driven as a user would: the selected card opens in place in
the list (no tabs under it), ↑/↓ move between cards, Enter writes the note, Esc leaves,
and note, verdict, rationale, tags, delete and undo all happen inside the card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from desktop.domain.crosscheck import Verdict
from desktop.ui.notes.pane import PICK_HINT
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
QUOTE = "We will not allow the Americans"
PRETENDED = "pretended to fight ISIS"


def focused():
    return QApplication.focusWidget()


def card_rect_in_list(win):
    """The open card's rectangle and its row's, in the list's viewport."""
    notes = win.notes
    row = notes.model.row_of(notes.current_id())
    return notes.card.geometry(), notes.list.visualRect(notes.model.index(row))


def test_the_selected_card_opens_in_place_with_no_tab_levels(qtbot, window, seed_copy):
    win = window(seed_copy)
    first = ui.highlight(qtbot, win, TROOPS, 1)
    second = ui.highlight(qtbot, win, PRETENDED, 4)
    notes = win.notes
    ui.click_list(qtbot, win, first)
    assert notes.current_id() == first
    card, row = card_rect_in_list(win)
    assert notes.card.isVisible() and notes.card.parent() is notes.list.viewport()
    assert card.top() == row.top() and card.height() > 2 * row.height()  # open, in place
    assert "9,000 troops" in notes.card.quote.text()
    # The next card is compact, below the open one: clicking it moves the open card there.
    below = notes.list.visualRect(notes.model.index(notes.model.row_of(second)))
    assert below.top() >= card.bottom()
    point = ui.list_point(win, second)
    qtbot.mouseClick(notes.list.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert notes.current_id() == second and PRETENDED in notes.card.quote.text()
    card, row = card_rect_in_list(win)
    assert card.top() == row.top() and card.contains(point)  # the pointer is on it
    assert win.reader.flashing  # and shown in the text, as a click on a card does
    assert [r["id"] for r in ui.rows(win)] == [first, second]  # spacers are not cards
    # Everything about a highlight is in the card: no tab widget inside it.
    assert notes.card.findChildren(QTabWidget) == []
    assert notes.card.evidence.isVisible() and notes.card.links.isVisible()
    assert notes.card.tags.isVisible() and notes.card.verdict.rationale.isVisible()


def test_arrows_step_over_the_open_card_enter_writes_esc_leaves(qtbot, window, seed_copy):
    win = window(seed_copy)
    ids = [ui.highlight(qtbot, win, phrase, n)
           for phrase, n in ((TROOPS, 1), (QUOTE, 3), (PRETENDED, 4))]
    notes = win.notes
    notes.select_highlight(ids[0])
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_Down)
    assert notes.current_id() == ids[1]
    qtbot.keyClick(notes.list, Qt.Key.Key_Down)
    assert notes.current_id() == ids[2]
    qtbot.keyClick(notes.list, Qt.Key.Key_Down)  # the last card: stays
    assert notes.current_id() == ids[2]
    qtbot.keyClick(notes.list, Qt.Key.Key_Up)
    qtbot.keyClick(notes.list, Qt.Key.Key_Up)
    assert notes.current_id() == ids[0]
    qtbot.keyClick(notes.list, Qt.Key.Key_End)
    assert notes.current_id() == ids[2]
    qtbot.keyClick(notes.list, Qt.Key.Key_Home)
    assert notes.current_id() == ids[0]
    qtbot.keyClick(notes.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is notes.card.note.editor)
    qtbot.keyClick(notes.card.note.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is notes.list)
    qtbot.keyClick(notes.list, Qt.Key.Key_Escape)  # and from the list back to the text
    qtbot.waitUntil(lambda: focused() is win.reader)


def test_a_card_edited_by_keyboard_note_verdict_rationale_tag_delete_undo(
        qtbot, window, seed_copy):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, TROOPS, 1)
    notes, card = win.notes, win.notes.card
    notes.list.setFocus()
    qtbot.keyClick(notes.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is card.note.editor)
    qtbot.keyClicks(card.note.editor, "**Check the number.**")
    # Preview in the card: a toggle, by key, rendered.
    qtbot.keyClick(card.note.editor, Qt.Key.Key_M, ui.CTRL | ui.SHIFT)
    assert card.note.previewing and "Check the number." in card.note.preview.toPlainText()
    qtbot.keyClick(focused(), Qt.Key.Key_M, ui.CTRL | ui.SHIFT)
    assert not card.note.previewing and focused() is card.note.editor
    # A verdict by its key: the cursor lands in the rationale, typing goes there.
    qtbot.keyClick(card.note.editor, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: focused() is card.verdict.rationale)
    qtbot.keyClicks(focused(), "Official figures were lower")
    # Tags: Ctrl+T, type, Enter.
    qtbot.keyClick(focused(), Qt.Key.Key_T, ui.CTRL)
    qtbot.waitUntil(lambda: focused() is card.tags)
    qtbot.keyClicks(card.tags, "troops")
    qtbot.keyClick(card.tags, Qt.Key.Key_Return)
    h = win.session.study.highlights[hid]
    assert (h.note, h.verdict, h.rationale, h.tags) == (
        "**Check the number.**", Verdict.DISPUTED, "Official figures were lower", ["troops"])
    assert notes.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "tags: troops")
    # Esc leaves the card; Del deletes; the quiet bar offers Undo; Ctrl+Z brings it all back.
    qtbot.keyClick(card.tags, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is notes.list)
    qtbot.keyClick(notes.list, Qt.Key.Key_Delete)
    assert hid not in win.session.study.highlights and not card.isVisible()
    assert win.undo_bar.isVisible() and "Undo" in win.undo_bar.undo_button.text()
    qtbot.keyClick(notes.list, Qt.Key.Key_Z, ui.CTRL)
    h = win.session.study.highlights[hid]
    assert (h.note, h.verdict, h.tags) == ("**Check the number.**", Verdict.DISPUTED,
                                           ["troops"])
    assert notes.current_id() == hid and card.isVisible()
    assert card.verdict.rationale.text() == "Official figures were lower"


def test_empty_states_say_what_to_do(qtbot, window, seed_copy):
    win = window(seed_copy)
    notes = win.notes
    assert notes.stack.currentWidget() is notes.empty
    assert "Select a passage in the text" in notes.empty.text()
    hid = ui.highlight(qtbot, win, TROOPS, 1)
    notes.list.clearSelection()
    notes.list.setCurrentIndex(notes.model.index(-1))
    assert notes.current_id() is None and not notes.card.isVisible()
    assert notes.hint.text() == PICK_HINT
    notes.select_highlight(hid)
    assert "write the note" in notes.hint.text() and "back to the list" in notes.hint.text()
    # An empty note's preview says how to write one; an empty card lists no greyed buttons.
    notes.card.note.show_preview()
    assert notes.card.note.preview.toPlainText().startswith("Nothing written yet.")
    assert notes.card.evidence.title.text().startswith("Sources — none yet")
    assert not notes.card.evidence.detach.isVisible()
    assert notes.card.evidence.attach.isVisible()


def test_opening_another_card_tells_the_view_nothing_to_lay_out(qtbot, window, seed_copy):
    """Any row signal makes QListView lay out every row again (two calls into Python per
    row: 100 ms per card at 10k highlights); moving the open card re-maps rows instead."""
    win = window(seed_copy)
    ids = [ui.highlight(qtbot, win, phrase, n)
           for phrase, n in ((TROOPS, 1), (QUOTE, 3), (PRETENDED, 4))]
    notes, model = win.notes, win.notes.model
    notes.select_highlight(ids[0])
    heard = []
    for name in ("rowsInserted", "rowsRemoved", "rowsMoved", "layoutChanged", "modelReset",
                 "dataChanged"):
        getattr(model, name).connect(lambda *_args, name=name: heard.append(name))
    notes.list.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home):
        qtbot.keyClick(notes.list, key)
        card, row = card_rect_in_list(win)
        assert card.top() == row.top()  # the card is where its row is, at once
    ui.click_list(qtbot, win, ids[2])
    assert notes.current_id() == ids[2]
    assert heard == []
    assert [r["id"] for r in ui.rows(win)] == ids


def test_tab_through_a_card_taller_than_the_list_keeps_each_field_in_view(
        qtbot, window, seed_copy):
    win = window(seed_copy, size=(1100, 560))
    ui.highlight(qtbot, win, TROOPS, 1)
    notes, card = win.notes, win.notes.card
    viewport = notes.list.viewport()
    assert card.height() > viewport.height()  # the card does not fit: the list scrolls
    card.category.setFocus()
    qtbot.waitUntil(lambda: focused() is card.category)
    seen = []
    while focused() is not card.tags and len(seen) < 20:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        widget = focused()
        seen.append(widget)
        top = widget.mapTo(viewport, widget.rect().topLeft()).y()
        assert top >= 0 and top + widget.height() <= viewport.height(), widget.accessibleName()
    assert focused() is card.tags


def test_a_card_row_is_never_edited_as_text_and_its_count_follows_the_rows(
        qtbot, window, seed_copy):
    """The list's rows are counted by a C++ string-list model (fast layout), whose own
    flags call a row editable: a double-click or F2 must still open the card, not a line
    editor over the row; and its row count follows filtering, a card opened, a delete."""
    win = window(seed_copy)
    first = ui.highlight(qtbot, win, TROOPS, 1)
    second = ui.highlight(qtbot, win, PRETENDED, 4)
    notes, model = win.notes, win.notes.model
    qtbot.mouseDClick(notes.list.viewport(), Qt.MouseButton.LeftButton,
                      pos=ui.list_point(win, second))
    ui.press(qtbot, notes.list, Qt.Key.Key_F2)
    assert notes.list.state() != notes.list.State.EditingState
    assert notes.list.indexWidget(model.index(model.row_of(second))) is None
    assert model.rowCount() == model.card_count + model.pad_rows >= 2
    notes.text_filter.setText("troops")
    qtbot.waitUntil(lambda: model.card_count == 1)
    assert model.rowCount() == 1 + model.pad_rows
    notes.text_filter.clear()
    qtbot.waitUntil(lambda: model.card_count == 2)
    ui.click_list(qtbot, win, first)
    assert model.rowCount() == 2 + model.pad_rows and model.pad_rows > 0
    win.session.undo_stack.undo()
    win.session.undo_stack.undo()
    qtbot.waitUntil(lambda: model.card_count == 0)
    assert model.rowCount() == 0
