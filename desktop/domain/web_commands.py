"""Undoable edits that come from the web: a new version of a fetched document, an
archived copy recorded on a document or a reference, and the address the study's fact
checks are published at.

``UpdateFromWeb`` is ``UpdateDocumentText`` (the same re-anchoring, the same report,
the old text kept as an earlier version, one undo) plus what a fetched document also
carries: the old version keeps its provenance and archived copy, the document takes
the new provenance (and the new text's styles, pages and encoding, which describe
offsets in the new text, not the old one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.document_commands import UpdateDocumentText
from desktop.domain.ids import utc_now
from desktop.domain.model import Document, Reference, Study
from desktop.domain.provenance import ArchivedCopy, Provenance

# What UpdateFromWeb swaps besides the text: provenance, archived, styles, pages, encoding.
_Extras = tuple[Provenance | None, ArchivedCopy | None, list[tuple[int, int, str]], list[int],
                str]


@dataclass
class UpdateFromWeb(UpdateDocumentText):
    provenance: Provenance | None = None
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    encoding: str = ""
    label: str = "Update document from the web"
    _before: _Extras | None = field(default=None, repr=False)

    @classmethod
    def of(cls, document_id: str, new: Document, title: str | None = None) -> UpdateFromWeb:
        """The command taking in ``new`` (as ``versions.check_for_new_version`` made it)."""
        return cls(document_id, new.text, title=title, provenance=new.provenance,
                   styles=list(new.styles), pages=list(new.pages), encoding=new.encoding,
                   readings=list(new.readings))

    def apply(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        before: _Extras = (document.provenance, document.archived, document.styles,
                           document.pages, document.encoding)
        changes = super().apply(study)
        if self._before is None:
            self._before = before
        old_version = document.versions[-1]
        old_version.provenance, old_version.archived = before[0], before[1]
        document.provenance, document.archived = self.provenance, None
        document.styles, document.pages = list(self.styles), list(self.pages)
        document.encoding = self.encoding
        return changes

    def revert(self, study: Study) -> ChangeSet:
        assert self._before is not None
        changes = super().revert(study)
        document = study.documents[self.document_id]
        (document.provenance, document.archived, document.styles, document.pages,
         document.encoding) = self._before
        return changes


@dataclass
class SetArchivedCopy(Command):
    """Record (or, with ``copy=None``, forget) the archived copy of a reference or a
    document: give exactly one of ``reference_id`` and ``document_id``."""

    copy: ArchivedCopy | None
    reference_id: str = ""
    document_id: str = ""
    label: str = "Archive"
    _old: tuple[ArchivedCopy | None, str] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        if bool(self.reference_id) == bool(self.document_id):
            raise ValueError("name a reference or a document")
        target = self._target(study)
        if self._old is None:
            self._old = (target.archived, getattr(target, "modified", ""))
        target.archived = self.copy
        if self.reference_id:
            study.references[self.reference_id].modified = utc_now()
        return self._changes(study)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        target = self._target(study)
        target.archived = self._old[0]
        if self.reference_id:
            study.references[self.reference_id].modified = self._old[1]
        return self._changes(study)

    def _target(self, study: Study) -> Reference | Document:
        if self.reference_id:
            return study.references[self.reference_id]
        return study.documents[self.document_id]

    def _changes(self, study: Study) -> ChangeSet:
        if self.reference_id:
            users = {h.id for h, _ in study.citations_of(self.reference_id)}
            return ChangeSet(references_changed={self.reference_id}, highlights_changed=users)
        return ChangeSet(source_changed=True)


@dataclass
class SetPublishUrl(Command):
    """Where the study's fact checks are published (ClaimReview's ``url``); "" forgets it."""

    url: str
    label: str = "Set publish address"
    _old: str | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        if self._old is None:
            self._old = study.publish_url
        study.publish_url = self.url
        return ChangeSet(study_changed=True)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        study.publish_url = self._old
        return ChangeSet(study_changed=True)
