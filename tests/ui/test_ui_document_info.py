"""Document › Document Info…: the facts of a document, a copyable SHA-256, and its
title, address, author and date edited as one undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from desktop.domain.document_commands import UpdateDocumentText
from desktop.ui.dialogs.document_info import DocumentDetails, DocumentInfoDialog
from tests.ui import helpers as ui
from tests.ui.test_ui_documents import add_second, tab_titles


def shown_facts(dialog: DocumentInfoDialog) -> dict[str, str]:
    return {label.accessibleName(): label.accessibleDescription()
            for label in dialog.findChildren(QLabel) if label.accessibleName()}


def test_dialog_shows_the_facts_and_copies_the_fingerprint(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    document = win.session.document
    UpdateDocumentText(document.id, document.text + "\nA late line.").apply(win.session.study)
    dialog = DocumentInfoDialog(win.session.study, document)
    qtbot.addWidget(dialog)
    facts = shown_facts(dialog)
    assert facts["Source file"] == str(seed_copy.resolve())
    assert facts["Media type"] == "text/plain"
    words, chars = len(document.text.split()), len(document.text)
    assert facts["Size"] == f"{words:,} words, {chars:,} characters"
    assert facts["Added"].endswith(" UTC") and facts["Added"][:10] == document.added[:10]
    assert facts["Versions"] == "1 earlier version kept"
    assert facts["Highlights"] == "1 highlight"
    assert dialog.sha.text() == document.sha256 and dialog.sha.isReadOnly()
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "copySha"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == document.sha256


def test_dialog_needs_a_title_and_flags_a_bad_address(qtbot, window, seed_copy):
    win = window(seed_copy)
    dialog = DocumentInfoDialog(win.session.study, win.session.document)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.problem.text() == ""
    dialog.title.clear()
    assert not ok.isEnabled() and dialog.problem.text() == "A document needs a title."
    dialog.title.setText("  Militia threat  ")
    dialog.url.setText("ftp://example.org/x")
    assert ok.isEnabled() and dialog.problem.text().startswith("Not a web address")
    dialog.url.setText(" https://example.org/x ")
    assert dialog.problem.text() == ""
    assert dialog.value().title == "Militia threat"
    assert dialog.value().url == "https://example.org/x"


def test_editing_details_is_one_undo_step(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    first = win.session.document
    old = DocumentDetails.of(first)
    add_second(win, tmp_path)
    win.document_tabs.setCurrentIndex(0)
    # Typing in the source panel first: the dialog's edit must not merge into it.
    source = win.notes.source
    ui.type_text(qtbot, source.author, "Staff")
    assert first.author == "Staff"
    new = DocumentDetails("Militia threat to US troops", "https://example.org/militia",
                          "A. Writer", "2017-03-09")
    win.prompts.script("document_info", new)
    win.menu_actions.document_info.trigger()
    assert win.prompts.dialog_calls[-1] == ("document_info", (first.id,))
    assert DocumentDetails.of(first) == new
    assert tab_titles(win)[0] == "Militia threat to US troops"
    assert source.url.text() == "https://example.org/militia"
    assert "Militia threat to US troops" in source.document_label.text()
    assert win.session.is_modified
    win.menu_actions.undo.trigger()
    assert DocumentDetails.of(first) == DocumentDetails(old.title, old.url, "Staff",
                                                       old.published)
    assert tab_titles(win)[0] == old.title
    win.menu_actions.redo.trigger()
    assert DocumentDetails.of(first) == new


def test_cancel_or_no_change_does_nothing(qtbot, window, seed_copy):
    win = window(seed_copy)
    document = win.session.document
    win.prompts.script("document_info", None, DocumentDetails.of(document))
    win.menu_actions.document_info.trigger()
    win.menu_actions.document_info.trigger()
    assert not win.session.is_modified and win.session.undo_stack.count() == 0


def test_document_menu_offers_it(window, seed_copy):
    win = window(seed_copy)
    menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Document")
    assert win.menu_actions.document_info in menu.actions()


def test_alt_return_opens_it(qtbot, window, seed_copy):
    win = window(seed_copy)
    win.prompts.script("document_info", None)
    ui.press(qtbot, win.reader, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    assert win.prompts.dialog_calls[-1] == ("document_info", (win.session.document.id,))
