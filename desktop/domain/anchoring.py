"""W3C text selectors: describe a passage, and find it again in a text.

A highlight is described by a TextQuoteSelector (the exact text plus some context)
and a TextPositionSelector (code-point offsets). Anchoring tries, in order:

1. the stored position, accepted only if the text there still equals the quote;
2. the exact quote, choosing among occurrences by context match and closeness to
   the old position;
3. nothing: the highlight is an orphan and keeps its quote. Placing a highlight on
   the wrong words is worse than admitting it is lost, so there is no guessing here.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32
MAX_CANDIDATES = 10_000
# Context compared per occurrence: a file may store any length of prefix and suffix,
# so only their nearest characters count (written contexts are CONTEXT_CHARS long).
CONTEXT_LIMIT = 64
# Work per highlight, in characters compared (the quote at each occurrence plus its
# bounded context): a quote of 20,000 "a"s in a text of "a"s stops here, an orphan.
WORK_PER_HIGHLIGHT = 2_000_000
# What looking at one occurrence costs beyond the characters compared (the Python
# around the comparisons), in the same unit.
OCCURRENCE_COST = 64


class AnchorBudget:
    """Work left for placing many highlights (a whole study on opening).

    Each search by quote spends from it; once it is spent, the rest are orphans
    instead of a frozen window: a hostile study opens in about the time of an
    honest one of the same size.
    """

    __slots__ = ("exhausted", "remaining")

    def __init__(self, work: int) -> None:
        self.remaining = work
        self.exhausted = False

    @classmethod
    def for_highlights(cls, count: int) -> AnchorBudget:
        """Room for honest studies (most highlights are placed by position and spend
        nothing) and a bound on hostile ones: about 0.5 s plus 10 µs per highlight."""
        return cls(8_000_000 + 1_000 * count)


@dataclass(frozen=True, slots=True)
class TextQuoteSelector:
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class TextPositionSelector:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    method: str  # "position" or "quote"


def describe(text: str, start: int, end: int) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Selectors for ``text[start:end]``; raises ValueError for an empty or invalid range."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"invalid range {start}..{end} for a text of {len(text)} characters")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )
    return quote, TextPositionSelector(start, end)


def anchor(
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None = None,
    budget: AnchorBudget | None = None,
) -> Anchor | None:
    """Locate the passage in ``text`` or return None (an orphan).

    The search by quote does at most WORK_PER_HIGHLIGHT work, and spends from
    ``budget`` when one is given.
    """
    if not quote.exact:
        return None
    if (
        position is not None
        and 0 <= position.start < position.end <= len(text)
        and text[position.start : position.end] == quote.exact
    ):
        return Anchor(position.start, position.end, "position")
    best = _best_occurrence(text, quote, position.start if position else None, budget)
    if best is None:
        return None
    return Anchor(best, best + len(quote.exact), "quote")


def _best_occurrence(text: str, quote: TextQuoteSelector, hint: int | None,
                     budget: AnchorBudget | None = None) -> int | None:
    """Score occurrences by context. A quote found more than MAX_CANDIDATES times
    (a hostile file: "a" in a text of "a"s), or costing more than the work allowed,
    is too ambiguous to place: an orphan."""
    exact = quote.exact
    prefix = quote.prefix[-CONTEXT_LIMIT:]
    suffix = quote.suffix[:CONTEXT_LIMIT]
    cost = len(exact) + len(prefix) + len(suffix) + OCCURRENCE_COST
    allowed = WORK_PER_HIGHLIGHT if budget is None else min(WORK_PER_HIGHLIGHT, budget.remaining)
    limit = min(MAX_CANDIDATES, allowed // cost)
    best_at: int | None = None
    best_score: tuple[float, int] = (-1.0, 0)
    seen = 0
    at = text.find(exact)
    while at != -1:
        seen += 1
        if seen > limit:
            if budget is not None:
                budget.remaining -= seen * cost
                budget.exhausted = budget.exhausted or limit < MAX_CANDIDATES
            return None
        # Closeness breaks ties between equally good contexts, never outweighs context:
        # compared second in the tuple, not added to the context score.
        score = (_context_score(text, at, len(exact), prefix, suffix),
                 -abs(at - hint) if hint is not None else 0)
        if score > best_score:
            best_at, best_score = at, score
        at = text.find(exact, at + 1)
    if budget is not None:
        budget.remaining -= seen * cost
    return best_at


def _context_score(text: str, at: int, length: int, prefix: str, suffix: str) -> float:
    """Characters of prefix and suffix that still match, as a sum of two 0..1 ratios."""
    score = 0.0
    if prefix:
        before = text[max(0, at - len(prefix)) : at]
        score += _common_suffix_len(before, prefix) / len(prefix)
    if suffix:
        end = at + length
        after = text[end : end + len(suffix)]
        score += _common_prefix_len(after, suffix) / len(suffix)
    return score


def _common_prefix_len(a: str, b: str) -> int:
    """Length of the common start, by bisection over slice comparisons (done in C)."""
    lo, hi = 0, min(len(a), len(b))
    if a[:hi] == b[:hi]:
        return hi
    while lo < hi:  # a[:lo] == b[:lo] and a[:hi] != b[:hi]
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix_len(a: str, b: str) -> int:
    """Length of the common end, by bisection over slice comparisons (done in C)."""
    lo, hi = 0, min(len(a), len(b))
    if a[len(a) - hi :] == b[len(b) - hi :]:
        return hi
    while lo < hi:  # the last lo characters agree, the last hi do not
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo
