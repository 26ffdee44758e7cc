"""A large study file parsed in parts: its highlights one at a time.

orjson parses a whole file into its own tree before making Python objects: a 255 MB
study of 270,000 highlights peaked at 1.5 GB, with the parsed file and the study both
whole in memory. Files Crosslight writes (sorted keys, two-space indent) hold the
highlights as one top-level array whose items start and end on lines indented by four
spaces, and JSON strings never hold a raw newline. So the array is cut out: the rest of
the file is parsed with an unguessable placeholder in its place, and each item alone,
as the study is built (``schema.study_from_data(highlights=…)``), freed once built.

Why this reads exactly what a whole parse reads: the placeholder must come back as the
file's top-level ``highlights`` (so the cut was that value and no other), and every
item must parse on its own as one JSON value, nested as deep as in the file. The array
is then those items joined by commas, byte for byte. Anything else — another layout,
a bad item, bad UTF-8 — gives ``None`` or raises ``PartsUnreadable``, and the caller
parses the whole file as before, with the same messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

from desktop.domain.model import Highlight

if TYPE_CHECKING:  # msgspec loads with the first large study, not at start
    from desktop.storage.highlight_typed import _Highlight

# Highlights beyond this many bytes are parsed in parts: one by one, a part of the usual
# shape decoded typed (``highlight_typed``), faster than a whole parse from 1 MB on.
PARTS_ABOVE = 1024 * 1024
# Items of the usual shape are decoded typed this many bytes (~16 items) at a time, in
# one call and one search for the batch's end; a batch holding anything else is read
# again item by item. 50,000 highlights decoded and built: ~15% less CPU than item by
# item; batches of 512 KB took ~50% more (what they decode no longer fits the cache).
BATCH_BYTES = 16 * 1024
_START = b'\n  "highlights": ['
_END = b"\n  ]"
_BEFORE_LINKS = _END + b',\n  "links": '
_CLOSE = b"\n    }"
_BETWEEN = _CLOSE + b",\n    {"


class PartsUnreadable(Exception):  # noqa: N818 - a signal to parse whole, not an error
    """An item did not parse on its own: parse the whole file instead."""


def parse_in_parts(raw: bytes) -> tuple[dict[str, Any], HighlightParts] | None:
    """(the file with ``highlights: []``, its highlights one by one), or None."""
    start = raw.find(_START)
    if start < 0:
        return None
    first = start + len(_START)  # just after "["
    # The array's end: where the next key ("links", sorted keys) begins, found from the
    # file's end (what follows the highlights is short; a search through 47 MB of
    # them took ~60 ms), else the first close at this indent. A wrong guess, like a
    # second "highlights" key, cannot pass the checks below: the placeholder must come
    # back as the top-level value and every item must parse.
    end = raw.rfind(_BEFORE_LINKS, first)
    if end < 0:
        end = raw.find(_END, first)
    if end < 0 or end - first < PARTS_ABOVE:
        return None
    placeholder = f"crosslight-parts-{os.urandom(16).hex()}"
    try:
        rest = orjson.loads(raw[:first - 1] + orjson.dumps(placeholder) + raw[end + len(_END):])
    except orjson.JSONDecodeError:
        return None
    if type(rest) is not dict or rest.get("highlights") != placeholder:
        return None
    rest["highlights"] = []
    return rest, HighlightParts(raw, first, end)


Build = Callable[["_Highlight"], Highlight | None]


class HighlightParts:
    """The file's highlights, item by item: parsed (``iter``), or where ``read`` is given
    a builder, decoded typed and built when of the usual shape, else parsed."""

    def __init__(self, raw: bytes, first: int, end: int) -> None:
        self.raw, self.first, self.end = raw, first, end
        # Once read into a study: the highlights re-anchoring must look at (those not
        # found in place as they were built); None: all of them.
        self.to_place: list[Highlight] | None = None

    def __iter__(self) -> Iterator[Any]:
        return _items(self.raw, self.first, self.end, None)

    def read(self, build: Build) -> Iterator[Any]:
        """Each item as a built Highlight, or (unusual) as parsed JSON."""
        return _batches(self.raw, self.first, self.end, build)


def _batches(raw: bytes, first: int, end: int, build: Build) -> Iterator[Any]:
    """Items ``BATCH_BYTES`` at a time, each batch decoded in one call and built; a
    batch that does not decode, or holds an item ``build`` refuses, item by item.

    Why a batch reads what the whole parse reads: it starts where an item starts and is
    cut just after a ``}`` followed by ``,`` and the next item's ``{``; if the bytes
    between parse as a JSON array, the cut was between two items of the file's array
    (a cut inside an item leaves a bracket open), so the batches are the array's items
    in order. Any other outcome reads the same bytes item by item, as before."""
    from desktop.storage.highlight_typed import decode_highlights

    at, view = first, memoryview(raw)
    while at < end:
        cut = raw.find(_BETWEEN, at + BATCH_BYTES, end) if at + BATCH_BYTES < end else -1
        stop = end if cut < 0 else cut + len(_CLOSE)
        decoded = decode_highlights(b"".join((b"[", view[at:stop], b"]")))  # one copy
        built = _built(decoded, build) if decoded is not None else None
        if built is not None:
            yield from built
        else:
            yield from _items(raw, at, stop, build)
        at = stop + 1  # past the comma


def _built(decoded: list[_Highlight], build: Build) -> list[Highlight] | None:
    """Every item built, or None as soon as one is refused."""
    built: list[Highlight] = []
    add = built.append
    for typed in decoded:
        highlight = build(typed)
        if highlight is None:
            return None
        add(highlight)
    return built


def _items(raw: bytes, first: int, end: int, build: Build | None) -> Iterator[Any]:
    from desktop.storage.highlight_typed import decode_highlight

    at = first
    view = memoryview(raw)
    while True:
        cut = raw.find(_BETWEEN, at, end)
        stop = end if cut < 0 else cut + len(_CLOSE)
        if build is not None:
            # One JSON object and nothing else, of the usual shape: exactly what the
            # whole parse holds at this place (anything else is parsed below).
            typed = decode_highlight(view[at:stop])
            highlight = None if typed is None else build(typed)
            if highlight is not None:
                yield highlight
                if cut < 0:
                    return
                at = stop + 1
                continue
        try:  # [[item]]: as deep as in the file (object, array, item)
            outer = orjson.loads(b"[[" + raw[at:stop] + b"]]")
        except orjson.JSONDecodeError:
            raise PartsUnreadable from None
        if len(outer) != 1 or len(outer[0]) != 1:  # the part was not one value ("1],[2")
            raise PartsUnreadable
        yield outer[0][0]
        if cut < 0:
            return
        at = stop + 1  # past the comma
