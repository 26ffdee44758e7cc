"""Where a rendered document's text sits in the source it was rendered from.

A Markdown document's ``text`` is what the reader sees (``# Title`` reads "Title",
``&amp;`` reads "&"); highlights anchor there. ``Document.source_map`` maps that text
back to the Markdown, as PDF pages map offsets to pages: a list of runs
``(shown, source, length)`` — stretches of ``length`` code points that read exactly
the same at ``shown`` in the text and at ``source`` in the source (the decoded file,
its line ends made ``\\n``), in text order and not overlapping. What lies between two
runs — a bullet, an entity's character, a footnote number — was made by rendering, and
maps to the nearest run; markup between them in the source (``**``, ``](url)``,
``#``) belongs to no run. A document shown as written (plain text, or Markdown too
complex to render) has one run: the identity.

``align`` finds the runs after rendering, as a reader of the source would: each
rendered stretch is looked for ahead of the last one found, then followed character by
character, taking up again after markup a little further on. It only moves forward and
looks a bounded distance for each word, so it is linear in the size of the document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Run = tuple[int, int, int]  # (shown start, source start, length), code points

KEY = 12  # characters of a word looked for at once
NEAR = 160  # how far past the last match a word of the same stretch may be
AHEAD = 2_048  # how far past the last match a new stretch may start (then: FAR_BUDGET)
FAR_BUDGET = 2  # full-source searches for far-away stretches: at most this × its size


def identity(shown_length: int, lead: int = 0) -> list[Run]:
    """The map of text shown as written (after ``lead`` characters stripped)."""
    return [(0, lead, shown_length)] if shown_length else []


def align(text: str, source: str, stretches: Iterable[tuple[int, int]]) -> list[Run]:
    """The runs of ``text`` found in ``source``; ``stretches`` are the (start, end) parts
    of ``text`` that come from the source (not bullets or headings made by rendering),
    in text order."""
    runs: list[Run] = []
    cursor = 0  # in the source: nothing before it is looked at again
    done = 0  # in the text: stretches may overlap where trailing spaces were trimmed
    far_budget = FAR_BUDGET * len(source)
    for begin, end in stretches:
        i = max(begin, done)
        end = min(end, len(text))
        first = True
        while i < end:
            while i < end and text[i].isspace():
                i += 1
            if i >= end:
                break
            k = i
            while k < end and k - i < KEY and not text[k].isspace():
                k += 1
            key = text[i:k]
            window = AHEAD if first else NEAR
            found = source.find(key, cursor, cursor + window + len(key))
            if found < 0 and first and len(key) >= 4 and far_budget > 0:
                found = source.find(key, cursor)  # after a long comment or front matter
                if found < 0:
                    far_budget -= len(source) - cursor
            first = False
            if found < 0:
                i = k  # a word rendering made (an entity's character, a box): skip it
                continue
            i, cursor = _follow(text, source, i, found, end, runs)
        done = max(done, i)
    return runs


def _follow(text: str, source: str, i: int, j: int, end: int, runs: list[Run]) -> tuple[int, int]:
    """Walk ``text`` from ``i`` and ``source`` from ``j`` while they read alike (a soft
    line break reads as a space); record the run; return where both stopped."""
    start_i, start_j = i, j
    size = len(source)
    while i < end and j < size:
        step = min(64, end - i, size - j)
        if text[i:i + step] == source[j:j + step]:
            i += step
            j += step
            continue
        shown, written = text[i], source[j]
        if shown == written or (shown == " " and written == "\n"):
            i += 1
            j += 1
            continue
        break
    if i > start_i:
        runs.append((start_i, start_j, i - start_i))
    return i, j


def source_range(runs: list[Run], start: int, end: int) -> tuple[int, int] | None:
    """The source stretch of shown ``start``..``end``: exact inside runs, else widened
    to the nearest runs within; None when no run lies there (all made by rendering)."""
    if not runs:
        return None
    end = max(end, start + 1)
    starts = [r[0] for r in runs]
    first = bisect_right(starts, start) - 1
    if first >= 0 and start < runs[first][0] + runs[first][2]:
        source_start = runs[first][1] + start - runs[first][0]
    else:
        first += 1  # in a gap: from the next run on
        if first >= len(runs) or runs[first][0] >= max(end, start + 1):
            return None
        source_start = runs[first][1]
    last = bisect_right(starts, max(start, end - 1)) - 1
    shown, src, length = runs[last]
    source_end = src + min(length, end - shown)
    if source_end < source_start:  # a run out of order (a footnote): its own stretch
        shown, src, length = runs[first]
        source_end = src + length
    return source_start, source_end


def runs_match(runs: list[Run], text: str, source: str) -> bool:
    """Whether every run reads the same in ``text`` and ``source`` (a map kept from
    another reading of the file, or another version of the text, does not)."""
    for shown_at, source_at, length in runs:
        shown = text[shown_at:shown_at + length]
        written = source[source_at:source_at + length]
        if len(shown) != length or len(written) != length:
            return False
        if shown != written and any(a != b and not (a == " " and b == "\n")
                                    for a, b in zip(shown, written, strict=True)):
            return False
    return True
