"""The document formats Crosslight opens, one module each, chosen by file suffix.

Each loader takes a ``Source`` (the bytes, the file name for messages, an optional
encoding, progress and cancel callbacks) and returns a ``Document`` without path or
fallback title; ``documents.load_document`` adds those. Loaders import their heavy
libraries (pypdfium2, lxml, python-markdown, trafilatura, charset-normalizer) on first
use only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from desktop.domain.model import Document
from desktop.storage.formats.base import Source


@dataclass(frozen=True, slots=True)
class Format:
    media_type: str
    label: str  # for the Open dialog's filter and messages
    loader: str  # "module:function" inside this package, imported on use
    text: bool  # decoded from a text encoding (so Reopen with Encoding applies)


_TEXT = Format("text/plain", "Text", "text:load_text", True)
_MARKDOWN = Format("text/markdown", "Markdown", "markdown_text:load_markdown", True)
_HTML = Format("text/html", "Web page", "html:load_html", True)
FORMATS: dict[str, Format] = {
    ".txt": _TEXT,
    ".text": _TEXT,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".pdf": Format("application/pdf", "PDF", "pdf:load_pdf", False),
    ".docx": Format("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "Word", "docx:load_docx", False),
    ".epub": Format("application/epub+zip", "EPUB", "epub:load_epub", False),
}
TEXT_MEDIA_TYPES = {f.media_type for f in FORMATS.values() if f.text}


def loader_for(suffix: str) -> Callable[[Source], Document]:
    module_name, function = FORMATS[suffix].loader.split(":")
    module = import_module(f"{__name__}.{module_name}")
    return getattr(module, function)


def open_filter() -> str:
    """Patterns for a file dialog: ``*.txt *.md …`` of every supported suffix."""
    return " ".join(f"*{suffix}" for suffix in FORMATS)
