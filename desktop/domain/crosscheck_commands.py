"""Undoable edits of the cross-checking layer: references, citations, verdicts, links,
and notes on a document's source."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command, insert_at
from desktop.domain.crosscheck import Stance, Verdict
from desktop.domain.ids import utc_now
from desktop.domain.model import (
    Citation,
    Highlight,
    Link,
    Reference,
    Review,
    SourceAssessment,
    Study,
)
from desktop.domain.verdicts import RULING, record, ruling


@dataclass
class AddReference(Command):
    reference: Reference
    label: str = "Add reference"

    def apply(self, study: Study) -> ChangeSet:
        if self.reference.id in study.references:
            raise ValueError(f"duplicate reference id {self.reference.id}")
        study.references[self.reference.id] = self.reference
        return ChangeSet(references_changed={self.reference.id})

    def revert(self, study: Study) -> ChangeSet:
        del study.references[self.reference.id]
        return ChangeSet(references_changed={self.reference.id})


@dataclass
class EditReference(Command):
    """Replace a reference's fields with those of ``edited`` (same id)."""

    edited: Reference
    label: str = "Edit reference"
    _old: Reference | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        current = study.references[self.edited.id]
        if self._old is None:
            self._old = replace(current)
        study.references[self.edited.id] = replace(self.edited, modified=utc_now())
        return self._changes(study)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        study.references[self._old.id] = replace(self._old)
        return self._changes(study)

    def _changes(self, study: Study) -> ChangeSet:
        users = {h.id for h, _ in study.citations_of(self.edited.id)}
        return ChangeSet(references_changed={self.edited.id}, highlights_changed=users)


@dataclass
class DeleteReference(Command):
    """Remove a reference from the library and from every highlight citing it."""

    reference_id: str
    label: str = "Delete reference"
    _removed: tuple[int, Reference] | None = field(default=None, repr=False)
    _citations: list[tuple[str, int, Citation]] = field(default_factory=list, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        index = list(study.references).index(self.reference_id)
        self._removed = (index, study.references.pop(self.reference_id))
        self._citations = []
        for h in study.highlights.values():
            for i, c in enumerate(h.citations):
                if c.reference_id == self.reference_id:
                    self._citations.append((h.id, i, c))
            h.citations = [c for c in h.citations if c.reference_id != self.reference_id]
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        assert self._removed is not None
        index, reference = self._removed
        insert_at(study.references, index, reference.id, reference)
        for hid, i, citation in self._citations:
            study.highlights[hid].citations.insert(i, citation)
        return self._changes()

    def _changes(self) -> ChangeSet:
        return ChangeSet(
            references_changed={self.reference_id},
            highlights_changed={hid for hid, _, _ in self._citations},
        )


@dataclass
class AttachReference(Command):
    highlight_id: str
    citation: Citation
    label: str = "Attach reference"
    _stamps: tuple[str, str] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        if self.citation.reference_id not in study.references:
            raise ValueError(f"unknown reference {self.citation.reference_id}")
        h = study.highlights[self.highlight_id]
        self._stamps = _touch(h, self._stamps)
        h.citations.append(self.citation)
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        h = study.highlights[self.highlight_id]
        h.citations[:] = [c for c in h.citations if c.id != self.citation.id]
        _untouch(h, self._stamps)
        return self._changes()

    def _changes(self) -> ChangeSet:
        return ChangeSet(
            highlights_changed={self.highlight_id},
            references_changed={self.citation.reference_id},
        )


@dataclass
class DetachReference(Command):
    highlight_id: str
    citation_id: str
    label: str = "Detach reference"
    _removed: tuple[int, Citation] | None = field(default=None, repr=False)
    _stamps: tuple[str, str] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        h = study.highlights[self.highlight_id]
        index = next(i for i, c in enumerate(h.citations) if c.id == self.citation_id)
        self._stamps = _touch(h, self._stamps)
        self._removed = (index, h.citations.pop(index))
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        assert self._removed is not None
        h = study.highlights[self.highlight_id]
        h.citations.insert(*self._removed)
        _untouch(h, self._stamps)
        return self._changes()

    def _changes(self) -> ChangeSet:
        assert self._removed is not None
        return ChangeSet(
            highlights_changed={self.highlight_id},
            references_changed={self._removed[1].reference_id},
        )


@dataclass
class EditCitation(Command):
    highlight_id: str
    citation_id: str
    stance: Stance
    comment: str
    label: str = "Edit citation"
    _old: tuple[Stance, str, str] | None = field(default=None, repr=False)
    _stamps: tuple[str, str] | None = field(default=None, repr=False)

    def _citation(self, study: Study) -> Citation:
        citations = study.highlights[self.highlight_id].citations
        return next(c for c in citations if c.id == self.citation_id)

    def apply(self, study: Study) -> ChangeSet:
        citation = self._citation(study)
        if self._old is None:
            self._old = (citation.stance, citation.comment, citation.modified)
        citation.stance, citation.comment = self.stance, self.comment
        self._stamps = _touch(study.highlights[self.highlight_id], self._stamps)
        citation.modified = self._stamps[1]
        return ChangeSet(highlights_changed={self.highlight_id})

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        citation = self._citation(study)
        citation.stance, citation.comment, citation.modified = self._old
        _untouch(study.highlights[self.highlight_id], self._stamps)
        return ChangeSet(highlights_changed={self.highlight_id})


@dataclass
class SetVerdict(Command):
    """Give a verdict: the runner's review (``ruling``: the editor's ruling), logged in the
    claim's history. A review is the published verdict unless an editor has ruled."""

    highlight_id: str
    verdict: Verdict
    rationale: str
    label: str = "Set verdict"
    ruling: bool = False
    _old: tuple[Verdict, str, list[Review]] | None = field(default=None, repr=False)
    _at: str = field(default="", repr=False)
    _stamps: tuple[str, str] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        h = study.highlights[self.highlight_id]
        if self._old is None:
            self._old = (h.verdict, h.rationale, list(h.reviews))
            self._at = self.when or utc_now()
        kind = RULING if self.ruling else "review"
        entry = Review(self.verdict, self.rationale, self.actor, self._at, kind)
        h.reviews = record(self._old[2], entry)
        old_verdict = h.verdict
        if self.ruling or ruling(h) is None:
            h.verdict, h.rationale = self.verdict, self.rationale
        fields = {"rationale"} if h.verdict == old_verdict else {"verdict", "rationale"}
        self._stamps = _touch(h, self._stamps)  # ClaimReview dates the review by it
        return ChangeSet(highlights_changed={self.highlight_id}, highlight_fields=fields)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        h = study.highlights[self.highlight_id]
        fields = {"rationale"} if h.verdict == self._old[0] else {"verdict", "rationale"}
        h.verdict, h.rationale, reviews = self._old
        h.reviews = list(reviews)
        _untouch(h, self._stamps)
        return ChangeSet(highlights_changed={self.highlight_id}, highlight_fields=fields)

    def merge_key(self) -> object | None:
        return ("verdict", self.highlight_id)

    def merge(self, later: Command) -> bool:
        """Typing a rationale merges into one step; choosing another verdict does not."""
        if (
            isinstance(later, SetVerdict)
            and later.highlight_id == self.highlight_id
            and later.verdict == self.verdict
            and later.ruling == self.ruling
        ):
            self.rationale = later.rationale
            return True
        return False


@dataclass
class AddLink(Command):
    link: Link
    label: str = "Link passages"

    def apply(self, study: Study) -> ChangeSet:
        ends = (self.link.source_id, self.link.target_id)
        if self.link.source_id == self.link.target_id:
            raise ValueError("a passage cannot be linked to itself")
        if any(end not in study.highlights for end in ends):
            raise ValueError("a link must join two existing highlights")
        if self.link.id in study.links:
            raise ValueError(f"duplicate link id {self.link.id}")
        study.links[self.link.id] = self.link
        return ChangeSet(links_changed=True, highlights_changed=set(ends))

    def revert(self, study: Study) -> ChangeSet:
        del study.links[self.link.id]
        return ChangeSet(links_changed=True,
                         highlights_changed={self.link.source_id, self.link.target_id})


@dataclass
class DeleteLink(Command):
    link_id: str
    label: str = "Remove link"
    _removed: tuple[int, Link] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        index = list(study.links).index(self.link_id)
        self._removed = (index, study.links.pop(self.link_id))
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        assert self._removed is not None
        index, link = self._removed
        insert_at(study.links, index, link.id, link)
        return self._changes()

    def _changes(self) -> ChangeSet:
        assert self._removed is not None
        link = self._removed[1]
        return ChangeSet(links_changed=True, highlights_changed={link.source_id, link.target_id})


@dataclass
class SetDocumentSource(Command):
    document_id: str
    source: SourceAssessment
    label: str = "Edit source notes"
    _old: SourceAssessment | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        if self._old is None:
            self._old = document.source
        document.source = replace(self.source)
        return ChangeSet(source_changed=True)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        study.documents[self.document_id].source = self._old
        return ChangeSet(source_changed=True)

    def merge_key(self) -> object | None:
        return ("source", self.document_id)

    def merge(self, later: Command) -> bool:
        if isinstance(later, SetDocumentSource) and later.document_id == self.document_id:
            self.source = later.source
            return True
        return False


@dataclass
class SetDocumentMetadata(Command):
    """Set a document's web address, author and publication date (for reports), and
    its title when ``title`` is given.

    Typing in the source panel merges into one undo step; ``merges=False`` keeps an edit
    (the Document Info dialog's) a step of its own, neither merged nor merged into.
    """

    document_id: str
    url: str
    author: str
    published: str
    label: str = "Edit document details"
    title: str | None = None  # None keeps the title
    merges: bool = True
    _old: tuple[str, str, str, str] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        if self._old is None:
            self._old = (document.url, document.author, document.published, document.title)
        document.url, document.author, document.published = self.url, self.author, self.published
        if self.title is not None:
            document.title = self.title
        return self._changes()

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        document = study.documents[self.document_id]
        document.url, document.author, document.published, document.title = self._old
        return self._changes()

    def _changes(self) -> ChangeSet:
        # A new title shows on the document's tab and in lists: the documents changed.
        return ChangeSet(source_changed=True, documents_changed=self.title is not None)

    def merge_key(self) -> object | None:
        return ("document-metadata", self.document_id) if self.merges else None

    def merge(self, later: Command) -> bool:
        if (isinstance(later, SetDocumentMetadata) and later.merges
                and later.document_id == self.document_id):
            self.url, self.author, self.published = later.url, later.author, later.published
            if later.title is not None:
                self.title = later.title
            return True
        return False


def _touch(h: Highlight, stamps: tuple[str, str] | None) -> tuple[str, str]:
    """Stamp ``h.modified`` as category, note and tag edits do; returns (before, after).

    A redo puts back the time of the edit itself, so redo and undo are exact.
    """
    if stamps is None:
        stamps = (h.modified, utc_now())
    h.modified = stamps[1]
    return stamps


def _untouch(h: Highlight, stamps: tuple[str, str] | None) -> None:
    if stamps is not None:
        h.modified = stamps[0]
