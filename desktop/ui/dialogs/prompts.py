"""The prompts seam: every question and message the app puts to the user.

Logic asks ``self.prompts``; the real implementation shows Qt dialogs, tests pass a
scripted fake. Nothing else in the app calls QMessageBox or QFileDialog.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.model import Highlight, Reference, Study
from desktop.storage.formats import open_filter
from desktop.ui.dialogs.safety_prompts import SafetyPrompts

if TYPE_CHECKING:  # the dialogs load on first use, not at start-up
    from desktop.domain.merge import Conflict
    from desktop.domain.model import Document
    from desktop.storage.markdown_source import MarkdownSource
    from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice
    from desktop.ui.dialogs.document_info import DocumentDetails
    from desktop.ui.dialogs.update_report import UpdateReport


class SaveChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


STUDY_FILTER = "Crosslight studies (*.crosslight)"
OPEN_FILTER = (
    f"Studies and documents (*.crosslight {open_filter()});;{STUDY_FILTER};;"
    "Text and Markdown (*.txt *.text *.md *.markdown);;Web pages (*.html *.htm *.xhtml);;"
    "PDF (*.pdf);;Word (*.docx);;EPUB books (*.epub);;All files (*)"
)
PROGRESS_SHOW_AFTER_MS = 300  # a load that ends sooner shows no dialog at all


class Prompts(SafetyPrompts):
    """Qt dialogs parented to the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)

    def confirm(self, title: str, message: str, accept_label: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, message, parent=self.parent)
        ok = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def ask_save_changes(self, name: str) -> SaveChoice:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{name}” before closing?",
            parent=self.parent,
        )
        box.setInformativeText("Your highlights and notes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        return {
            QMessageBox.StandardButton.Save: SaveChoice.SAVE,
            QMessageBox.StandardButton.Discard: SaveChoice.DISCARD,
        }.get(QMessageBox.StandardButton(answer), SaveChoice.CANCEL)

    def open_path(self, directory: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open", directory, OPEN_FILTER)
        return Path(name) if name else None

    def progress(self, title: str, label: str) -> QProgressDialog:
        """A modal progress dialog with Cancel that appears only if the work lasts."""
        dialog = QProgressDialog(label, "Cancel", 0, 1000, self.parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(PROGRESS_SHOW_AFTER_MS)
        dialog.setMinimumWidth(380)
        return dialog

    def choose_encoding(self, name: str, current: str) -> str | None:
        """The text encoding to reread ``name`` with; None if cancelled."""
        from desktop.storage.formats.text import ENCODING_CHOICES, encoding_label

        labels = [label for _codec, label in ENCODING_CHOICES]
        current_label = encoding_label(current)
        index = labels.index(current_label) if current_label in labels else 0
        label, ok = QInputDialog.getItem(
            self.parent, "Reopen with Encoding",
            f"“{name}” is now read as {current_label or 'an unknown encoding'}.\n"
            "Read it again as:", labels, index, False)
        if not ok:
            return None
        return dict((lbl, codec) for codec, lbl in ENCODING_CHOICES)[label]

    def save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "Save study", suggested, STUDY_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == ".crosslight" else path.with_name(path.name + ".crosslight")

    def export_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        """Where to write an export (the caller adds a missing suffix)."""
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(name) if name else None

    def import_path(self, title: str, directory: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, directory, file_filter)
        return Path(name) if name else None

    # --- cross-checking dialogs ------------------------------------------------
    def edit_reference(self, reference: Reference | None) -> Reference | None:
        from desktop.ui.dialogs.crosscheck_dialogs import ReferenceDialog

        dialog = ReferenceDialog(reference, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def attach_source(self, study: Study, highlight: Highlight,
                      pasted: str) -> AttachChoice | None:
        """Ctrl+Shift+V: a new reference looked up from ``pasted`` (address, DOI, ISBN),
        checked by the user, with its stance on ``highlight``."""
        from desktop.ui.dialogs.crosscheck_dialogs import ReferenceDialog

        dialog = ReferenceDialog(None, self.parent, attach_to=highlight, pasted=pasted)
        return dialog.attach_choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def attach_reference(self, study: Study, highlight: Highlight) -> AttachChoice | None:
        from desktop.ui.dialogs.crosscheck_dialogs import AttachReferenceDialog

        dialog = AttachReferenceDialog(study, highlight, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def edit_citation(
        self, reference: Reference, stance: Stance, comment: str
    ) -> tuple[Stance, str] | None:
        from desktop.ui.dialogs.crosscheck_dialogs import CitationDialog

        dialog = CitationDialog(reference, stance, comment, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def choose_link(self, study: Study, highlight: Highlight) -> tuple[str, Relation] | None:
        from desktop.ui.dialogs.crosscheck_dialogs import LinkDialog

        dialog = LinkDialog(study, highlight, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # --- web capture -----------------------------------------------------------
    def open_address(self, suggested: str) -> str | None:
        """File › Open Address…: the address to fetch, None if cancelled."""
        from desktop.ui.dialogs.web_dialogs import OpenAddressDialog

        dialog = OpenAddressDialog(suggested, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def publish_address(self, current: str, why: str = "") -> str | None:
        """The page the study's fact checks are published at; None if cancelled."""
        from desktop.ui.dialogs.web_dialogs import PublishAddressDialog

        dialog = PublishAddressDialog(current, why, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    # --- team work ---------------------------------------------------------------
    def resolve_conflicts(self, conflicts: list[Conflict],
                          their_name: str) -> dict[tuple[str, str], str] | None:
        """Mine, theirs or both for each conflict of a merge; None cancels the merge."""
        from desktop.ui.dialogs.merge_dialog import ConflictDialog

        dialog = ConflictDialog(conflicts, their_name, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def recorded_conflicts(self, conflicts: list[Conflict]) -> bool:
        """Show the conflicts an earlier merge left in the study; True: mark resolved."""
        from desktop.ui.dialogs.merge_dialog import ConflictDialog

        dialog = ConflictDialog(conflicts, "the other copy", self.parent, recorded=True)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # --- documents -------------------------------------------------------------
    def update_report(self, report: UpdateReport) -> bool:
        """Show what an update did to the highlights; True: list the orphans now."""
        from desktop.ui.dialogs.update_report import UpdateReportDialog

        dialog = UpdateReportDialog(report, self.parent)
        dialog.exec()
        return dialog.show_orphans

    def previous_versions(self, document: Document) -> None:
        from desktop.ui.dialogs.update_report import VersionsDialog

        VersionsDialog(document, self.parent).exec()

    def markdown_source(self, source: MarkdownSource) -> None:
        """Show a Markdown document's source with the passage asked for selected."""
        from desktop.ui.dialogs.markdown_source import MarkdownSourceDialog

        MarkdownSourceDialog(source, self.parent).exec()

    def choose_title(self, current: str, new: str) -> str | None:
        """The new version of a document has another title: which one to keep? None
        cancels the update."""
        box = QMessageBox(QMessageBox.Icon.Question, "New Title?",
                          "The new version has another title.", parent=self.parent)
        box.setInformativeText(f"Now:  “{current}”\nNew:  “{new}”\n\nThe text is updated "
                               "either way; Cancel leaves the document as it is.")
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")
        use = box.addButton("Use New Title", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep Current Title", QMessageBox.ButtonRole.RejectRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(use)
        box.exec()
        clicked = box.clickedButton()
        return new if clicked is use else current if clicked is keep else None

    def document_info(self, study: Study, document: Document) -> DocumentDetails | None:
        """Show a document's details; the edited ones on OK, None on Cancel."""
        from desktop.ui.dialogs.document_info import DocumentInfoDialog

        dialog = DocumentInfoDialog(study, document, self.parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
