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
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None = None
) -> Anchor | None:
    """Locate the passage in ``text`` or return None (an orphan)."""
    if not quote.exact:
        return None
    if (
        position is not None
        and 0 <= position.start < position.end <= len(text)
        and text[position.start : position.end] == quote.exact
    ):
        return Anchor(position.start, position.end, "position")
    best = _best_occurrence(text, quote, position.start if position else None)
    if best is None:
        return None
    return Anchor(best, best + len(quote.exact), "quote")


def _best_occurrence(text: str, quote: TextQuoteSelector, hint: int | None) -> int | None:
    """Score occurrences by context. A quote found more than MAX_CANDIDATES times
    (a hostile file: "a" in a text of "a"s) is too ambiguous to place: an orphan."""
    exact = quote.exact
    best_at: int | None = None
    best_score: tuple[float, int] = (-1.0, 0)
    seen = 0
    at = text.find(exact)
    while at != -1:
        seen += 1
        if seen > MAX_CANDIDATES:
            return None
        # Closeness breaks ties between equally good contexts, never outweighs context:
        # compared second in the tuple, not added to the context score.
        score = (_context_score(text, at, quote), -abs(at - hint) if hint is not None else 0)
        if score > best_score:
            best_at, best_score = at, score
        at = text.find(exact, at + 1)
    return best_at


def _context_score(text: str, at: int, quote: TextQuoteSelector) -> float:
    """Characters of prefix and suffix that still match, as a sum of two 0..1 ratios."""
    end = at + len(quote.exact)
    score = 0.0
    if quote.prefix:
        before = text[max(0, at - len(quote.prefix)) : at]
        score += _common_suffix_len(before, quote.prefix) / len(quote.prefix)
    if quote.suffix:
        after = text[end : end + len(quote.suffix)]
        score += _common_prefix_len(after, quote.suffix) / len(quote.suffix)
    return score


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n
