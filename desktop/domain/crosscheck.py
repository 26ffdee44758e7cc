"""Cross-checking vocabulary: stances of sources, verdicts on claims, passage relations.

Each value has a stable id (stored in files), a label and a symbol, so the UI can show
meaning by text and icon, never by colour alone.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Stance(enum.StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return _STANCE_LABELS[self]

    @property
    def symbol(self) -> str:
        return _STANCE_SYMBOLS[self]


_STANCE_LABELS = {
    Stance.SUPPORTS: "supports",
    Stance.CONTRADICTS: "contradicts",
    Stance.CONTEXT: "adds context",
    Stance.UNCLEAR: "unclear",
}
_STANCE_SYMBOLS = {Stance.SUPPORTS: "▲", Stance.CONTRADICTS: "▼", Stance.CONTEXT: "◆",
                   Stance.UNCLEAR: "?"}


class Verdict(enum.StrEnum):
    UNVERIFIED = "unverified"
    SUPPORTED = "supported"
    DISPUTED = "disputed"
    FALSE = "false"
    MISLEADING = "misleading"
    OPINION = "opinion"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]

    @property
    def symbol(self) -> str:
        return _VERDICT_SYMBOLS[self]

    @property
    def short_label(self) -> str:
        """The label without its gloss ("Opinion", not "Opinion — not checkable")."""
        return self.label.split(" —")[0]

    @property
    def is_checked(self) -> bool:
        return self is not Verdict.UNVERIFIED


_VERDICT_LABELS = {
    Verdict.UNVERIFIED: "Unverified",
    Verdict.SUPPORTED: "Supported",
    Verdict.DISPUTED: "Disputed",
    Verdict.FALSE: "False",
    Verdict.MISLEADING: "Misleading",
    Verdict.OPINION: "Opinion — not checkable",
}
_VERDICT_SYMBOLS = {
    Verdict.UNVERIFIED: "○",
    Verdict.SUPPORTED: "✔",
    Verdict.DISPUTED: "⚖",
    Verdict.FALSE: "✘",
    Verdict.MISLEADING: "⚠",
    Verdict.OPINION: "❝",  # BMP symbols only: they render with common fonts
}


class Relation(enum.StrEnum):
    SAME_CLAIM = "same-claim"
    CONTRADICTS = "contradicts"
    ELABORATES = "elaborates"
    SEE_ALSO = "see-also"

    @property
    def label(self) -> str:
        return _RELATION_LABELS[self]


_RELATION_LABELS = {
    Relation.SAME_CLAIM: "same claim",
    Relation.CONTRADICTS: "contradicts",
    Relation.ELABORATES: "elaborates",
    Relation.SEE_ALSO: "see also",
}


class Trust(enum.StrEnum):
    UNKNOWN = "unknown"
    LOW = "low"
    MIXED = "mixed"
    HIGH = "high"

    @property
    def label(self) -> str:
        return {"unknown": "Not assessed", "low": "Low", "mixed": "Mixed", "high": "High"}[
            self.value
        ]


def suggest_verdict(stances: Iterable[Stance]) -> Verdict | None:
    """What the attached sources suggest; a hint for the user, never applied by itself.

    Any contradicting source makes a claim disputed (even beside support); support
    alone suggests supported; context or unclear sources suggest nothing.
    """
    seen = set(stances)
    if Stance.CONTRADICTS in seen:
        return Verdict.DISPUTED
    if Stance.SUPPORTS in seen:
        return Verdict.SUPPORTED
    return None


def claim_progress(highlights: Iterable,
                   checkable: Iterable[str] = ("claim",)) -> tuple[int, int]:
    """(checked, total) over the highlights of the categories that take a verdict
    (``Study.checkable_ids``; Claim by default): "4 of 9 claims checked"."""
    ids = frozenset(checkable)
    checked = total = 0
    for h in highlights:
        if h.category_id in ids:
            total += 1
            checked += h.verdict is not Verdict.UNVERIFIED  # is_checked, without a call
    return checked, total
