"""What a deletion takes with it, decided before asking: the confirmation names it.

Removing a document removes its highlights (with their notes, verdicts and citations)
and every link that touches one of them; deleting a reference detaches it from every
highlight citing it. The commands do the removing; these say what will go.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.display_text import excerpt
from desktop.domain.model import Citation, Document, Highlight, Reference, Study
from desktop.domain.plural import plural

LISTED_CITATIONS = 8  # named one by one in the question; the rest are counted


@dataclass(frozen=True, slots=True)
class DocumentRemoval:
    document: Document
    highlights: list[Highlight]
    links: int  # links with an end on one of those highlights

    @classmethod
    def of(cls, study: Study, document_id: str) -> DocumentRemoval:
        document = study.documents[document_id]
        mine = [h for h in study.highlights.values() if h.document_id == document_id]
        gone = {h.id for h in mine}
        links = sum(1 for k in study.links.values() if {k.source_id, k.target_id} & gone)
        return cls(document, mine, links)

    def question(self) -> str:
        message = f"Remove “{self.document.title}” from the study?"
        if self.highlights:
            n = len(self.highlights)
            message += (f"\n\nIts {plural(n, 'highlight')}, with their notes, "
                        "verdicts and references, go with it")
            message += (f", and {plural(self.links, 'link')} to other "
                        "passages." if self.links else ".")
        return message + "\n\nUndo brings everything back."


@dataclass(frozen=True, slots=True)
class ReferenceDeletion:
    reference: Reference
    uses: list[tuple[Highlight, Citation]]  # the citations that go with it

    @classmethod
    def of(cls, study: Study, reference_id: str) -> ReferenceDeletion:
        return cls(study.references[reference_id], study.citations_of(reference_id))

    def question(self) -> str:
        message = f"Delete “{self.reference.display_title}” from the study's references?"
        uses = self.uses
        if uses:
            lines = "\n".join(
                f"• {c.stance.symbol} {c.stance.label}: “{excerpt(h.quote.exact, 80)}”"
                for h, c in uses[:LISTED_CITATIONS]
            )
            more = (f"\n… and {len(uses) - LISTED_CITATIONS} more"
                    if len(uses) > LISTED_CITATIONS else "")
            message += (
                f"\n\nIt is attached to {plural(len(uses), 'highlight')}, "
                f"which will lose it:\n{lines}{more}"
            )
        return message
