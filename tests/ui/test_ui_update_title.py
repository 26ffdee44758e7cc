"""Update from New Version when the new text has another title: the user chooses the
new title or keeps the old one (or cancels); the title undoes with the text."""

from __future__ import annotations

import pytest

from desktop.ui.dialogs.update_report import report_html
from tests.ui import helpers as ui
from tests.ui.test_ui_update_version import MOVED, new_version

OLD_TITLE = "Iran-Backed Iraqi Militia Threatens to Attack U.S. Forces"
NEW_TITLE = "Iraqi Militia Threatens U.S. Forces (corrected)"


@pytest.fixture
def retitled(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    ui.highlight(qtbot, win, MOVED, 1)
    path = tmp_path / "retitled.txt"
    path.write_text(new_version(win.session.document.text).replace(OLD_TITLE, NEW_TITLE, 1),
                    encoding="utf-8")
    assert win.session.document.title == OLD_TITLE
    return win, path


def run_update(win, path, choice):
    win.prompts.script("import_path", path)
    win.prompts.script("choose_title", choice)
    if choice is not None:
        win.prompts.script("update_report", False)
    win.menu_actions.update_document.trigger()
    asked = [args for name, args in win.prompts.dialog_calls if name == "choose_title"]
    assert asked == [(OLD_TITLE, NEW_TITLE)]


def test_taking_the_new_title_undoes_with_the_text(retitled):
    win, path = retitled
    document = win.session.document
    old_text, steps = document.text, win.session.undo_stack.count()
    run_update(win, path, NEW_TITLE)
    assert document.title == NEW_TITLE and document.text != old_text
    assert document.versions[-1].title == OLD_TITLE  # the kept version keeps its title
    assert win.document_tabs.tabToolTip(0) == NEW_TITLE
    assert NEW_TITLE in win.notes.source.document_label.text()
    name, (report,) = win.prompts.dialog_calls[-1]
    assert name == "update_report" and report.old_title == OLD_TITLE
    assert "line-through'>Iran-Backed" in report_html(report)
    assert win.session.undo_stack.count() == steps + 1  # one step for text and title
    win.menu_actions.undo.trigger()
    assert (document.title, document.text) == (OLD_TITLE, old_text)
    assert OLD_TITLE in win.notes.source.document_label.text()
    win.menu_actions.redo.trigger()
    assert document.title == NEW_TITLE


def test_keeping_the_title_updates_only_the_text(retitled):
    win, path = retitled
    document = win.session.document
    run_update(win, path, OLD_TITLE)
    assert document.title == OLD_TITLE and NEW_TITLE in document.text
    _name, (report,) = win.prompts.dialog_calls[-1]
    assert report.old_title == "" and "line-through'>Iran" not in report_html(report)


def test_cancelling_the_question_cancels_the_update(retitled):
    win, path = retitled
    document = win.session.document
    old_text, steps = document.text, win.session.undo_stack.count()
    run_update(win, path, None)
    assert (document.title, document.text, document.versions) == (OLD_TITLE, old_text, [])
    assert win.session.undo_stack.count() == steps
    assert "was not updated" in win.statusBar().currentMessage()
