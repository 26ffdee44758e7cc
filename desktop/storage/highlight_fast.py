"""The usual highlight of a study file, read in one pass over its dict.

``schema._highlight_from`` reads a highlight through ``validate.Node``: every key
checked, its place named in any message, the keys it never read carried as unknown.
That care cost about 100 µs a highlight, most of the time to open 50,000 of them.
Nearly every highlight has the same shape, so this reader checks that shape directly
— only keys it knows, each of the right type, the same rules as the careful reader —
and builds the highlight. Anything else (an unknown key anywhere, a wrong type, a
citation, a review, a selector of another kind) returns ``None`` and the careful reader
takes over, so messages and unknown-key preservation are exactly as before. What it
accepts, the careful reader builds identically (``tests/storage/test_highlight_fast.py``
compares the two on mutated highlights).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Highlight
from desktop.domain.revisions import MAX_REVS
from desktop.domain.tags import normalise_tags
from desktop.storage.annotation_keys import LANGUAGE_TAG, MAX_MOTIVATIONS, MOTIVATION
from desktop.storage.team_keys import REV
from desktop.storage.validate import MAX_INT

_KEYS = frozenset({
    "id", "document", "category", "note", "created", "modified", "verdict", "citations",
    "target", "tags", "creator", "editor", "revs", "motivation", "language",
    "quote_language", "reviews",
})
_TARGET_KEYS = frozenset({"selectors"})
_QUOTE_KEYS = frozenset({"type", "exact", "prefix", "suffix"})
_POSITION_KEYS = frozenset({"type", "start", "end"})
_VERDICT_KEYS = frozenset({"value", "rationale"})
_PERSON_KEYS = frozenset({"name", "organisation", "url"})
_VERDICTS = {v.value: v for v in Verdict}


def fast_highlight(
    raw: Any,
    document_lengths: dict[str, int],
    has_category: Callable[[str], bool],
) -> Highlight | None:
    """The highlight ``raw`` describes, or None when the careful reader must look.

    Written out key by key rather than in loops, and the highlight built with
    positional arguments: at 50,000 highlights each saved step is visible."""
    if type(raw) is not dict or not raw.keys() <= _KEYS:
        return None
    get = raw.get
    document_id, category_id, hid = get("document"), get("category"), get("id")
    note, created, modified = get("note", ""), get("created", ""), get("modified", "")
    language, quote_language = get("language", ""), get("quote_language", "")
    if (
        type(document_id) is not str or type(category_id) is not str or type(hid) is not str
        or type(note) is not str or type(created) is not str or type(modified) is not str
        or type(language) is not str or type(quote_language) is not str
    ):
        return None
    # Absent lists read as the shared empty one, which is never stored (copied below).
    tags, revs, motivation = get("tags", _EMPTY), get("revs", _EMPTY), get("motivation", _EMPTY)
    citations, reviews = get("citations", _EMPTY), get("reviews", _EMPTY)
    if (
        type(tags) is not list or type(revs) is not list or type(motivation) is not list
        or type(citations) is not list or citations  # anything else: the careful reader
        or type(reviews) is not list or reviews
    ):
        return None
    for item in tags:
        if type(item) is not str:
            return None
    for item in revs:
        if type(item) is not str or not _rev_match(item):
            return None
    if motivation:
        if len(motivation) > MAX_MOTIVATIONS:
            return None
        for item in motivation:
            if type(item) is not str or not _motivation_match(item):
                return None
    if (language and not _language_match(language)) or (
            quote_language and not _language_match(quote_language)):
        return None
    length = document_lengths.get(document_id)
    if length is None or not has_category(category_id):
        return None
    anchor = _target(get("target"), length)
    verdict = _verdict(get("verdict", _NO_VERDICT))
    if anchor is None or verdict is None:
        return None
    creator = editor = None
    if "creator" in raw:
        creator = _person(raw["creator"])
        if creator is None:
            return None
    if "editor" in raw:
        editor = _person(raw["editor"])
        if editor is None:
            return None
    quote, start, end = anchor
    value, rationale = verdict
    # Positional, in the order of Highlight's fields (checked at import, below).
    return Highlight(
        document_id, quote, start, end, category_id, note, hid, created, modified, value,
        rationale, [], normalise_tags(tags) if tags else [], creator, editor,
        list(motivation), language, quote_language, [], revs[-MAX_REVS:], {},
    )


_EMPTY: list[Any] = []  # read only
_NO_VERDICT: dict[str, Any] = {}  # read only
_rev_match = REV.fullmatch
_motivation_match = MOTIVATION.fullmatch
_language_match = LANGUAGE_TAG.fullmatch
_FIELD_ORDER = (
    "document_id", "quote", "start", "end", "category_id", "note", "id", "created",
    "modified", "verdict", "rationale", "citations", "tags", "creator", "editor",
    "motivation", "language", "quote_language", "reviews", "revs", "extra",
)
if tuple(f.name for f in fields(Highlight)) != _FIELD_ORDER:  # pragma: no cover
    raise ImportError("highlight_fast: Highlight's fields changed; update fast_highlight")


def _target(target: Any, length: int) -> tuple[TextQuoteSelector, int | None, int | None] | None:
    """The quote and stored position of ``target.selectors`` (the last of each kind wins,
    as in the careful reader); None for anything it would carry or refuse."""
    if type(target) is not dict or not target.keys() <= _TARGET_KEYS:
        return None
    selectors = target.get("selectors", [])
    if type(selectors) is not list:
        return None
    quote: TextQuoteSelector | None = None
    start: Any = None
    end: Any = None
    for sel in selectors:
        if type(sel) is not dict:
            return None
        kind = sel.get("type")
        if kind == "TextQuoteSelector" and sel.keys() <= _QUOTE_KEYS:
            exact, prefix, suffix = sel.get("exact"), sel.get("prefix", ""), sel.get("suffix", "")
            if type(exact) is not str or type(prefix) is not str or type(suffix) is not str:
                return None
            quote = TextQuoteSelector(exact, prefix, suffix)
        elif kind == "TextPositionSelector" and sel.keys() <= _POSITION_KEYS:
            start, end = sel.get("start"), sel.get("end")
            if type(start) is not int or type(end) is not int or not 0 <= start <= MAX_INT \
                    or not 0 <= end <= MAX_INT:
                return None
        else:
            return None
    if quote is None or not quote.exact:
        return None
    if start is not None and not start < end <= length:
        return None
    return quote, start, end


def _verdict(verdict: Any) -> tuple[Verdict, str] | None:
    if type(verdict) is not dict or not verdict.keys() <= _VERDICT_KEYS:
        return None
    name, rationale = verdict.get("value", "unverified"), verdict.get("rationale", "")
    if type(name) is not str or type(rationale) is not str:
        return None
    value = _VERDICTS.get(name)
    return None if value is None else (value, rationale)


def _person(person: Any) -> Person | None:
    """The person ``person`` describes, or None when the careful reader must look."""
    if type(person) is not dict or not person.keys() <= _PERSON_KEYS:
        return None
    name, organisation, url = (person.get("name", ""), person.get("organisation", ""),
                               person.get("url", ""))
    if type(name) is not str or type(organisation) is not str or type(url) is not str:
        return None
    return Person(name, organisation, url)
