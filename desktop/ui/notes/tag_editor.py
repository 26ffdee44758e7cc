"""The tag field of the highlight panel: a comma-separated list with autocomplete.

The completer works on the word being typed (the text between the commas around the
cursor), offering the study's other tags. Enter or leaving the field commits; Escape
puts back the highlight's tags (a second Escape leaves the card).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from desktop.domain.tags import format_tags, parse_tags
from desktop.ui.core.key_names import native_keys

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _word_bounds(text: str, cursor: int) -> tuple[int, int]:
    """Start and end of the comma-separated word around ``cursor`` (no leading spaces)."""
    start = text.rfind(",", 0, cursor) + 1
    end = text.find(",", cursor)
    end = len(text) if end < 0 else end
    while start < cursor and text[start] == " ":
        start += 1
    return start, end


class TagEdit(QLineEdit):
    """Emits ``committed`` with the normalised tags on Enter or focus loss."""

    committed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Add tags, separated by commas…")
        self.setAccessibleName("Highlight tags")
        self.setToolTip(f"Tags, separated by commas; Enter saves them ({native_keys('Ctrl+T')})")
        self._known: list[str] = []
        self._shown: list[str] = []  # the highlight's tags as last shown
        self.model = QStringListModel(self)
        self.tag_completer = QCompleter(self.model, self)
        self.tag_completer.setWidget(self)  # not setCompleter: it would complete the whole line
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.tag_completer.setMaxVisibleItems(8)
        self.tag_completer.activated[str].connect(  # type: ignore[index]  # overloads
            self.insert_completion)
        self.textEdited.connect(self._update_completions)
        self.editingFinished.connect(self.commit)

    # --- what is shown ---------------------------------------------------------
    def set_known_tags(self, tags: list[str]) -> None:
        """The study's tags, offered as completions."""
        self._known = tags

    def show_tags(self, tags: list[str], keep_typing: bool = False) -> None:
        """Show ``tags``; with ``keep_typing``, text being typed survives a refresh that
        did not change them (another edit of the same highlight, e.g. its verdict)."""
        if keep_typing and self.hasFocus() and tags == self._shown:
            return
        self._shown = list(tags)
        text = format_tags(tags)
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(len(text))

    def current_word(self) -> str:
        start, _end = _word_bounds(self.text(), self.cursorPosition())
        return self.text()[start:self.cursorPosition()]

    # --- completion -------------------------------------------------------------
    def _popup(self) -> QAbstractItemView:
        popup = self.tag_completer.popup()  # made on first use: never None
        assert popup is not None
        return popup

    def _update_completions(self, _text: str = "") -> None:
        prefix = self.current_word().strip()
        if not prefix:
            self._popup().hide()
            return
        present = {t.casefold() for t in parse_tags(self.text())} - {prefix.casefold()}
        self.model.setStringList([t for t in self._known if t.casefold() not in present])
        self.tag_completer.setCompletionPrefix(prefix)
        if self.tag_completer.completionCount() == 0:
            self._popup().hide()
            return
        self._popup().setCurrentIndex(self.tag_completer.completionModel().index(-1, 0))
        rect = self.cursorRect()
        rect.setWidth(max(160, self.width() // 2))
        self.tag_completer.complete(rect)

    def insert_completion(self, tag: str) -> None:
        """Replace the word being typed by ``tag`` and start the next one."""
        text, cursor = self.text(), self.cursorPosition()
        start, end = _word_bounds(text, cursor)
        head = text[:start]
        tail = text[end:].lstrip(",").strip()
        new = f"{head}{tag}, "
        self.setText(new + tail)
        self.setCursorPosition(len(new))
        self._popup().hide()

    # --- keys -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (*_ENTER, Qt.Key.Key_Tab):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():  # Enter on a proposal takes it; otherwise saves as typed
                self.insert_completion(index.data())
                event.accept()
                return
            if event.key() == Qt.Key.Key_Tab:
                event.accept()
                return
        if event.key() == Qt.Key.Key_Escape and not popup.isVisible():
            if parse_tags(self.text()) == self._shown and self.text() == format_tags(self._shown):
                event.ignore()  # nothing typed to drop: Esc leaves the card
                return
            self.show_tags(self._shown)  # drop what was typed
            event.accept()
            return
        super().keyPressEvent(event)

    def commit(self) -> None:
        if self._popup().isVisible():
            return  # still choosing: the popup took the focus-out
        tags = parse_tags(self.text())
        if tags != self._shown:
            self._shown = tags
            self.committed.emit(tags)
        self.show_tags(tags)  # tidy the text: "a,b ,,c" → "a, b, c"
