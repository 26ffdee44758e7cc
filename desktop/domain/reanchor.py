"""Re-anchoring highlights on a new version of their document's text.

Order of evidence, strongest first (wrong placement is worse than an orphan):

1. a position map built from a whole-text diff of old → new (rapidfuzz Levenshtein
   opcodes): a highlight whose both ends sit in unchanged stretches maps exactly; if its
   own text changed in between it is reported as "changed", with old and new wording;
2. the exact quote, placed by prefix/suffix context near the mapped position (finds
   passages that moved, e.g. a paragraph cut and pasted elsewhere);
3. a fuzzy match of the quote in a window around the mapped position, accepted only
   with a high score and a similar length ("changed"), its ends then snapped to the
   quote's own ends or to word boundaries (a fuzzy alignment keeps the old length and
   can slide: "nny, then," for "Donny, then,");
4. for a passage its neighbourhood lost (moved far and edited), a bounded search of
   the whole text, accepted only if the match is unique and its context agrees;
5. otherwise an orphan, keeping its quote and note.
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
SNAP_REACH = 24  # how far an end may move to meet the quote's end or a word boundary
FAR_MIN_LENGTH = 24  # shorter quotes are too likely to match something else
FAR_MIN_SCORE = 90.0
FAR_RIVAL_SCORE = 80.0  # a second match this good makes the first ambiguous
FAR_SEARCH_CHARS = 24_000_000  # whole-text searching per re-anchoring (~1 s on a book)


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
    far = _FarSearch(new)
    return [_place(h, positions, old, new, budget, far) for h in highlights]


def _place(h: Highlight, positions: PositionMap, old: str, new: str,
           budget: AnchorBudget | None = None, far: _FarSearch | None = None) -> Placement:
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
    cuts = cuts_words(old, h.start, h.end)
    fuzzy = _fuzzy(new, h.quote, hint, cuts)
    if fuzzy is not None and not (lost_nearby and new[fuzzy[0] : fuzzy[1]] == exact):
        start, end = fuzzy
        return Placement(h.id, "changed", start, end, exact, new[start:end])
    # Far from home a repeated quote may land on its twin: only a quote that was
    # unique, and whose exact words are gone (edited), is sought.
    found_far = far.find(h.quote, cuts) if (
        far is not None and fuzzy is None and exact not in new
        and old.find(exact, old.find(exact) + 1) == -1) else None
    if found_far is not None:
        start, end = found_far
        status = "moved" if new[start:end] == exact else "changed"
        return Placement(h.id, status, start, end, exact, new[start:end])
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


def cuts_words(text: str, start: int | None, end: int | None) -> tuple[bool, bool]:
    """Whether a passage's start and end fall inside words of ``text``."""
    def inside(at: int | None) -> bool:
        return at is not None and 0 < at < len(text) and text[at - 1].isalnum() \
            and text[at].isalnum()
    return inside(start), inside(end)


def _fuzzy(text: str, quote: TextQuoteSelector, hint: int | None,
           cuts: tuple[bool, bool] = (False, False)) -> tuple[int, int] | None:
    if hint is None or len(quote.exact) < 8:
        return None  # no place to look, or too short to match safely
    from rapidfuzz import fuzz

    lo = max(0, hint - FUZZY_WINDOW)
    window = text[lo : hint + FUZZY_WINDOW + len(quote.exact)]
    result = fuzz.partial_ratio_alignment(quote.exact, window, score_cutoff=FUZZY_MIN_SCORE)
    if result is None:
        return None
    start, end = lo + result.dest_start, lo + result.dest_end
    if not _length_ok(start, end, quote.exact):  # judged before snapping, and after
        return None
    start, end = snap(text, start, end, quote.exact, cuts)
    return (start, end) if _length_ok(start, end, quote.exact) else None


def _length_ok(start: int, end: int, exact: str) -> bool:
    low, high = FUZZY_LENGTH_RATIO
    return low <= (end - start) / len(exact) <= high


def snap(text: str, start: int, end: int, exact: str,
         cuts: tuple[bool, bool] = (False, False)) -> tuple[int, int]:
    """Clean edges for a fuzzy placement: each end moves (at most SNAP_REACH) to where
    the quote's own first or last word is; else, if it cuts a word or drops the
    quote's first or last word, to the word boundary nearby that reads most like the
    quote — unless the original passage cut that word too (``cuts``: start, end)."""
    head = _edge_word(exact, first=True)
    tail = _edge_word(exact, first=False)
    starts, ends = {start}, {end}
    head_at = _nearest(text, head, start + exact.index(head), SNAP_REACH) if head else None
    if head_at is not None:
        starts = {head_at - exact.index(head)}
    elif exact[:1].isalnum() and not cuts[0]:
        starts |= {_word_start_before(text, start), _word_start_after(text, start, end)}
        starts = {at for at in starts if not _inside_word(text, at)} or starts
    after_tail = len(exact) - exact.rindex(tail) - len(tail) if tail else 0
    tail_at = _nearest(text, tail, end - after_tail - len(tail), SNAP_REACH) if tail else None
    if tail_at is not None:
        ends = {tail_at + len(tail) + after_tail}
    elif exact[-1:].isalnum() and not cuts[1]:
        ends |= {_word_end_after(text, end), _word_end_before(text, end, start)}
        ends = {at for at in ends if not _inside_word(text, at)} or ends
    pairs = [(s, e) for s in starts for e in ends if s < e]
    if not pairs:  # the edge words found cross (the first one where the match ends)
        pairs = _boundary_pairs(text, start, end, starts, ends) or [(start, end)]
    start, end = max(pairs, key=lambda se: _fit(exact, text[se[0] : se[1]],
                                                 abs(se[0] - start) + abs(se[1] - end)))
    while start < end and text[start].isspace() and not exact[:1].isspace():
        start += 1
    while end > start and text[end - 1].isspace() and not exact[-1:].isspace():
        end -= 1
    return start, end


def _boundary_pairs(text: str, start: int, end: int, starts: set[int],
                    ends: set[int]) -> list[tuple[int, int]]:
    """The word boundaries near a fuzzy match's ends, with the ends already found, paired:
    where snapping goes when the quote's own edge words, found, would give an empty or
    inverted range."""
    starts = starts | {at for at in (start, _word_start_before(text, start),
                                     _word_start_after(text, start, end))
                       if not _inside_word(text, at)}
    ends = ends | {at for at in (end, _word_end_after(text, end),
                                 _word_end_before(text, end, start))
                   if not _inside_word(text, at)}
    return [(s, e) for s in starts for e in ends if s < e]


def _word_start_before(text: str, at: int) -> int:
    """The start of the word ``at`` is in, or of the word just before it."""
    limit = max(0, at - SNAP_REACH)
    while at > limit and not text[at - 1].isalnum():
        at -= 1
    while at > limit and text[at - 1].isalnum():
        at -= 1
    return at


def _word_start_after(text: str, at: int, end: int) -> int:
    """The start of the next word after the one ``at`` is in."""
    limit = min(end, at + SNAP_REACH)
    while at < limit and text[at].isalnum():
        at += 1
    while at < limit and not text[at].isalnum():
        at += 1
    return at


def _word_end_after(text: str, at: int) -> int:
    limit = min(len(text), at + SNAP_REACH)
    while at < limit and not text[at].isalnum():
        at += 1
    while at < limit and text[at].isalnum():
        at += 1
    return at


def _word_end_before(text: str, at: int, start: int) -> int:
    limit = max(start, at - SNAP_REACH)
    while at > limit and text[at - 1].isalnum():
        at -= 1
    while at > limit and not text[at - 1].isalnum():
        at -= 1
    return at


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum()


def _fit(exact: str, candidate: str, moved: int) -> tuple[int, float, int]:
    """How well a candidate passage fits the quote: as many words (a renamed word is
    taken whole, not dropped), then likeness, then the smaller move."""
    from rapidfuzz import fuzz

    words = -abs(len(candidate.split()) - len(exact.split()))
    return words, fuzz.ratio(exact, candidate), -abs(moved)


def _edge_word(exact: str, *, first: bool) -> str:
    """The quote's first (or last) word with what touches it, if long enough to find."""
    words = exact.split()
    if len(words) < 2:
        return ""
    word = words[0] if first else words[-1]
    return word if len(word) >= 3 else ""


def _nearest(text: str, needle: str, pos: int, reach: int) -> int | None:
    """The occurrence of ``needle`` as whole words nearest to ``pos``, within reach."""
    lo, hi = max(0, pos - reach), min(len(text), pos + reach + len(needle))
    best, at = None, text.find(needle, lo, hi)
    while at != -1:
        whole = not (needle[0].isalnum() and at > 0 and text[at - 1].isalnum()) and not (
            needle[-1].isalnum() and at + len(needle) < len(text)
            and text[at + len(needle)].isalnum())
        if whole and (best is None or abs(at - pos) < abs(best - pos)):
            best = at
        at = text.find(needle, at + 1, hi)
    return best


class _FarSearch:
    """A bounded fuzzy search of the whole text, for passages moved far and edited.

    Accepted only when the match is strong and unique (nothing else in the text comes
    close): a wrong placement is worse than an orphan. Its old context is not asked
    for — a moved paragraph has new neighbours. Stops once FAR_SEARCH_CHARS have been
    searched.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.left = FAR_SEARCH_CHARS

    def find(self, quote: TextQuoteSelector,
             cuts: tuple[bool, bool] = (False, False)) -> tuple[int, int] | None:
        exact, text = quote.exact, self.text
        if len(exact) < FAR_MIN_LENGTH or self.left < 2 * len(text):
            return None
        from rapidfuzz import fuzz

        self.left -= 2 * len(text)
        best = fuzz.partial_ratio_alignment(exact, text, score_cutoff=FAR_MIN_SCORE)
        if best is None:
            return None
        start, end = best.dest_start, best.dest_end
        masked = text[:start] + "\0" * (end - start) + text[end:]
        if fuzz.partial_ratio_alignment(exact, masked, score_cutoff=FAR_RIVAL_SCORE):
            return None  # another passage matches nearly as well: ambiguous
        if not _length_ok(start, end, exact):
            return None
        start, end = snap(text, start, end, exact, cuts)
        return (start, end) if _length_ok(start, end, exact) else None
