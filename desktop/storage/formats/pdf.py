"""PDF documents: the text layer page by page with pypdf (BSD), page starts kept.

``Document.pages`` holds the code-point offset where each page begins, so a highlight
can be cited as "p. N". Pages are separated by a blank line. A scanned PDF has no text
layer; it is refused with the advice to OCR it rather than opened empty.
"""

from __future__ import annotations

import io
import logging
import re

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats.base import ImportCancelledError, Source
from desktop.storage.formats.text import normalize_newlines

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def load_pdf(source: Source) -> Document:
    try:
        from pypdf import PdfReader
    except ImportError as err:  # pragma: no cover - a dependency
        raise DocumentError("PDF support is not installed (pypdf is missing).") from err
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files warn per object
    name = source.name
    try:
        reader = PdfReader(io.BytesIO(source.raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"“{name}” is protected by a password; open it in a PDF "
                                "reader and save an unprotected copy first.")
        pages = reader.pages
        count = len(pages)
    except DocumentError:
        raise
    except Exception as err:  # pypdf raises many kinds on damaged files
        raise DocumentError(f"“{name}” is not a readable PDF ({_reason(err)}).") from err
    if count == 0:
        raise DocumentError(f"“{name}” is a PDF with no pages.")
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for number in range(count):
        source.step(number / count)
        try:
            text = pages[number].extract_text() or ""
        except ImportCancelledError:
            raise
        except Exception as err:  # one bad page must not lose the rest
            raise DocumentError(
                f"“{name}”: page {number + 1} could not be read ({_reason(err)})."
            ) from err
        text = _CONTROLS.sub("", normalize_newlines(text)).strip("\n")
        if number:
            parts.append("\n\n")
            length += 2
        starts.append(length)
        parts.append(text)
        length += len(text)
    source.step(1.0)
    full = "".join(parts)
    if not full.strip():
        raise DocumentError(f"“{name}” has no text layer (it is probably scanned); "
                            "OCR it first, then open the OCR'd PDF or its text.")
    return Document(text=full, title=_meta(reader, "title"), media_type="application/pdf",
                    author=_meta(reader, "author"), published=_created(reader), pages=starts)


def _reason(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text[:200]


def _meta(reader, key: str) -> str:
    try:
        value = getattr(reader.metadata, key, None) if reader.metadata else None
    except Exception:  # damaged metadata is only metadata
        return ""
    return str(value).strip() if value else ""


def _created(reader) -> str:
    try:
        date = reader.metadata.creation_date if reader.metadata else None
    except Exception:
        return ""
    return date.date().isoformat() if date else ""
