"""A Markdown document's source, with a passage of its rendered text found in it.

Document › View Markdown Source shows the file a Markdown document was rendered from,
with the selected highlight's passage selected there. The file is read again (the study
keeps the rendered text, not the Markdown) the way it was opened: same encoding, line
ends made ``\\n``. The document's ``source_map`` places the passage; it is checked
against the file first (``source_map.runs_match``): when the file changed since, or the
map came from another reading, the file is rendered again and its fresh map used if it
still renders to the same text. Otherwise the source is shown without a selection, and
the reason is said.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.model import Document
from desktop.domain.source_map import runs_match, source_range
from desktop.storage.documents import MAX_DOCUMENT_BYTES
from desktop.storage.errors import DocumentError
from desktop.storage.formats.text import decode_text, normalize_newlines
from desktop.storage.safe_read import read_capped

MARKDOWN = "text/markdown"


class SourceUnavailableError(Exception):
    """There is no source to show; the message says why, in a sentence."""


@dataclass(frozen=True, slots=True)
class MarkdownSource:
    name: str  # the file's name
    text: str  # the Markdown, line ends made "\n"
    selection: tuple[int, int] | None  # code points in ``text``: the passage asked for
    note: str  # why the passage has no selection ("" when it has one or none was asked)


def markdown_source(document: Document, span: tuple[int, int] | None) -> MarkdownSource:
    """The source of ``document`` with ``span`` (code points of its text) placed in it."""
    if document.media_type != MARKDOWN:
        raise SourceUnavailableError("Only Markdown documents have a source apart from their "
                                "text: this document's text is what was read.")
    if not document.source_path:
        raise SourceUnavailableError("This document was not opened from a Markdown file, so "
                                "there is no source to show.")
    path = Path(document.source_path)
    try:
        raw = read_capped(path, limit=MAX_DOCUMENT_BYTES, error=DocumentError,
                          noun="a document",
                          too_big=lambda size: f"“{path.name}” is now {size:,} bytes: too big.")
        text, _ = decode_text(raw, path.name, document.encoding or None)
    except (DocumentError, OSError) as err:
        raise SourceUnavailableError(f"The Markdown source could not be read: {err}") from err
    source = normalize_newlines(text)
    if span is None:
        return MarkdownSource(path.name, source, None, "")
    runs = document.source_map
    if not (runs and runs_match(runs, document.text, source)):
        from desktop.storage.formats.markdown_text import markdown_document

        rendered = markdown_document(source)
        if rendered.text != document.text:
            return MarkdownSource(path.name, source, None, (
                f"“{path.name}” has changed since the document was read (or this is an "
                "earlier version of its text): the passage could not be placed in it."))
        runs = rendered.source_map
    where = source_range(runs, *span)
    note = "" if where else "The passage was made by rendering (a bullet or a number)."
    return MarkdownSource(path.name, source, where, note)
