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
_TEXTS = ("id", "document", "category")  # required text
_OPTIONAL_TEXTS = ("note", "created", "modified", "language", "quote_language")
_LISTS = ("tags", "revs", "motivation")  # optional lists of text
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
    """The highlight ``raw`` describes, or None when the careful reader must look."""
    if type(raw) is not dict or not raw.keys() <= _KEYS:
        return None
    get = raw.get
    for key in _TEXTS:
        if type(get(key)) is not str:
            return None
    for key in _OPTIONAL_TEXTS:
        if key in raw and type(raw[key]) is not str:
            return None
    for key in _LISTS:
        items = get(key, ())
        if type(items) is not list and key in raw:
            return None
        for item in items:
            if type(item) is not str:
                return None
    document_id = raw["document"]
    length = document_lengths.get(document_id)
    if length is None or not has_category(raw["category"]):
        return None
    if get("citations", ()) or get("reviews", ()):
        return None  # (an empty list is fine; anything else: the careful reader)
    if "citations" in raw and type(raw["citations"]) is not list:
        return None
    if "reviews" in raw and type(raw["reviews"]) is not list:
        return None
    anchor = _target(get("target"), length)
    verdict = _verdict(get("verdict", {}))
    creator_ok, creator = _person(raw, "creator")
    editor_ok, editor = _person(raw, "editor")
    if anchor is None or verdict is None or not creator_ok or not editor_ok:
        return None
    revs = get("revs", [])
    motivation = get("motivation", [])
    language = get("language", "")
    quote_language = get("quote_language", "")
    if (
        not all(map(REV.fullmatch, revs))
        or len(motivation) > MAX_MOTIVATIONS
        or not all(map(MOTIVATION.fullmatch, motivation))
        or (language and not LANGUAGE_TAG.fullmatch(language))
        or (quote_language and not LANGUAGE_TAG.fullmatch(quote_language))
    ):
        return None
    quote, start, end = anchor
    value, rationale = verdict
    return Highlight(
        document_id=document_id,
        quote=quote,
        start=start,
        end=end,
        category_id=raw["category"],
        note=get("note", ""),
        id=raw["id"],
        created=get("created", ""),
        modified=get("modified", ""),
        verdict=value,
        rationale=rationale,
        citations=[],
        tags=normalise_tags(get("tags", ())),
        creator=creator,
        editor=editor,
        motivation=list(motivation),
        language=language,
        quote_language=quote_language,
        reviews=[],
        revs=revs[-MAX_REVS:],
        extra={},
    )


def _target(target: Any, length: int) -> tuple[TextQuoteSelector, int | None, int | None] | None:
    """The quote and stored position of ``target.selectors`` (the last of each kind wins,
    as in the careful reader); None for anything it would carry or refuse."""
    if type(target) is not dict or not target.keys() <= {"selectors"}:
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


def _person(raw: dict[str, Any], key: str) -> tuple[bool, Person | None]:
    """(readable here, the person under ``key`` or None when absent)."""
    if key not in raw:
        return True, None
    person = raw[key]
    if type(person) is not dict or not person.keys() <= _PERSON_KEYS:
        return False, None
    name, organisation, url = (person.get("name", ""), person.get("organisation", ""),
                               person.get("url", ""))
    if type(name) is not str or type(organisation) is not str or type(url) is not str:
        return False, None
    return True, Person(name, organisation, url)
