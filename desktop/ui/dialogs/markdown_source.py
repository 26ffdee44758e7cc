"""Document › View Markdown Source: the Markdown a document was rendered from, read-only,
with the selected highlight's passage selected and scrolled to (see
``storage.markdown_source``). Offsets arrive in code points and become UTF-16 here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.textunits import Utf16Map
from desktop.storage.markdown_source import MarkdownSource
from desktop.ui.core.label_styles import style_hint


class MarkdownSourceDialog(QDialog):
    def __init__(self, source: MarkdownSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownSource")
        self.setWindowTitle(f"Markdown Source — {source.name}")
        if source.selection is not None:
            hint_text = "The selected highlight's passage is selected in the source."
        else:
            hint_text = source.note or "Select a highlight first to find its passage here."
        self.hint = QLabel(hint_text + " Read-only: highlights stay on the rendered text.",
                           self)
        self.hint.setWordWrap(True)
        style_hint(self.hint)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("markdownSourceText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Markdown source")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(source.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 580)
        if source.selection is not None:
            self.select(Utf16Map(source.text), *source.selection)

    def select(self, u16: Utf16Map, start: int, end: int) -> None:
        """Select code points ``start``..``end`` and scroll them into the middle."""
        cursor = self.text.textCursor()
        cursor.setPosition(u16.to_utf16(start))
        cursor.setPosition(u16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.text.centerCursor()  # the viewport has its size only now
        self.text.setFocus()

    def selection(self) -> tuple[int, int]:
        """The selected source, in UTF-16 units (what Qt holds)."""
        cursor = self.text.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()
