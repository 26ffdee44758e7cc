"""The four web actions as the UI calls them: one worker-friendly function each.

Every function here blocks its caller (run it on a worker thread: QThreadPool or a
plain ``threading.Thread``), reports progress through ``progress(stage, done, total)``
— ``stage`` a short sentence to show ("Fetching example.com/…"), ``done``/``total`` in
bytes (``total`` None when the server does not say), or in thousandths while a
document is being read — and stops soon after ``cancel.cancel()`` is called from any
thread, raising ``FetchCancelledError`` (an ``ImportCancelledError``: not an error to
show). Every other failure is a ``FetchError``: ``str(err)`` is the one line to show,
``err.kind`` names the reason. Nothing here touches the study: each returns what the
UI then applies as one undoable command on the GUI thread.

=====================  =====================================================
UI action              call
=====================  =====================================================
File › Open Address…   ``open_address(text)`` → Document (with provenance)
Document › Check for   ``check_new_version(document)`` → VersionCheck; if
New Version            ``changed``: ``new_version_command(...)`` → UpdateFromWeb
Fill in (New           ``fill_in_reference(text)`` → ReferenceDraft (fields to
Reference dialog)      show and correct; ``.to_reference()`` to save)
Attach as source…      ``source_identifier(clipboard)`` decides whether to offer
(Ctrl+Shift+V)         it; then ``fill_in_reference`` as above
Archive                ``archive_reference(ref)`` / ``archive_document(doc)`` →
                       ArchiveResult (``.command`` to execute, ``.message``)
=====================  =====================================================

``config`` defaults to the user's settings (``WebConfig`` from ``storage.settings``):
the raw-page preference and the service addresses live there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.model import Document, Reference
from desktop.domain.web_commands import SetArchivedCopy, UpdateFromWeb
from desktop.storage.web.archive import Archived, archive
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.capture import display_name, document_from_response
from desktop.storage.web.client import FetchProgress, fetch
from desktop.storage.web.config import WebConfig, from_settings
from desktop.storage.web.errors import ADDRESS, FetchError
from desktop.storage.web.identifiers import Identifier, recognise
from desktop.storage.web.lookup import ReferenceDraft, fill_in
from desktop.storage.web.versions import ACCEPT_DOCUMENTS, VersionCheck, check_for_new_version

ActionProgress = Callable[[str, int, int | None], None]  # (stage, done, total or None)
READ_STEPS = 1000  # ``done`` out of this while a fetched document is being read


def user_config() -> WebConfig:
    from desktop.storage.settings import load_settings

    return from_settings(load_settings())


def open_address(
    text: str,
    *,
    config: WebConfig | None = None,
    progress: ActionProgress | None = None,
    cancel: CancelToken | None = None,
) -> Document:
    """File › Open Address…: the page at ``text`` as a Document with its provenance."""
    config = config or user_config()
    cancel = cancel or CancelToken()
    response = fetch(text, config=config, accept=ACCEPT_DOCUMENTS, cancel=cancel,
                     progress=_bytes(progress, f"Fetching {_name(text)}"))
    stage = f"Reading {display_name(response.url)}"
    step = None if progress is None else (
        lambda fraction: progress(stage, int(fraction * READ_STEPS), READ_STEPS))
    document = document_from_response(response, config=config, cancel=cancel, step=step)
    if progress is not None:
        progress(stage, READ_STEPS, READ_STEPS)
    return document


def check_new_version(
    document: Document,
    *,
    config: WebConfig | None = None,
    progress: ActionProgress | None = None,
    cancel: CancelToken | None = None,
) -> VersionCheck:
    """Document › Check for New Version: fetch the document's address again."""
    config = config or user_config()
    return check_for_new_version(document, config=config, cancel=cancel,
                                 progress=_bytes(progress, f"Checking {document.title}"))


def new_version_command(document: Document, check: VersionCheck,
                        title: str | None = None) -> UpdateFromWeb:
    """The one undoable step that takes a changed page in (``title`` as the user chose,
    None to keep the document's); run it, then show ``UpdateReport.of(command, …)``."""
    if not check.changed or check.document is None:
        raise ValueError("the page has not changed: there is nothing to update")
    return UpdateFromWeb.of(document.id, check.document, title=title)


def fill_in_reference(
    text: str,
    *,
    config: WebConfig | None = None,
    progress: ActionProgress | None = None,
    cancel: CancelToken | None = None,
) -> ReferenceDraft:
    """The New Reference dialog's Fill in: look up a pasted address, DOI or ISBN."""
    config = config or user_config()
    return fill_in(text, config=config, cancel=cancel,
                   progress=_bytes(progress, f"Looking up {_name(text)}"))


def source_identifier(text: str) -> Identifier | None:
    """What a pasted text names (a web address, a DOI or an ISBN), None if nothing:
    Ctrl+Shift+V on a highlight offers "Attach as source…" only when it names one.
    Pure string work, fast enough to call on every paste."""
    text = text.strip()
    if not text or len(text) > 2000 or "\n" in text:
        return None
    try:
        return recognise(text)
    except FetchError:
        return None


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    archived: Archived
    command: SetArchivedCopy  # records the copy on the reference or document: execute it

    @property
    def message(self) -> str:
        copy = self.archived.copy
        how = "Archived now" if self.archived.created else "Found an archived copy"
        return f"{how}: {copy.url} (captured {copy.captured})."


def archive_reference(
    reference: Reference,
    *,
    config: WebConfig | None = None,
    progress: ActionProgress | None = None,
    cancel: CancelToken | None = None,
) -> ArchiveResult:
    """Archive on a reference: an existing snapshot of its address, else a new one."""
    if not reference.url.strip():
        raise FetchError(f"“{reference.display_title}” has no web address to archive.",
                         ADDRESS)
    config = config or user_config()
    found = archive(reference.url, config=config, cancel=cancel,
                    progress=_bytes(progress, f"Archiving {_name(reference.url)}"))
    return ArchiveResult(found, SetArchivedCopy(found.copy, reference_id=reference.id,
                                                label="Archive reference"))


def archive_document(
    document: Document,
    *,
    config: WebConfig | None = None,
    progress: ActionProgress | None = None,
    cancel: CancelToken | None = None,
) -> ArchiveResult:
    """Archive on the study's document. A fetched document reuses only a snapshot taken
    on or after the day it was retrieved (an older one may show another version)."""
    url = document.provenance.url if document.provenance else document.url.strip()
    if not url:
        raise FetchError(f"“{document.title}” has no web address to archive.", ADDRESS)
    since = document.provenance.retrieved[:10] if document.provenance else ""
    config = config or user_config()
    found = archive(url, config=config, since=since, cancel=cancel,
                    progress=_bytes(progress, f"Archiving {_name(url)}"))
    return ArchiveResult(found, SetArchivedCopy(found.copy, document_id=document.id,
                                                label="Archive document"))


def _bytes(progress: ActionProgress | None, stage: str) -> FetchProgress | None:
    if progress is None:
        return None
    return lambda done, total: progress(stage, done, total)


def _name(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
