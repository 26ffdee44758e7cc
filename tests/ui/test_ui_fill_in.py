"""The New Reference dialog's *Fill in* (a pasted address, DOI or ISBN looked up off the
UI thread, cancellable, every field still correctable) and Ctrl+Shift+V, a pasted
source attached to the selected highlight — against the local doi.org, Open Library
and web pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.crosscheck import Stance
from desktop.domain.model import Reference
from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice, ReferenceDialog
from tests.ui.web_fixtures import DOI

CLAIM = "the 9,000 troops that are currently stationed in Iraq"
TITLE = "Correlation of the Base Strengths of Amines1"


def shown_dialog(qtbot, **kwargs) -> ReferenceDialog:
    dialog = ReferenceDialog(None, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(qtbot, dialog: ReferenceDialog, text: str) -> None:
    dialog.fill_in.query.setText(text)
    qtbot.mouseClick(dialog.fill_in.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.fill_in.running, timeout=15000)


def test_fill_in_a_doi_fills_every_field_and_the_user_may_correct_them(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    fill(qtbot, dialog, f"doi:{DOI}")
    assert dialog.title_edit.text() == TITLE
    assert dialog.author.text() == "H. K. Hall Jr."
    assert dialog.published.text() == "1957-10"
    assert dialog.url.text() == f"https://doi.org/{DOI}"
    assert "Journal of the American Chemical Society" in dialog.note.toPlainText()
    status = dialog.fill_in.status.text()
    assert status.startswith("Filled in address, title, author, date, note")
    assert "doi.org" in status and "Check them" in status
    # Nothing is final until OK: the user corrects the title.
    dialog.title_edit.setText("Correlation of the base strengths of amines")
    dialog.accept()
    reference = dialog.value()
    assert reference.title == "Correlation of the base strengths of amines"
    assert reference.author == "H. K. Hall Jr."
    path, headers = local_web.requests[0]
    assert path == f"/doi/{DOI}" and "csl+json" in headers["Accept"]


def test_fill_in_a_page_and_an_isbn(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    fill(qtbot, dialog, local_web.url("/scholarly.html"))
    assert dialog.title_edit.text() == ("Counting deployed forces: official caps and actual "
                                        "presence")
    assert "Lindqvist" in dialog.author.text() and dialog.published.text().startswith("2018")
    assert dialog.accessed.text()  # a page says when it was read
    fill(qtbot, dialog, "ISBN 978-0-14-032872-1")
    assert dialog.title_edit.text() == "Fantastic Mr. Fox"
    assert dialog.author.text() == "Roald Dahl"
    assert "Open Library" in dialog.fill_in.status.text()


def test_a_failed_look_up_says_why_in_one_line_and_changes_nothing(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    dialog.title_edit.setText("My own title")
    fill(qtbot, dialog, "10.9999/nothing.here")
    status = dialog.fill_in.status.text()
    assert "10.9999/nothing.here" in status and "\n" not in status
    assert dialog.title_edit.text() == "My own title" and dialog.url.text() == ""
    # Not an address, DOI or ISBN: said at once, nothing fetched.
    asked = len(local_web.requests)
    fill(qtbot, dialog, "hello world")
    assert "web address" in dialog.fill_in.status.text()
    assert len(local_web.requests) == asked
    # A mistyped ISBN is said to be one.
    fill(qtbot, dialog, "978-0-14-032872-2")
    assert "ISBN" in dialog.fill_in.status.text()


def test_stop_cancels_a_look_up_that_stalls(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    dialog.fill_in.query.setText(local_web.url("/slow-headers"))
    qtbot.mouseClick(dialog.fill_in.button, Qt.MouseButton.LeftButton)
    assert dialog.fill_in.running and dialog.fill_in.button.text() == "&Stop"
    # The dialog stays usable meanwhile.
    dialog.title_edit.setText("typed while it looks up")
    qtbot.mouseClick(dialog.fill_in.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.fill_in.running, timeout=5000)
    assert dialog.fill_in.status.text() == "Look-up cancelled."
    assert dialog.fill_in.button.text() == "F&ill In"
    assert dialog.title_edit.text() == "typed while it looks up"


def test_closing_the_dialog_cancels_its_look_up(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    dialog.fill_in.query.setText(local_web.url("/slow-headers"))
    dialog.fill_in.start()
    assert dialog.fill_in.running
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.fill_in.running, timeout=5000)


def test_an_archived_reference_shows_its_copy(qtbot):
    from desktop.domain.provenance import ArchivedCopy

    reference = Reference(url="https://example.org/a", title="A",
                          archived=ArchivedCopy("https://web.archive.org/web/2024/x",
                                                "2024-05-01T10:30:00Z"))
    dialog = ReferenceDialog(reference)
    qtbot.addWidget(dialog)
    label = dialog.findChild(type(dialog.error), "archivedCopy")
    assert "web.archive.org" in label.text() and "2024-05-01T10:30:00Z" in label.text()
    assert dialog.value().archived == reference.archived  # an edit keeps it


def test_attach_source_dialog_looks_the_pasted_doi_up_at_once(qtbot, window, seed_copy,
                                                             local_web, ui):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, CLAIM, 1)
    dialog = shown_dialog(qtbot, attach_to=win.session.study.highlights[hid], pasted=DOI)
    assert dialog.windowTitle() == "Attach Source"
    qtbot.waitUntil(lambda: dialog.title_edit.text() == TITLE, timeout=15000)
    dialog.stance.setCurrentIndex(dialog.stance.findData(Stance.CONTRADICTS.value))
    dialog.comment.setText("Lower figures.")
    dialog.accept()
    choice = dialog.attach_choice()
    assert choice.is_new and choice.reference.title == TITLE
    assert (choice.stance, choice.comment) == (Stance.CONTRADICTS, "Lower figures.")


def test_ctrl_shift_v_attaches_the_pasted_doi_to_the_selected_highlight(qtbot, window,
                                                                        seed_copy, ui):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, CLAIM, 1)
    win.web._clipboard = lambda: f" https://doi.org/{DOI} "
    reference = Reference(url=f"https://doi.org/{DOI}", title=TITLE)
    win.prompts.script("attach_source", AttachChoice(reference, True, Stance.CONTRADICTS, ""))
    depth = win.session.undo_stack.count()
    ui.press(qtbot, win.reader, Qt.Key.Key_V, ui.CTRL | ui.SHIFT)
    assert win.prompts.dialog_calls[-1] == ("attach_source", (hid, f"https://doi.org/{DOI}"))
    study = win.session.study
    (citation,) = study.highlights[hid].citations
    assert citation.stance is Stance.CONTRADICTS and study.references[citation.reference_id]
    assert win.session.undo_stack.count() == depth + 1  # reference and citation: one step
    win.menu_actions.undo.trigger()
    assert not win.session.study.highlights[hid].citations and not win.session.study.references


def test_ctrl_shift_v_says_what_it_needs(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    win.web._clipboard = lambda: "just some words"
    ui.press(qtbot, win.reader, Qt.Key.Key_V, ui.CTRL | ui.SHIFT)
    assert "Copy a web address, a DOI or an ISBN" in win.statusBar().currentMessage()
    win.web._clipboard = lambda: "ISBN 978-0-14-032872-1"
    ui.press(qtbot, win.reader, Qt.Key.Key_V, ui.CTRL | ui.SHIFT)
    assert "Select a highlight" in win.statusBar().currentMessage()
    assert not any(c[0] == "attach_source" for c in win.prompts.dialog_calls)
    QApplication.processEvents()


def test_fill_in_with_an_empty_look_up_uses_the_address_typed(qtbot, local_web):
    dialog = shown_dialog(qtbot)
    dialog.url.setText(local_web.url("/scholarly.html"))
    fill(qtbot, dialog, "")
    assert dialog.fill_in.query.text() == local_web.url("/scholarly.html")
    assert dialog.title_edit.text().startswith("Counting deployed forces")
