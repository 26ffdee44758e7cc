"""The compact cards' note previews: rendered once per highlight when its row is first
painted, kept until a change set touches the highlight, and drawn from cached static
text so scrolling a 10k list does not lay out rich text again.

The Markdown engine costs ~85 ms to load, too much for the first paint: until it is
loaded, a card shows the note's words plain while a worker thread builds the engine,
then the list repaints with the rendered previews.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QStaticText, QTextOption

from desktop.domain.model import Highlight
from desktop.domain.note_preview import (
    engine_ready,
    needs_engine,
    note_excerpt,
    note_preview_html,
    plain_preview,
)

MAX_STATIC = 1024  # laid-out previews kept for painting (a few screens' worth)


class NotePreviews(QObject):
    """Highlight id → the preview's inline HTML, for the rows painted so far."""

    changed = Signal()  # previews were dropped or the engine is ready: repaint the rows
    _ready = Signal()  # the worker thread built the engine

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._html: dict[str, str] = {}
        self._warming = False
        self._ready.connect(self._on_ready, Qt.ConnectionType.QueuedConnection)

    def __len__(self) -> int:
        return len(self._html)

    def get(self, h: Highlight) -> str:
        cached = self._html.get(h.id)
        if cached is not None:
            return cached
        if not h.note.strip():
            return ""
        if not engine_ready() and needs_engine(note_excerpt(h.note)):
            self._warm_later()
            return plain_preview(h.note)  # not cached: rendered once the engine is here
        cached = self._html[h.id] = note_preview_html(h.note)
        return cached

    def drop(self, ids) -> None:
        """Forget the previews of changed highlights; repaint if any was shown."""
        if sum(self._html.pop(hid, None) is not None for hid in ids):
            self.changed.emit()

    def clear(self) -> None:
        self._html = {}

    def _warm_later(self) -> None:
        if not self._warming:
            self._warming = True
            threading.Thread(target=self._warm, name="markdown-engine", daemon=True).start()

    def _warm(self) -> None:
        """On a worker thread: the UI thread keeps answering while python-markdown is
        imported and built (it gets the interpreter every few ms meanwhile)."""
        from desktop.domain.markdown_safe import prepare_engine

        try:
            prepare_engine()
        finally:
            with contextlib.suppress(RuntimeError):  # the pane closed meanwhile
                self._ready.emit()  # queued: handled on the UI thread

    def _on_ready(self) -> None:
        self._warming = False
        self.changed.emit()


class PreviewPainter:
    """Draws previews as QStaticText (laid out once per text, font and colour)."""

    def __init__(self) -> None:
        self._static: dict[tuple[str, str, int], QStaticText] = {}

    def paint(self, painter: QPainter, rect: QRect, preview: str, color: QColor) -> None:
        font = painter.font()
        key = (preview, font.key(), color.rgba())
        static = self._static.get(key)
        if static is None:
            if len(self._static) >= MAX_STATIC:
                self._static.clear()
            static = QStaticText(f'<span style="color:{color.name()}">✎ {preview}</span>')
            static.setTextFormat(Qt.TextFormat.RichText)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.NoWrap)
            static.setTextOption(option)
            static.prepare(painter.transform(), QFont(font))
            self._static[key] = static
        painter.save()
        clip = QRect(rect)
        if static.size().width() > rect.width():  # cut at a word's edge shows "…"
            ellipsis = painter.fontMetrics().horizontalAdvance("…")
            clip.setRight(rect.right() - ellipsis - 2)
            painter.setPen(color)
            painter.drawText(QRect(clip.right() + 2, rect.top(), ellipsis + 1, rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "…")
        painter.setClipRect(clip)
        top = rect.top() + max(0.0, (rect.height() - static.size().height()) / 2)
        painter.drawStaticText(QPointF(rect.left(), top), static)
        painter.restore()
