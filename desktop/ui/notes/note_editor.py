"""A Markdown note editor with a sanitized preview.

The editor's own undo is off: note edits are commands on the study's undo stack, so
Ctrl+Z in a note undoes the same way as everywhere else. The preview is rendered
only when shown, and its browser never loads anything (no images, no files, no
network) and never follows a link by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

_GLOBAL_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class NoteTextEdit(QPlainTextEdit):
    """Plain-text Markdown source; lets Undo/Redo reach the application's actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(key) for key in _GLOBAL_KEYS)
        ):
            event.ignore()  # not ours: the window's Undo/Redo action takes it
            return True
        return super().event(event)


class SafeBrowser(QTextBrowser):
    """Shows sanitized HTML; refuses every resource load and reports link clicks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        return None


class MarkdownEditor(QWidget):
    edited = Signal(str)
    linkActivated = Signal(QUrl)

    def __init__(self, placeholder: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.editor = NoteTextEdit(self)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setAccessibleName(name)
        self._name = name
        self._preview: SafeBrowser | None = None
        self._preview_page = QWidget(self)  # the browser inside is made on first view
        page_layout = QVBoxLayout(self._preview_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.editor, "Write")
        self.tabs.addTab(self._preview_page, "Preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._updating = False
        self.editor.textChanged.connect(self._on_text_changed)
        self.tabs.currentChanged.connect(self._on_tab)

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting ``edited``; keeps the caret if nothing changed."""
        if text == self.editor.toPlainText():
            return
        self._updating = True
        try:
            cursor_pos = self.editor.textCursor().position()
            self.editor.setPlainText(text)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(cursor_pos, len(self.editor.toPlainText())))
            self.editor.setTextCursor(cursor)
        finally:
            self._updating = False
        if self.tabs.currentWidget() is self._preview_page:
            self.render_preview()

    @property
    def preview(self) -> SafeBrowser:
        if self._preview is None:
            self._preview = SafeBrowser(self._preview_page)
            self._preview.setAccessibleName(f"{self._name} preview")
            self._preview.anchorClicked.connect(self.linkActivated)
            layout = self._preview_page.layout()
            assert layout is not None  # set in __init__
            layout.addWidget(self._preview)
            self._preview.show()
        return self._preview

    def text(self) -> str:
        return self.editor.toPlainText()

    def render_preview(self) -> None:
        # Imported on first preview: markdown, nh3 and html are not needed to start.
        from desktop.domain.markdown_safe import render_markdown

        self.preview.setHtml(render_markdown(self.editor.toPlainText()))

    def show_write(self) -> None:
        self.tabs.setCurrentWidget(self.editor)

    def show_preview(self) -> None:
        self.tabs.setCurrentWidget(self._preview_page)

    def _on_text_changed(self) -> None:
        if not self._updating:
            self.edited.emit(self.editor.toPlainText())

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self._preview_page:
            self.render_preview()
