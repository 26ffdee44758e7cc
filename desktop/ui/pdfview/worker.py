"""The one thread that talks to PDFium: opening, rendering pages, character boxes.

PDFium is not thread-safe, so every call of every page view in the process runs on the
one PDFium thread (``storage.formats.pdfium_thread``, which loading PDFs uses too);
answers come back as signals (queued to the UI thread) carrying QImages, which are safe
to build off the UI thread, and plain lists.
Each answer names the ``token`` of the file it belongs to, so answers for a file that
was replaced meanwhile are dropped. A view that is gone simply gets no answers.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop.storage.errors import DocumentError
from desktop.storage.formats.pdfium_thread import submit

if TYPE_CHECKING:
    from desktop.storage.formats.pdf import PdfPages



def _submit(work) -> None:
    with suppress(RuntimeError):  # the interpreter is shutting down: nothing to close
        submit(work)


class PdfWorker(QObject):
    """The answers (emitted on the PDFium thread, received on the UI thread)."""

    opened = Signal(int, object)  # token, [(width, height) in points] per page
    failed = Signal(int, str)  # token, a message for the user
    rendered = Signal(int, int, float, QImage)  # token, page, scale, image
    boxesReady = Signal(int, int, str, object)  # token, page, its text, [box | None]
    textReady = Signal(int, object)  # token, the Document PDFium reads (or None)


class _Held:
    """The open file, touched on the PDFium thread only (also to close it when the view
    is destroyed: never by the garbage collector on another thread)."""

    def __init__(self) -> None:
        self.pages: PdfPages | None = None
        self.token = 0  # the file the PDFium thread holds now

    def close(self, *_args: object) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None


class PdfThread(QObject):
    """One view's open PDF on the PDFium thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = PdfWorker(self)
        self._held = held = _Held()
        self.destroyed.connect(lambda *_: _submit(held.close))

    def _emit(self, signal_name: str, *args: object) -> None:
        with suppress(RuntimeError):  # the view was closed meanwhile
            getattr(self.worker, signal_name).emit(*args)

    def open(self, token: int, raw: bytes, name: str) -> None:
        submit(self._open, token, raw, name)

    def read_text(self, token: int, raw: bytes, name: str) -> None:
        submit(self._read_text, token, raw, name)

    def render(self, token: int, number: int, scale: float) -> None:
        submit(self._render, token, number, scale)

    def boxes(self, token: int, number: int) -> None:
        submit(self._boxes, token, number)

    def stop(self) -> None:
        """Close the file (on the PDFium thread) and wait until that is done."""
        submit(self._held.close).result(timeout=30)

    # --- on the PDFium thread ------------------------------------------------------
    def _open(self, token: int, raw: bytes, name: str) -> None:
        from desktop.storage.formats.pdf import PdfPages

        held = self._held
        held.close()
        held.token = token
        try:
            pages = held.pages = PdfPages(raw, name)
        except DocumentError as err:
            self._emit("failed", token, str(err))
            return
        self._emit("opened", token, list(pages.sizes))

    def _read_text(self, token: int, raw: bytes, name: str) -> None:
        """The whole document's text as ``load_pdf`` reads it (queued after page one)."""
        from desktop.storage.formats.base import Source
        from desktop.storage.formats.pdf import load_pdf

        if token != self._held.token:
            return
        try:
            document = load_pdf(Source(raw, name))
        except DocumentError:
            document = None
        self._emit("textReady", token, document)

    def _render(self, token: int, number: int, scale: float) -> None:
        pages = self._held.pages
        if token != self._held.token or pages is None:
            return
        try:
            page = pages.render(number, scale)
        except Exception:  # a page PDFium cannot draw stays blank paper
            return
        image = QImage(page.pixels, page.width, page.height, page.stride,
                       QImage.Format.Format_RGB32).copy()  # owns its pixels
        self._emit("rendered", token, number, scale, image)

    def _boxes(self, token: int, number: int) -> None:
        pages = self._held.pages
        if token != self._held.token or pages is None:
            return
        try:
            text, boxes = pages.text_and_boxes(number)
        except Exception:  # no boxes: the page shows, nothing on it is selectable
            text, boxes = "", []
        self._emit("boxesReady", token, number, text, boxes)
