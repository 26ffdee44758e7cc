"""Checked claims as schema.org ClaimReview JSON-LD, for fact-check publishing.

One ClaimReview per highlight whose verdict is not “unverified”, in document order:
the passage is ``claimReviewed``, the verdict the ``reviewRating`` (``alternateName``
is its label), the rationale the ``reviewBody``, the tags its ``keywords``. The
claim's author, date and appearance come from the document's details and source notes.
Ratings run from 1 (false) to 4 (supported); “opinion — not checkable” is not on that
scale, so it has only its ``alternateName``.

Each review's ``url`` (which Google requires) is the page the reviews are published on,
``ExportOptions.review_url`` or else the study's ``publish_url``, with a ``#passage-N``
anchor; with ``require_review_url`` an export without one raises ``ExportError``. The
``author`` is the exporting person (``ExportOptions.identity``: name, web page, and
organisation as ``affiliation`` and the review's ``publisher``). The JSON is written
with ``<`` as ``\u003c``, so it can sit inside ``<script type="application/ld+json">``.
"""

from __future__ import annotations

from typing import Any

import orjson

from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Document, Highlight, Study
from desktop.domain.verdicts import last_verdict
from desktop.storage.exporters.errors import ExportError
from desktop.storage.exporters.report_model import (
    ExportOptions,
    Passage,
    json_for_html,
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


NO_ADDRESS = (
    "ClaimReview needs the address of the web page the fact checks will be published on "
    "(Google requires each review's url): set the study's “Publish at” address first."
)


def review_page(study: Study, options: ExportOptions) -> str:
    """The http(s) address the reviews are published at, or "" when none is known."""
    return safe_url(options.review_url) or safe_url(study.publish_url) or ""


def reviews(study: Study, options: ExportOptions | None = None) -> dict[str, Any]:
    """The ClaimReviews; ExportError when an address is required and there is none."""
    options = options or ExportOptions()
    base = review_page(study, options)
    if not base and options.require_review_url:
        raise ExportError(NO_ADDRESS)
    graph = [
        _review(p, section.document, options, base)
        for section in sections(study)
        for p in section.passages
        if p.highlight.verdict.is_checked
    ]
    return {"@context": CONTEXT, "@graph": graph}


def render(study: Study, options: ExportOptions | None = None) -> str:
    return json_for_html(orjson.dumps(reviews(study, options),
                                      option=orjson.OPT_INDENT_2).decode()) + "\n"


def rating(verdict: Verdict) -> dict[str, Any]:
    value: dict[str, Any] = {"@type": "Rating"}
    if verdict in RATINGS:
        value.update(ratingValue=RATINGS[verdict], bestRating=BEST, worstRating=WORST)
    value["alternateName"] = verdict.label
    return value


def _review(p: Passage, document: Document, options: ExportOptions,
            base: str) -> dict[str, Any]:
    h = p.highlight
    review: dict[str, Any] = {"@type": "ClaimReview"}
    if base:
        review["url"] = f"{base.split('#', 1)[0]}#{p.anchor}"
    review["claimReviewed"] = one_line(h.quote.exact)
    if h.rationale.strip():
        review["reviewBody"] = one_line(h.rationale)
    date = (options.generated or h.modified)[:10]
    if date:
        review["datePublished"] = date
    review.update(_reviewer(options, h))
    review["reviewRating"] = rating(h.verdict)
    if h.tags:
        review["keywords"] = list(h.tags)
    review["itemReviewed"] = _claim(document)
    return review


def _reviewer(options: ExportOptions, h: Highlight) -> dict[str, Any]:
    """``author`` (and ``publisher``) of a review: who gave the published verdict (the
    editor's ruling, else the latest review), else the identity, else the author name."""
    entry = last_verdict(h)
    person = entry.by if entry is not None and entry.by is not None else options.identity
    name = one_line(person.name if person is not None and person.name else options.author)
    if not name:
        return {}
    author: dict[str, Any] = {"@type": "Person", "name": name}
    out: dict[str, Any] = {"author": author}
    if person is not None:
        url = safe_url(person.url)
        if url:
            author["url"] = url
        if person.organisation.strip():
            organisation = {"@type": "Organization", "name": one_line(person.organisation)}
            author["affiliation"] = organisation
            out["publisher"] = dict(organisation)
    return out


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
