"""The one thread that talks to PDFium: opening, rendering pages, character boxes.

PDFium is not thread-safe, so every call goes through this worker's own QThread, one at
a time; requests arrive as queued signals and answers leave as signals carrying QImages
(safe to build off the UI thread) and plain lists. Every answer names the ``token`` of
the file it belongs to, so answers for a file that was replaced meanwhile are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from desktop.storage.errors import DocumentError


class PdfWorker(QObject):
    opened = Signal(int, object)  # token, [(width, height) in points] per page
    failed = Signal(int, str)  # token, a message for the user
    rendered = Signal(int, int, float, QImage)  # token, page, scale, image
    boxesReady = Signal(int, int, str, object)  # token, page, its text, [box | None]
    textReady = Signal(int, object)  # token, the Document PDFium reads (or None)

    def __init__(self) -> None:
        super().__init__()
        self._pages = None  # storage.formats.pdf.PdfPages, only ever touched here
        self._token = 0

    @Slot(int, bytes, str)
    def open(self, token: int, raw: bytes, name: str) -> None:
        from desktop.storage.formats.pdf import PdfPages

        self.close()
        self._token = token
        try:
            self._pages = PdfPages(raw, name)
        except DocumentError as err:
            self.failed.emit(token, str(err))
            return
        self.opened.emit(token, list(self._pages.sizes))

    @Slot(int, bytes, str)
    def read_text(self, token: int, raw: bytes, name: str) -> None:
        """The whole document's text as ``load_pdf`` reads it (after the first page)."""
        from desktop.storage.formats.base import Source
        from desktop.storage.formats.pdf import load_pdf

        try:
            document = load_pdf(Source(raw, name))
        except DocumentError:
            document = None
        self.textReady.emit(token, document)

    @Slot(int, int, float)
    def render(self, token: int, number: int, scale: float) -> None:
        if token != self._token or self._pages is None:
            return
        try:
            page = self._pages.render(number, scale)
        except Exception:  # a page PDFium cannot draw stays blank paper
            return
        image = QImage(page.pixels, page.width, page.height, page.stride,
                       QImage.Format.Format_RGB32).copy()  # owns its pixels
        self.rendered.emit(token, number, scale, image)

    @Slot(int, int)
    def boxes(self, token: int, number: int) -> None:
        if token != self._token or self._pages is None:
            return
        try:
            text, boxes = self._pages.text_and_boxes(number)
        except Exception:  # no boxes: the page shows, nothing on it is selectable
            text, boxes = "", []
        self.boxesReady.emit(token, number, text, boxes)

    @Slot()
    def close(self) -> None:
        if self._pages is not None:
            self._pages.close()
            self._pages = None


class PdfThread(QObject):
    """Owns the worker and its thread; ``stop()`` (or the parent's destruction) ends it."""

    _open = Signal(int, bytes, str)
    _read_text = Signal(int, bytes, str)
    _render = Signal(int, int, float)
    _boxes = Signal(int, int)
    _close = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("pdfium")
        self.worker = PdfWorker()
        self.worker.moveToThread(self.thread)
        self._open.connect(self.worker.open)
        self._read_text.connect(self.worker.read_text)
        self._render.connect(self.worker.render)
        self._boxes.connect(self.worker.boxes)
        self._close.connect(self.worker.close)
        self.thread.start()
        self.destroyed.connect(self.thread.quit)

    def open(self, token: int, raw: bytes, name: str) -> None:
        self._open.emit(token, raw, name)

    def read_text(self, token: int, raw: bytes, name: str) -> None:
        self._read_text.emit(token, raw, name)

    def render(self, token: int, number: int, scale: float) -> None:
        self._render.emit(token, number, scale)

    def boxes(self, token: int, number: int) -> None:
        self._boxes.emit(token, number)

    def stop(self) -> None:
        if self.thread.isRunning():
            self._close.emit()
            self.thread.quit()
            self.thread.wait(5000)
