"""Opening a document as the text a study is built on: the entry point for every format.

Text and Markdown (any common encoding), saved web pages, PDF, Word and EPUB; each
format lives in ``desktop.storage.formats``. Line endings are normalised to ``\\n`` so
offsets match what the reader shows. Every refusal is a DocumentError with a message
for the user: unsupported, missing, too big, empty, binary, damaged or cancelled.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.formats import FORMATS, TEXT_MEDIA_TYPES, loader_for
from desktop.storage.formats.base import Cancelled, ImportCancelledError, Progress, Source
from desktop.storage.formats.text import decode_text as decode_with_encoding
from desktop.storage.formats.text import normalize_newlines
from desktop.storage.safe_read import read_capped

__all__ = ["DOCUMENT_SUFFIXES", "MAX_DOCUMENT_BYTES", "OTHER_SYNC_BYTES", "TEXT_MEDIA_TYPES",
           "TEXT_SYNC_BYTES", "ImportCancelledError", "decode_text", "decode_with_encoding",
           "is_document_path", "load_document", "normalize_newlines", "sync_limit"]

DOCUMENT_SUFFIXES = {suffix: f.media_type for suffix, f in FORMATS.items()}
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
TEXT_SYNC_BYTES = 2 * 1024 * 1024  # plain text: fast to decode
OTHER_SYNC_BYTES = 256 * 1024  # Markdown, PDF, Word, EPUB, web pages: parsing takes longer
_QUICK_SUFFIXES = {".txt", ".text"}


def sync_limit(path: Path) -> int:
    """Files up to this many bytes load at once; larger ones in a worker with progress
    (the window shows first, so the user sees something happen)."""
    return TEXT_SYNC_BYTES if Path(path).suffix.lower() in _QUICK_SUFFIXES else OTHER_SYNC_BYTES


def is_document_path(path: Path) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def load_document(
    path: Path,
    encoding: str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Document:
    """Read ``path`` as a Document; ``encoding`` overrides detection for text formats.

    ``progress(fraction)`` is called as the work advances and ``cancelled()`` is asked
    between steps (a True answer raises ImportCancelledError); both may come from a worker.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        kinds = ", ".join(sorted(DOCUMENT_SUFFIXES))
        raise DocumentError(f"“{path.name}” is not a document Crosslight can open ({kinds}).")
    raw = read_capped(
        path,
        limit=MAX_DOCUMENT_BYTES,
        error=DocumentError,
        noun="a document",
        too_big=lambda size: (
            f"“{path.name}” is {size // (1024 * 1024)} MB; Crosslight opens documents "
            f"up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB."
        ),
    )
    if not raw.strip():
        raise DocumentError(f"“{path.name}” is empty: there is nothing to read.")
    source = Source(raw, path.name, encoding or None)
    if progress is not None:
        source.progress = progress
    if cancelled is not None:
        source.cancelled = cancelled
    source.step(0.0)
    try:
        document = loader_for(suffix)(source)
    except DocumentError:
        raise
    except Exception as err:  # a parser's bug or limit (recursion) on hostile input
        raise DocumentError(f"“{path.name}” could not be read ({type(err).__name__}: "
                            f"{str(err)[:200]}).") from err
    if not document.text.strip():
        raise DocumentError(f"“{path.name}” is empty: there is nothing to read.")
    document.source_path = str(path.resolve())
    title = document.title.strip()
    document.title = title[:120] if title else _title_from(document.text, path)
    return document


def decode_text(raw: bytes, name: str) -> str:
    """The text of ``raw`` as ``load_document`` decodes a .txt file (newlines kept)."""
    return decode_with_encoding(raw, name)[0]


def _title_from(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("# ").strip()
    return first[:120] if first else path.stem
