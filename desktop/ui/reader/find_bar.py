"""Find in document: a bar under the reader (Ctrl+F), next/previous, a match count.

Matches are found with ``str.find`` on a lower-cased copy of the text (a rare word in
3.2 MB costs ~2 ms) and handed to the reader as a sorted range list that it paints for
the visible blocks only — never ExtraSelections. At most ``MAX_MATCHES`` are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.domain.textunits import Utf16Map

if TYPE_CHECKING:
    from desktop.domain.model import Document
    from desktop.ui.reader.presenter import ReaderPresenter

MAX_MATCHES = 5000


def find_all(text: str, lowered: str | None, query: str, limit: int = MAX_MATCHES
             ) -> list[tuple[int, int]]:
    """Case-insensitive, non-overlapping code-point spans of ``query`` in ``text``."""
    if not query:
        return []
    out: list[tuple[int, int]] = []
    if lowered is not None:  # lower() kept the length: offsets line up with the text
        needle = query.lower()
        at = lowered.find(needle)
        while at >= 0 and len(out) < limit:
            out.append((at, at + len(needle)))
            at = lowered.find(needle, at + len(needle))
        return out
    for m in re.finditer(re.escape(query), text, re.IGNORECASE):
        if len(out) >= limit:
            break
        if m.end() > m.start():
            out.append((m.start(), m.end()))
    return out


class _QueryEdit(QLineEdit):
    previousRequested = Signal()
    closeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.previousRequested.emit()
            return
        super().keyPressEvent(event)


class PageTarget(Protocol):
    """What the find bar uses of a PDF's page view (all in code points)."""

    def isVisible(self) -> bool: ...

    def set_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None: ...

    def select_range(self, start: int, end: int) -> None: ...

    def selection_range(self) -> tuple[int, int] | None: ...

    def reveal(self, start: int, end: int) -> None: ...

    def selected_text(self) -> str: ...

    def setFocus(self) -> None: ...


class FindBar(QWidget):
    """Hidden until Ctrl+F; works on whatever text the reader shows."""

    def __init__(self, reader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find in document")
        self.reader = reader
        self._text = ""
        self._to_source: Callable[[int], int] | None = None  # shown → stored offsets
        self._lowered: str | None = None
        self._lowered_ready = False
        self._u16: Utf16Map | None = None
        self.matches: list[tuple[int, int]] = []  # code points
        self.current = -1
        self._spans: list[tuple[int, int]] = []  # the matches in UTF-16, for the reader
        # A PDF's page view, searched instead of the reader while it shows: it takes
        # code points (set_matches, select_range, reveal, selected_text, isVisible).
        self.pages: PageTarget | None = None

        self.edit = _QueryEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("Find in document")
        self.edit.setAccessibleName("Find text")
        self.edit.setClearButtonEnabled(True)
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("findCount")
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(90)
        self.prev_button = self._button("▲", "Previous match (Shift+Enter)", self.previous)
        self.next_button = self._button("▼", "Next match (Enter)", self.next)
        self.close_button = self._button("✕", "Close the find bar (Esc)", self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        for button in (self.prev_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self.setTabOrder(self.edit, self.prev_button)
        self.setTabOrder(self.prev_button, self.next_button)
        self.setTabOrder(self.next_button, self.close_button)

        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        self.edit.previousRequested.connect(self.previous)
        self.edit.closeRequested.connect(self.close_bar)
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    # --- public --------------------------------------------------------------
    def follow(self, presenter: ReaderPresenter) -> None:
        """Search whatever text the reader shows from now on."""
        presenter.follow(self._on_text_shown)

    def _on_text_shown(self, document: Document, u16: Utf16Map) -> None:
        self.set_text(document.text, u16)

    def set_text(self, text: str, u16: Utf16Map) -> None:
        """A new document: forget the old matches, search again if the bar is open.

        A PDF is searched as its Text view reads (``u16.flow``: hyphens joined, lines
        run on), so what the reader sees is found; matches are kept in the stored
        text's offsets, for either view."""
        flow = getattr(u16, "flow", None)
        self._to_source = flow.to_source if flow is not None else None
        self._text = flow.text if flow is not None else text
        self._lowered = None
        self._lowered_ready = False  # lower-cased on the first search, not on open
        self._u16 = u16
        self._search()

    def _on_pages(self) -> bool:
        return self.pages is not None and self.pages.isVisible()

    def _page_target(self) -> PageTarget | None:
        return self.pages if self._on_pages() else None

    def view_switched(self) -> None:
        """The reader or the page view shows now: the matches go with it."""
        self.reader.set_matches([])
        if self.pages is not None:
            self.pages.set_matches([])
        if not self.isHidden():
            self._show_current()

    def open_bar(self) -> None:
        self.show()
        pages = self._page_target()
        if pages is not None:
            selected = pages.selected_text()
        else:
            selected = self.reader.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 200:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.reader.set_matches([])
        if self.pages is not None:
            self.pages.set_matches([])
        (self._page_target() or self.reader).setFocus()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    # --- internals -----------------------------------------------------------
    def _search(self) -> None:
        if self.isHidden():
            return
        query = self.edit.text()
        if query and not self._lowered_ready:
            lowered = self._text.lower()
            self._lowered = lowered if len(lowered) == len(self._text) else None
            self._lowered_ready = True
        self.matches = find_all(self._text, self._lowered, query)
        if self._to_source is not None:
            back = self._to_source
            self.matches = [(back(s), back(e)) for s, e in self.matches]
        u16 = self._u16
        self._spans = [(u16.to_utf16(s), u16.to_utf16(e)) for s, e in self.matches] if u16 else []
        self.current = -1
        pages = self._page_target()
        if self.matches and pages is not None:
            here = (pages.selection_range() or (0, 0))[0]
            self.current = next((i for i, (s, _) in enumerate(self.matches) if s >= here), 0)
        elif self.matches and self._u16 is not None:
            here = self._u16.to_codepoint(self.reader.textCursor().selectionStart())
            self.current = next((i for i, (s, _) in enumerate(self.matches) if s >= here), 0)
        self._show_current()

    def _step(self, delta: int) -> None:
        if self.isHidden():
            self.open_bar()
            return
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        pages = self._page_target()
        if pages is not None:
            pages.set_matches(self.matches, self.current)
            self._update_label()
            if 0 <= self.current < len(self.matches):
                pages.select_range(*self.matches[self.current])
                pages.reveal(*self.matches[self.current])
            return
        spans = self._spans
        self.reader.set_matches(spans, self.current)
        self._update_label()
        if 0 <= self.current < len(spans):
            start, end = spans[self.current]
            self.reader.select_range(start, end)
            self.reader.centerCursor()

    def _update_label(self) -> None:
        n = len(self.matches)
        if not self.edit.text():
            text = ""
        elif n == 0:
            text = "No matches"
        else:
            more = "+" if n >= MAX_MATCHES else ""
            text = f"{self.current + 1} of {n}{more}"
        self.count_label.setText(text)
        self.edit.setProperty("notFound", bool(self.edit.text()) and n == 0)
