"""The counts above the highlights list, in one pass that a view can take in slices.

Counting 50,000 highlights in four passes (the document's, orphans, claim progress,
verdicts) was a visible part of opening a large study; this is one pass, and a slice
at a time (``Tally.add``) lets the window paint between slices.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.domain.blind import Viewer, verdict_seen_by
from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Highlight


@dataclass(slots=True)
class Tally:
    """Highlights counted so far. Claim progress (``checked`` of ``claims``) is the
    team's and counts every verdict; ``verdicts`` counts those the viewer may see."""

    checkable: frozenset[str]
    viewer: Viewer
    count: int = 0
    orphans: int = 0
    checked: int = 0
    claims: int = 0
    verdicts: Counter[Verdict] = field(default_factory=Counter)

    def add(self, highlights: Iterable[Highlight]) -> None:
        checkable, verdicts = self.checkable, self.verdicts
        verdict_of = verdict_seen_by(self.viewer)
        unverified = Verdict.UNVERIFIED
        count = orphans = checked = claims = 0
        for h in highlights:
            count += 1
            if h.start is None or h.end is None:
                orphans += 1
            if h.category_id in checkable:
                claims += 1
                checked += h.verdict is not unverified
            verdict = verdict_of(h)
            if verdict is not unverified:
                verdicts[verdict] += 1
        self.count += count
        self.orphans += orphans
        self.checked += checked
        self.claims += claims
