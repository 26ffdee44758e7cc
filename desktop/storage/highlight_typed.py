"""The usual highlight of a study file, decoded from its bytes straight into a typed shape.

``highlight_fast`` reads a highlight that orjson has already made into dicts, lists and
strings; at 50,000 highlights the dicts alone (five per highlight) and the key-by-key
checks were about half of opening. msgspec decodes the bytes of one highlight into
the typed structs below instead, checking every type and refusing every key it does not
know while it decodes, so only the checks that need the study (its documents and
categories) and the patterns (revs, motivations, languages) are left to Python.

It takes exactly what ``highlight_fast`` takes and builds the same highlight; anything
else — an unknown key, a null, a wrong type, a duplicated selector tag, a citation or a
review, bytes msgspec refuses — gives ``None``, and the item is parsed with orjson
and read as before (``study_parts``). ``tests/storage/test_highlight_typed.py``
compares it with the careful reader on the bytes of thousands of mutated highlights.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.identity import Person
from desktop.domain.model import Highlight
from desktop.domain.revisions import MAX_REVS
from desktop.domain.tags import normalise_tags
from desktop.storage.annotation_keys import MAX_MOTIVATIONS
from desktop.storage.highlight_fast import (
    _VERDICTS,
    _language_match,
    _motivation_match,
)
from desktop.storage.validate import MAX_INT

_UNSET = msgspec.UNSET
_QUOTE, _POSITION = "TextQuoteSelector", "TextPositionSelector"


class _Selector(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A TextQuoteSelector or TextPositionSelector, told apart by ``type`` in ``build``
    (a tagged union made msgspec look for the tag before reading each selector: ~10%
    more decoding). A key the kind does not have is refused there."""

    type: str
    exact: str | msgspec.UnsetType = _UNSET
    prefix: str | msgspec.UnsetType = _UNSET
    suffix: str | msgspec.UnsetType = _UNSET
    start: int | msgspec.UnsetType = _UNSET
    end: int | msgspec.UnsetType = _UNSET


# No reference cycles can form in these (strings, ints and lists of them), so they are
# not tracked by the cyclic collector: less work to make and free 50,000 of them.
class _Target(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    selectors: list[_Selector] = []


class _Verdict(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    value: str = "unverified"
    rationale: str = ""


class _Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    name: str = ""
    organisation: str = ""
    url: str = ""


# A revision stamp, checked while decoding (``team_keys.REV``, whole: \A…\Z).
_Rev = Annotated[str, msgspec.Meta(pattern=r"\A[0-9a-f]{16}\Z")]


class _Highlight(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A highlight's keys as ``highlight_fast._KEYS``; a present ``null`` is refused
    (``UNSET``, not ``None``, marks an absent person), as the fast reader refuses it."""

    id: str
    document: str
    category: str
    target: _Target
    note: str = ""
    created: str = ""
    modified: str = ""
    verdict: _Verdict = _Verdict()
    citations: list[None] = []  # only an empty list is taken (checked below)
    reviews: list[None] = []
    tags: list[str] = []
    creator: _Person | msgspec.UnsetType = _UNSET
    editor: _Person | msgspec.UnsetType = _UNSET
    revs: list[_Rev] = []
    motivation: list[str] = []
    language: str = ""
    quote_language: str = ""


_decode = msgspec.json.Decoder(_Highlight).decode
_decode_list = msgspec.json.Decoder(list[_Highlight]).decode
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError)


def decode_highlight(item: bytes | memoryview) -> _Highlight | None:
    """The highlight these bytes hold (one JSON object and nothing else), or None."""
    try:
        return _decode(item)
    except _DECODE_ERRORS:
        return None


def decode_highlights(items: bytes) -> list[_Highlight] | None:
    """The highlights a JSON array of them holds, or None if any is unusual."""
    try:
        return _decode_list(items)
    except _DECODE_ERRORS:
        return None


class TypedReader:
    """Builds highlights from decoded structs, against one study's documents and
    categories (known before its highlights are read)."""

    def __init__(self, document_lengths: dict[str, int], category_ids: frozenset[str],
                 texts: dict[str, str] | None = None):
        self.lengths = document_lengths
        self.categories = category_ids
        # With the documents' texts: each highlight built is checked in place, as
        # ``studyfile.reanchor`` checks it, and kept in ``unplaced`` when it is not,
        # so re-anchoring looks at those alone (a pass over 50,000: ~50 ms).
        self.texts = texts
        self.unplaced: list[Highlight] = []

    def build(self, raw: _Highlight) -> Highlight | None:
        """The highlight ``raw`` describes, or None when another reader must look."""
        if raw.citations or raw.reviews:
            return None
        length = self.lengths.get(raw.document)
        if length is None or raw.category not in self.categories:
            return None
        motivation = raw.motivation
        if motivation:
            if len(motivation) > MAX_MOTIVATIONS:
                return None
            for item in motivation:
                if not _motivation_match(item):
                    return None
        language, quote_language = raw.language, raw.quote_language
        if (language and not _language_match(language)) or (
                quote_language and not _language_match(quote_language)):
            return None
        quote: _Selector | None = None
        exact = ""
        start: int | None = None
        end: int | None = None
        for sel in raw.target.selectors:  # the last of each kind wins, as when careful
            if sel.type == _QUOTE:
                if (sel.start is not _UNSET or sel.end is not _UNSET
                        or type(sel.exact) is not str):
                    return None
                quote, exact = sel, sel.exact
            elif sel.type == _POSITION:
                at, to = sel.start, sel.end
                if (type(at) is not int or type(to) is not int or sel.exact is not _UNSET
                        or sel.prefix is not _UNSET or sel.suffix is not _UNSET):
                    return None
                if not 0 <= at <= MAX_INT or not 0 <= to <= MAX_INT:
                    return None
                start, end = at, to
            else:
                return None
        if quote is None or not exact:
            return None
        if start is not None and end is not None and not start < end <= length:
            return None
        value = _VERDICTS.get(raw.verdict.value)
        if value is None:
            return None
        creator = None if raw.creator is _UNSET else _person(raw.creator)
        editor = None if raw.editor is _UNSET else _person(raw.editor)
        tags = raw.tags
        # Positional, in the order of Highlight's fields (``highlight_fast`` checks it).
        highlight = Highlight(
            raw.document, _quote(exact, quote.prefix, quote.suffix), start,
            end, raw.category, raw.note, raw.id, raw.created, raw.modified, value,
            raw.verdict.rationale, [], normalise_tags(tags) if tags else [], creator,
            editor, list(motivation), language, quote_language, [], raw.revs[-MAX_REVS:],
            {},
        )
        texts = self.texts
        if texts is not None and not (  # in place, exactly as ``reanchor`` checks it
                start is not None and end is not None and end - start == len(exact)
                and texts[raw.document].startswith(exact, start)):
            self.unplaced.append(highlight)
        return highlight


def _quote(exact: str, prefix: str | msgspec.UnsetType,
           suffix: str | msgspec.UnsetType) -> TextQuoteSelector:
    return TextQuoteSelector(exact, "" if prefix is _UNSET else prefix,
                             "" if suffix is _UNSET else suffix)


def _person(person: _Person | msgspec.UnsetType) -> Person | None:
    if type(person) is not _Person:  # pragma: no cover - UNSET is handled by the caller
        return None
    return Person(person.name, person.organisation, person.url)
