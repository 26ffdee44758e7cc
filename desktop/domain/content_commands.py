"""Undoable replacement of a document's content, e.g. after rereading it in another encoding.

Only the text and what describes its layout change (encoding, pages, styles, source map, and
the title when it was just the text's first line); the document keeps its id, details and
source notes. Highlights are not moved here: the caller allows it only while the
document has none (see ``ui.format_ops``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.model import Document, Study

_FIELDS = ("text", "encoding", "pages", "styles", "source_map", "readings", "title")


@dataclass
class ReplaceDocumentContent(Command):
    document_id: str
    new: Document  # a freshly loaded document; only its content fields are used
    keep_title: bool = False
    label: str = "Reopen with encoding"
    _old: dict = field(default_factory=dict, repr=False)
    _old_study_title: str = field(default="", repr=False)

    def apply(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        # Highlights hold offsets into the text: only UpdateDocumentText may change the text
        # under them. Once it has (same text), this takes the new reading's encoding,
        # pages and styles.
        if document.text != self.new.text and any(
                h.document_id == self.document_id for h in study.highlights.values()):
            raise ValueError("the document has highlights; its text cannot be replaced")
        self._old = {name: getattr(document, name) for name in _FIELDS}
        self._old_study_title = study.title
        retitle = not self.keep_title and study.title == document.title
        for name in _FIELDS:
            if name != "title" or not self.keep_title:
                setattr(document, name, getattr(self.new, name))
        if retitle:  # the study was named after the (misread) first line too
            study.title = document.title
        return ChangeSet(documents_changed=True, study_changed=retitle)

    def revert(self, study: Study) -> ChangeSet:
        document = study.documents[self.document_id]
        for name, value in self._old.items():
            setattr(document, name, value)
        changed = study.title != self._old_study_title
        study.title = self._old_study_title
        return ChangeSet(documents_changed=True, study_changed=changed)
