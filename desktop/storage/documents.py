"""Opening plain-text and Markdown documents as the text a study is built on.

Line endings are normalised to ``\\n`` so offsets match what the reader shows.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from desktop.domain.model import Document
from desktop.storage.errors import DocumentError
from desktop.storage.safe_read import read_capped

DOCUMENT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
                     ".markdown": "text/markdown"}
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

_BOMS = (
    # UTF-32 first: the UTF-32 LE mark begins with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_document_path(path: Path) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def load_document(path: Path) -> Document:
    path = Path(path)
    media_type = DOCUMENT_SUFFIXES.get(path.suffix.lower())
    if media_type is None:
        kinds = ", ".join(sorted(DOCUMENT_SUFFIXES))
        raise DocumentError(f"“{path.name}” is not a document Crosslight can open ({kinds}).")
    raw = read_capped(
        path,
        limit=MAX_DOCUMENT_BYTES,
        error=DocumentError,
        noun="a document",
        too_big=lambda size: (
            f"“{path.name}” is {size // (1024 * 1024)} MB; Crosslight opens text documents "
            f"up to {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB."
        ),
    )
    text = normalize_newlines(decode_text(raw, path.name))
    if not text.strip():
        raise DocumentError(f"“{path.name}” is empty: there is nothing to read.")
    return Document(
        text=text,
        title=_title_from(text, path),
        media_type=media_type,
        source_path=str(path.resolve()),
    )


def decode_text(raw: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as err:
                raise DocumentError(f"“{name}” has a {encoding} mark but is damaged.") from err
            if "\x00" in text:
                raise DocumentError(f"“{name}” is a binary file, not text.")
            return text
    if b"\x00" in raw:
        raise DocumentError(f"“{name}” is a binary file, not text.")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Legacy Western text is the most common non-UTF-8 case; undefined bytes stop it.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DocumentError(f"“{name}” is not UTF-8 text and its encoding is unknown.") from err
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        raise DocumentError(f"“{name}” does not look like text.")
    return text


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n")


def _title_from(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("# ").strip()
    return first[:120] if first else path.stem
