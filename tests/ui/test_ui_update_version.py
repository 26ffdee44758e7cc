"""Document > Update from New Version: highlights move, change or become orphans, the
report says which, undo restores everything, orphans are re-attached by selecting text,
and the old text is kept in the study file and can be read again."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser

from desktop.ui.dialogs.update_report import UpdateReportDialog, VersionsDialog
from tests.ui import helpers as ui

MOVED = "one of the largest and most radical groups within the Popular Mobilization Forces"
CHANGED = "has openly declared his loyalty to Iran's Supreme Leader Ali Khamenei"
CHANGED_NEW = "has publicly declared his loyalty to Iran's Supreme Leader Ali Khamenei"
DELETED = ("Everyone in the region knows that Nujaba's brigades spent more time fighting for "
           "Bashar al-Assad in Aleppo than they ever spent fighting the terrorists in Iraq.")
ORPHAN = "spent more time fighting for Bashar al-Assad in Aleppo"
INSERTED = "Correction, March 10: an earlier version misnamed the group's spokesman. "
REATTACH = "the commander of the Revolutionary Guards'"


def new_version(old: str) -> str:
    """Known edits: an insertion before every highlight, a word changed inside one, and
    the sentence of another deleted."""
    text = old.replace("An Iraqi Shiite militia", INSERTED + "An Iraqi Shiite militia", 1)
    text = text.replace(CHANGED, CHANGED_NEW, 1)
    assert DELETED in text
    return text.replace(" " + DELETED, "", 1)


def places(study):
    return {h.id: (h.start, h.end, h.quote) for h in study.highlights.values()}


def set_up(qtbot, window, seed_copy, tmp_path, ui):
    win = window(seed_copy)
    ids = {
        "moved": ui.highlight(qtbot, win, MOVED, 1),
        "changed": ui.highlight(qtbot, win, CHANGED, 2),
        "orphan": ui.highlight(qtbot, win, ORPHAN, 3),
    }
    win.notes.select_highlight(ids["orphan"])
    win.notes.focus_note()
    qtbot.keyClicks(win.notes.card.note.editor, "Check Aleppo")
    path = tmp_path / "corrected.txt"
    path.write_text(new_version(win.session.document.text), encoding="utf-8")
    return win, ids, path


def update(win, path, show_orphans=True):
    win.prompts.script("import_path", path)
    win.prompts.script("update_report", show_orphans)
    win.menu_actions.update_document.trigger()
    name, (report,) = win.prompts.dialog_calls[-1]
    assert name == "update_report"
    return report


def test_update_reports_moves_changes_orphans_and_undo_restores(qtbot, window, seed_copy,
                                                                tmp_path):
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    study = win.session.study
    old_text, before = win.session.document.text, places(study)
    new_text = path.read_text(encoding="utf-8")

    report = update(win, path)
    assert report.counts == {"unchanged": 0, "moved": 1, "changed": 1, "orphaned": 1}
    assert report.changed == [(CHANGED, CHANGED_NEW)]
    assert report.orphaned == [ORPHAN]
    assert "0 unchanged, 1 moved, 1 changed, 1 orphaned" in win.statusBar().currentMessage()

    document = win.session.document
    assert document.text == new_text and win.reader.toPlainText() == new_text
    assert [v.text for v in document.versions] == [old_text]
    moved, changed, orphan = (study.highlights[ids[k]] for k in ("moved", "changed", "orphan"))
    assert new_text[moved.start:moved.end] == MOVED
    assert moved.start == before[moved.id][0] + len(INSERTED)
    assert changed.quote.exact == CHANGED_NEW == new_text[changed.start:changed.end]
    assert orphan.is_orphan and orphan.quote.exact == ORPHAN and orphan.note == "Check Aleppo"
    # "Show Orphans" was chosen: the list shows only the orphan.
    assert win.notes.scope.orphans.isChecked()
    assert [(r["id"], r["orphan"]) for r in ui.rows(win)] == [(orphan.id, True)]
    assert "1 orphaned" in win.notes.summary.text()

    win.session.undo_stack.undo()
    assert win.session.document.text == old_text and win.reader.toPlainText() == old_text
    assert document.versions == []
    assert places(study) == before
    win.session.undo_stack.redo()
    assert win.reader.toPlainText() == new_text and orphan.is_orphan
    assert changed.quote.exact == CHANGED_NEW


def test_reattach_an_orphan_by_selecting_text(qtbot, window, seed_copy, tmp_path):
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    study = win.session.study
    update(win, path)
    orphan = study.highlights[ids["orphan"]]

    # Nothing selected in the text yet: the action says what to do.
    ui.click_list(qtbot, win, orphan.id)
    assert win.statusBar().currentMessage() == (
        "This highlight is orphaned; to re-attach it, select its passage and press Ctrl+Shift+A.")
    win.menu_actions.reattach_highlight.trigger()
    assert orphan.is_orphan and "Select the passage" in win.statusBar().currentMessage()

    start, end = ui.select_phrase(win, " " + REATTACH + " ")  # white space is trimmed
    win.notes.select_highlight(orphan.id)
    win.menu_actions.reattach_highlight.trigger()
    assert (orphan.start, orphan.end) == (start + 1, end - 1)
    assert orphan.quote.exact == REATTACH and orphan.note == "Check Aleppo"
    assert orphan.id in {r.key for r in win.reader._ranges}
    assert win.notes.current_id() == orphan.id
    assert not win.notes.scope.orphans.isChecked()  # cleared to show the re-attached one

    win.session.undo_stack.undo()
    assert orphan.is_orphan and orphan.quote.exact == ORPHAN
    assert orphan.id not in {r.key for r in win.reader._ranges}
    win.session.undo_stack.redo()
    assert orphan.quote.exact == REATTACH


def test_old_version_survives_save_and_can_be_read(qtbot, window, seed_copy, tmp_path):
    win, ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    old_text = win.session.document.text
    win.menu_actions.previous_versions.trigger()  # none yet
    assert "no earlier versions" in win.statusBar().currentMessage()
    update(win, path, show_orphans=False)
    assert not win.notes.scope.orphans.isChecked()
    study_path = tmp_path / "updated.crosslight"
    win.prompts.save_paths.append(study_path)
    assert win.files.save()
    assert win.close()

    again = window(study_path)
    document = again.session.document
    assert document.text == path.read_text(encoding="utf-8")
    assert [v.text for v in document.versions] == [old_text]
    assert again.session.study.highlights[ids["orphan"]].is_orphan
    assert again.session.orphans_on_open == [ids["orphan"]]
    again.menu_actions.previous_versions.trigger()
    assert again.prompts.dialog_calls[-1] == ("previous_versions", (document.id,))

    dialog = VersionsDialog(document)
    assert dialog.text.toPlainText() == old_text and dialog.text.isReadOnly()
    assert dialog.choice.count() == 1 and "Iran-Backed" in dialog.choice.itemText(0)
    assert dialog.choice.itemText(0).endswith(" UTC")
    dialog.deleteLater()


def test_the_same_text_is_no_update(qtbot, window, seed_copy):
    win = window(seed_copy)
    win.prompts.script("import_path", seed_copy)
    win.menu_actions.update_document.trigger()
    (title, _message), = win.prompts.infos
    assert title == "Nothing to update"
    assert win.session.document.versions == [] and not win.session.is_modified


def test_report_dialog_shows_counts_changes_and_orphans(qtbot, window, seed_copy, tmp_path,
                                                        ):
    win, _ids, path = set_up(qtbot, window, seed_copy, tmp_path, ui)
    report = update(win, path)
    dialog = UpdateReportDialog(report, win)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QTextBrowser, "updateReport").toPlainText()
    assert "Moved" in text and "Changed" in text and "Orphaned" in text
    assert CHANGED in text and CHANGED_NEW in text and ORPHAN in text
    assert dialog.findChild(QLabel, "updateSummary").text() == (
        "<b>0 unchanged, 1 moved, 1 changed, 1 orphaned</b>")
    dialog.show()
    qtbot.waitExposed(dialog)
    show = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Show Orphans")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert dialog.show_orphans and not dialog.isVisible()


def test_a_file_that_is_no_document_explains_and_changes_nothing(qtbot, window, seed_copy,
                                                                  tmp_path):
    win = window(seed_copy)
    text = win.session.document.text
    other = tmp_path / "article.xyz"
    other.write_text("not a kind Crosslight reads", encoding="utf-8")
    win.prompts.script("import_path", other)
    win.menu_actions.update_document.trigger()
    (title, message), = win.prompts.errors
    assert title == "Document not opened" and "article.xyz" in message
    assert win.session.document.text == text and not win.session.is_modified
    win.prompts.script("import_path", None)  # cancelled: nothing asked, nothing done
    win.menu_actions.update_document.trigger()
    assert len(win.prompts.errors) == 1 and not win.session.is_modified
