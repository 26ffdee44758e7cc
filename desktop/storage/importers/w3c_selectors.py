"""Where in a text an annotation's target points: its text selectors, wherever they sit.

A target may be a SpecificResource with selectors, a list of them, or a Composite /
List / Independents of several. Text selectors are found at the top of a selector or
down its ``refinedBy`` chain (a FragmentSelector refined by a TextQuoteSelector is
placed by its quote). A TextPositionSelector counts only at the top: inside a
refinement its offsets are relative to a part of the document we cannot resolve.
Everything else about the target that a highlight cannot hold is named in ``lost``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector
from desktop.storage.importers.w3c_vocab import as_list, text_of, types

MAX_REFINEMENTS = 16
MAX_TARGETS = 10_000
_TARGET_KEYS = frozenset({"id", "@id", "type", "@type", "source", "selector", "language",
                          "format", "items"})
_QUOTE_KEYS = frozenset({"type", "@type", "exact", "prefix", "suffix", "refinedBy"})
_POSITION_KEYS = frozenset({"type", "@type", "start", "end", "refinedBy"})
_GROUPS = {"Composite", "List", "Independents"}


@dataclass
class Placement:
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    source: str = ""  # the address of the document the selectors point into
    language: str = ""  # the target's language, if stated
    lost: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.quote is not None or self.position is not None


def place(target: Any) -> Placement:
    """The first target that points into text, and what the others held."""
    targets = _flatten(target)
    found = Placement()
    for number, t in enumerate(targets):
        if found.found:
            found.lost.append(f"another target ({_where(t)})")
            continue
        candidate = _one(t)
        if candidate.found:
            candidate.lost = found.lost + candidate.lost
            found = candidate
        elif number + 1 < len(targets):
            found.lost += [*candidate.lost, f"a target that points at no text ({_where(t)})"]
    return found


def _flatten(target: Any) -> list[Any]:
    out: list[Any] = []
    pending = list(reversed(as_list(target)))
    while pending and len(out) < MAX_TARGETS:
        t = pending.pop()
        if isinstance(t, dict) and types(t) & _GROUPS:
            pending += reversed(as_list(t.get("items")))
        else:
            out.append(t)
    return out


def _where(t: Any) -> str:
    if isinstance(t, str):
        return t
    if isinstance(t, dict):
        source = t.get("source")
        return (text_of(source, "id") if isinstance(source, dict) else text_of(t, "source")) \
            or text_of(t, "id") or "no address"
    return "not an object"


def _one(t: Any) -> Placement:
    found = Placement()
    if not isinstance(t, dict):
        return found
    skipped: list[str] = []
    for selector in as_list(t.get("selector")):
        _walk(selector, found, skipped)
    if not found.found:
        return found
    source = t.get("source")
    found.source = (text_of(source, "id") if isinstance(source, dict) else text_of(t, "source")) \
        or text_of(t, "id")
    found.language = text_of(t, "language")
    extra = set(t) - _TARGET_KEYS
    if extra:
        found.lost.append(f"{', '.join(sorted(extra))} of the target")
    found.lost += [f"its {s} (placed by its text selector)" for s in skipped]
    return found


def _walk(selector: Any, found: Placement, skipped: list[str]) -> None:
    depth = 0
    while isinstance(selector, dict) and depth < MAX_REFINEMENTS:
        kind = types(selector)
        if "TextQuoteSelector" in kind:
            exact = text_of(selector, "exact")
            if found.quote is None and exact:
                found.quote = TextQuoteSelector(exact, text_of(selector, "prefix"),
                                                text_of(selector, "suffix"))
            elif exact:
                skipped.append(f"second TextQuoteSelector (“{exact[:30]}”)")
        elif "TextPositionSelector" in kind:
            start, end = selector.get("start"), selector.get("end")
            if not (type(start) is int and type(end) is int and 0 <= start < end):
                start = end = None
            if depth == 0 and start is not None and end is not None and found.position is None:
                found.position = TextPositionSelector(start, end)
            else:
                skipped.append("TextPositionSelector inside a refinement" if depth
                               else "TextPositionSelector with unusable offsets")
        else:
            name = next(iter(sorted(kind)), "selector without a type")
            value = text_of(selector, "value")
            skipped.append(f"{name} ({value[:40]})" if value else name)
        selector = selector.get("refinedBy")
        depth += 1
    if isinstance(selector, dict):
        skipped.append(f"refinements beyond {MAX_REFINEMENTS} levels")
