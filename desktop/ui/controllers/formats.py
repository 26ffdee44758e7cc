"""Document-format behaviour of the window: opening documents in the background and
File › Reopen with Encoding.

Reopening rereads the source file with an encoding the user picks, replacing the text
as one undoable step. Highlights already made are carried across as for a new version
of the document (re-anchored, with a report of what moved, changed or lost its place,
the old text kept as an earlier version): a misread file usually differs only in its
non-ASCII letters, so most passages come through unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.batch import Batch
from desktop.domain.factory import new_study_for
from desktop.domain.plural import plural
from desktop.storage.formats import TEXT_MEDIA_TYPES
from desktop.storage.opening import Opened
from desktop.ui.controllers.base import Controller
from desktop.ui.core.import_worker import load_document_in_background

if TYPE_CHECKING:
    from desktop.ui.controllers.context import NotesView, PagePreview, WindowContext


class FormatController(Controller):
    """Loading documents off the UI thread, and Reopen with Encoding (whose report can
    list the orphans in ``notes``); a PDF's pages show (``pages``) while its text is
    read."""

    def __init__(self, ctx: WindowContext, notes: NotesView,
                 pages: PagePreview | None = None) -> None:
        super().__init__(ctx)
        self.notes = notes
        self.pages = pages

    def open_document(self, path: Path) -> Opened | None:
        """A new study around the document at ``path`` (None: error shown or cancelled).

        A PDF's first page shows at once while its whole text — which the study,
        highlights and search are made of — is read behind the progress bar; the
        caller ends that with ``end_preview`` once the study shows (or not)."""
        pdf = self.preview(path)
        label = (f"Reading the text of “{Path(path).name}”: highlighting and search "
                 "start once it is read…") if pdf else ""
        document = load_document_in_background(self.ctx.window(), path, self.prompts,
                                               sync_bytes=0 if pdf else None, label=label)
        if document is None:
            self.end_preview()
            return None
        if document.load_warnings:  # text that may differ from the page is never silent
            self.prompts.info("Some text could not be read", (
                f"“{path.name}” opened, but:\n" + "\n".join(document.load_warnings)))
        return Opened(new_study_for(document), None)

    def preview(self, path: Path) -> bool:
        """Show a PDF's pages while it is read (False: not a PDF, or they cannot)."""
        return (Path(path).suffix.lower() == ".pdf" and self.pages is not None
                and self.pages.preview(Path(path)))

    def end_preview(self) -> None:
        if self.pages is not None:
            self.pages.end_preview()

    def reopen_with_encoding(self) -> bool:
        from desktop.domain.content_commands import ReplaceDocumentContent
        from desktop.domain.document_commands import UpdateDocumentText

        session = self.session
        document = session.document
        prompts = self.prompts
        title = "Reopen with Encoding"
        if document.media_type not in TEXT_MEDIA_TYPES or not document.source_path:
            prompts.info(title, "Only text documents (text, Markdown, web pages) opened from "
                         "a file have an encoding to choose.")
            return False
        count = sum(1 for h in session.study.highlights.values()
                    if h.document_id == document.id)
        if count and not prompts.confirm(title, (
                f"This document has {plural(count, 'highlight')}. Reading it "
                "with another encoding changes the text under them: Crosslight will re-place "
                "each one, as for a new version, and show what moved, changed or lost its "
                "place. The current text is kept as an earlier version, and Undo restores "
                "everything."), "Choose Encoding…"):
            return False
        path = Path(document.source_path)
        encoding = prompts.choose_encoding(path.name, document.encoding)
        if encoding is None:
            return False
        new = load_document_in_background(self.ctx.window(), path, prompts, encoding,
                                          error_title="Could not reopen")
        if new is None:
            return False
        from desktop.storage.formats.text import encoding_label

        message = f"Reopened {path.name} as {encoding_label(encoding)}"
        derived = bool(document.title) and document.title in document.text[:1000]
        replace = ReplaceDocumentContent(document.id, new, keep_title=not derived)
        if not count:
            session.execute(replace)
            self._status(message, 5000)
            return True
        # Re-place the highlights on the new reading, then take its encoding and layout:
        # one undo step.
        update = UpdateDocumentText(document.id, new.text)
        session.execute(Batch([update, replace], "Reopen with encoding"))
        from desktop.ui.dialogs.update_report import UpdateReport

        report = UpdateReport.of(update, session.document.title)
        self._status(f"{message}: {report.summary()}.", 8000)
        if prompts.update_report(report) and report.orphaned:
            self.notes.show_orphans()
        return True
