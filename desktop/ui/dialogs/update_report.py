"""What "Update from New Version" did to the highlights, and the dialogs that show it:
the report after an update, and the read-only view of a document's earlier texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.display_text import excerpt
from desktop.domain.document_commands import UpdateDocumentText
from desktop.domain.model import Document

STATUSES = ("unchanged", "moved", "changed", "orphaned")


@dataclass(frozen=True, slots=True)
class UpdateReport:
    document_title: str
    counts: dict[str, int]
    changed: list[tuple[str, str]] = field(default_factory=list)  # (old wording, new)
    orphaned: list[str] = field(default_factory=list)  # quotes kept without a place
    old_title: str = ""  # the title before the update, when the new version's replaced it

    @classmethod
    def of(cls, command: UpdateDocumentText, document_title: str,
           old_title: str = "") -> UpdateReport:
        placements = command.placements
        return cls(
            document_title,
            command.counts(),
            [(p.old_text, p.new_text) for p in placements if p.status == "changed"],
            [p.old_text for p in placements if p.status == "orphaned"],
            old_title if old_title != document_title else "",
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        """One line for the status bar and the dialog's head."""
        c = self.counts
        return (f"{c['unchanged']} unchanged, {c['moved']} moved, {c['changed']} changed, "
                f"{c['orphaned']} orphaned")


def report_html(report: UpdateReport) -> str:
    """The report's body: counts, then old against new wording, then the orphans."""
    parts = []
    if report.old_title:
        parts.append(f"<p>Title: <span style='text-decoration:line-through'>"
                     f"{escape(report.old_title)}</span> → <b>"
                     f"{escape(report.document_title)}</b></p>")
    parts.append(f"<p>The highlights of <b>{escape(report.document_title)}</b> were placed "
                 "on the new text:</p><table cellspacing='0' cellpadding='3'>")
    explain = {
        "unchanged": "same passage, same place",
        "moved": "same passage, elsewhere in the text",
        "changed": "the passage was reworded: the highlight now quotes the new wording",
        "orphaned": "not found: kept with its quote and note, to re-attach",
    }
    for status in STATUSES:
        parts.append(f"<tr><td align='right'><b>{report.counts[status]}</b></td>"
                     f"<td><b>{status.capitalize()}</b></td>"
                     f"<td><i>{explain[status]}</i></td></tr>")
    parts.append("</table>")
    if report.changed:
        parts.append("<h3>Changed</h3>")
        for old, new in report.changed:
            parts.append(f"<p>Before: <span style='text-decoration:line-through'>"
                         f"{escape(excerpt(old))}</span><br>After: <b>{escape(excerpt(new))}</b>"
                         "</p>")
    if report.orphaned:
        parts.append("<h3>Orphaned</h3><p>To re-attach one: select it in the list (Show "
                     "Orphans lists only these), select its passage in the text, then choose "
                     "Highlight › Re-attach to Selection.</p><ul>")
        parts += [f"<li>“{escape(excerpt(q))}”</li>" for q in report.orphaned]
        parts.append("</ul>")
    return "".join(parts)


class UpdateReportDialog(QDialog):
    """Shows the report; "Show Orphans" closes it with the orphans listed."""

    def __init__(self, report: UpdateReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document Updated")
        self.show_orphans = False
        head = QLabel(f"<b>{escape(report.summary())}</b>", self)
        head.setObjectName("updateSummary")
        body = QTextBrowser(self)
        body.setObjectName("updateReport")
        body.setAccessibleName("Update report")
        body.setOpenLinks(False)
        body.setHtml(report_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        if report.orphaned:
            orphans = buttons.addButton("Show Orphans", QDialogButtonBox.ButtonRole.AcceptRole)
            orphans.setToolTip("List only the orphaned highlights, to re-attach them")
            buttons.accepted.connect(self._orphans)
            orphans.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def _orphans(self) -> None:
        self.show_orphans = True
        self.accept()


class VersionsDialog(QDialog):
    """Read-only view of a document's earlier texts, newest first."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Previous Versions — {document.title or 'Untitled document'}")
        self._versions = list(reversed(document.versions))
        self.choice = QComboBox(self)
        self.choice.setAccessibleName("Version")
        for number, version in zip(range(len(self._versions), 0, -1), self._versions,
                                   strict=True):
            when = version.replaced.replace("T", " ").removesuffix("Z")
            self.choice.addItem(f"Version {number}: “{version.title}”, replaced {when} UTC")
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Text of the earlier version")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        hint = QLabel("Earlier texts of this document, kept when a newer version replaced "
                      "them. Read-only: highlights stay on the current text.", self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.choice)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.choice.currentIndexChanged.connect(self._show)
        self._show(0)
        self.resize(720, 560)

    def _show(self, index: int) -> None:
        if 0 <= index < len(self._versions):
            self.text.setPlainText(self._versions[index].text)
