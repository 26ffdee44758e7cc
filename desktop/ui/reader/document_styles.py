"""Painting a document's style spans (headings, bold, italic, code) in the reader.

Rendered Markdown, web pages, Word files and EPUB books carry ``Document.styles``; a
QSyntaxHighlighter on the reader's QTextDocument formats them block by block, so the
text (and every offset a highlight uses) stays exactly the plain text of the model.
Documents without styles get no highlighter at all. Ruby readings (``Document.readings``)
are underlined with dots; the reader shows the reading as a tooltip (``reading_at``).
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit

from desktop.domain.model import Document
from desktop.domain.textunits import Utf16Map

# FontSizeAdjustment is Qt's relative size step (like HTML's <big>): it follows zooming.
HEADING_SIZE = {"heading1": 3, "heading2": 2, "heading3": 1}
CODE_FAMILIES = ["DejaVu Sans Mono", "Menlo", "Consolas", "Monospace"]
READING = "reading"  # the kind of a ruby reading's base text, here only


def _format(kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if kind in HEADING_SIZE:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE[kind])
    elif kind == "bold":
        fmt.setFontWeight(QFont.Weight.Bold)
    elif kind == "italic":
        fmt.setFontItalic(True)
    elif kind == "code":
        fmt.setFontFamilies(CODE_FAMILIES)
    elif kind == READING:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    return fmt


class DocumentStyler(QSyntaxHighlighter):
    """Formats UTF-16 style ranges; looks up each block's ranges by bisection."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.setObjectName("documentStyler")
        self._formats = {kind: _format(kind) for kind in (*HEADING_SIZE, "bold", "italic",
                                                           "code", READING)}
        self._readings: list[tuple[int, int, str]] = []  # UTF-16, sorted
        self._reading_starts: list[int] = []
        self._ranges: list[tuple[int, int, str]] = []
        self._starts: list[int] = []
        self._longest = 0

    def set_ranges(self, ranges: list[tuple[int, int, str]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [r[0] for r in self._ranges]
        self._longest = max((e - s for s, e, _ in self._ranges), default=0)
        self.rehighlight()

    def set_readings(self, readings: list[tuple[int, int, str]]) -> None:
        """Ruby readings (UTF-16 start, end, reading), for ``reading_at``."""
        self._readings = sorted(readings)
        self._reading_starts = [r[0] for r in self._readings]

    def reading_at(self, position: int) -> str | None:
        """The reading of the base text holding the character at UTF-16 ``position``."""
        i = bisect_left(self._reading_starts, position + 1) - 1
        if i >= 0 and position < self._readings[i][1]:
            return self._readings[i][2]
        return None

    def forget(self) -> None:
        self._ranges, self._starts, self._longest = [], [], 0
        self._readings, self._reading_starts = [], []

    @property
    def ranges(self) -> list[tuple[int, int, str]]:
        return list(self._ranges)

    def highlightBlock(self, text: str) -> None:
        if not self._ranges:
            return
        block = self.currentBlock()
        b_start = block.position()
        b_end = b_start + len(text)
        lo = bisect_left(self._starts, b_start - self._longest)
        hi = bisect_left(self._starts, b_end)
        for start, end, kind in self._ranges[lo:hi]:
            if end <= b_start or kind not in self._formats:
                continue
            local = max(start, b_start) - b_start
            length = min(end, b_end) - b_start - local
            if length > 0:
                self.setFormat(local, length, self._formats[kind])


def apply_document_styles(reader: QPlainTextEdit, document: Document, u16: Utf16Map) -> None:
    """Show ``document.styles`` in ``reader`` (call after the reader got the text)."""
    styler = reader.document().findChild(DocumentStyler, "documentStyler")
    if not document.styles and not document.readings:
        if styler is not None and styler.document() is not None:
            styler.set_ranges([])  # clears the old formats
            styler.setDocument(None)  # and costs nothing while plain text is shown
        return
    if styler is None:
        styler = DocumentStyler(reader.document())
    elif styler.document() is None:
        styler.setDocument(reader.document())
    readings = [(u16.to_utf16(s), u16.to_utf16(e), r) for s, e, r in document.readings]
    styler.set_readings(readings)
    styler.set_ranges([(u16.to_utf16(s), u16.to_utf16(e), k) for s, e, k in document.styles]
                      + [(s, e, READING) for s, e, _ in readings])


def detach_document_styles(reader: QPlainTextEdit) -> None:
    """Before new text goes in: forget the old styles (without repainting anything), so
    the pass Qt makes over the new text is cheap and the new styles are applied once."""
    styler = styler_of(reader)
    if styler is not None:
        styler.forget()


def styler_of(reader: QPlainTextEdit) -> DocumentStyler | None:
    return reader.document().findChild(DocumentStyler, "documentStyler")
