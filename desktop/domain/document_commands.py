"""Undoable edits to a study's documents: add one, remove one (with its highlights),
replace a document's text by a newer version (re-anchoring its highlights and keeping
the old text), and re-attach a highlight to a passage the reader selects.

Each command remembers exactly what it replaced, so revert restores the study as it
was, down to the order of documents, highlights and links in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.anchoring import TextQuoteSelector, describe
from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command, insert_all, insert_at
from desktop.domain.ids import utc_now
from desktop.domain.model import Document, DocumentVersion, Highlight, Link, Study
from desktop.domain.reanchor import Placement, reanchor_all

# A highlight's place: (start, end, quote). Start and end are None for an orphan.
_Place = tuple[int | None, int | None, TextQuoteSelector]


def _place_of(h: Highlight) -> _Place:
    return h.start, h.end, h.quote


def _put(h: Highlight, place: _Place) -> None:
    h.start, h.end, h.quote = place


@dataclass
class AddDocument(Command):
    document: Document
    label: str = "Add document"

    def apply(self, study: Study) -> ChangeSet:
        if self.document.id in study.documents:
            raise ValueError(f"duplicate document id {self.document.id}")
        study.documents[self.document.id] = self.document
        return ChangeSet(documents_changed=True)

    def revert(self, study: Study) -> ChangeSet:
        del study.documents[self.document.id]
        return ChangeSet(documents_changed=True)


@dataclass
class RemoveDocument(Command):
    """Removes a document, its highlights and every link touching them.

    Citations live inside the highlights, so undo brings them back with them.
    """

    document_id: str
    label: str = "Remove document"
    _document: tuple[int, Document] | None = field(default=None, repr=False)
    _highlights: list[tuple[int, Highlight]] = field(default_factory=list, repr=False)
    _links: list[tuple[int, Link]] = field(default_factory=list, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        if len(study.documents) < 2:
            raise ValueError("a study keeps at least one document")
        doc_ids = list(study.documents)
        self._document = (doc_ids.index(self.document_id), study.documents[self.document_id])
        self._highlights = [
            (i, h) for i, h in enumerate(study.highlights.values())
            if h.document_id == self.document_id
        ]
        gone = {h.id for _, h in self._highlights}
        self._links = [
            (i, link) for i, link in enumerate(study.links.values())
            if link.source_id in gone or link.target_id in gone
        ]
        del study.documents[self.document_id]
        for _, h in self._highlights:
            del study.highlights[h.id]
        for _, link in self._links:
            del study.links[link.id]
        return self._changes(gone, removed=True)

    def revert(self, study: Study) -> ChangeSet:
        assert self._document is not None
        index, document = self._document
        insert_at(study.documents, index, document.id, document)
        # Ascending indices: each lands where it was, in one rebuild per dict.
        insert_all(study.highlights, [(i, h.id, h) for i, h in self._highlights])
        insert_all(study.links, [(i, link.id, link) for i, link in self._links])
        return self._changes({h.id for _, h in self._highlights}, removed=False)

    def _changes(self, ids: set[str], *, removed: bool) -> ChangeSet:
        changes = ChangeSet(documents_changed=True, links_changed=bool(self._links))
        if removed:
            changes.highlights_removed = set(ids)
        else:
            changes.highlights_added = set(ids)
        others = {end for _, link in self._links for end in (link.source_id, link.target_id)}
        changes.highlights_changed = others - ids
        changes.references_changed = {
            c.reference_id for _, h in self._highlights for c in h.citations
        }
        return changes


@dataclass
class UpdateDocumentText(Command):
    """Replaces a document's text by a newer version and re-anchors its highlights.

    The old text is kept in ``Document.versions``. Placements are computed once, on
    the first apply (``placements`` then holds them for the report); redo reuses them.
    """

    document_id: str
    text: str
    title: str | None = None  # None keeps the document's title
    replaced: str = field(default_factory=utc_now)
    label: str = "Update document from new version"
    pages: list[int] | None = None  # the new text's page starts (PDF); None keeps them
    source_path: str | None = None  # the new version's file; None keeps the old path
    # The new text's styles, source map (Markdown) and ruby readings; None keeps them.
    styles: list[tuple[int, int, str]] | None = None
    source_map: list[tuple[int, int, int]] | None = None
    readings: list[tuple[int, int, str]] | None = None
    placements: list[Placement] = field(default_factory=list, repr=False)
    _old: tuple[str, str, dict[str, _Place]] | None = field(default=None, repr=False)
    _new: dict[str, _Place] = field(default_factory=dict, repr=False)
    _old_pages: list[int] = field(default_factory=list, repr=False)
    _old_path: str = field(default="", repr=False)
    _old_layout: tuple[list, list, list] = field(default=([], [], []), repr=False)

    def apply(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        self._old_pages, self._old_path = list(document.pages), document.source_path
        if self.pages is not None:
            document.pages = list(self.pages)
        if self.source_path is not None:
            document.source_path = self.source_path
        self._old_layout = (document.styles, document.source_map, document.readings)
        if self.styles is not None:
            document.styles = list(self.styles)
        if self.source_map is not None:
            document.source_map = list(self.source_map)
        if self.readings is not None:
            document.readings = list(self.readings)
        mine = [h for h in study.highlights.values() if h.document_id == self.document_id]
        if self._old is None:
            self._old = (document.text, document.title, {h.id: _place_of(h) for h in mine})
            self.placements = reanchor_all(document.text, self.text, mine)
            self._new = {p.highlight_id: self._new_place(study.highlights[p.highlight_id], p)
                         for p in self.placements}
        document.versions.append(DocumentVersion(document.text, document.title, self.replaced))
        document.text = self.text
        if self.title is not None:
            document.title = self.title
        for hid, place in self._new.items():
            _put(study.highlights[hid], place)
        return ChangeSet(documents_changed=True, highlights_changed=set(self._new))

    def _new_place(self, h: Highlight, p: Placement) -> _Place:
        if p.start is None or p.end is None:
            return None, None, h.quote  # an orphan keeps its quote
        quote, _ = describe(self.text, p.start, p.end)
        return p.start, p.end, quote

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        document = study.documents[self.document_id]
        document.versions.pop()
        document.text, document.title, places = self._old
        document.pages = list(self._old_pages)
        document.source_path = self._old_path
        document.styles, document.source_map, document.readings = self._old_layout
        for hid, place in places.items():
            _put(study.highlights[hid], place)
        return ChangeSet(documents_changed=True, highlights_changed=set(places))

    def counts(self) -> dict[str, int]:
        """How many highlights ended up unchanged, moved, changed and orphaned."""
        result = dict.fromkeys(("unchanged", "moved", "changed", "orphaned"), 0)
        for p in self.placements:
            result[p.status] += 1
        return result


@dataclass
class ReattachHighlight(Command):
    """Places a highlight (typically an orphan) on a passage the reader chose."""

    highlight_id: str
    start: int
    end: int
    label: str = "Re-attach highlight"
    _old: _Place | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        h = study.highlights[self.highlight_id]
        text = study.documents[h.document_id].text
        if not 0 <= self.start < self.end <= len(text):
            raise ValueError(f"{self.start}–{self.end} is not a passage of the document")
        if self._old is None:
            self._old = _place_of(h)
        quote, _ = describe(text, self.start, self.end)
        _put(h, (self.start, self.end, quote))
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        _put(study.highlights[self.highlight_id], self._old)
        return self._changes()

    def _changes(self) -> ChangeSet:
        # The document's painted passages and reading order change, not just one row.
        return ChangeSet(highlights_changed={self.highlight_id}, documents_changed=True)
