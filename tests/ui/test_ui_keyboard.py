"""Keyboard-only use: every command is in a menu, Tab walks a sensible order, and what a
screen reader announces has a name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop.domain.crosscheck import Verdict
from tests.ui import helpers as ui


def menu_actions(win) -> set[QAction]:
    found: set[QAction] = set()

    def walk(menu) -> None:
        for action in menu.actions():
            found.add(action)
            if action.menu() is not None:
                walk(action.menu())

    for top in win.menuBar().actions():
        found.add(top)
        if top.menu() is not None:
            walk(top.menu())
    return found


def window_actions(win) -> list[QAction]:
    """Every command of the window: added to it, or owned by it."""
    owned = [a for a in win.findChildren(QAction) if a.parent() is win]
    return [a for a in {*QWidget.actions(win), *owned} if not a.isSeparator() and a.text()]


def test_every_action_of_the_window_is_in_a_menu(window, seed_copy):
    win = window(seed_copy)
    actions = window_actions(win)
    # The walk sees the commands made in every module, categories and verdicts too.
    assert win.menu_actions.undo in actions and win.menu_actions.export_csv in actions
    assert set(win.category_actions.values()) <= set(actions)
    assert set(win.verdict_actions.values()) <= set(actions)
    in_menus = menu_actions(win)
    missing = sorted(a.text() for a in actions if a not in in_menus)
    assert missing == []


def test_every_action_is_still_in_a_menu_after_opening_another_study(window, seed_copy):
    win = window(seed_copy)
    win.menu_actions.open_sample.trigger()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old categories'
    in_menus = menu_actions(win)
    assert [a.text() for a in window_actions(win) if a not in in_menus] == []


def focus_walk(qtbot, start: QWidget, steps: int, key=Qt.Key.Key_Tab) -> list[QWidget]:
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), key)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_goes_from_the_reader_to_the_list_then_the_highlight_fields(qtbot, window,
                                                                        seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    card = win.notes.card  # the open card, top to bottom; no sources or links yet
    expected = [win.notes.list, card.category, card.delete_button, card.note.write_button,
                card.note.preview_button, card.note.editor, card.verdict.combo,
                card.verdict.rationale, card.evidence.attach, card.links.add, card.tags]
    assert focus_walk(qtbot, win.reader, len(expected)) == expected
    # Shift+Tab walks back the same way.
    back = focus_walk(qtbot, card.verdict.combo, 4, Qt.Key.Key_Backtab)
    assert back == [card.note.editor, card.note.preview_button, card.note.write_button,
                    card.delete_button]


def test_after_the_fields_come_the_filters_then_the_reader_again(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    notes = win.notes
    walk = focus_walk(qtbot, notes.card.tags, 5)  # no tags yet: no tag filter
    assert walk == [notes.tabs.tabBar(), notes.text_filter, notes.category_filter,
                    notes.verdict_filter, win.reader]


def test_tab_skips_the_empty_highlight_fields(qtbot, window, seed_copy):
    win = window(seed_copy)
    # No highlight yet: the list is hidden behind its hint and the fields are disabled.
    walk = focus_walk(qtbot, win.reader, 2)
    assert win.notes.card.category not in walk
    assert walk[0] is win.notes.tabs.tabBar()


def _buddied(win) -> set[QWidget]:
    return {label.buddy() for label in win.findChildren(QLabel) if label.buddy() is not None}


def test_panes_lists_fields_and_icon_buttons_have_accessible_names(window, seed_copy):
    win = window(seed_copy)
    buddied = _buddied(win)
    kinds = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox, QPlainTextEdit,
             QTextEdit, QTabWidget)
    unnamed = []
    for widget in win.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parent(), QLineEdit) or widget.window() is not win:
            continue  # Qt's own clear buttons, combo popups
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if widget.accessibleName() or widget in buddied or text.strip(" …&"):
            if isinstance(widget, QAbstractButton) and len(text.strip()) <= 1:
                assert widget.accessibleName(), "a symbol-only button needs a name"
            continue
        unnamed.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert unnamed == []
    for widget in (win.reader, win.notes.list, win.notes.text_filter, win.find_bar.next_button,
                   win.notes):
        assert widget.accessibleDescription(), widget.accessibleName()


def test_verdicts_are_shown_by_symbol_and_word_not_colour_alone(qtbot, window, seed_copy):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    win.checks.set_verdict(hid, Verdict.FALSE, "")
    false = Verdict.FALSE
    assert win.notes.card.verdict.combo.currentText() == f"{false.symbol} {false.label}"
    (badge,) = win.reader.gutter.badges()
    assert (badge.symbol, badge.label) == (false.symbol, false.short_label)
    index = win.notes.list.model().index(0, 0)
    assert false.label in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert false.symbol in win.notes.summary.text()
    action = win.verdict_actions[false]
    assert false.symbol in action.text() and false.label in action.text()


def test_no_two_commands_share_a_key(window, seed_copy):
    """Qt ignores a key bound to two actions of a window ("ambiguous shortcut"): each
    key must belong to one command, whichever feature added it."""
    win = window(seed_copy)
    owners: dict[str, list[str]] = {}
    actions = {id(a): a for a in win.findChildren(QAction)}.values()
    for action in actions:
        if action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue  # bound to one widget only (e.g. the find bar's own keys)
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.text().replace("&", ""))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert len(owners) > 40  # the window's commands were all seen
    assert shared == {}


def test_no_two_items_of_one_menu_share_a_mnemonic(qtbot, window, seed_copy):
    import re

    win = window(seed_copy)
    clashes = []

    def check(title: str, actions) -> None:
        seen: dict[str, str] = {}
        for action in actions:
            match = re.search(r"&([^&])", action.text())
            if action.isSeparator() or match is None:
                continue
            letter = match.group(1).lower()
            if letter in seen:
                clashes.append(f"{title}: {seen[letter]!r} and {action.text()!r}")
            seen[letter] = action.text()
            if action.menu() is not None:
                check(f"{title} › {action.text()}", action.menu().actions())

    check("menu bar", win.menuBar().actions())
    assert clashes == []
