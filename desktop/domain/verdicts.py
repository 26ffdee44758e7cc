"""Verdict history, independent reviewers and the editor's ruling.

A claim keeps every verdict given on it (``Highlight.reviews``, oldest first): the
corrections log fact-checkers' codes ask for. Each reviewer's latest review stands side
by side with the others'; an editor's ruling is the published verdict
(``Highlight.verdict``). A claim's status: *draft* (no verdict, or one person's),
*reviewed* (verdicts from two people or more: someone checked the checker) or *ruled*
(an editor ruled).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.blind import Viewer, hides
from desktop.domain.identity import Person, label_of
from desktop.domain.model import Highlight, Review

DRAFT, REVIEWED, RULED = "draft", "reviewed", "ruled"
STATUSES = (DRAFT, REVIEWED, RULED)
RULING = "ruling"


def record(reviews: list[Review], entry: Review) -> list[Review]:
    """The history with ``entry`` added. The same person refining the rationale of the
    verdict they gave last (same value, same kind) replaces that entry rather than
    logging every keystroke; any other change is a new entry."""
    last = reviews[-1] if reviews else None
    if (last is not None and last.value == entry.value and last.kind == entry.kind
            and _who(last.by) == _who(entry.by)):
        return [*reviews[:-1], entry]
    return [*reviews, entry]


def _who(person: Person | None) -> str:
    return person.name if person is not None else ""


def current_reviews(h: Highlight) -> list[Review]:
    """Each reviewer's latest review, in the order they first reviewed."""
    latest: dict[str, Review] = {}
    for r in h.reviews:
        if r.kind != RULING:
            latest[_who(r.by)] = r
    return list(latest.values())


def ruling(h: Highlight) -> Review | None:
    return next((r for r in reversed(h.reviews) if r.kind == RULING), None)


def status(h: Highlight) -> str:
    if not h.reviews:
        return DRAFT
    if ruling(h) is not None:
        return RULED
    if sum(r.value.is_checked for r in current_reviews(h)) >= 2:
        return REVIEWED
    return DRAFT


def last_verdict(h: Highlight) -> Review | None:
    """The entry that set the published verdict: the ruling, else the latest review."""
    return ruling(h) or (h.reviews[-1] if h.reviews else None)


def agreement(h: Highlight, me: Person | None = None, blind: bool = False) -> str:
    """"3 reviewers: ✘ ✘ ⚖" — empty with fewer than two reviewers; with ``blind``,
    "3 reviewers (yours first)" until ``me`` has given a verdict."""
    reviews = current_reviews(h)
    if len(reviews) < 2:
        return ""
    if hides(h, Viewer(me, blind)):
        return f"{len(reviews)} reviewers (give yours to see theirs)"
    return f"{len(reviews)} reviewers: " + " ".join(r.value.symbol for r in reviews)


def short_date(stamp: str) -> str:
    """"3 Dec" for an ISO time of this format's own making; "" when it is not one."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    if len(stamp) >= 10 and stamp[4] == "-" and stamp[7] == "-":
        try:
            return f"{int(stamp[8:10])} {months[int(stamp[5:7]) - 1]}"
        except (ValueError, IndexError):
            return ""
    return ""


def verdict_byline(h: Highlight) -> str:
    """"verdict by A. Rahimi, 3 Dec"; "verdict by unknown" for verdicts from older files;
    "" while the claim has no verdict."""
    entry = last_verdict(h)
    if entry is None:
        return "verdict by unknown" if h.verdict.is_checked else ""
    word = "ruling" if entry.kind == RULING else "verdict"
    when = short_date(entry.at)
    return f"{word} by {label_of(entry.by)}" + (f", {when}" if when else "")


def visible_reviews(h: Highlight, me: Person | None, blind: bool) -> list[Review]:
    """The reviews a reviewer may see: all of them, or — blind — only their own until
    they have given theirs."""
    return [] if hides(h, Viewer(me, blind)) else current_reviews(h)


@dataclass(frozen=True, slots=True)
class Progress:
    claims: int
    checked: int
    reviewed: int  # reviewed or ruled
    ruled: int

    @property
    def summary(self) -> str:
        """"7 of 9 claims checked, 5 reviewed" (and "…, 2 ruled" once an editor ruled)."""
        text = f"{self.checked} of {self.claims} claims checked, {self.reviewed} reviewed"
        return text + (f", {self.ruled} ruled" if self.ruled else "")


def progress(highlights: Iterable[Highlight],
             checkable: Iterable[str] = ("claim",)) -> Progress:
    """Counts over the highlights of the categories that take a verdict
    (``Study.checkable_ids``; Claim by default)."""
    ids = frozenset(checkable)
    claims = checked = reviewed = ruled = 0
    for h in highlights:
        if h.category_id not in ids:
            continue
        claims += 1
        checked += h.verdict.is_checked
        state = status(h)
        reviewed += state != DRAFT
        ruled += state == RULED
    return Progress(claims, checked, reviewed, ruled)


def people_line(h: Highlight, me: Person | None = None, blind: bool = False) -> str:
    """The card's small print: "made by unknown · edited by B. Lee, 4 Dec · verdict by
    A. Rahimi, 3 Dec · 3 reviewers: ✘ ✘ ⚖" (blind: others' verdicts hidden until you
    gave yours, the published one too)."""
    parts = [f"made by {label_of(h.creator)}"]
    entry = last_verdict(h)
    said_by_verdict = (entry is not None and entry.by == h.editor
                       and short_date(entry.at) == short_date(h.modified))
    if h.editor is not None and not said_by_verdict:
        when = short_date(h.modified)
        parts.append(f"edited by {h.editor.label}" + (f", {when}" if when else ""))
    hidden = hides(h, Viewer(me, blind))
    for text in ("" if hidden else verdict_byline(h), agreement(h, me, blind)):
        if text:
            parts.append(text)
    return " · ".join(parts)


def history_lines(h: Highlight) -> list[str]:
    """The corrections log, one plain line per verdict given, for reports: shown when a
    claim had more than one verdict (or reviewers side by side)."""
    if len(h.reviews) < 2:
        return []
    lines = []
    for r in h.reviews:
        when = short_date(r.at)
        who = label_of(r.by) + (f", {when}" if when else "")
        why = f" — {r.rationale}" if r.rationale.strip() else ""
        lines.append(f"{r.value.symbol} {r.value.label}{why} ({r.kind} by {who})")
    return lines


def report_progress_line(highlights: Iterable[Highlight],
                         checkable: Iterable[str] = ("claim",)) -> str:
    """"Claims checked: 7 of 9, 5 reviewed." ("" without claims)."""
    counts = progress(highlights, checkable)
    if not counts.claims:
        return ""
    reviewed = f", {counts.reviewed} reviewed" if counts.reviewed else ""
    ruled = f", {counts.ruled} ruled" if counts.ruled else ""
    return f"Claims checked: {counts.checked} of {counts.claims}{reviewed}{ruled}."


def side_by_side(h: Highlight) -> list[str]:
    """Each reviewer's standing verdict, then the ruling: "B. Lee: ✘ False — why"."""
    lines = []
    for r in current_reviews(h):
        why = f" — {r.rationale}" if r.rationale.strip() else ""
        lines.append(f"{label_of(r.by)}: {r.value.symbol} {r.value.label}{why}")
    rule = ruling(h)
    if rule is not None:
        why = f" — {rule.rationale}" if rule.rationale.strip() else ""
        lines.append(f"Ruling by {label_of(rule.by)}: {rule.value.symbol} {rule.value.label}{why}")
    return lines
