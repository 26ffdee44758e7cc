"""Highlights as CSV for spreadsheets: one row per highlight, in document order.

RFC 4180 (comma, double quotes, CRLF). A cell that a spreadsheet would run as a formula
(starting with = + - @ or a tab/CR) gets a leading apostrophe: an exported note must
never execute. Files get a UTF-8 byte-order mark (``BOM``) so Excel reads the text as
UTF-8; see ``exporters.encode``.
"""

from __future__ import annotations

import csv
import io

from desktop.domain.model import Document, Study, page_of
from desktop.storage.exporters.report_model import (
    ExportOptions,
    Passage,
    all_passages,
    citation_text,
    one_line,
)

BOM = "\ufeff"
COLUMNS = (
    "number", "category", "verdict", "rationale", "quote", "note", "tags", "references", "links",
    "start", "end", "orphaned", "document", "page", "id", "created", "modified",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def render(study: Study, options: ExportOptions | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in all_passages(study):
        writer.writerow([defuse(cell) for cell in _row(study, p)])
    return out.getvalue()


def _page(document: Document | None, start: int | None) -> str:
    """The PDF page the passage starts on; empty for documents without pages."""
    page = None if document is None or start is None else page_of(document, start)
    return "" if page is None else str(page)


def _row(study: Study, p: Passage) -> list[str]:
    h = p.highlight
    references = "; ".join(
        f"{c.stance.label}: {citation_text(c.reference)}"
        + (f" ({one_line(c.comment)})" if c.comment.strip() else "")
        for c in p.citations
    )
    links = "; ".join(f"{link.arrow} {link.relation.label} {link.other}" for link in p.links)
    document = study.documents.get(h.document_id)
    return [
        str(p.number),
        p.category.name,
        h.verdict.label,
        h.rationale,
        h.quote.exact,
        h.note,
        "; ".join(h.tags),
        references,
        links,
        "" if h.start is None else str(h.start),
        "" if h.end is None else str(h.end),
        "yes" if h.is_orphan else "no",
        document.title if document else "",
        _page(document, h.start),
        h.id,
        h.created,
        h.modified,
    ]
