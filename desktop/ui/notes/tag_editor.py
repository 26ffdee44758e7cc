"""The open card's tags: one chip per tag, and a field to add more with completion.

A chip goes with a click on it, or Backspace/Delete when it has the keyboard focus (Tab
reaches each one); Backspace in the empty field takes the last one. The field adds the
words typed (several at once, separated by commas) on Enter or when it is left; the
completer works on the word being typed, offering the study's other tags, and choosing
one adds it at once. Escape drops what was typed (a second Escape leaves the card).
Every change is one list of tags emitted with ``committed``: one undoable command.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QToolButton,
    QWidget,
)

from desktop.domain.tags import normalise_tags, parse_tags
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
    """The field that adds tags: emits ``added`` with the new words on Enter or focus
    loss, ``dropLast`` on Backspace when empty."""

    added = Signal(list)
    dropLast = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Add a tag…")
        self.setAccessibleName("Highlight tags")
        self.setToolTip(f"Type a tag and press Enter to add it; Backspace removes the last "
                        f"one ({native_keys('Ctrl+T')})")
        self._known: list[str] = []
        self.present: list[str] = []  # the highlight's tags (not offered again)
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

    def set_known_tags(self, tags: list[str]) -> None:
        """The study's tags, offered as completions."""
        self._known = tags

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
        present = {t.casefold() for t in [*self.present, *parse_tags(self.text())]}
        present.discard(prefix.casefold())
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
        """Replace the word being typed by ``tag`` and add what the field holds."""
        text, cursor = self.text(), self.cursorPosition()
        start, end = _word_bounds(text, cursor)
        self.setText(f"{text[:start]}{tag}, {text[end:].lstrip(',').strip()}")
        self._popup().hide()
        self.commit()

    # --- keys -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (*_ENTER, Qt.Key.Key_Tab):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():  # Enter on a proposal takes it; otherwise adds as typed
                self.insert_completion(index.data())
                event.accept()
                return
            if event.key() == Qt.Key.Key_Tab:
                event.accept()
                return
        if event.key() == Qt.Key.Key_Escape and not popup.isVisible():
            if not self.text():
                event.ignore()  # nothing typed to drop: Esc leaves the card
                return
            self.clear()  # drop what was typed
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and not self.text() and self.present:
            self.dropLast.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def commit(self) -> None:
        if self._popup().isVisible():
            return  # still choosing: the popup took the focus-out
        new = parse_tags(self.text())
        self.clear()
        if new:
            self.added.emit(new)


class TagChip(QToolButton):
    """One tag, removed by a click, Space, Backspace or Delete."""

    def __init__(self, tag: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.tag = tag
        self.setObjectName("tagChip")
        self.setText(f"{tag}  ✕")
        self.setAccessibleName(f"Tag {tag}")
        self.setToolTip(f"Remove the tag “{tag}” (click, or Backspace)")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)


CHIP_STYLE = """
QToolButton#tagChip { border: 1px solid palette(mid); border-radius: 9px;
    padding: 1px 7px; background: palette(alternate-base); color: palette(text); }
QToolButton#tagChip:hover { border-color: palette(highlight); }
QToolButton#tagChip:focus { border: 2px solid palette(highlight); padding: 0px 6px; }
"""


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (the last one, the field, takes the rest of its
        line); the height used."""
        x, y, line = rect.x(), rect.y(), 0
        for i, item in enumerate(self._items):
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            width = hint.width()
            if i == len(self._items) - 1:  # the field: the rest of the line
                width = max(width, rect.right() + 1 - x)
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class TagField(QWidget):
    """The highlight's tags as chips, then the field that adds more; ``committed``
    carries the whole new list."""

    committed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CHIP_STYLE)
        self.entry = TagEdit(self)
        self.entry.setMinimumWidth(120)
        self.chips: list[TagChip] = []
        self._shown: list[str] = []
        self.before: QWidget | None = None  # the field Tab leaves to reach the chips
        self._flow = FlowLayout(self)
        self._flow.addWidget(self.entry)
        self.entry.added.connect(self._add)
        self.entry.dropLast.connect(lambda: self.remove(self._shown[-1]))

    def set_known_tags(self, tags: list[str]) -> None:
        self.entry.set_known_tags(tags)

    def tags(self) -> list[str]:
        """The tags the chips show."""
        return list(self._shown)

    def show_tags(self, tags: list[str], keep_typing: bool = False) -> None:
        """Show ``tags`` as chips; with ``keep_typing``, words being typed in the field
        survive the refresh (another edit of the same highlight, e.g. its verdict)."""
        if not keep_typing:
            self.entry.clear()
        if tags == self._shown and len(self.chips) == len(tags):
            return
        self._shown = list(tags)
        self.entry.present = self._shown
        focus_in_chips = any(chip.hasFocus() for chip in self.chips)
        if focus_in_chips:
            self.entry.setFocus()
        for chip in self.chips:
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self._flow.removeWidget(self.entry)
        for tag in self._shown:
            chip = TagChip(tag, self)
            chip.clicked.connect(lambda _=False, t=tag: self.remove(t))
            self._flow.addWidget(chip)
            self.chips.append(chip)
            chip.show()
        self._flow.addWidget(self.entry)
        self._chain()
        self.updateGeometry()

    def _chain(self) -> None:
        order = [w for w in (self.before, *self.chips, self.entry) if w is not None]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def remove(self, tag: str) -> None:
        """Take ``tag`` off; the keyboard stays on the chips (the next one) or the field."""
        if tag not in self._shown:
            return
        index = self._shown.index(tag)
        had_focus = any(chip.hasFocus() for chip in self.chips)
        tags = [t for t in self._shown if t != tag]
        self.committed.emit(tags)
        if had_focus and 0 <= index < len(self.chips) and self.chips[index].tag != tag:
            self.chips[index].setFocus()
        elif had_focus:
            self.entry.setFocus()

    def _add(self, new: list[str]) -> None:
        tags = normalise_tags([*self._shown, *new])
        if tags != self._shown:
            self.committed.emit(tags)
