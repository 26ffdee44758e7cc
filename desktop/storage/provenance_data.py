"""The optional web keys of a study file: ``provenance`` and ``archived``.

``documents[].provenance`` (and the same on ``documents[].versions[]``)::

    {"requested": "https://…", "url": "https://… after redirects",
     "retrieved": "2024-05-01T10:00:00Z", "status": 200,
     "content_type": "text/html; charset=utf-8", "sha256": "…", "size": 51234,
     "redirects": ["https://…"],                       optional
     "page": {"encoding": "gzip", "data": "base64…"}}  optional: the bytes received

``documents[].archived``, ``documents[].versions[].archived`` and
``references[].archived``: ``{"url": "https://web.archive.org/web/…", "captured": "…Z",
"original": "https://…"}`` (``original`` optional).

Written only when there is something to say (files without them are unchanged), read
as absent when missing, and checked because the file is untrusted: a saved page must
decompress within the document size limit to exactly the bytes its ``sha256`` names,
else the file is refused as altered or damaged, like a document text that fails its hash.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from typing import Any

from desktop.domain.digest import sha256_hex
from desktop.domain.provenance import ArchivedCopy, Provenance, SavedPage
from desktop.storage.errors import StudyFileError
from desktop.storage.validate import Node

MAX_PAGE_BYTES = 64 * 1024 * 1024  # = documents.MAX_DOCUMENT_BYTES: nothing bigger is fetched
MAX_REDIRECTS_KEPT = 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


def web_to_data(item: Any) -> dict[str, Any]:
    """``provenance``/``archived`` of a Document or DocumentVersion, when it has them."""
    data: dict[str, Any] = {}
    if item.provenance is not None:
        data["provenance"] = provenance_to_data(item.provenance)
    data.update(archived_to_data(item))
    return data


def web_from(node: Node) -> dict[str, Any]:
    """Keyword arguments for ``Document``/``DocumentVersion``: provenance and archived."""
    return {
        "provenance": provenance_from(node.obj("provenance"))
        if node.has("provenance") else None,
        **archived_from(node),
    }


def archived_to_data(item: Any) -> dict[str, Any]:
    """``archived`` of a Document, DocumentVersion or Reference, when it has one."""
    copy = item.archived
    if copy is None:
        return {}
    data = {"url": copy.url, "captured": copy.captured}
    if copy.original:
        data["original"] = copy.original
    return {"archived": data}


def archived_from(node: Node) -> dict[str, Any]:
    if not node.has("archived"):
        return {"archived": None}
    copy = node.obj("archived")
    return {"archived": ArchivedCopy(copy.text("url"), copy.text("captured", ""),
                                     copy.text("original", ""))}


def provenance_to_data(p: Provenance) -> dict[str, Any]:
    data: dict[str, Any] = {
        "requested": p.requested,
        "url": p.url,
        "retrieved": p.retrieved,
        "status": p.status,
        "content_type": p.content_type,
        "sha256": p.sha256,
        "size": p.size,
    }
    if p.redirects:
        data["redirects"] = list(p.redirects)
    if p.page is not None:
        data["page"] = {"encoding": p.page.encoding,
                        "data": base64.b64encode(p.page.data).decode("ascii")}
    return data


def provenance_from(node: Node) -> Provenance:
    status = node.integer("status")
    if not 100 <= status <= 599:
        raise StudyFileError(f"{node.path}.status is not an HTTP status ({status})")
    sha = node.text("sha256")
    if not _SHA256.fullmatch(sha):
        raise StudyFileError(f"{node.path}.sha256 should be 64 lower-case hex digits")
    redirects = node.strings("redirects")
    if len(redirects) > MAX_REDIRECTS_KEPT:
        raise StudyFileError(f"{node.path}.redirects lists more than {MAX_REDIRECTS_KEPT} "
                             "addresses")
    size = node.integer("size")
    page = _page_from(node.obj("page"), sha, size) if node.has("page") else None
    return Provenance(
        requested=node.text("requested"),
        url=node.text("url"),
        retrieved=node.text("retrieved"),
        status=status,
        content_type=node.text("content_type", ""),
        sha256=sha,
        size=size,
        redirects=tuple(redirects),
        page=page,
    )


def save_page(raw: bytes) -> SavedPage:
    """The page's bytes compressed for keeping in a study (reproducibly: no time stamp)."""
    import gzip

    return SavedPage(gzip.compress(raw, compresslevel=6, mtime=0))


def page_bytes(page: SavedPage, limit: int | None = None) -> bytes:
    """The bytes a SavedPage holds; ValueError if they are damaged or larger than ``limit``
    (default: the document size limit)."""
    limit = MAX_PAGE_BYTES if limit is None else limit
    if page.encoding != "gzip":
        raise ValueError(f"unknown page encoding {page.encoding!r}")
    inflater = zlib.decompressobj(wbits=31)  # gzip framing
    try:
        raw = inflater.decompress(page.data, limit + 1)
    except zlib.error as err:
        raise ValueError(f"the saved page does not decompress ({err})") from err
    if len(raw) > limit:
        raise ValueError(f"the saved page is larger than {limit:,} bytes")
    if not inflater.eof:
        raise ValueError("the saved page is cut short")
    return raw


def _page_from(node: Node, sha: str, size: int) -> SavedPage:
    encoding = node.text("encoding")
    text = node.text("data")
    if len(text) > 2 * MAX_PAGE_BYTES:  # base64 of a compressed page is never that long
        raise StudyFileError(f"{node.path}.data is too large for a saved page")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as err:
        raise StudyFileError(f"{node.path}.data is not base64 ({err})") from None
    page = SavedPage(data, encoding)
    try:
        raw = page_bytes(page)
    except ValueError as err:
        raise StudyFileError(f"{node.path}: {err}") from None
    if len(raw) != size or sha256_hex(raw) != sha:
        raise StudyFileError(
            f"{node.path}: the saved page does not match its recorded SHA-256; "
            "the file was altered or damaged"
        )
    return page
