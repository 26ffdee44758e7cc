"""The study model: documents, highlights on them, categories and notes.

Offsets (``Highlight.start``/``end``) are code points into ``Document.text``; see
``textunits`` for the conversion Qt needs. A highlight whose passage cannot be found
has ``start is None``: it is an orphan, kept with its quote and note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector
from desktop.domain.ids import new_id, utc_now


@dataclass(slots=True)
class Category:
    id: str
    name: str
    color: str  # "#rrggbb"


@dataclass(slots=True)
class Document:
    text: str
    title: str
    media_type: str = "text/plain"
    source_path: str = ""
    id: str = field(default_factory=lambda: new_id("d"))
    added: str = field(default_factory=utc_now)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Highlight:
    document_id: str
    quote: TextQuoteSelector
    start: int | None
    end: int | None
    category_id: str
    note: str = ""
    id: str = field(default_factory=lambda: new_id("h"))
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)

    @property
    def is_orphan(self) -> bool:
        return self.start is None or self.end is None

    @property
    def position(self) -> TextPositionSelector | None:
        if self.start is None or self.end is None:
            return None
        return TextPositionSelector(self.start, self.end)


@dataclass(slots=True)
class Study:
    documents: dict[str, Document] = field(default_factory=dict)
    highlights: dict[str, Highlight] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    note: str = ""
    title: str = ""
    id: str = field(default_factory=lambda: new_id("s"))
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)

    @property
    def main_document(self) -> Document | None:
        return next(iter(self.documents.values()), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def highlights_in_order(self, document_id: str) -> list[Highlight]:
        """Anchored highlights by position, then orphans in creation order."""
        mine = [h for h in self.highlights.values() if h.document_id == document_id]
        anchored = sorted(
            (h for h in mine if not h.is_orphan), key=lambda h: (h.start, h.end, h.created)
        )
        orphans = [h for h in mine if h.is_orphan]
        return anchored + orphans

    def orphans(self) -> Iterator[Highlight]:
        return (h for h in self.highlights.values() if h.is_orphan)
