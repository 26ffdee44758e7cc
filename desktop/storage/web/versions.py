"""Check for New Version: fetch a document's address again and compare.

The address re-fetched is the one the user asked for (``provenance.requested``), so a
moved article is followed the way it was the first time; a document without provenance
uses its web address. Three outcomes:

- the same bytes (SHA-256) as last time: unchanged, nothing read;
- other bytes but the same article text (a new ad, a new "most read" box): unchanged;
- another article text: ``changed``, with the new Document ready for the re-anchoring
  flow (``domain.web_commands.UpdateFromWeb``: highlights re-placed, report, the old
  text and its provenance kept as an earlier version, one undo).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model import Document
from desktop.domain.provenance import Provenance
from desktop.storage.web.cancel import CancelToken
from desktop.storage.web.capture import document_from_response, provenance_of
from desktop.storage.web.client import FetchProgress, fetch
from desktop.storage.web.config import WebConfig
from desktop.storage.web.errors import ADDRESS, FetchError
from desktop.storage.web.transport import Transport

ACCEPT_DOCUMENTS = ("text/html,application/xhtml+xml,application/pdf;q=0.9,"
                    "text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.5")


@dataclass(frozen=True, slots=True)
class VersionCheck:
    changed: bool
    message: str  # one line for the status bar or a dialog
    provenance: Provenance  # of this fetch
    document: Document | None = None  # the new version, when changed
    same_bytes: bool = False  # unchanged to the byte, not only in its article text


def address_to_check(document: Document) -> str:
    if document.provenance is not None and document.provenance.requested:
        return document.provenance.requested
    if document.url.strip():
        return document.url.strip()
    raise FetchError(f"“{document.title}” has no web address to check for a new version.",
                     ADDRESS)


def check_for_new_version(
    document: Document,
    *,
    config: WebConfig | None = None,
    progress: FetchProgress | None = None,
    cancel: CancelToken | None = None,
    transport: Transport | None = None,
) -> VersionCheck:
    config = config or WebConfig()
    response = fetch(address_to_check(document), config=config, accept=ACCEPT_DOCUMENTS,
                     progress=progress, cancel=cancel, transport=transport)
    provenance = provenance_of(response, config)
    since = document.provenance.retrieved if document.provenance else document.added
    if document.provenance is not None and provenance.sha256 == document.provenance.sha256:
        return VersionCheck(False, f"“{document.title}” is unchanged since {since} (the "
                            "same bytes).", provenance, same_bytes=True)
    new = document_from_response(response, config=config, cancel=cancel)
    if new.text == document.text:
        return VersionCheck(False, f"The article “{document.title}” is unchanged since "
                            f"{since}; only the page around it differs.", provenance)
    return VersionCheck(True, f"“{document.title}” has changed since {since}.", provenance,
                        document=new)
