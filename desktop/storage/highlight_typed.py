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
    _rev_match,
)
from desktop.storage.validate import MAX_INT

_UNSET = msgspec.UNSET


class _Quote(msgspec.Struct, frozen=True, tag_field="type", tag="TextQuoteSelector",
             forbid_unknown_fields=True):
    exact: str
    prefix: str = ""
    suffix: str = ""


class _Position(msgspec.Struct, frozen=True, tag_field="type", tag="TextPositionSelector",
                forbid_unknown_fields=True):
    start: int
    end: int


class _Target(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    selectors: list[_Quote | _Position] = []


class _Verdict(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    value: str = "unverified"
    rationale: str = ""


class _Person(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str = ""
    organisation: str = ""
    url: str = ""


class _Highlight(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
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
    revs: list[str] = []
    motivation: list[str] = []
    language: str = ""
    quote_language: str = ""


_decode = msgspec.json.Decoder(_Highlight).decode
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError)


def decode_highlight(item: bytes | memoryview) -> _Highlight | None:
    """The highlight these bytes hold (one JSON object and nothing else), or None."""
    try:
        return _decode(item)
    except _DECODE_ERRORS:
        return None


class TypedReader:
    """Builds highlights from decoded structs, against one study's documents and
    categories (known before its highlights are read)."""

    def __init__(self, document_lengths: dict[str, int], category_ids: frozenset[str]):
        self.lengths = document_lengths
        self.categories = category_ids

    def build(self, raw: _Highlight) -> Highlight | None:
        """The highlight ``raw`` describes, or None when another reader must look."""
        if raw.citations or raw.reviews:
            return None
        length = self.lengths.get(raw.document)
        if length is None or raw.category not in self.categories:
            return None
        for rev in raw.revs:
            if not _rev_match(rev):
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
        quote: _Quote | None = None
        start = end = None
        for sel in raw.target.selectors:  # the last of each kind wins, as when careful
            if isinstance(sel, _Quote):
                quote = sel
            else:
                start, end = sel.start, sel.end
                if not 0 <= start <= MAX_INT or not 0 <= end <= MAX_INT:
                    return None
        if quote is None or not quote.exact:
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
        return Highlight(
            raw.document, TextQuoteSelector(quote.exact, quote.prefix, quote.suffix), start,
            end, raw.category, raw.note, raw.id, raw.created, raw.modified, value,
            raw.verdict.rationale, [], normalise_tags(tags) if tags else [], creator,
            editor, list(motivation), language, quote_language, [], raw.revs[-MAX_REVS:],
            {},
        )


def _person(person: _Person | msgspec.UnsetType) -> Person | None:
    if type(person) is not _Person:  # pragma: no cover - UNSET is handled by the caller
        return None
    return Person(person.name, person.organisation, person.url)
