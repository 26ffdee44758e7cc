"""Document › Document Info…: what a document is (file, size, versions, fingerprint)
and the details a reader may correct (title, web address, author, date).

The dialog only collects the edit; ``DocumentOps`` applies it as one undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Document, Study
from desktop.domain.plural import plural
from desktop.domain.wordcount import count_words
from desktop.storage.exporters.report_model import safe_url

FACT_WIDTH = 500  # pixels: longer facts (a deep path) are cut in the middle


@dataclass(frozen=True, slots=True)
class DocumentDetails:
    """The editable part of a document, as the dialog returns it (stripped)."""

    title: str
    url: str
    author: str
    published: str

    @classmethod
    def of(cls, document: Document) -> DocumentDetails:
        return cls(document.title, document.url, document.author, document.published)



def _when(stamp: str) -> str:
    """“2026-11-27 03:20 UTC” from an ISO 8601 UTC time; anything else as it is."""
    if len(stamp) >= 16 and stamp[10] == "T" and stamp.endswith("Z"):
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp or "unknown"


def facts(study: Study, document: Document) -> list[tuple[str, str]]:
    """The read-only facts shown under the editable fields, label by label."""
    mine = [h for h in study.highlights.values() if h.document_id == document.id]
    orphans = sum(1 for h in mine if h.is_orphan)
    versions = len(document.versions)
    p = document.provenance
    return [
        ("Source file", document.source_path or (
            "none: fetched from the web" if p is not None else "none: pasted or built in")),
        *_web_facts(document),
        ("Media type", document.media_type),
        ("Size", f"{plural(count_words(document.text), 'word')}, "
                 f"{plural(len(document.text), 'character')}"),
        ("Added", _when(document.added)),
        ("Versions", f"{plural(versions, 'earlier version')} kept" if versions
         else "the original text: never updated"),
        ("Highlights", plural(len(mine), "highlight")
         + (f", {orphans} orphaned" if orphans else "")),
    ]


def _web_facts(document: Document) -> list[tuple[str, str]]:
    """Where a fetched document came from, and its archived copy (issue #18)."""
    rows = []
    p = document.provenance
    if p is not None:
        kept = "the page kept in the study" if p.page is not None else "the page not kept"
        rows.append(("Fetched", f"{_when(p.retrieved)} from {p.requested}"))
        if p.url != p.requested:
            rows.append(("Answered by", p.url))
        rows.append(("Received", f"HTTP {p.status}, {p.content_type or 'no content type'}, "
                                 f"{p.size:,} bytes, {kept}"))
    if document.archived is not None:
        rows.append(("Archived copy", f"{document.archived.url} "
                                      f"(captured {_when(document.archived.captured)})"))
    return rows


class DocumentInfoDialog(QDialog):
    def __init__(self, study: Study, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentInfo")
        self.setWindowTitle(f"Document Info — {document.title or 'Untitled document'}")
        self.title = self._edit(document.title, "The document's title", "Title")
        self.url = self._edit(document.url, "Where it was published online (https://…)",
                              "Web address")
        self.author = self._edit(document.author, "Who wrote it, if named", "Author")
        self.published = self._edit(document.published, "Publication date, e.g. 2017-03-09",
                                    "Published")
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldProblem")
        # One line, always there (empty when all is well): the dialog does not jump.
        self.problem.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title", self.title)
        form.addRow("&Web address", self.url)
        form.addRow("&Author", self.author)
        form.addRow("&Published", self.published)
        form.addRow("", self.problem)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(line)  # one form, so the editable and the read-only fields align
        about = form
        for label, value in facts(study, document):
            # One line each (wrapped labels in a form get clipped); a long path is cut
            # in the middle, whole in its tooltip and accessible description.
            shown = QLabel(self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setAccessibleName(label)
            shown.setAccessibleDescription(value)
            cut = shown.fontMetrics().elidedText(value, Qt.TextElideMode.ElideMiddle,
                                                 FACT_WIDTH)
            shown.setText(cut)
            if cut != value:
                shown.setToolTip(value)
            about.addRow(label, shown)
        self.sha = QLineEdit(document.sha256, self)
        self.sha.setReadOnly(True)
        self.sha.setAccessibleName("SHA-256 of the text")
        self.sha.setToolTip("A fingerprint of the text: the same text always gives the same "
                            "value, any change gives another")
        self.sha.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.sha.setCursorPosition(0)
        copy = QPushButton("&Copy", self)
        copy.setObjectName("copySha")
        copy.setToolTip("Copy the SHA-256 to the clipboard")
        copy.clicked.connect(self.copy_sha)
        sha_row = QHBoxLayout()
        sha_row.addWidget(self.sha, 1)
        sha_row.addWidget(copy)
        about.addRow("SHA-256", sha_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for edit in (self.title, self.url):
            edit.textChanged.connect(self._check)
        self._check()
        self.resize(660, self.sizeHint().height())

    def _edit(self, text: str, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setCursorPosition(0)
        return edit

    def _check(self) -> None:
        """A title is required; an address that is not http(s) is allowed but flagged."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        url = self.url.text().strip()
        if not self.title.text().strip():
            message = "A document needs a title."
        elif url and safe_url(url) is None:
            message = "Not a web address (http:// or https://): reports will leave it out."
        else:
            message = ""
        self.problem.setText(message)
        ok.setEnabled(bool(self.title.text().strip()))

    def copy_sha(self) -> None:
        QGuiApplication.clipboard().setText(self.sha.text())
        self.sha.selectAll()

    def value(self) -> DocumentDetails:
        return DocumentDetails(self.title.text().strip(), self.url.text().strip(),
                               self.author.text().strip(), self.published.text().strip())
