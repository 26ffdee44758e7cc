"""Help > Keyboard Shortcuts and Help > Open Sample Study."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.domain.crosscheck import Verdict
from desktop.domain.sample_study import PASSAGES
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.dialogs.shortcuts_dialog import ShortcutsDialog, command_name
from tests.ui import helpers as ui

NATIVE = QKeySequence.SequenceFormat.NativeText


def native(keys: str) -> str:
    return QKeySequence(keys).toString(NATIVE)


def open_dialog(qtbot, win, key=Qt.Key.Key_F1, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win.reader, key, modifiers)
    dialog = win.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_f1_lists_every_command_grouped_by_menu(qtbot, window, seed_copy):
    win = window(seed_copy)
    dialog = open_dialog(qtbot, win)
    rows = dialog.visible_rows()
    assert ("Highlight", "Claim", native("Ctrl+1")) in rows
    assert ("File", "Save", native("Ctrl+S")) in rows
    assert ("Help", "Keyboard Shortcuts", f"{native('F1')}, {native('Ctrl+/')}") in rows
    verdict_rows = [r for r in rows if r[0] == "Check › Verdict"]
    assert len(verdict_rows) == len(Verdict)
    assert ("File › Export", "Markdown Report", "") in rows
    # All the window's commands are there: categories, verdicts and the rest.
    listed = {name for _, name, _ in rows}
    for action in [*win.category_actions.values(), *win.verdict_actions.values(),
                   win.menu_actions.undo, win.menu_actions.find, win.menu_actions.open_sample]:
        assert command_name(action) in listed
    qtbot.waitUntil(dialog.filter.hasFocus)  # ready to type a filter


def test_ctrl_slash_opens_it_too_and_the_filter_narrows_it(qtbot, window, seed_copy):
    win = window(seed_copy)
    dialog = open_dialog(qtbot, win, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.filter, "verdict")
    rows = dialog.visible_rows()
    verdicts = [r for r in rows if r[0] == "Check › Verdict"]
    assert len(verdicts) == len(Verdict)
    assert all("verdict" in f"{group} {name}".lower() for group, name, _ in rows)
    assert len(rows) < 20  # narrowed: the verdicts, the categories taking one, a few more
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, native("Ctrl+1"))
    assert ("Highlight", "Claim", native("Ctrl+1")) in dialog.visible_rows()
    assert all(native("Ctrl+1") in keys for _, _, keys in dialog.visible_rows())
    dialog.filter.setText("no such command anywhere")
    assert dialog.visible_rows() == [] and dialog.empty.isVisible()
    dialog.filter.clear()
    assert not dialog.empty.isVisible()


def test_undo_is_listed_by_its_name_not_the_step_it_would_undo(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    assert win.menu_actions.undo.text() != "&Undo"  # "Undo <the step>"
    dialog = win.help.show_shortcuts()
    qtbot.addWidget(dialog)
    (undo,) = [r for r in dialog.visible_rows() if r[1].startswith("Undo")]
    assert undo[:2] == ("Edit", "Undo") and undo[2].startswith(native("Ctrl+Z"))
    assert not any(f"F{n}" in keys.split(", ") for n in range(13, 36)
                   for _, _, keys in dialog.visible_rows())


def test_the_list_follows_the_study_categories(qtbot, window, seed_copy):
    win = window(seed_copy)
    dialog = win.help.show_shortcuts()
    qtbot.addWidget(dialog)
    names = {name for _, name, _ in dialog.visible_rows()}
    assert "Question" in names
    assert win.help.show_shortcuts() is dialog  # one list, brought forward again


def test_open_sample_study_shows_the_worked_example(qtbot, window, seed_copy):
    win = window(seed_copy)
    win.menu_actions.open_sample.trigger()
    study = win.session.study
    assert win.session.path is None
    assert len(study.highlights) == len(PASSAGES)
    assert any(h.verdict is Verdict.DISPUTED for h in study.highlights.values())
    assert study.note.startswith("# What to check")
    assert win.notes.current_highlight().quote.exact == PASSAGES[0][0]
    assert win.windowTitle().startswith("Untitled study")
    assert "claims checked" in win.status_summary.text()
    assert "sample study" in win.statusBar().currentMessage()
    assert not win.isWindowModified()


def test_open_sample_study_asks_to_save_current_changes_first(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    win.prompts.save_choices.append(SaveChoice.CANCEL)
    win.menu_actions.open_sample.trigger()
    assert win.prompts.asked_save == ["Untitled study"]
    assert len(win.session.study.highlights) == 1
    win.prompts.save_choices.append(SaveChoice.DISCARD)
    win.menu_actions.open_sample.trigger()
    assert len(win.session.study.highlights) == len(PASSAGES)
    assert QApplication.activeModalWidget() is None
