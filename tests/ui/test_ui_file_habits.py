"""Everyday file habits (issue #17): File › New, starting on the last study, Save As in
the documents folder, Open Recent naming folders, Document Source under Document."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop import cli
from desktop.storage.recent import remember
from desktop.storage.settings import update_settings
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
