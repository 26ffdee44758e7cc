"""Cross-checking behaviour of the main window: turns the pane's requests and the
dialogs' answers into commands, so each step is one undoable edit.

The command classes are imported where they are used: none is needed to show the
window, and loading their module costs ~8 ms of start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl

from desktop.domain.batch import Batch
from desktop.domain.blind import own_review, seen
from desktop.domain.commands import Command
from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Citation, Link, SourceAssessment
from desktop.ui.controllers.base import Controller
from desktop.ui.controllers.links import LinkController
from desktop.ui.core.viewer import current_viewer

if TYPE_CHECKING:
    from desktop.ui.controllers.context import WindowContext


class CrossCheckController(Controller):
    """Verdicts, citations, links, the reference library and the document's source."""

    def __init__(self, ctx: WindowContext, links: LinkController) -> None:
        super().__init__(ctx)
        self.links = links

    # --- verdicts ------------------------------------------------------------
    def set_verdict(self, highlight_id: str, verdict: Verdict, rationale: str) -> None:
        from desktop.domain.crosscheck_commands import SetVerdict

        h = self.session.study.highlights[highlight_id]
        mine = own_review(h, self.session.person())
        shown = seen(h, current_viewer())
        given = (mine.value, mine.rationale) if mine else (shown.verdict, shown.rationale)
        if given != (verdict, rationale):  # each reviewer's own verdict is theirs to give
            self.session.execute(SetVerdict(highlight_id, verdict, rationale))

    def rule_verdict(self, highlight_id: str) -> None:
        """The editor's ruling: your own latest verdict on the claim (else the one shown)
        becomes the published one, whatever reviewers say later."""
        from desktop.domain.crosscheck_commands import SetVerdict

        h = self.session.study.highlights[highlight_id]
        mine = own_review(h, self.session.person(), rulings=True)
        shown = seen(h, current_viewer())
        value, why = (mine.value, mine.rationale) if mine else (shown.verdict, shown.rationale)
        self.session.execute(SetVerdict(highlight_id, value, why, label="Rule verdict",
                                        ruling=True))
        self.ctx.status(f"Ruled: {value.symbol} {value.label} is the published verdict", 5000)

    # --- references on a highlight -------------------------------------------
    def attach_reference(self, highlight_id: str) -> None:
        from desktop.domain.crosscheck_commands import AddReference, AttachReference

        study = self.session.study
        choice = self.prompts.attach_reference(study, study.highlights[highlight_id])
        if choice is None:
            return
        citation = Citation(choice.reference.id, choice.stance, choice.comment)
        commands: list[Command] = [AttachReference(highlight_id, citation)]
        if choice.is_new:
            commands.insert(0, AddReference(choice.reference))
        self.session.execute(Batch(commands, "Attach reference"))

    def edit_citation(self, highlight_id: str, citation_id: str) -> None:
        from desktop.domain.crosscheck_commands import EditCitation

        study = self.session.study
        citation = next(c for c in study.highlights[highlight_id].citations if c.id == citation_id)
        reference = study.references[citation.reference_id]
        answer = self.prompts.edit_citation(reference, citation.stance, citation.comment)
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
        answer = self.prompts.choose_link(study, study.highlights[highlight_id])
        if answer is not None:
            target_id, relation = answer
            self.session.execute(AddLink(Link(highlight_id, target_id, relation)))

    def delete_link(self, link_id: str) -> None:
        from desktop.domain.crosscheck_commands import DeleteLink

        self.session.execute(DeleteLink(link_id))

    # --- the library ---------------------------------------------------------
    def add_reference(self) -> None:
        from desktop.domain.crosscheck_commands import AddReference

        reference = self.prompts.edit_reference(None)
        if reference is not None:
            self.session.execute(AddReference(reference))

    def edit_reference(self, reference_id: str) -> None:
        from desktop.domain.crosscheck_commands import EditReference

        current = self.session.study.references[reference_id]
        edited = self.prompts.edit_reference(current)
        if edited is not None and edited != current:
            self.session.execute(EditReference(edited))

    def delete_reference(self, reference_id: str) -> None:
        from desktop.domain.crosscheck_commands import DeleteReference
        from desktop.domain.removal import ReferenceDeletion

        deletion = ReferenceDeletion.of(self.session.study, reference_id)
        if self.prompts.confirm("Delete reference?", deletion.question(), "Delete"):
            self.session.execute(DeleteReference(reference_id))

    def open_reference(self, reference_id: str) -> None:
        reference = self.session.study.references[reference_id]
        if not reference.url:
            self._status("This reference has no web address.")
            return
        self.links.open(QUrl(reference.url))

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
