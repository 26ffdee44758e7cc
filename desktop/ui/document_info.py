"""The status bar's note on how the document was read: its format, pages, encoding.

An Arabic file read as Windows-1256 says so, and its tooltip points to File > Reopen
with Encoding; a PDF shows its page count.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.model import Document
from desktop.storage.formats import FORMATS

_KINDS = {f.media_type: f.label for f in FORMATS.values()}


def describe(document: Document) -> str:
    """'PDF · 12 pages', 'Text · Arabic (Windows-1256)', 'Web page · Unicode (UTF-8)'."""
    from desktop.storage.formats.text import encoding_label

    parts = [_KINDS.get(document.media_type, "Text")]
    if document.pages:
        n = len(document.pages)
        parts.append(f"{n} page{'s' if n != 1 else ''}")
    if document.encoding:
        parts.append(encoding_label(document.encoding))
    return "  ·  ".join(parts)


class DocumentInfo(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentInfo")
        self.setAccessibleName("Document format")

    def set_document(self, document: Document) -> None:
        self.setText(describe(document))
        tip = "How the document was read."
        if document.encoding:
            tip += ("\nIf the text looks garbled, choose File > Reopen with Encoding… "
                    "before highlighting.")
        self.setToolTip(tip)
