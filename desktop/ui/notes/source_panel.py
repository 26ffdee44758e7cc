"""Notes on the document's source: who published it, their stance, how far to trust them.

Investigating the source is the first step of lateral reading; these notes travel with
the study and head every report.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.crosscheck import Trust
from desktop.domain.model import Document, SourceAssessment
from desktop.ui.core.label_styles import style_hint, style_summary
from desktop.ui.notes.note_editor import MarkdownEditor

HINT = (
    "Before weighing the claims, look up who is behind the document: read what others "
    "say about the publisher, not what it says about itself."
)

# "Source » ncr-iran", "Source: Reuters" near the top of a pasted article.
_SOURCE_LINE = re.compile(r"^[ \t]*(?:source|via|publisher)[ \t]*[»:|–-][ \t]*(\S.{0,80}?)[ \t]*$",
                          re.IGNORECASE | re.MULTILINE)


def named_source(text: str) -> str | None:
    """The publisher a document names for itself in its first lines, if any."""
    match = _SOURCE_LINE.search(text[:3000])
    return match.group(1) if match else None


class _ElidedButton(QPushButton):
    """A button whose long text ends in "…" when narrow (whole in its tooltip): a named
    source of any length must not set the notes pane's least width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setAccessibleDescription(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(20, self.width() - 24)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, room))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + 24)
        return hint


class SourcePanel(QWidget):
    edited = Signal(object)  # SourceAssessment
    detailsEdited = Signal(str, str, str)  # the document's url, author, published

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Source")
        self.document_label = QLabel(self)
        style_summary(self.document_label)
        self.document_label.setWordWrap(True)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        style_hint(hint)
        self.publisher = QLineEdit(self)
        self.publisher.setPlaceholderText("Who published it (outlet, organisation, author)")
        self.stance = QLineEdit(self)
        self.stance.setPlaceholderText("Their known leaning, agenda or funding")
        self.trust = QComboBox(self)
        for trust in Trust:
            self.trust.addItem(trust.label, trust.value)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("Where it was published online (http://… or https://…)")
        self.author = QLineEdit(self)
        self.author.setPlaceholderText("Who wrote it, if named")
        self.published = QLineEdit(self)
        self.published.setPlaceholderText("Publication date, e.g. 2017-03-09")
        self.use_named = _ElidedButton(self)
        self.use_named.setToolTip("Fill in the publisher the document names for itself")
        self.use_named.clicked.connect(self._use_named)
        self._named: str | None = None
        self.notes = MarkdownEditor("What you found out about the source, with links…",
                                    "Source notes", self)
        form = QFormLayout()
        form.addRow("&Web address", self.url)
        form.addRow("&Author", self.author)
        form.addRow("Pu&blished", self.published)
        form.addRow("&Publisher", self.publisher)
        form.addRow("Known &stance", self.stance)
        form.addRow("&Trustworthiness", self.trust)
        form.addRow(QLabel("Notes", self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.document_label)
        layout.addWidget(hint)
        layout.addWidget(self.use_named)
        layout.addLayout(form)
        layout.addWidget(self.notes, 1)
        self.publisher.textEdited.connect(self._emit)
        self.stance.textEdited.connect(self._emit)
        self.trust.activated.connect(self._emit)
        self.notes.edited.connect(self._emit)
        for edit in (self.url, self.author, self.published):
            edit.textEdited.connect(self._emit_details)

    def value(self) -> SourceAssessment:
        return SourceAssessment(
            publisher=self.publisher.text(),
            stance=self.stance.text(),
            trust=Trust(self.trust.currentData()),
            notes=self.notes.text(),
        )

    def _emit(self, *_args) -> None:
        self.edited.emit(self.value())

    def _emit_details(self, *_args) -> None:
        # Not stripped: the panel is refreshed from the model while the user types.
        self.detailsEdited.emit(self.url.text(), self.author.text(), self.published.text())

    def _use_named(self) -> None:
        if self._named:
            self.publisher.setText(self._named)
            self._emit()

    def show_document(self, document: Document) -> None:
        self.document_label.setText(f"Source of “{document.title}”")
        self._named = named_source(document.text)
        self.use_named.set_full_text(f"The text names its source: “{self._named}” — use it")
        self.use_named.setVisible(bool(self._named) and not document.source.publisher)
        s = document.source
        for edit, text in ((self.publisher, s.publisher), (self.stance, s.stance),
                           (self.url, document.url), (self.author, document.author),
                           (self.published, document.published)):
            if edit.text() != text:
                edit.setText(text)
                edit.setCursorPosition(0)
        self.trust.setCurrentIndex(self.trust.findData(s.trust.value))
        self.notes.set_text(s.notes)
