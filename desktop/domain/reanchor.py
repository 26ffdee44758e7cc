"""Re-anchoring highlights on a new version of their document's text.

Order of evidence, strongest first (wrong placement is worse than an orphan):

1. a position map built from a whole-text diff of old → new (rapidfuzz Levenshtein
   opcodes): a highlight whose both ends sit in unchanged stretches maps exactly; if its
   own text changed in between it is reported as "changed", with old and new wording;
2. the exact quote, placed by prefix/suffix context near the mapped position (finds
   passages that moved, e.g. a paragraph cut and pasted elsewhere);
3. a fuzzy match of the quote in a window around the mapped position, accepted only
   with a high score and a similar length ("changed");
4. otherwise an orphan, keeping its quote and note.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from desktop.domain.anchoring import (
    AnchorBudget,
    TextPositionSelector,
    TextQuoteSelector,
    anchor,
)
from desktop.domain.model import Highlight

_CHUNK_END = re.compile(r"[.!?;\n]+\s*")
MAX_CHAR_DIFF = 60_000  # larger changed stretches are left to quote matching
FUZZY_WINDOW = 2_000
FUZZY_MIN_SCORE = 90.0
FUZZY_LENGTH_RATIO = (0.8, 1.25)


@dataclass(frozen=True, slots=True)
class Placement:
    highlight_id: str
    status: str  # "unchanged", "moved", "changed" or "orphaned"
    start: int | None
    end: int | None
    old_text: str
    new_text: str


class PositionMap:
    """Maps old-text offsets to new-text offsets through the unchanged stretches.

    A character-level diff of two books is far too slow (quadratic), so the diff runs
    in two levels: first over sentence-sized chunks, then, character by character,
    only inside the chunks that differ. Scattered edits cost little this way.
    """

    def __init__(self, old: str, new: str) -> None:
        from rapidfuzz.distance import Levenshtein  # ~20 ms import: only when needed

        old_bounds, new_bounds = _chunk_bounds(old), _chunk_bounds(new)
        old_chunks = [old[a:b] for a, b in pairwise(old_bounds)]
        new_chunks = [new[a:b] for a, b in pairwise(new_bounds)]
        blocks: list[tuple[int, int, int]] = []  # (old start, old end, new start), equal
        for op in Levenshtein.opcodes(old_chunks, new_chunks):
            o1, o2 = old_bounds[op.src_start], old_bounds[op.src_end]
            n1, n2 = new_bounds[op.dest_start], new_bounds[op.dest_end]
            if op.tag == "equal":
                blocks.append((o1, o2, n1))
            elif o2 > o1 and n2 > n1 and (o2 - o1) + (n2 - n1) <= MAX_CHAR_DIFF:
                for sub in Levenshtein.opcodes(old[o1:o2], new[n1:n2]):
                    if sub.tag == "equal":
                        blocks.append((o1 + sub.src_start, o1 + sub.src_end, n1 + sub.dest_start))
        self._old_starts = [b[0] for b in blocks]
        self._blocks = blocks

    def map(self, pos: int, *, is_end: bool = False) -> int | None:
        """New offset of ``pos`` if that character (or, for an end, the one before) is
        unchanged; None if it was edited."""
        probe = pos - 1 if is_end else pos
        i = bisect_right(self._old_starts, probe) - 1
        if i < 0:
            return None
        src_start, src_end, dest_start = self._blocks[i]
        if not src_start <= probe < src_end:
            return None
        return dest_start + (pos - src_start)

    def nearest(self, pos: int) -> int:
        """Best guess of where ``pos`` went, for searching nearby."""
        i = bisect_right(self._old_starts, pos) - 1
        if i < 0:
            return 0
        src_start, src_end, dest_start = self._blocks[i]
        return dest_start + min(pos, src_end) - src_start


def _chunk_bounds(text: str) -> list[int]:
    """Offsets that cut ``text`` into sentence- or line-sized chunks (first 0, last len)."""
    bounds = [0] + [m.end() for m in _CHUNK_END.finditer(text)]
    if bounds[-1] != len(text):
        bounds.append(len(text))
    return bounds


def reanchor_all(old: str, new: str, highlights: Iterable[Highlight]) -> list[Placement]:
    """Placements on ``new`` for highlights placed on ``old`` (orphans are tried by quote)."""
    highlights = list(highlights)
    if old == new:
        return [Placement(h.id, "orphaned" if h.is_orphan else "unchanged", h.start, h.end,
                          h.quote.exact, h.quote.exact) for h in highlights]
    positions = PositionMap(old, new)
    budget = AnchorBudget.for_highlights(len(highlights))
    return [_place(h, positions, old, new, budget) for h in highlights]


def _place(h: Highlight, positions: PositionMap, old: str, new: str,
           budget: AnchorBudget | None = None) -> Placement:
    exact = h.quote.exact
    hint = None
    lost_nearby = False
    if h.start is not None and h.end is not None:
        start, end = positions.map(h.start), positions.map(h.end, is_end=True)
        if start is not None and end is not None and start < end:
            text = new[start:end]
            unchanged = text == exact
            status = "moved" if unchanged and start != h.start else "changed"
            if unchanged and start == h.start:
                status = "unchanged"
            if unchanged or _similar(exact, text):
                return Placement(h.id, status, start, end, exact, text)
        hint = positions.nearest(h.start)
        local = _nearest_occurrence(new, exact, hint)
        lost_nearby = _count_near(new, exact, hint) < _count_near(old, exact, h.start)
        if local is not None and not lost_nearby:
            return Placement(h.id, "moved", local, local + len(exact), exact, exact)
    found = anchor(new, h.quote, None if hint is None else _hint(hint, exact), budget)
    # Far from home, trust the quote only if none of its occurrences was lost: if one
    # was, it may be this very passage, and the survivor another one.
    if (
        found is not None
        and new.count(exact) >= old.count(exact)
        and _context_holds(new, found.start, found.end, h.quote)
    ):
        return Placement(h.id, "moved", found.start, found.end, exact, exact)
    fuzzy = _fuzzy(new, h.quote, hint)
    if fuzzy is not None and not (lost_nearby and new[fuzzy[0] : fuzzy[1]] == exact):
        start, end = fuzzy
        return Placement(h.id, "changed", start, end, exact, new[start:end])
    return Placement(h.id, "orphaned", None, None, exact, "")


def _hint(pos: int, exact: str) -> TextPositionSelector:
    return TextPositionSelector(pos, pos + len(exact))


def _count_near(text: str, exact: str, pos: int) -> int:
    return text.count(exact, max(0, pos - FUZZY_WINDOW), pos + FUZZY_WINDOW + len(exact))


def _nearest_occurrence(text: str, exact: str, hint: int) -> int | None:
    """The occurrence of ``exact`` closest to ``hint`` within the local window."""
    lo = max(0, hint - FUZZY_WINDOW)
    hi = min(len(text), hint + FUZZY_WINDOW + len(exact))
    best, at = None, text.find(exact, lo, hi)
    while at != -1:
        if best is None or abs(at - hint) < abs(best - hint):
            best = at
        at = text.find(exact, at + 1, hi)
    return best


def _similar(a: str, b: str) -> bool:
    """An edited passage is still the same passage if most of it survives."""
    from rapidfuzz import fuzz

    low, high = FUZZY_LENGTH_RATIO
    return low <= len(b) / max(1, len(a)) <= high and fuzz.ratio(a, b) >= FUZZY_MIN_SCORE - 20


def _context_holds(text: str, start: int, end: int, quote: TextQuoteSelector) -> bool:
    """A quote found far from home must be unique, or keep its context on both sides."""
    if text.find(quote.exact, text.find(quote.exact) + 1) == -1:
        return True
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return before.endswith(quote.prefix[-8:]) and after.startswith(quote.suffix[:8])


def _fuzzy(text: str, quote: TextQuoteSelector, hint: int | None) -> tuple[int, int] | None:
    if hint is None or len(quote.exact) < 8:
        return None  # no place to look, or too short to match safely
    from rapidfuzz import fuzz

    lo = max(0, hint - FUZZY_WINDOW)
    window = text[lo : hint + FUZZY_WINDOW + len(quote.exact)]
    result = fuzz.partial_ratio_alignment(quote.exact, window, score_cutoff=FUZZY_MIN_SCORE)
    if result is None:
        return None
    start, end = lo + result.dest_start, lo + result.dest_end
    low, high = FUZZY_LENGTH_RATIO
    if not low <= (end - start) / len(quote.exact) <= high:
        return None
    return start, end
