"""Capture from the web in the window: File › Open Address…, Document › Check for New
Version, Archive (a document or a reference) and Ctrl+Shift+V, a pasted address, DOI or
ISBN attached to the selected highlight as its source.

Every network call runs on a worker thread behind a progress dialog with Cancel
(``core.web_task``); a failure is one line (offline, DNS, TLS, 404, 451, too large,
not an article…) and changes nothing. What comes back is applied on the UI thread as
one undoable command. ``storage.web`` loads with the first of these actions, never at
start-up; the services asked and the raw-page preference come from the settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.ui.controllers.base import Controller
from desktop.ui.core.web_task import Outcome, run_with_progress

if TYPE_CHECKING:
    from desktop.domain.model import Document
    from desktop.ui.controllers.context import NotesView, StudyOpener, WindowContext


class WebController(Controller):
    """Opening, re-checking and archiving web pages; ``files`` shows a fetched page as a
    new study, ``notes`` names the highlight a pasted source is attached to."""

    status_ms = 8000

    def __init__(self, ctx: WindowContext, files: StudyOpener, notes: NotesView,
                 clipboard: Any = None) -> None:
        super().__init__(ctx)
        self.files = files
        self.notes = notes
        self._clipboard = clipboard  # a callable giving the clipboard's text (tests)

    @staticmethod
    def config() -> Any:
        from desktop.storage.web.actions import user_config

        return user_config()

    def clipboard_text(self) -> str:
        if self._clipboard is not None:
            return str(self._clipboard())
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.clipboard().text()

    def _run(self, title: str, label: str, work: Any, error_title: str) -> Outcome:
        return run_with_progress(self.prompts, title, label, work, error_title=error_title)

    # --- File › Open Address… --------------------------------------------------
    def open_address(self, address: str | None = None) -> bool:
        """Fetch a page (asking for its address) and open it as a new study."""
        from desktop.storage.web.actions import source_identifier

        if address is None:
            pasted = self.clipboard_text().strip()
            found = source_identifier(pasted)
            address = self.prompts.open_address(
                pasted if found is not None and found.kind in ("url", "doi") else "")
            if address is None:
                return False
        from desktop.storage.web.actions import open_address
        from desktop.storage.web.identifiers import parse_doi

        config = self.config()
        doi = parse_doi(address)
        if doi is not None:  # a DOI: the page doi.org (a setting) sends readers to
            address = config.doi_base + doi
        outcome = self._run(
            "Open Address", f"Fetching {_short(address)}",
            lambda progress, cancel: open_address(address, config=config,
                                                  progress=progress, cancel=cancel),
            "Could not open the address")
        if not outcome.ok:
            if outcome.cancelled:
                self._status("Opening the address was cancelled.")
            return False
        from desktop.domain.factory import new_study_for
        from desktop.storage.opening import Opened

        document: Document = outcome.result
        shown = self.files.show_opened(Opened(new_study_for(document), None),
                                       f"“{document.title}” from {_host(document.url)}")
        if shown and document.load_warnings:  # a budget hit is said, as for File › Open
            self.prompts.info("Open Address", (
                f"“{document.title}” opened, but:\n" + "\n".join(document.load_warnings)))
        return shown

    # --- Document › Check for New Version --------------------------------------
    def check_new_version(self) -> bool:
        """Fetch the document's address again; a changed article re-places the
        highlights (report, old text kept, one undo). True if the text was updated."""
        from desktop.storage.web.actions import check_new_version, new_version_command

        document = self.session.document
        if document.provenance is None and not document.url.strip():
            self.prompts.info("Check for New Version", (
                f"“{document.title}” has no web address to check. Add it in Document › "
                "Document Info…, or open pages with File › Open Address…"))
            return False
        config = self.config()
        outcome = self._run(
            "Check for New Version", f"Checking “{_short(document.title)}”",
            lambda progress, cancel: check_new_version(document, config=config,
                                                       progress=progress, cancel=cancel),
            "Could not check for a new version")
        if not outcome.ok:
            return False
        check = outcome.result
        if self.session.document is not document:  # another study meanwhile: leave it
            return False
        if not check.changed:
            self.prompts.info("No New Version", check.message)
            return False
        old_title, title = document.title, None
        new_title = check.document.title if check.document is not None else ""
        if new_title and new_title != old_title:
            chosen = self.prompts.choose_title(old_title, new_title)
            if chosen is None:
                self._status(f"“{old_title}” was not updated.")
                return False
            title = chosen if chosen != old_title else None
        command = new_version_command(document, check, title)
        self.session.execute(command)
        from desktop.ui.dialogs.update_report import UpdateReport

        report = UpdateReport.of(command, document.title, old_title)
        self._status(f"{check.message} Updated: {report.summary()}.")
        if self.prompts.update_report(report) and report.orphaned:
            self.notes.show_orphans()
        return True

    # --- Archive ---------------------------------------------------------------
    def archive_document(self) -> bool:
        """An archived copy of the current document's page (an existing one from the day
        it was read, else Save Page Now), recorded on the document."""
        from desktop.storage.web.actions import archive_document

        document = self.session.document
        if document.provenance is None and not document.url.strip():
            self.prompts.info("Archive Page", (
                f"“{document.title}” has no web address to archive. Add it in Document › "
                "Document Info…"))
            return False
        config = self.config()
        return self._archived(self._run(
            "Archive Page", f"Archiving “{_short(document.title)}”",
            lambda progress, cancel: archive_document(document, config=config,
                                                      progress=progress, cancel=cancel),
            "Could not archive the page"))

    def archive_reference(self, reference_id: str) -> bool:
        """An archived copy of a reference's address, recorded on the reference."""
        from desktop.storage.web.actions import archive_reference

        reference = self.session.study.references.get(reference_id)
        if reference is None:
            return False
        if not reference.url.strip():
            self._status(f"“{reference.display_title}” has no web address to archive.")
            return False
        config = self.config()
        return self._archived(self._run(
            "Archive Reference", f"Archiving {_short(reference.url)}",
            lambda progress, cancel: archive_reference(reference, config=config,
                                                       progress=progress, cancel=cancel),
            "Could not archive the reference"))

    def _archived(self, outcome: Outcome) -> bool:
        if not outcome.ok:
            return False
        result = outcome.result
        command = result.command
        study = self.session.study
        if (command.reference_id and command.reference_id not in study.references) or (
                command.document_id and command.document_id not in study.documents):
            return False  # removed meanwhile
        self.session.execute(command)
        self._status(result.message)
        return True

    # --- Ctrl+Shift+V: a pasted address as the highlight's source --------------
    def paste_source(self) -> bool:
        """Attach what the clipboard names (address, DOI, ISBN) to the selected
        highlight: the Attach Source dialog looks it up for the user to check."""
        from desktop.storage.web.actions import source_identifier

        highlight = self.notes.current_highlight()
        text = self.clipboard_text().strip()
        found = source_identifier(text)
        if found is None:
            self._status("Copy a web address, a DOI or an ISBN first: Ctrl+Shift+V attaches "
                         "it to the selected highlight as a source.")
            return False
        if highlight is None:
            self._status(f"Select a highlight to attach the {found.label} to.")
            return False
        choice = self.prompts.attach_source(self.session.study, highlight, text)
        if choice is None:
            return False
        from desktop.domain.batch import Batch
        from desktop.domain.crosscheck_commands import AddReference, AttachReference
        from desktop.domain.model import Citation

        if highlight.id not in self.session.study.highlights:
            return False
        citation = Citation(choice.reference.id, choice.stance, choice.comment)
        commands: list[Any] = [AttachReference(highlight.id, citation)]
        if choice.is_new:
            commands.insert(0, AddReference(choice.reference))
        self.session.execute(Batch(commands, "Attach source"))
        self._status(f"Attached “{choice.reference.display_title}” "
                     f"({choice.stance.label}).")
        return True


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or url
