"""Hints that name a key in running text use the platform's names, and the real keys."""

from PySide6.QtGui import QKeySequence

from desktop.ui.core.key_names import category_keys_text, native_keys
from desktop.ui.notes.pane import empty_hint
from tests.ui import helpers as ui

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_key_names_are_the_platform_text():
    assert native_keys("Ctrl+T") == QKeySequence("Ctrl+T").toString(NATIVE)
    assert category_keys_text(5) == f"{native_keys('Ctrl+1')}…{native_keys('Ctrl+5')}"
    assert category_keys_text(1) == native_keys("Ctrl+1")
    assert category_keys_text(14).endswith(native_keys("Ctrl+9"))  # only nine keys


def test_hints_name_the_keys_the_actions_really_have(window):
    win = window(ui.SEED)
    categories = win.session.study.categories
    last = win.category_actions[categories[-1].id].shortcut().toString(NATIVE)
    first = win.category_actions[categories[0].id].shortcut().toString(NATIVE)
    hint = win.notes.empty.text()
    assert f"<b>{first}</b>…<b>{last}</b>" in hint
    assert hint == empty_hint(len(categories))
    tags_key = win.menu_actions.edit_tags.shortcut().toString(NATIVE)
    assert f"({tags_key})" in win.notes.card.tags.toolTip()
    description = win.reader.accessibleDescription()
    assert first in description
