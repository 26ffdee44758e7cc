"""Everyday file habits (issue #17): File › New, starting on the last study, Save As in
the documents folder, Open Recent naming folders, Document Source under Document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop import cli
from desktop.storage.recent import remember
from desktop.storage.settings import update_settings
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.window.recent_menu import folder_text


def _menu(win, title: str):
    return next(a.menu() for a in win.menuBar().actions() if a.text() == title)


def test_file_new_starts_a_study_on_a_document(qtbot, window, seed_copy, ui, tmp_path):
    win = window(seed_copy)
    assert win.menu_actions.new_study in _menu(win, "&File").actions()
    other = tmp_path / "other.txt"
    other.write_text("A second document to read.\n", encoding="utf-8")
    win.prompts.open_paths.append(other)
    win.menu_actions.new_study.trigger()
    qtbot.waitUntil(lambda: win.session.document.text.startswith("A second"))
    assert win.session.path is None  # untitled: a new study


def test_save_as_of_the_untitled_sample_starts_in_the_documents_folder(
        qtbot, window, seed_copy, tmp_path):
    from desktop.bundled import sample_document

    win = window(sample_document())
    win.prompts.save_paths.append(None)
    win.menu_actions.save_as.trigger()
    suggested = Path(win.prompts.suggested[-1]).parent
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    assert suggested in (Path(documents), Path.home())
    assert suggested != seed_copy.parent


def test_open_recent_shows_each_files_folder(window, seed_copy, tmp_path):
    remember(seed_copy)
    win = window(seed_copy)
    win.recent_menu.rebuild()
    texts = [a.text() for a in win.recent_menu.actions() if a.data()]
    assert texts and folder_text(str(seed_copy)) in texts[0]
    assert folder_text("/home/ann/Notes/a.crosslight", Path("/home/ann")) == "~/Notes"
    assert folder_text("/srv/R&D/a.txt", Path("/home/ann")) == "/srv/R&&D"


def test_document_source_is_in_the_document_menu(window, seed_copy):
    win = window(seed_copy)
    assert win.menu_actions.show_source in _menu(win, "&Document").actions()
    assert win.menu_actions.show_source not in _menu(win, "&Check").actions()


def test_starting_without_a_path_reopens_the_last_study(tmp_path):
    study = tmp_path / "mine.crosslight"
    study.write_text("{}", encoding="utf-8")
    remember(study)
    assert cli.last_study() == study.resolve()
    update_settings(start_on_last_study=False)
    assert cli.last_study() is None


def test_file_new_empty_study_then_add_a_document(qtbot, window, seed_copy, ui, tmp_path):
    """File › New Empty Study: an untitled study with a blank page that says what to do;
    the first document added takes the page's place (one undo step)."""
    win = window(seed_copy)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    win.prompts.save_choices.append(SaveChoice.DISCARD)  # the unsaved highlight
    assert win.menu_actions.new_empty_study in _menu(win, "&File").actions()
    win.menu_actions.new_empty_study.trigger()
    qtbot.waitUntil(lambda: win.session.document.text == "")
    study = win.session.study
    assert win.session.path is None and not study.highlights
    assert len(study.documents) == 1 and win.reader.toPlainText() == ""
    assert "Add Document" in win.reader.placeholderText()
    other = tmp_path / "other.txt"
    other.write_text("A second document to read.\n", encoding="utf-8")
    win.prompts.script("import_path", other)
    win.menu_actions.add_document.trigger()
    qtbot.waitUntil(lambda: win.session.document.text.startswith("A second"))
    assert [d.source_path for d in win.session.study.documents.values()] == [str(other)]
    assert win.reader.toPlainText().startswith("A second")
    # It is a study like any other: highlight, save, reopen.
    hid = ui.highlight(qtbot, win, "second document", 1)
    saved = tmp_path / "empty-then-one.crosslight"
    win.prompts.save_paths.append(saved)
    assert win.files.save_as()
    reopened = window(saved)
    assert hid in reopened.session.study.highlights
    # Undo takes the document back out and the blank page returns.
    win.session.undo_stack.undo()  # the highlight
    win.session.undo_stack.undo()  # the document
    assert win.session.document.text == "" and len(win.session.study.documents) == 1


def test_an_empty_study_saves_and_reopens_with_its_blank_page(tmp_path):
    from desktop.domain.factory import is_blank_page, new_empty_study
    from desktop.storage.opening import open_path
    from desktop.storage.saving import save_study

    path = tmp_path / "empty.crosslight"
    save_study(new_empty_study(), path)
    study = open_path(path).study
    (page,) = study.documents.values()
    assert page.text == "" and is_blank_page(study, page)
