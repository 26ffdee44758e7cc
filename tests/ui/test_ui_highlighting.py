"""Highlighting from the keyboard and the mouse, overlaps, navigation, zoom, context menu."""

import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop.domain.categories import DEFAULT_CATEGORIES
from desktop.ui.reader.view import BASE_POINT_SIZE
from tests.ui import helpers as ui

PASSAGES = [
    "Harakat al-Nujaba",
    "The threat is no surprise",
    '"We will not allow the Americans to stay one day after the liberation of Mosul,"',
    "pretended to fight ISIS",
    "Members of Congress have introduced a bill",
]
OUTER = "militia's ties to Iran are so deep"
INNER = "ties to Iran"
MIDDLE = "Iraqi Prime Minister Haider al-Abadi"
LATE = "He declined to comment on whether additional measures were being taken."


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_ctrl_number_highlights_as_that_category(qtbot, window, seed_copy, number):
    win = window(seed_copy)
    category_id, name, color = DEFAULT_CATEGORIES[number - 1]
    phrase = PASSAGES[number - 1]
    hid = ui.highlight(qtbot, win, phrase, number)
    h = win.session.study.highlights[hid]
    assert (h.quote.exact, h.category_id) == (phrase, category_id)
    assert ui.rows(win) == [{"id": hid, "text": phrase, "category": name, "orphan": False}]
    start, _ = ui.span(win, phrase)
    assert win.reader.ranges_at(start)[0].color == color
    assert win.category_actions[category_id].shortcut().toString() == f"Ctrl+{number}"


def test_without_selection_nothing_is_highlighted(qtbot, window, seed_copy):
    win = window(seed_copy)
    assert win.reader.selection_range() is None
    ui.press(qtbot, win.reader, Qt.Key.Key_1, ui.CTRL)
    assert win.session.study.highlights == {}
    assert win.notes.model.rowCount() == 0
    assert not win.isWindowModified()
    assert win.statusBar().currentMessage() == "Select a passage in the text first."
    # Only blanks selected: still nothing, and a message saying why.
    win.reader.select_range(*ui.span(win, "\n\n"))
    qtbot.keyClick(win.reader, Qt.Key.Key_1, ui.CTRL)
    assert win.session.study.highlights == {}
    assert win.statusBar().currentMessage() == "The selection holds no text to highlight."


def test_selection_is_trimmed_of_surrounding_spaces(qtbot, window, seed_copy):
    win = window(seed_copy)
    start, end = ui.span(win, " pretended to fight ISIS, ")
    win.reader.select_range(start, end)
    ui.press(qtbot, win.reader, Qt.Key.Key_2, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert h.quote.exact == "pretended to fight ISIS,"


def test_mouse_drag_selects_and_highlights(qtbot, window, seed_copy):
    win = window(seed_copy)
    start, end = ui.span(win, "Akram al-Kaabi")
    viewport = win.reader.viewport()
    left = ui.point_at(win, start)
    right = ui.point_at(win, end - 1) + QPoint(4, 0)  # past the middle of the last letter
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=left - QPoint(3, 0))
    qtbot.mouseMove(viewport, right)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=right)
    assert win.reader.textCursor().selectedText() == "Akram al-Kaabi"
    ui.press(qtbot, win.reader, Qt.Key.Key_3, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert (h.quote.exact, h.category_id, h.start, h.end) == ("Akram al-Kaabi", "quote", start, end)


def test_overlaps_are_listed_in_order_and_clicks_pick_the_innermost(
    qtbot, window, seed_copy
):
    win = window(seed_copy)
    inner = ui.highlight(qtbot, win, INNER, 1)
    outer = ui.highlight(qtbot, win, OUTER, 2)
    crossing = ui.highlight(qtbot, win, "so deep that its fighters", 4)  # overlaps OUTER's end
    assert [r["id"] for r in ui.rows(win)] == [outer, inner, crossing]
    assert [r["text"] for r in ui.rows(win)] == [OUTER, INNER, "so deep that its fighters"]
    win.notes.list.clearSelection()
    viewport = win.reader.viewport()

    def click_on(word):
        at, _ = ui.span(win, word)
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=ui.point_at(win, at + 1))
        return win.notes.current_id()

    i_at = ui.span(win, INNER)[0]
    assert click_on("Iran are so") == inner  # inside both: the innermost wins
    assert click_on("militia's ties") == outer
    assert click_on("that its fighters") == crossing
    assert click_on("so deep that") == crossing  # covered by both: the shorter is innermost
    assert click_on("Iran are so") == inner
    assert win.reader.ranges_at(i_at)[0].key == inner
    # Clicking plain text leaves the selection alone.
    assert click_on("Harakat") == inner


def test_clicking_a_list_item_scrolls_the_reader_and_flashes(qtbot, window, seed_copy):
    win = window(seed_copy, size=(700, 420))
    reader, bar = win.reader, win.reader.verticalScrollBar()
    first = ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    middle = ui.highlight(qtbot, win, MIDDLE, 3)
    last = ui.highlight(qtbot, win, LATE, 2)
    assert bar.maximum() > 0, "the window must be small enough to scroll"

    def shown(hid, phrase):
        """Click ``hid`` in the list, from the top of the text; return where it landed."""
        bar.setValue(0)
        qtbot.waitUntil(lambda: not reader.flashing, timeout=3000)
        ui.click_list(qtbot, win, hid)
        assert win.notes.current_id() == hid
        assert reader.flashing
        assert reader.textCursor().position() == ui.span(win, phrase)[0]
        rect = reader.cursorRect()
        assert reader.viewport().rect().contains(rect), "the passage is in view"
        return rect

    rect = shown(middle, MIDDLE)
    assert bar.value() > 0
    middle_y = reader.viewport().height() / 2
    assert abs(rect.center().y() - middle_y) < reader.viewport().height() / 4, "centred"
    shown(last, LATE)
    assert bar.value() == bar.maximum()  # the end of the text cannot be centred
    shown(first, "Harakat al-Nujaba")
    qtbot.waitUntil(lambda: not reader.flashing, timeout=3000)


def test_zoom_shortcuts(qtbot, window, seed_copy):
    win = window(seed_copy)
    reader = win.reader
    assert reader.point_size == BASE_POINT_SIZE
    ui.press(qtbot, reader, Qt.Key.Key_Plus, ui.CTRL)
    assert reader.point_size == BASE_POINT_SIZE + 1
    qtbot.keyClick(reader, Qt.Key.Key_Equal, ui.CTRL)
    assert reader.point_size == BASE_POINT_SIZE + 2
    qtbot.keyClick(reader, Qt.Key.Key_0, ui.CTRL)
    assert reader.point_size == BASE_POINT_SIZE
    qtbot.keyClick(reader, Qt.Key.Key_Minus, ui.CTRL)
    assert reader.point_size == BASE_POINT_SIZE - 1
    for _ in range(20):
        qtbot.keyClick(reader, Qt.Key.Key_Minus, ui.CTRL)
    assert reader.point_size == 7  # clamped at the minimum
    qtbot.keyClick(reader, Qt.Key.Key_0, ui.CTRL)
    assert reader.point_size == BASE_POINT_SIZE
    assert not win.isWindowModified()  # zoom is a view setting, not a study edit


def menu_tree(menu: QMenu) -> dict:
    """A menu as it was shown: text -> Entry(action, enabled, checked, submenu tree)."""
    tree = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        tree[action.text()] = SimpleNamespace(
            action=action, enabled=action.isEnabled(), checked=action.isChecked(),
            sub=menu_tree(sub) if sub is not None else None,
        )
    return tree


@pytest.fixture
def captured_menus(dialog_guard):
    """The real menu opens; each time, record it, run the test's choice, and close it."""
    seen: list[dict] = []
    choose: list = []

    def handle(menu: QMenu) -> None:
        tree = menu_tree(menu)
        seen.append(tree)
        menu.close()
        if choose:
            choose.pop(0)(tree)

    dialog_guard.popup_handler = handle
    return seen, choose


def right_click(qtbot, win, point):
    """A right press, then the context-menu event the platform sends for it."""
    viewport = win.reader.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)


def test_context_menu_offers_categories_and_highlight_actions(
    qtbot, window, seed_copy, captured_menus
):
    seen, choose = captured_menus
    win = window(seed_copy)
    names = [name for _, name, _ in DEFAULT_CATEGORIES]

    # Without a selection the "Highlight as" submenu is there but disabled.
    right_click(qtbot, win, ui.point_at(win, ui.span(win, "Baghdad")[0]))
    assert len(seen) == 1
    entry = seen[0]["Highlight &as"]
    assert list(entry.sub) == names
    assert not entry.enabled
    assert "Change Cate&gory" not in seen[0] and "&Delete Highlight" not in seen[0]
    assert "&Copy" in seen[0]  # the reader's own entries stay

    # With a selection: choosing "Evidence" from the menu highlights it.
    start, _ = ui.select_phrase(win, "Harakat al-Nujaba")
    choose.append(lambda tree: tree["Highlight &as"].sub["Evidence"].action.trigger())
    right_click(qtbot, win, ui.point_at(win, start + 2))
    assert seen[1]["Highlight &as"].enabled
    (h,) = win.session.study.highlights.values()
    assert (h.quote.exact, h.category_id) == ("Harakat al-Nujaba", "evidence")

    # Over the highlight: change category and delete; the highlight gets selected.
    win.notes.list.setCurrentIndex(QModelIndex())
    assert win.notes.current_id() is None
    choose.append(lambda tree: tree["Change Cate&gory"].sub["Question"].action.trigger())
    right_click(qtbot, win, ui.point_at(win, start + 2))
    tree = seen[2]
    change = tree["Change Cate&gory"].sub
    assert list(change) == names
    assert [e.checked for e in change.values()] == [n == "Evidence" for n in names]
    assert tree["&Delete Highlight"].enabled and "Edit &Note" in tree
    assert h.category_id == "question"
    assert ui.rows(win)[0]["category"] == "Question"
    assert win.notes.current_id() == h.id
    # Alt+letter reaches each item: Qt's own entries (&Copy …) and ours share no letter.
    letters = [re.search(r"&([^&])", text).group(1).lower()
               for text in tree if re.search(r"&([^&])", text)]
    assert len(letters) >= 8 and len(set(letters)) == len(letters), sorted(tree)

    choose.append(lambda tree: tree["&Delete Highlight"].action.trigger())
    right_click(qtbot, win, ui.point_at(win, start + 2))
    assert win.session.study.highlights == {}
    assert win.notes.model.rowCount() == 0
    assert len(seen) == 4


def test_undoing_a_delete_selects_the_restored_highlight(qtbot, window, seed_copy):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    ui.press(qtbot, win.reader, Qt.Key.Key_Delete)
    assert win.notes.current_id() is None and not win.notes.card.isVisible()  # closed
    qtbot.keyClick(win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert win.notes.current_id() == hid
    assert win.notes.card.isVisible()  # its card open again
    assert "pretended to fight ISIS" in win.notes.card.quote.text()
