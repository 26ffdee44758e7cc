"""A Markdown note editor with a sanitized preview, switched by a Write/Preview toggle
(two buttons beside the text, not a tab level: #17).

The editor's own undo is off: note edits are commands on the study's undo stack, so
Ctrl+Z in a note undoes the same way as everywhere else. The preview is rendered
only when shown, and its browser never loads anything (no images, no files, no
network) and never follows a link by itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.core.key_names import native_keys

#: Switches a note between writing and its rendered preview, while focus is in it.
TOGGLE_KEYS = "Ctrl+Shift+M"
EMPTY_PREVIEW = ("<p><i>Nothing written yet.</i> Switch to <b>Write</b> ({keys}) and type "
                 "Markdown: <code>**bold**</code>, <code>- [ ] a task</code>, links.</p>")

_GLOBAL_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class NoteTextEdit(QPlainTextEdit):
    """Plain-text Markdown source; lets Undo/Redo reach the application's actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.preferred_lines = 0  # a card's note asks for this many lines; 0: Qt's default

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.preferred_lines:
            margins = self.contentsMargins()
            lines = self.fontMetrics().lineSpacing() * self.preferred_lines
            hint.setHeight(lines + margins.top() + margins.bottom()
                           + int(2 * self.document().documentMargin()))
        return hint

    def minimumSizeHint(self) -> QSize:
        """Its preferred lines tall, but as narrow as Qt allows (a wide minimum would
        be taken from the reader)."""
        least = super().minimumSizeHint()
        if self.preferred_lines:
            least.setHeight(self.sizeHint().height())
        return least

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
        self.stack = QStackedWidget(self)
        self.editor = NoteTextEdit(self)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setAccessibleName(name)
        self._name = name
        self._preview: SafeBrowser | None = None
        self._preview_page = QWidget(self)  # the browser inside is made on first view
        page_layout = QVBoxLayout(self._preview_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self._preview_page)
        keys = native_keys(TOGGLE_KEYS)
        self.write_button = self._toggle("Write", f"Write the note in Markdown ({keys})")
        self.preview_button = self._toggle("Preview", f"Show the note rendered ({keys})")
        self.write_button.setChecked(True)  # one of the two is checked; not a button group:
        # an exclusive group lets Tab reach only its checked button
        self.label = QLabel(name, self)
        self.label.setEnabled(False)  # muted: the toggle is what matters
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.label)
        bar.addStretch(1)
        bar.addWidget(self.write_button)
        bar.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._updating = False
        self.editor.textChanged.connect(self._on_text_changed)
        self.write_button.clicked.connect(self.show_write)
        self.preview_button.clicked.connect(self.show_preview)
        toggle = QShortcut(QKeySequence(TOGGLE_KEYS), self)
        toggle.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        toggle.activated.connect(self.toggle)

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setAccessibleName(f"{self._name}: {text.lower()}")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

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
        if self.previewing:
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
        from desktop.domain.markdown_safe import PREVIEW_STYLE, render_markdown

        text = self.editor.toPlainText()
        empty = EMPTY_PREVIEW.format(keys=native_keys(TOGGLE_KEYS))
        self.preview.document().setDefaultStyleSheet(PREVIEW_STYLE)
        self.preview.setHtml(render_markdown(text) if text.strip() else empty)

    @property
    def previewing(self) -> bool:
        return self.stack.currentWidget() is self._preview_page

    def show_write(self) -> None:
        """Back to the Markdown source (focus follows when the preview had it)."""
        had_focus = self._preview is not None and self._preview.hasFocus()
        self.stack.setCurrentWidget(self.editor)
        self.write_button.setChecked(True)
        self.preview_button.setChecked(False)
        if had_focus or self.preview_button.hasFocus():
            self.editor.setFocus()

    def show_preview(self) -> None:
        had_focus = self.editor.hasFocus()
        self.stack.setCurrentWidget(self._preview_page)
        self.preview_button.setChecked(True)
        self.write_button.setChecked(False)
        self.render_preview()
        if had_focus:
            self.preview.setFocus()  # links in the preview are reachable with Tab

    def toggle(self) -> None:
        if self.previewing:
            self.show_write()
        else:
            self.show_preview()

    def _on_text_changed(self) -> None:
        if not self._updating:
            self.edited.emit(self.editor.toPlainText())
