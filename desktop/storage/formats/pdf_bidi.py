"""Right-to-left text of a PDF page in logical order, and characters PDFium could not read.

PDFium reverses every right-to-left run of a line, assuming the page draws it in visual
order (most producers do). Two cases then come out backwards: a producer that draws RTL
glyphs in logical order, and one glyph standing for several characters (a shaped
cluster whose ToUnicode string, logical by definition, PDFium reverses with the run).
``logical_order`` decides from the character boxes, not by guessing: in logical order
successive RTL characters move left on the page, in visual order right; characters of
one glyph share one box. It returns a permutation so each code point keeps its box.

A glyph with no Unicode mapping makes PDFium give its raw code as the character (Greek
look-alikes for Arabic glyph ids): ``UNREADABLE`` stands in for it and the page says so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence
from itertools import pairwise

UNREADABLE = "\ufffd"  # the replacement character: shown where a glyph had no text
_STRONG_RTL = {"R", "AL"}
_INSIDE = {"R", "AL", "NSM", "WS", "ON", "CS", "ES", "ET", "BN"}  # may sit inside a run


def rtl_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each right-to-left run: from a strong RTL character to the last
    one before a line break or a left-to-right character (digits end a run too)."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    for i, ch in enumerate(text):
        kind = unicodedata.bidirectional(ch)
        if kind in _STRONG_RTL:
            if start < 0:
                start = i
            last = i
        elif kind == "NSM" and start >= 0:
            last = i
        elif start >= 0 and (ch == "\n" or kind not in _INSIDE):
            runs.append((start, last + 1))
            start = last = -1
    if start >= 0:
        runs.append((start, last + 1))
    return runs


def logical_order(text: str, keys: Sequence[Hashable | None],
                  lefts: Sequence[float | None]) -> list[int]:
    """The order of ``text``'s code points with RTL runs in logical order.

    ``keys[i]`` names the glyph code point ``i`` came from (equal keys: one glyph, many
    characters; None: no glyph), ``lefts[i]`` its left edge on the page. Returns
    ``order`` with ``new_text[j] == text[order[j]]``.
    """
    order = list(range(len(text)))
    for start, end in rtl_runs(text):
        groups: list[list[int]] = []
        for i in range(start, end):
            if groups and keys[i] is not None and keys[i] == keys[groups[-1][-1]]:
                groups[-1].append(i)
            else:
                groups.append([i])
        # PDFium reversed each glyph's own string with the run: undo that always.
        for group in groups:
            group.reverse()
        xs = [x for x in (lefts[g[0]] for g in groups) if x is not None]
        moves = sum(int(b > a) - int(b < a) for a, b in pairwise(xs))
        if moves > 0:  # moving right: visual order, so the run reads backwards
            groups.reverse()
        order[start:end] = [i for group in groups for i in group]
    return order
