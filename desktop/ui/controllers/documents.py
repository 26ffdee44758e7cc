"""The study's documents in the main window: switch, add and remove documents, update
one from a newer version of its text, read earlier versions, re-attach orphans.

Every change to the study is a domain command run through the session, so it undoes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.domain.display_text import excerpt
from desktop.domain.model import Document
from desktop.domain.selection import trim_span
from desktop.ui.controllers.base import Controller
from desktop.ui.core.import_worker import load_document_in_background

if TYPE_CHECKING:  # commands load on first use: not needed to show the window
    from desktop.domain.document_commands import UpdateDocumentText
    from desktop.ui.controllers.context import NotesView, TextSelection, WindowContext

REATTACH_QUOTE_CHARS = 32  # of the orphan's words in the menu item


def document_filter() -> str:
    from desktop.storage.documents import DOCUMENT_SUFFIXES

    patterns = " ".join(f"*{suffix}" for suffix in DOCUMENT_SUFFIXES)
    return f"Documents ({patterns});;All files (*)"


class DocumentController(Controller):
    """The study's documents; ``notes`` gives the orphan selected in the list, ``text``
    the passage selected in the reader, for re-attaching."""

    status_ms = 8000

    def __init__(self, ctx: WindowContext, notes: NotesView, text: TextSelection) -> None:
        super().__init__(ctx)
        self.notes = notes
        self.text = text

    def switch_to(self, document_id: str) -> None:
        self.session.set_current_document(document_id)

    def step(self, offset: int) -> None:
        """The next (1) or previous (-1) document, wrapping around."""
        ids = list(self.session.study.documents)
        if len(ids) < 2:
            self._status("This study has one document. "
                         "Add another with File › Add Document to Study…")
            return
        index = ids.index(self.session.document.id)
        self.switch_to(ids[(index + offset) % len(ids)])

    def _directory(self) -> str:
        source = self.session.document.source_path
        if source:
            return str(Path(source).parent)
        return str(self.session.path.parent) if self.session.path else ""

    def _load(self, title: str, path: Path | None) -> Document | None:
        if path is None:
            path = self.prompts.import_path(title, self._directory(), document_filter())
            if path is None:
                return None
        # Every format, with a progress dialog and Cancel for large files (as File › Open).
        return load_document_in_background(self.ctx.window(), path, self.prompts,
                                           error_title="Document not opened")

    # --- several documents ---------------------------------------------------
    def add_document(self, path: Path | None = None) -> str | None:
        """Ask for a document file and add it to the study; it becomes the current one."""
        from desktop.domain.batch import Batch
        from desktop.domain.document_commands import AddDocument, RemoveDocument
        from desktop.domain.factory import is_blank_page

        document = self._load("Add Document to Study", path)
        if document is None:
            return None
        same = next((d for d in self.session.study.documents.values()
                     if d.text == document.text), None)
        if same is not None:
            self.switch_to(same.id)
            self._status(f"“{same.title}” is already in this study.")
            return same.id
        blank = self.session.document
        if len(self.session.study.documents) == 1 and is_blank_page(self.session.study, blank):
            # An empty study's blank page gives its place to the first real document.
            self.session.execute(Batch([AddDocument(document), RemoveDocument(blank.id)],
                                       label="Add document"))
        else:
            self.session.execute(AddDocument(document))
        self.switch_to(document.id)
        self._status(f"Added “{document.title}”. Its tab is above the text.")
        return document.id

    def remove_document(self) -> None:
        from desktop.domain.document_commands import RemoveDocument
        from desktop.domain.removal import DocumentRemoval

        study, document = self.session.study, self.session.document
        if len(study.documents) < 2:
            self._status("A study keeps at least one document: this is its only one.")
            return
        removal = DocumentRemoval.of(study, document.id)
        if self.prompts.confirm("Remove document?", removal.question(), "Remove Document"):
            self.session.execute(RemoveDocument(document.id))
            self._status(f"Removed “{document.title}”.")

    # --- new versions --------------------------------------------------------
    def update_document(self, path: Path | None = None) -> UpdateDocumentText | None:
        """Replace the current document's text by a newer version, re-placing highlights."""
        from desktop.domain.document_commands import UpdateDocumentText

        document = self.session.document
        new = self._load(f"Update “{document.title}” from New Version", path)
        if new is None:
            return None
        if new.text == document.text:
            self.prompts.info("Nothing to update",
                                     f"“{Path(new.source_path).name}” holds the same text as "
                                     f"“{document.title}”.")
            return None
        old_title, title = document.title, None
        if new.title and new.title != old_title:
            chosen = self.prompts.choose_title(old_title, new.title)
            if chosen is None:
                self._status(f"“{old_title}” was not updated.")
                return None
            title = chosen if chosen != old_title else None
        command = UpdateDocumentText(document.id, new.text, title=title, pages=list(new.pages),
                                     source_path=new.source_path or None,
                                     styles=list(new.styles), source_map=list(new.source_map),
                                     readings=list(new.readings))
        self.session.execute(command)  # the new title undoes with the text: one step
        from desktop.ui.dialogs.update_report import UpdateReport

        report = UpdateReport.of(command, document.title, old_title)
        self._status(f"Updated “{document.title}”: {report.summary()}.")
        if self.prompts.update_report(report) and report.orphaned:
            self.notes.show_orphans()
        return command

    def previous_versions(self) -> None:
        document = self.session.document
        if not document.versions:
            self._status(f"“{document.title}” has no earlier versions: it was never updated.")
            return
        self.prompts.previous_versions(document)

    def document_info(self) -> None:
        """Show the current document's details; apply the edited ones as one undo step."""
        from desktop.domain.crosscheck_commands import SetDocumentMetadata

        document = self.session.document
        details = self.prompts.document_info(self.session.study, document)
        if details is None:
            return
        from desktop.ui.dialogs.document_info import DocumentDetails

        if details == DocumentDetails.of(document):
            return
        title = details.title if details.title and details.title != document.title else None
        self.session.execute(SetDocumentMetadata(
            document.id, details.url, details.author, details.published,
            label="Edit document info", title=title, merges=False))
        self._status(f"Updated the details of “{document.title}”.")

    def markdown_source(self) -> None:
        """Show the Markdown the document was rendered from, with the selected
        highlight's passage (or the reader's selection) selected in it."""
        from desktop.storage.markdown_source import SourceUnavailableError, markdown_source

        document = self.session.document
        highlight = self.notes.current_highlight()
        span = None
        if (highlight is not None and highlight.document_id == document.id
                and highlight.start is not None and highlight.end is not None):
            span = (highlight.start, highlight.end)
        else:
            span = self.text.selection()
        try:
            source = markdown_source(document, span)
        except SourceUnavailableError as err:
            self.prompts.info("View Markdown Source", str(err))
            return
        self.prompts.markdown_source(source)

    def add_reattach_item(self, menu: QMenu) -> QAction | None:
        """The reader's context menu offers “Re-attach “…” Here” while an orphan of this
        document is selected in the list and a passage in the text."""
        h = self.notes.current_highlight()
        if (h is None or not h.is_orphan or h.document_id != self.session.document.id
                or self.selected_span() is None):
            return None
        quote = excerpt(h.quote.exact)
        if len(quote) > REATTACH_QUOTE_CHARS:
            quote = quote[: REATTACH_QUOTE_CHARS - 1].rstrip() + "…"
        menu.addSeparator()
        action = menu.addAction(f"&Re-attach “{quote.replace('&', '&&')}” Here")
        action.setObjectName("reattachHere")
        action.setToolTip(f"Place the orphaned highlight “{excerpt(h.quote.exact, 120)}” "
                          "on the selected passage")
        # Bound to this orphan: the right-click may select another highlight in the list.
        action.triggered.connect(lambda _=False, hid=h.id: self.reattach_to_selection(hid))
        return action

    def reattach_to_selection(self, highlight_id: str | None = None) -> None:
        """Place a highlight (an orphan, usually; by default the one selected in the
        list) on the text selected."""
        from desktop.domain.document_commands import ReattachHighlight

        h = (self.notes.current_highlight() if highlight_id is None
             else self.session.study.highlights.get(highlight_id))
        if h is None:
            self._status("Select the orphaned highlight in the list first.")
            return
        document = self.session.document
        if h.document_id != document.id:
            self._status("That highlight belongs to another document: open it first.")
            return
        span = self.selected_span()
        if span is None:
            self._status(f"Select the passage for “{excerpt(h.quote.exact, 60)}” in the text.")
            return
        self.session.execute(ReattachHighlight(h.id, *span))
        self.notes.select_highlight(h.id)
        self._status("Highlight re-attached to the selected passage.")

    def selected_span(self) -> tuple[int, int] | None:
        """The reader's selection in code points, without surrounding white space."""
        selection = self.text.selection()
        if selection is None:
            return None
        return trim_span(self.session.document.text, *selection)
