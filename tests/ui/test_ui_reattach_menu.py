"""Re-attaching an orphan from the reader's context menu: with the orphan selected in
the list and its new passage selected in the text, a right-click offers
“Re-attach “…” Here”; choosing it places the orphan there, as one undo step."""

from __future__ import annotations

from tests.ui import helpers as ui
from tests.ui.test_ui_highlighting import captured_menus, right_click  # noqa: F401 (a fixture)
from tests.ui.test_ui_update_version import ORPHAN, REATTACH, set_up, update

ITEM = "&Re-attach “spent more time fighting for Ba…” Here"


def test_context_menu_reattaches_the_selected_orphan(qtbot, window, seed_copy, tmp_path,
                                                     captured_menus):  # noqa: F811
    seen, choose = captured_menus
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    update(win, path)
    study = win.session.study
    orphan = study.highlights[ids["orphan"]]
    ui.click_list(qtbot, win, orphan.id)

    # The orphan is selected but no text: not offered.
    at = ui.span(win, REATTACH)[0]
    right_click(qtbot, win, ui.point_at(win, at + 3))
    assert ITEM not in seen[-1]

    # Text selected too: offered, and choosing it re-attaches the orphan there.
    start, end = ui.select_phrase(win, REATTACH)
    choose.append(lambda tree: tree[ITEM].action.trigger())
    right_click(qtbot, win, ui.point_at(win, start + 3))
    assert seen[-1][ITEM].enabled
    assert (orphan.start, orphan.end) == (start, end) and orphan.quote.exact == REATTACH
    assert win.notes.current_id() == orphan.id
    assert orphan.id in {r.key for r in win.reader._ranges}
    assert win.session.undo_stack.undoText() == "Re-attach highlight"

    win.session.undo_stack.undo()
    assert orphan.is_orphan and orphan.quote.exact == ORPHAN


def test_not_offered_for_an_anchored_highlight(qtbot, window, seed_copy, tmp_path,
                                               captured_menus):  # noqa: F811
    seen, _choose = captured_menus
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    update(win, path, show_orphans=False)
    ui.click_list(qtbot, win, ids["moved"])
    start, _ = ui.select_phrase(win, REATTACH)
    right_click(qtbot, win, ui.point_at(win, start + 3))
    assert not [text for text in seen[-1] if text.startswith("Re-attach")]


def test_a_right_click_on_another_highlight_keeps_the_orphan(qtbot, window, seed_copy,
                                                             tmp_path,
                                                             captured_menus):  # noqa: F811
    """The click lands on a highlighted passage (which the list then selects): the item
    still re-attaches the orphan that was selected, not the one under the mouse."""
    seen, choose = captured_menus
    assert not seen
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    update(win, path)
    study = win.session.study
    moved = study.highlights[ids["moved"]]
    orphan = study.highlights[ids["orphan"]]
    ui.click_list(qtbot, win, orphan.id)
    text = win.session.document.text
    win.reader.select_range(ui.u16(text, moved.start), ui.u16(text, moved.end))
    choose.append(lambda tree: tree[ITEM].action.trigger())
    right_click(qtbot, win, ui.point_at(win, moved.start + 3))
    assert (orphan.start, orphan.end) == (moved.start, moved.end)
    assert not study.highlights[ids["moved"]].is_orphan
