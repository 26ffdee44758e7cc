"""Find in document: Ctrl+F bar, next/previous, match count, all matches painted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.reader.find_bar import MAX_MATCHES, find_all
from tests.ui import helpers as ui
from tests.ui.helpers import SEED


def _open_find(qtbot, win, ui, query: str) -> None:
    ui.press(qtbot, win.reader, Qt.Key.Key_F, ui.CTRL)
    assert win.find_bar.isVisible()
    assert QApplication.focusWidget() is win.find_bar.edit
    qtbot.keyClicks(win.find_bar.edit, query)


def _selected(win) -> str:
    return win.reader.textCursor().selectedText()


def test_ctrl_f_counts_and_paints_every_match(qtbot, window):
    win = window(SEED)
    expected = win.session.document.text.lower().count("militia")
    _open_find(qtbot, win, ui, "militia")
    assert len(win.find_bar.matches) == expected == win.reader.match_count
    assert win.find_bar.count_label.text() == f"1 of {expected}"
    assert _selected(win).lower() == "militia"
    first = win.reader.textCursor().selectionStart()
    assert first == win.session.document.text.lower().index("militia")


def test_enter_f3_and_shift_enter_step_through_matches_and_wrap(qtbot, window):
    win = window(SEED)
    text = win.session.document.text.lower()
    starts = [s for s, _ in find_all(text, text, "iran")]
    _open_find(qtbot, win, ui, "iran")
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Return)
    assert win.reader.textCursor().selectionStart() == starts[1]
    assert win.find_bar.count_label.text() == f"2 of {len(starts)}"
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_F3)
    assert win.reader.textCursor().selectionStart() == starts[2]
    for _ in range(3):
        qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Return, ui.SHIFT)
    assert win.find_bar.current == len(starts) - 1  # wrapped backwards to the last
    assert win.reader.textCursor().selectionStart() == starts[-1]
    win.find_bar.next_button.click()
    assert win.find_bar.current == 0


def test_no_match_and_escape_closes_and_clears(qtbot, window):
    win = window(SEED)
    _open_find(qtbot, win, ui, "zzzq")
    assert win.find_bar.count_label.text() == "No matches"
    assert win.reader.match_count == 0
    win.find_bar.edit.clear()
    qtbot.keyClicks(win.find_bar.edit, "Tehran")
    assert win.reader.match_count == win.session.document.text.count("Tehran") > 0
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Escape)
    assert not win.find_bar.isVisible()
    assert win.reader.match_count == 0
    assert QApplication.focusWidget() is win.reader


def test_found_text_can_be_highlighted_straight_away(qtbot, window):
    win = window(SEED)
    _open_find(qtbot, win, ui, "Harakat al-Nujaba")
    before = set(win.session.study.highlights)
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_1, ui.CTRL)
    (new,) = set(win.session.study.highlights) - before
    assert win.session.study.highlights[new].quote.exact == "Harakat al-Nujaba"


def test_matches_are_painted(qtbot, window):
    win = window(SEED)
    before = win.reader.viewport().grab().toImage()
    _open_find(qtbot, win, ui, "the")
    win.reader.moveCursor(win.reader.textCursor().MoveOperation.Start)  # drop the selection
    win.reader.viewport().repaint()
    after = win.reader.viewport().grab().toImage()
    assert before != after


def test_find_uses_utf16_positions_after_emoji(qtbot, window, tmp_path):
    path = tmp_path / "emoji.txt"
    path.write_text("😀😀 نیروها troops and 😀 more troops.\n", encoding="utf-8")
    win = window(path)
    _open_find(qtbot, win, ui, "TROOPS")
    assert win.find_bar.count_label.text() == "1 of 2"
    assert _selected(win) == "troops"
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Return)
    assert _selected(win) == "troops"
    text = win.session.document.text
    assert win.reader.textCursor().selectionStart() == ui.u16(text, text.rindex("troops"))


def test_ctrl_f_prefills_the_selection_and_menu_lists_find(qtbot, window):
    win = window(SEED)
    ui.select_phrase(win, "Popular Mobilization Forces")
    ui.press(qtbot, win.reader, Qt.Key.Key_F, ui.CTRL)
    assert win.find_bar.edit.text() == "Popular Mobilization Forces"
    n = win.session.document.text.count("Popular Mobilization Forces")
    assert win.find_bar.count_label.text().endswith(f" of {n}")
    assert _selected(win) == "Popular Mobilization Forces"
    edit_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Edit")
    assert win.menu_actions.find in edit_menu.actions()
    assert win.menu_actions.find.shortcut().toString() == "Ctrl+F"


def test_find_all_caps_and_handles_case_folding_that_changes_length():
    text = "a" * (MAX_MATCHES + 10)
    assert len(find_all(text, text, "a")) == MAX_MATCHES
    tricky = "İstanbul istanbul"  # 'İ'.lower() is two code points
    assert len(tricky.lower()) != len(tricky)  # so the window passes lowered=None
    spans = find_all(tricky, None, "istanbul")
    assert spans[-1] == (9, 17)
    assert find_all("abc", "abc", "") == []


def test_highlight_filter_searches_cited_references_rationale_and_edits(qtbot, window):
    from desktop.domain.crosscheck import Verdict
    from desktop.domain.crosscheck_commands import AddReference, AttachReference, EditReference
    from desktop.domain.model import Citation, Reference

    win = window(SEED)
    troops = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    other = ui.highlight(qtbot, win, "Harakat al-Nujaba", 2)
    ref = Reference(url="https://example.org/pentagon", title="Pentagon troop figures")
    win.session.execute(AddReference(ref))
    win.session.execute(AttachReference(troops, Citation(ref.id, comment="official count")))
    win.checks.set_verdict(other, Verdict.DISPUTED, "self-described by the militia")
    notes = win.notes
    qtbot.keyClicks(notes.text_filter, "pentagon")  # the cited reference's title
    assert [r["id"] for r in ui.rows(win)] == [troops]
    notes.text_filter.clear()
    qtbot.keyClicks(notes.text_filter, "self-described")  # the verdict's rationale
    assert [r["id"] for r in ui.rows(win)] == [other]
    notes.text_filter.clear()
    qtbot.keyClicks(notes.text_filter, "renamed source")
    assert ui.rows(win) == []
    from dataclasses import replace
    win.session.execute(EditReference(replace(ref, title="Renamed source")))
    assert [r["id"] for r in ui.rows(win)] == [troops]  # the filter follows reference edits
    win.session.undo_stack.undo()
    assert ui.rows(win) == []
