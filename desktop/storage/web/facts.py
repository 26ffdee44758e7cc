"""A document's web provenance and archived copies, said for people: ``crosslight info``
and the reports use these, so both word it the same way.

Pure data formatting: no network code is imported.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.model import Document, Reference
from desktop.domain.plural import plural
from desktop.domain.provenance import ArchivedCopy, Provenance


def provenance_info(document: Document) -> dict[str, Any]:
    """JSON-ready provenance of a document and its earlier versions (empty when none)."""
    info: dict[str, Any] = {}
    if document.provenance is not None:
        info["provenance"] = _provenance(document.provenance)
    if document.archived is not None:
        info["archived"] = _archived(document.archived)
    earlier = [
        {"replaced": v.replaced,
         **({"provenance": _provenance(v.provenance)} if v.provenance else {}),
         **({"archived": _archived(v.archived)} if v.archived else {})}
        for v in document.versions if v.provenance or v.archived
    ]
    if earlier:
        info["earlier_versions"] = earlier
    return info


def _provenance(p: Provenance) -> dict[str, Any]:
    data: dict[str, Any] = {
        "requested": p.requested, "url": p.url, "retrieved": p.retrieved, "status": p.status,
        "content_type": p.content_type, "sha256": p.sha256, "size": p.size,
        "page_kept": p.page is not None,
    }
    if p.redirects:
        data["redirects"] = list(p.redirects)
    return data


def _archived(copy: ArchivedCopy) -> dict[str, str]:
    return {"url": copy.url, "captured": copy.captured, "original": copy.original}


def provenance_lines(document: Document, indent: str = "  ") -> list[str]:
    """The lines ``crosslight info`` prints under a document fetched from the web."""
    lines = []
    p = document.provenance
    if p is not None:
        lines.append(f"{indent}Fetched: {p.retrieved} from {p.requested}")
        if p.url != p.requested:
            n = len(p.redirects)
            via = f" (through {plural(n, 'other address', 'other addresses')})" if n else ""
            lines.append(f"{indent}  redirected to {p.url}{via}")
        kept = "kept in the study" if p.page is not None else "not kept"
        lines.append(f"{indent}  HTTP {p.status}, {p.content_type or 'no content type'}, "
                     f"{p.size:,} bytes ({kept})")
        lines.append(f"{indent}  SHA-256 {p.sha256}")
    if document.archived is not None:
        lines.append(f"{indent}Archived: {document.archived.url} "
                     f"(captured {document.archived.captured})")
    for number, version in enumerate(document.versions, start=1):
        if version.provenance is not None:
            lines.append(f"{indent}Version {number} (replaced {version.replaced}): fetched "
                         f"{version.provenance.retrieved}, SHA-256 {version.provenance.sha256}")
        if version.archived is not None:
            lines.append(f"{indent}Version {number} archived: {version.archived.url}")
    return lines


def document_web_facts(document: Document) -> list[tuple[str, str, str]]:
    """(label, text, link) rows a report adds to a document's facts: the archived copy
    and when and from where it was fetched (link "" for plain text)."""
    rows = []
    if document.archived is not None:
        rows.append(("Archived copy", archived_label(document.archived), document.archived.url))
    p = document.provenance
    if p is not None:
        rows.append(("Retrieved", f"{p.retrieved} (HTTP {p.status}, SHA-256 {p.sha256[:16]}…)",
                     ""))
    return rows


def archived_label(copy: ArchivedCopy) -> str:
    return f"archived {copy.captured[:10]}" if copy.captured else "archived copy"


def reference_archive(reference: Reference) -> tuple[str, str] | None:
    """(label, address) of a reference's archived copy, for a report's citation."""
    if reference.archived is None:
        return None
    return archived_label(reference.archived), reference.archived.url
