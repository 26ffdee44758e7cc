"""Which of a study's documents a W3C annotation's target names.

A target's ``source`` is an address. ``exporters.w3c`` writes the document's web
address, or ``urn:crosslight:<document id>`` when it has none; other tools name a
text by its file (``file:///…`` or a plain path) or by a hash of it:
``urn:sha256:<hex>`` or RFC 6920's ``ni:///sha-256;<base64url>``. Web addresses
compare without their fragment, a trailing slash, or the case of scheme and host.
"""

from __future__ import annotations

import base64
from contextlib import suppress
from pathlib import PurePath
from urllib.parse import urlsplit, urlunsplit

from desktop.domain.model import Document, Study
from desktop.storage.exporters.w3c import iri


def normalize(address: str) -> str:
    """The form addresses are compared in."""
    address = address.strip()
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        path = parts.path.rstrip("/")
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
    return address


def hash_names(sha256_hex: str) -> set[str]:
    """The ways of naming a text by its SHA-256."""
    raw = bytes.fromhex(sha256_hex)
    ni = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
    return {f"urn:sha256:{sha256_hex}", f"sha256:{sha256_hex}", f"ni:///sha-256;{ni}"}


def source_names(document: Document) -> set[str]:
    """Every address by which a target may name ``document``."""
    names = {iri(document.id), *hash_names(document.sha256)}
    if document.url.strip():
        names.add(normalize(document.url))
    path = document.source_path
    if path:
        names.add(path)
        if PurePath(path).is_absolute():
            with suppress(ValueError):  # no URI for it: the plain path still matches
                names.add(PurePath(path).as_uri())
    return names


class DocumentMatcher:
    """Looks up a target's source among the study's documents (the first one wins)."""

    def __init__(self, study: Study) -> None:
        self._by_name: dict[str, str] = {}
        for document in study.documents.values():
            for name in source_names(document):
                self._by_name.setdefault(name, document.id)

    def match(self, source: str) -> str | None:
        """The id of the document ``source`` names, or None."""
        if not source.strip():
            return None
        found = self._by_name.get(source.strip()) or self._by_name.get(normalize(source))
        if found is None and source.lower().startswith(("urn:sha256:", "sha256:")):
            found = self._by_name.get(source.strip().lower())
        return found
