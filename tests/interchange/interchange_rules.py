"""Checks of exported JSON-LD against the rules of its standard, for the tests.

``w3c_problems`` follows the W3C Web Annotation Data Model (the MUSTs that the W3C
test suite's schemas check): @context, ids that are IRIs, types, required keys,
motivations from the model's list, textual bodies with a value, selector shapes, and
date-times. ``claimreview_problems`` follows schema.org ClaimReview as Google's
fact-check markup reads it. Each returns a list of problems; [] means valid.
"""

from __future__ import annotations

import re
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing",
               "editing", "highlighting", "identifying", "linking", "moderating",
               "questioning", "replying", "tagging"}
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _has_type(obj: dict, kind: str) -> bool:
    return kind in _list(obj.get("type"))


def _context_ok(value: Any) -> bool:
    if isinstance(value, str):
        return value == ANNO_CONTEXT
    return isinstance(value, list) and ANNO_CONTEXT in value


def w3c_problems(data: Any, text: str | None = None) -> list[str]:
    """Problems of an AnnotationCollection; with ``text``, selectors must match it."""
    p: list[str] = []
    if not isinstance(data, dict):
        return ["the collection is not an object"]
    if not _context_ok(data.get("@context")):
        p.append("collection @context must be (or include) " + ANNO_CONTEXT)
    if not IRI.fullmatch(str(data.get("id", ""))):
        p.append("collection id must be an IRI")
    if not _has_type(data, "AnnotationCollection"):
        p.append("collection type must be AnnotationCollection")
    if "label" in data and not isinstance(data["label"], str):
        p.append("collection label must be text")
    total = data.get("total")
    if total is not None and (type(total) is not int or total < 0):
        p.append("collection total must be a non-negative integer")
    items: list = []
    if total:
        page = data.get("first")
        if not isinstance(page, dict):
            p.append("a collection with annotations must have a first page")
        else:
            if not _has_type(page, "AnnotationPage"):
                p.append("first page type must be AnnotationPage")
            if not IRI.fullmatch(str(page.get("id", ""))):
                p.append("page id must be an IRI")
            if not isinstance(page.get("items"), list) or not page["items"]:
                p.append("a page must have items")
            else:
                items = page["items"]
            start = page.get("startIndex")
            if start is not None and (type(start) is not int or start < 0):
                p.append("startIndex must be a non-negative integer")
        if total != len(items):
            p.append(f"total is {total} but there are {len(items)} items")
    ids = [a.get("id") for a in items if isinstance(a, dict)]
    if len(ids) != len(set(ids)):
        p.append("annotation ids must be unique")
    for i, annotation in enumerate(items):
        p += [f"items[{i}]: {x}" for x in annotation_problems(annotation, text)]
    return p


def annotation_problems(a: Any, text: str | None = None) -> list[str]:
    p: list[str] = []
    if not isinstance(a, dict):
        return ["an annotation must be an object"]
    if "@context" in a and not _context_ok(a["@context"]):
        p.append("@context must be " + ANNO_CONTEXT)
    if not IRI.fullmatch(str(a.get("id", ""))):
        p.append("id must be an IRI")
    if not _has_type(a, "Annotation"):
        p.append("type must be Annotation")
    for m in _list(a.get("motivation", [])):
        if m not in MOTIVATIONS:
            p.append(f"unknown motivation {m!r}")
    for key in ("created", "modified", "generated"):
        if key in a and not (isinstance(a[key], str) and DATE_TIME.fullmatch(a[key])):
            p.append(f"{key} must be an xsd:dateTime")
    if "target" not in a:
        p.append("target is required")
    for body in _list(a.get("body", [])):
        p += body_problems(body)
    for target in _list(a.get("target")):
        p += target_problems(target, text)
    return p


def body_problems(body: Any) -> list[str]:
    if isinstance(body, str):
        return [] if IRI.fullmatch(body) else ["a body given as text must be an IRI"]
    if not isinstance(body, dict):
        return ["a body must be an IRI or an object"]
    p = []
    for purpose in _list(body.get("purpose", [])):
        if purpose not in MOTIVATIONS:
            p.append(f"unknown purpose {purpose!r}")
    if _has_type(body, "TextualBody"):
        if not isinstance(body.get("value"), str):
            p.append("a TextualBody must have a text value")
        if "format" in body and not re.fullmatch(r"[\w.+-]+/[\w.+-]+", str(body["format"])):
            p.append("format must be a media type")
    elif _has_type(body, "SpecificResource"):
        if not IRI.fullmatch(str(body.get("source", ""))):
            p.append("a SpecificResource needs a source IRI")
    elif not IRI.fullmatch(str(body.get("id", ""))):
        p.append("an external body needs an id IRI")
    return p


def target_problems(target: Any, text: str | None) -> list[str]:
    if isinstance(target, str):
        return [] if IRI.fullmatch(target) else ["a target given as text must be an IRI"]
    if not isinstance(target, dict):
        return ["a target must be an IRI or an object"]
    p = []
    if not IRI.fullmatch(str(target.get("source", target.get("id", "")))):
        p.append("a target needs a source IRI")
    quote = position = None
    for sel in _list(target.get("selector", [])):
        if not isinstance(sel, dict):
            p.append("a selector must be an object")
        elif _has_type(sel, "TextQuoteSelector"):
            if not isinstance(sel.get("exact"), str) or not sel["exact"]:
                p.append("TextQuoteSelector needs exact text")
            for key in ("prefix", "suffix"):
                if key in sel and not isinstance(sel[key], str):
                    p.append(f"TextQuoteSelector {key} must be text")
            quote = sel
        elif _has_type(sel, "TextPositionSelector"):
            start, end = sel.get("start"), sel.get("end")
            if type(start) is not int or type(end) is not int or not 0 <= start <= end:
                p.append("TextPositionSelector needs integers 0 <= start <= end")
            else:
                position = sel
        else:
            p.append(f"unexpected selector {sel.get('type')!r}")
    if text is not None and quote is not None and position is not None and not p:
        start, end = position["start"], position["end"]
        if text[start:end] != quote["exact"]:
            p.append("the position does not select the quoted text")
        elif not text[:start].endswith(quote.get("prefix", "")):
            p.append("the prefix does not precede the passage")
        elif not text[end:].startswith(quote.get("suffix", "")):
            p.append("the suffix does not follow the passage")
    return p


def claimreview_problems(data: Any) -> list[str]:
    p: list[str] = []
    if not isinstance(data, dict) or data.get("@context") not in ("https://schema.org",
                                                                   "http://schema.org"):
        return ["@context must be https://schema.org"]
    graph = data.get("@graph")
    if not isinstance(graph, list):
        return ["@graph must be a list of ClaimReviews"]
    for i, review in enumerate(graph):
        p += [f"@graph[{i}]: {x}" for x in _review_problems(review)]
    return p


def _review_problems(r: Any) -> list[str]:
    p: list[str] = []
    if not isinstance(r, dict) or r.get("@type") != "ClaimReview":
        return ["@type must be ClaimReview"]
    if not isinstance(r.get("claimReviewed"), str) or not r["claimReviewed"].strip():
        p.append("claimReviewed is required")
    if "url" in r and not re.fullmatch(r"https?://\S+", str(r["url"])):
        p.append("url must be a web address")
    if "datePublished" in r and not DATE.fullmatch(str(r["datePublished"])):
        p.append("datePublished must be an ISO 8601 date")
    author = r.get("author")
    if author is not None and not (isinstance(author, dict) and author.get("@type") in
                                   ("Person", "Organization") and author.get("name")):
        p.append("author must be a Person or Organization with a name")
    rating = r.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        p.append("reviewRating must be a Rating")
    else:
        if not isinstance(rating.get("alternateName"), str) or not rating["alternateName"]:
            p.append("reviewRating.alternateName is required")
        numbers = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
        if any(n is not None for n in numbers):
            if not all(type(n) is int for n in numbers):
                p.append("ratingValue, bestRating and worstRating go together, as integers")
            elif not numbers[2] <= numbers[0] <= numbers[1]:
                p.append("ratingValue must lie between worstRating and bestRating")
    item = r.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        p.append("itemReviewed must be a Claim")
    else:
        appearance = item.get("appearance")
        if appearance is not None and not (isinstance(appearance, dict) and
                                           appearance.get("@type") == "CreativeWork"):
            p.append("appearance must be a CreativeWork")
        if isinstance(appearance, dict) and "url" in appearance and not re.fullmatch(
                r"https?://\S+", str(appearance["url"])):
            p.append("appearance.url must be a web address")
        if "datePublished" in item and not DATE.fullmatch(str(item["datePublished"])):
            p.append("the claim's datePublished must be an ISO 8601 date")
    return p
