"""Selecting on the PDF's pages, with the mouse and the keyboard, in code points.

A press places the caret at the character nearest the pointer (from PDFium's boxes;
one on a page whose characters are still on their way waits for them), a drag or
Shift+click extends, a double click takes a word, Shift+arrows extend by character or
line, Ctrl+C copies; a click on a highlight without a drag selects it in the list.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)

from desktop.storage.formats.pdf import HYPHEN_MARK
from desktop.ui.pdfview.layout import offset_near
from desktop.ui.pdfview.pages import Pages


class SelectablePages(Pages):
    # --- selection ------------------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        if self._anchor is None or self._caret is None or self._anchor == self._caret:
            return None
        return min(self._anchor, self._caret), max(self._anchor, self._caret)

    def select_range(self, start: int, end: int) -> None:
        self._anchor, self._caret = start, end
        self.viewport().update()
        self.selectionChanged.emit()

    def select_all(self) -> None:
        if self.text_length:
            self.select_range(0, self.text_length)

    def clear_selection(self) -> None:
        if self._caret is not None:
            self.select_range(self._caret, self._caret)

    def selected_text(self) -> str:
        span = self.selection_range()
        if span is None:
            return ""
        parts = []
        for number in range(self._page_of(span[0]), self._page_of(span[1] - 1) + 1):
            text = self._texts.get(number, "")
            base = self.starts[number]
            parts.append(text[max(0, span[0] - base):max(0, span[1] - base)])
        return "\n\n".join(p for p in parts if p)

    def copy(self) -> None:
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def offset_at(self, pos: QPointF) -> int | None:
        """The document offset of the caret nearest ``pos`` (viewport pixels), None
        until the page's characters have arrived."""
        if not self.layout_.sizes:
            return None
        content = QPointF(pos.x() + self.horizontalScrollBar().value(),
                          pos.y() + self.verticalScrollBar().value())
        number = self.layout_.page_at(content.y())
        boxes = self._boxes.get(number)
        if boxes is None:
            self._ask_boxes(number)
            return None
        page = self.layout_.page_rect(number, self.viewport().width())
        zoom = self.layout_.zoom
        local = QPointF((content.x() - page.x()) / zoom, (content.y() - page.y()) / zoom)
        at = offset_near(boxes, local)
        return None if at is None else self.starts[number] + at

    def key_at(self, pos: QPointF) -> str | None:
        """The innermost highlight under ``pos``."""
        at = self.offset_at(pos)
        if at is None:
            return None
        hits = [r for r in self._by_page.get(self._page_of(at), []) if r.start <= at < r.end
                or r.start < at <= r.end]
        return min(hits, key=lambda r: r.end - r.start).key if hits else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus()
        at = self.offset_at(event.position())
        if at is None:  # the page's characters are on their way: press there then
            self._pending_press = event.position()
            return None
        self._pending_press = None
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._anchor is not None:
            self.select_range(self._anchor, at)
        else:
            self.select_range(at, at)
        self._pressed_on = self.key_at(event.position())
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double click selects the word under the pointer."""
        at = self.offset_at(event.position())
        if at is None or event.button() != Qt.MouseButton.LeftButton:
            return
        number = self._page_of(at)
        text, base = self._texts.get(number, ""), self.starts[number]
        local = at - base
        if local < len(text) and not text[local].isalnum() and local > 0:
            local -= 1  # the caret fell after the word's last letter
        start = end = local
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == HYPHEN_MARK):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] == HYPHEN_MARK):
            end += 1
        if end > start:
            self._pressed_on = None
            self.select_range(base + start, base + end)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not event.buttons() & Qt.MouseButton.LeftButton or self._anchor is None:
            return
        at = self.offset_at(event.position())
        if at is not None and at != self._caret:
            self._pressed_on = None
            self.select_range(self._anchor, at)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pressed_on is not None and self.selection_range() is None:
            self.highlightClicked.emit(self._pressed_on)
        self._pressed_on = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        key = event.key()
        if shift and self._caret is not None and key in (
                Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._extend(key)
            return
        super().keyPressEvent(event)

    def _characters_arrived(self, number: int) -> None:
        """A press made before the page's characters arrived places the caret now."""
        super()._characters_arrived(number)
        if self._pending_press is not None:
            pos, self._pending_press = self._pending_press, None
            at = self.offset_at(pos)
            if at is not None:
                self.select_range(at, at)

    def _extend(self, key: int) -> None:
        assert self._caret is not None and self._anchor is not None
        caret = self._caret
        if key == Qt.Key.Key_Left:
            caret -= 1
        elif key == Qt.Key.Key_Right:
            caret += 1
        else:
            caret = self._line_step(caret, -1 if key == Qt.Key.Key_Up else 1)
        if self.text_length:
            caret = min(self.text_length, caret)
        self.select_range(self._anchor, max(0, caret))
        self.ensure_visible(self._caret if self._caret is not None else caret)

    def _line_step(self, caret: int, direction: int) -> int:
        """The offset one line above or below ``caret``, at the same x."""
        number = self._page_of(caret)
        boxes = self._boxes.get(number)
        local = caret - self.starts[number]
        if not boxes:
            return caret
        box = next((boxes[i] for i in range(min(local, len(boxes) - 1), -1, -1)
                    if boxes[i] is not None), None)
        if box is None:
            return caret
        height = box[3] - box[1]
        target = QPointF(box[0], (box[1] + box[3]) / 2 + direction * height * 1.2)
        at = offset_near(boxes, target)
        return caret if at is None else self.starts[number] + at

