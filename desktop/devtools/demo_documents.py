"""Demo steps for several documents and new versions: a second article beside the sample
one, linked to it, and the report of an update (for screenshots and first looks)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.domain.commands import AddHighlight
from desktop.domain.crosscheck import Relation
from desktop.domain.crosscheck_commands import AddLink
from desktop.domain.document_commands import UpdateDocumentText
from desktop.domain.factory import make_highlight
from desktop.domain.model import Link
from desktop.ui.window.main_window import MainWindow

SECOND_ARTICLE = (
    "Pentagon: No Change in Iraq Troop Posture\n\n"
    "A Defense Department spokesman said on Wednesday that threats from Iran-backed militias "
    "would not change the posture of the roughly 5,200 American troops in Iraq.\n\n"
    "\"Our forces are there at the invitation of the Iraqi government,\" he said, adding "
    "that they advise and assist Iraqi units and are not in combat roles.\n\n"
    "Officials declined to say how many troops would stay after Mosul is retaken."
)


def add_second_document(window: MainWindow) -> None:
    """Add a second article, highlight it, link it to the sample's troop claim."""
    path = Path(tempfile.mkdtemp(prefix="crosslight-demo-")) / "pentagon-posture.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    first = window.session.study.highlights_in_order(window.session.document.id)
    window.documents.add_document(path)
    document = window.session.document
    phrase = "roughly 5,200 American troops in Iraq"
    at = document.text.index(phrase)
    highlight = make_highlight(document, at, at + len(phrase), "evidence")
    window.session.execute(AddHighlight(highlight))
    if first:
        window.session.execute(AddLink(Link(highlight.id, first[0].id, Relation.CONTRADICTS)))
    window.notes.scope.all_documents.setChecked(True)
    window.notes.select_highlight(highlight.id)
    window.reveal_highlight(highlight.id)


def update_report_dialog(window: MainWindow):
    """Update the sample article with known edits and return the (unshown) report."""
    from desktop.ui.dialogs.update_report import UpdateReport, UpdateReportDialog

    document = window.session.document
    text = document.text.replace("An Iraqi Shiite militia", "Correction, March 10: an "
                                 "earlier version misdated the statement. An Iraqi Shiite "
                                 "militia", 1)
    text = text.replace("billions of dollars every year", "billions of dollars each year", 1)
    text = text.replace("Everyone in the region knows that", "", 1)
    command = UpdateDocumentText(document.id, text)
    window.session.execute(command)
    return UpdateReportDialog(UpdateReport.of(command, document.title), window)


def document_info_dialog(window: MainWindow):
    """The Document Info dialog of the sample article, after one update (unshown)."""
    from desktop.ui.dialogs.document_info import DocumentInfoDialog

    update_report_dialog(window).deleteLater()
    return DocumentInfoDialog(window.session.study, window.session.document, window)


def reattach_menu(window: MainWindow) -> None:
    """Orphan a highlight by an update, select it and a passage, open the reader's menu."""
    from PySide6.QtCore import QPoint

    update_report_dialog(window).deleteLater()
    study, document = window.session.study, window.session.document
    orphan = next(h for h in study.highlights.values() if h.is_orphan)
    window.notes.select_highlight(orphan.id)
    phrase = "region knows that Nujaba"
    at = document.text.find(phrase)
    if at < 0:
        at, phrase = document.text.index("the region"), "the region"
    window.presenter.select(at, at + len(phrase))
    window.reader.centerCursor()
    rect = window.reader.cursorRect()
    window.show_reader_menu(QPoint(rect.left() - 40, rect.center().y()))
