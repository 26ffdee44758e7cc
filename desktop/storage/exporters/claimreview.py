"""Checked claims as schema.org ClaimReview JSON-LD, for fact-check publishing.

One ClaimReview per highlight whose verdict is not “unverified”, in document order:
the passage is ``claimReviewed``, the verdict the ``reviewRating`` (``alternateName``
is its label), the rationale the ``reviewBody``, the tags its ``keywords``. The
claim's author, date and appearance come from the document's details and source notes.
Ratings run from 1 (false) to 4 (supported); “opinion — not checkable” is not on that
scale, so it has only its ``alternateName``.
"""

from __future__ import annotations

from typing import Any

import orjson

from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Document, Study
from desktop.storage.exporters.report_model import (
    ExportOptions,
    Passage,
    one_line,
    safe_url,
    sections,
)

CONTEXT = "https://schema.org"
BEST, WORST = 4, 1
RATINGS = {
    Verdict.FALSE: 1,
    Verdict.MISLEADING: 2,
    Verdict.DISPUTED: 3,
    Verdict.SUPPORTED: 4,
}


def reviews(study: Study, options: ExportOptions | None = None) -> dict[str, Any]:
    options = options or ExportOptions()
    graph = [
        _review(p, section.document, options)
        for section in sections(study)
        for p in section.passages
        if p.highlight.verdict.is_checked
    ]
    return {"@context": CONTEXT, "@graph": graph}


def render(study: Study, options: ExportOptions | None = None) -> str:
    return orjson.dumps(reviews(study, options), option=orjson.OPT_INDENT_2).decode() + "\n"


def rating(verdict: Verdict) -> dict[str, Any]:
    value: dict[str, Any] = {"@type": "Rating"}
    if verdict in RATINGS:
        value.update(ratingValue=RATINGS[verdict], bestRating=BEST, worstRating=WORST)
    value["alternateName"] = verdict.label
    return value


def _review(p: Passage, document: Document, options: ExportOptions) -> dict[str, Any]:
    h = p.highlight
    review: dict[str, Any] = {"@type": "ClaimReview"}
    base = safe_url(options.review_url)
    if base:
        review["url"] = f"{base.split('#', 1)[0]}#{p.anchor}"
    review["claimReviewed"] = one_line(h.quote.exact)
    if h.rationale.strip():
        review["reviewBody"] = one_line(h.rationale)
    date = (options.generated or h.modified)[:10]
    if date:
        review["datePublished"] = date
    if options.author.strip():
        review["author"] = {"@type": "Person", "name": options.author.strip()}
    review["reviewRating"] = rating(h.verdict)
    if h.tags:
        review["keywords"] = list(h.tags)
    review["itemReviewed"] = _claim(document)
    return review


def _claim(document: Document) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    publisher = one_line(document.source.publisher)
    if document.author.strip():
        claim["author"] = {"@type": "Person", "name": one_line(document.author)}
    elif publisher:
        claim["author"] = {"@type": "Organization", "name": publisher}
    if document.published.strip():
        claim["datePublished"] = document.published.strip()
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    url = safe_url(document.url)
    if url:
        appearance["url"] = url
    if document.title.strip():
        appearance["headline"] = one_line(document.title)
    if document.published.strip():
        appearance["datePublished"] = document.published.strip()
    if publisher:
        appearance["publisher"] = {"@type": "Organization", "name": publisher}
    claim["appearance"] = appearance
    return claim
