"""Imports of large files read on a worker thread: the window paints, a progress dialog
shows how far it got, and Cancel adds nothing."""

from __future__ import annotations

from tests.ui.web_fixtures import press_cancel_when_shown

ENTRY = ("@article{{k{0}, title={{Title number {0}}}, author={{Doe, Jane and Roe, R.}}, "
         "year={{2001}}, url={{https://example.org/{0}}}}}\n")


def big_bib(tmp_path, n: int):
    path = tmp_path / "library.bib"
    path.write_text("".join(ENTRY.format(i) for i in range(n)), encoding="utf-8")
    return path


def test_a_large_import_shows_progress_and_cancel_adds_nothing(qtbot, window, seed_copy,
                                                               tmp_path):
    win = window(seed_copy)
    win.prompts.script("import_path", big_bib(tmp_path, 20000))
    depth = win.session.undo_stack.count()
    poll, pressed = press_cancel_when_shown(qtbot, win.prompts)
    assert win.interchange.import_references() is False
    poll.stop()
    assert pressed == [True]
    dialog = win.prompts.progress_dialogs[0]
    assert dialog.windowTitle() == "Import" and "library.bib" in dialog.labelText()
    assert win.prompts.errors == [] and win.prompts.infos == []  # cancelling is no error
    assert not win.session.study.references and win.session.undo_stack.count() == depth
    assert "cancelled" in win.statusBar().currentMessage()


def test_a_large_import_runs_to_the_end_on_the_worker(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    win.prompts.script("import_path", big_bib(tmp_path, 3000))
    assert win.interchange.import_references() is True
    assert len(win.session.study.references) == 3000
    title, _message = win.prompts.infos[-1]
    assert title == "References imported"
    win.menu_actions.undo.trigger()
    assert not win.session.study.references
