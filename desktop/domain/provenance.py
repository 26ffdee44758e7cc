"""Where a document came from on the web, and the archived copies that prove it.

A page changes or disappears; what a reader checked must stay checkable. So a document
fetched from an address keeps a ``Provenance``: the address asked for, the one finally
answered (after redirects), when, the HTTP status and content type, and the SHA-256 of
the bytes received — optionally those bytes themselves (``SavedPage``, compressed). An
``ArchivedCopy`` is a snapshot of the page in a public web archive (the Internet
Archive's Wayback Machine), for a document or a reference.

Pure data: fetching is ``desktop.storage.web``; the study-file keys are
``desktop.storage.provenance_data``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The bytes of the page as received, gzip-compressed (``encoding`` names how)."""

    data: bytes  # compressed
    encoding: str = "gzip"


@dataclass(frozen=True, slots=True)
class Provenance:
    requested: str  # the address the user asked for
    url: str  # the address that answered, after redirects
    retrieved: str  # ISO 8601, UTC
    status: int  # HTTP status of the final answer (200)
    content_type: str  # as the server sent it, e.g. "text/html; charset=utf-8"
    sha256: str  # of the bytes received (after gzip/deflate transfer coding is undone)
    size: int  # how many bytes that was
    redirects: tuple[str, ...] = ()  # the addresses passed through, in order
    page: SavedPage | None = None  # the bytes themselves, when the preference keeps them

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower case: ``text/html``."""
        return self.content_type.split(";", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    """A snapshot of an address in a web archive."""

    url: str  # the snapshot's address, e.g. https://web.archive.org/web/20240101…/https://…
    captured: str  # when the archive captured it, ISO 8601 UTC
    original: str = ""  # the address that was archived
