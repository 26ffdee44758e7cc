"""What a reviewer may see of a claim's verdicts: the one seam for blind reviews.

With the *blind reviews* preference, a reviewer who has not yet given their own verdict on
a claim sees none of the others': not the published verdict, its rationale, the reviews
or who gave them. Every surface that shows a verdict (the card and the list, the margin
chips, the minimaps, tooltips, search and the filters by verdict, the counts by verdict)
asks ``seen`` rather than reading ``Highlight.verdict``; ``tests/test_blind_seam.py``
checks that the UI reads verdicts nowhere else. Until you give yours, such a claim looks
unjudged to you — as far as you are concerned it is.

Progress counts ("4/9 claims checked, 2 reviewed") are the team's and stay as they are:
they say how far the work is, never which verdict anyone gave. Exports made from the
window carry everyone's verdicts, so they are refused while any is hidden from you
(``hidden_count``); ``crosslight export`` on the command line has no viewer and shows all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter

from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Highlight, Review


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking, and whether their reviews are blind (Preferences)."""

    person: Person | None = None
    blind: bool = False


EVERYONE = Viewer()  # no one in particular: sees every verdict (the command line, tests)


@dataclass(frozen=True, slots=True)
class Seen:
    """A claim's verdict as one viewer sees it; ``hidden``: others' verdict kept back."""

    verdict: Verdict
    rationale: str
    hidden: bool = False


_NOTHING = Seen(Verdict.UNVERIFIED, "", hidden=True)
_PLAIN = {v: Seen(v, "") for v in Verdict}  # what a verdict without a rationale shows


def _name(person: Person | None) -> str:
    return person.name if person is not None else ""


def own_review(h: Highlight, person: Person | None, rulings: bool = False) -> Review | None:
    """The person's latest review of the claim (with ``rulings``, their ruling counts)."""
    who = _name(person)
    return next((r for r in reversed(h.reviews)
                 if (rulings or r.kind == "review") and r.by is not None and r.by.name == who),
                None)


def gave_own(h: Highlight, person: Person | None) -> bool:
    """Whether the person gave the claim a verdict (a review or a ruling)."""
    who = _name(person)
    return any(r.by is not None and r.by.name == who for r in h.reviews)


def hides(h: Highlight, viewer: Viewer) -> bool:
    """Whether the claim carries others' verdicts that ``viewer`` may not see yet."""
    if not viewer.blind or gave_own(h, viewer.person):
        return False
    return h.verdict.is_checked or bool(h.rationale.strip()) or bool(h.reviews)


def seen(h: Highlight, viewer: Viewer) -> Seen:
    """The verdict and rationale ``viewer`` sees on the claim.

    Asked for every highlight when a study opens (the reader's badges, the summary):
    a verdict without a rationale answers with one shared Seen (frozen)."""
    if viewer.blind and hides(h, viewer):
        return _NOTHING
    rationale = h.rationale
    return Seen(h.verdict, rationale) if rationale else _PLAIN[h.verdict]


_OWN_VERDICT: Callable[[Highlight], Verdict] = attrgetter("verdict")


def verdict_seen_by(viewer: Viewer) -> Callable[[Highlight], Verdict]:
    """``seen(h, viewer).verdict`` as one fast call, for a pass over every highlight:
    unless reviews are blind that is the highlight's own verdict (a C getter, not
    ``seen`` per highlight: ~30 ms at 50,000 when a study opens)."""
    if not viewer.blind:
        return _OWN_VERDICT
    return lambda h: seen(h, viewer).verdict


def hidden_count(highlights: Iterable[Highlight], viewer: Viewer) -> int:
    """How many claims keep verdicts back from ``viewer``."""
    if not viewer.blind:
        return 0
    return sum(1 for h in highlights if hides(h, viewer))
