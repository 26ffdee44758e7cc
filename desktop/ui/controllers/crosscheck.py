"""Cross-checking behaviour of the main window: turns the pane's requests and the
dialogs' answers into commands, so each step is one undoable edit.

The command classes are imported where they are used: none is needed to show the
window, and loading their module costs ~8 ms of start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl

from desktop.domain.batch import Batch
from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import excerpt
from desktop.domain.model import Citation, Link, SourceAssessment
from desktop.ui.controllers.base import WindowOps


class CrossCheckOps(WindowOps):
    def connect(self) -> None:
        notes = self.window.notes
        notes.verdictEdited.connect(self.set_verdict)
        notes.attachRequested.connect(self.attach_reference)
        notes.citationEditRequested.connect(self.edit_citation)
        notes.citationDetachRequested.connect(self.detach_citation)
        notes.citationOpenRequested.connect(self.open_citation)
        notes.linkRequested.connect(self.link_passage)
        notes.linkRemoveRequested.connect(self.delete_link)
        refs = notes.references
        refs.addRequested.connect(self.add_reference)
        refs.editRequested.connect(self.edit_reference)
        refs.deleteRequested.connect(self.delete_reference)
        refs.openRequested.connect(self.open_reference)
        notes.source.edited.connect(self.set_source)
        notes.source.detailsEdited.connect(self.set_document_details)

    # --- verdicts ------------------------------------------------------------
    def set_verdict(self, highlight_id: str, verdict: Verdict, rationale: str) -> None:
        from desktop.domain.crosscheck_commands import SetVerdict

        h = self.session.study.highlights[highlight_id]
        if (h.verdict, h.rationale) != (verdict, rationale):
            self.session.execute(SetVerdict(highlight_id, verdict, rationale))

    # --- references on a highlight -------------------------------------------
    def attach_reference(self, highlight_id: str) -> None:
        from desktop.domain.crosscheck_commands import AddReference, AttachReference

        study = self.session.study
        choice = self.window.prompts.attach_reference(study, study.highlights[highlight_id])
        if choice is None:
            return
        citation = Citation(choice.reference.id, choice.stance, choice.comment)
        commands = [AttachReference(highlight_id, citation)]
        if choice.is_new:
            commands.insert(0, AddReference(choice.reference))
        self.session.execute(Batch(commands, "Attach reference"))

    def edit_citation(self, highlight_id: str, citation_id: str) -> None:
        from desktop.domain.crosscheck_commands import EditCitation

        study = self.session.study
        citation = next(c for c in study.highlights[highlight_id].citations if c.id == citation_id)
        reference = study.references[citation.reference_id]
        answer = self.window.prompts.edit_citation(reference, citation.stance, citation.comment)
        if answer is not None and answer != (citation.stance, citation.comment):
            self.session.execute(EditCitation(highlight_id, citation_id, *answer))

    def open_citation(self, highlight_id: str, citation_id: str) -> None:
        h = self.session.study.highlights[highlight_id]
        citation = next(c for c in h.citations if c.id == citation_id)
        self.open_reference(citation.reference_id)

    def detach_citation(self, highlight_id: str, citation_id: str) -> None:
        from desktop.domain.crosscheck_commands import DetachReference

        self.session.execute(DetachReference(highlight_id, citation_id))

    # --- links ---------------------------------------------------------------
    def link_passage(self, highlight_id: str) -> None:
        from desktop.domain.crosscheck_commands import AddLink

        study = self.session.study
        if len(study.highlights) < 2:
            self._status("Highlight another passage first, then link the two.")
            return
        answer = self.window.prompts.choose_link(study, study.highlights[highlight_id])
        if answer is not None:
            target_id, relation = answer
            self.session.execute(AddLink(Link(highlight_id, target_id, relation)))

    def delete_link(self, link_id: str) -> None:
        from desktop.domain.crosscheck_commands import DeleteLink

        self.session.execute(DeleteLink(link_id))

    # --- the library ---------------------------------------------------------
    def add_reference(self) -> None:
        from desktop.domain.crosscheck_commands import AddReference

        reference = self.window.prompts.edit_reference(None)
        if reference is not None:
            self.session.execute(AddReference(reference))

    def edit_reference(self, reference_id: str) -> None:
        from desktop.domain.crosscheck_commands import EditReference

        current = self.session.study.references[reference_id]
        edited = self.window.prompts.edit_reference(current)
        if edited is not None and edited != current:
            self.session.execute(EditReference(edited))

    def delete_reference(self, reference_id: str) -> None:
        from desktop.domain.crosscheck_commands import DeleteReference

        study = self.session.study
        reference = study.references[reference_id]
        uses = study.citations_of(reference_id)
        message = f"Delete “{reference.display_title}” from the study's references?"
        if uses:
            lines = "\n".join(
                f"• {c.stance.symbol} {c.stance.label}: “{excerpt(h.quote.exact, 80)}”"
                for h, c in uses[:8]
            )
            more = f"\n… and {len(uses) - 8} more" if len(uses) > 8 else ""
            message += (
                f"\n\nIt is attached to {len(uses)} highlight{'s' if len(uses) != 1 else ''}, "
                f"which will lose it:\n{lines}{more}"
            )
        if self.window.prompts.confirm("Delete reference?", message, "Delete"):
            self.session.execute(DeleteReference(reference_id))

    def open_reference(self, reference_id: str) -> None:
        reference = self.session.study.references[reference_id]
        if not reference.url:
            self._status("This reference has no web address.")
            return
        self.window.open_link(QUrl(reference.url))

    # --- the document's source -----------------------------------------------
    def set_source(self, source: SourceAssessment) -> None:
        from desktop.domain.crosscheck_commands import SetDocumentSource

        document = self.session.document
        if document.source != source:
            self.session.execute(SetDocumentSource(document.id, source))

    def set_document_details(self, url: str, author: str, published: str) -> None:
        """Where, by whom and when the document was published: named in reports."""
        from desktop.domain.crosscheck_commands import SetDocumentMetadata

        document = self.session.document
        if (document.url, document.author, document.published) != (url, author, published):
            self.session.execute(SetDocumentMetadata(document.id, url, author, published))
