"""The status bar's note on how the document was read: its format, pages, encoding.

An Arabic file read as Windows-1256 says so, and its tooltip points to File › Reopen
with Encoding. A PDF shows which page is at the top of the reader ("p. 2 of 12"), since
the text itself carries no page marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from desktop.domain.model import Document, page_of
from desktop.domain.plural import plural
from desktop.domain.textunits import Utf16Map
from desktop.storage.formats import FORMATS
from desktop.storage.formats.text import encoding_label

if TYPE_CHECKING:
    from desktop.ui.reader.presenter import ReaderPresenter

_KINDS = {f.media_type: f.label for f in FORMATS.values()}
SEPARATOR = "  ·  "


def describe(document: Document, page: int | None = None) -> str:
    """'PDF · p. 2 of 12', 'Text · Arabic (Windows-1256)', 'Web page · Unicode (UTF-8)'."""
    parts = [_KINDS.get(document.media_type, "Text")]
    if document.pages:
        n = len(document.pages)
        parts.append(f"p. {page} of {n}" if page else f"{plural(n, 'page')}")
    if document.encoding:
        parts.append(encoding_label(document.encoding))
    return SEPARATOR.join(parts)

RULE_X = 6  # the rule between the study summary and this label


class DocumentStatus(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentInfo")
        self.setAccessibleName("Document format")
        # Set apart from the study summary beside it in the status bar by a rule
        # (painted: a style sheet here would slow every widget's polish).
        self.setContentsMargins(RULE_X + 10, 0, 0, 0)
        self._document: Document | None = None
        self._reader: QPlainTextEdit | None = None
        self._u16: Utf16Map | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(RULE_X, 3, RULE_X, self.height() - 4)

    def follow(self, presenter: ReaderPresenter) -> None:
        """Describe whatever document the reader shows, and its page, from now on."""
        self._presenter = presenter
        presenter.follow(self._on_text_shown)

    def _on_text_shown(self, document: Document, u16: Utf16Map) -> None:
        self.set_document(document, self._presenter.reader, u16)

    def set_document(self, document: Document, reader: QPlainTextEdit | None = None,
                     u16: Utf16Map | None = None) -> None:
        """Describe ``document``; with its ``reader``, follow the page scrolled to."""
        self._document, self._u16 = document, u16
        if reader is not None and reader is not self._reader:
            self._reader = reader
            reader.verticalScrollBar().valueChanged.connect(self.update_page)
        tip = "How the document was read."
        if document.encoding:
            tip += "\nIf the text looks garbled, choose File › Reopen with Encoding…"
        self.setToolTip(tip)
        self.update_page()

    def update_page(self) -> None:
        document = self._document
        if document is None:
            return
        page = None
        if document.pages and self._reader is not None and self._u16 is not None:
            top = self._reader.cursorForPosition(QPoint(0, 0)).position()
            page = page_of(document, self._u16.to_codepoint(top))
        self.setText(describe(document, page))
