"""The blind-review seam below the UI: who sees which verdict (``domain.blind``)."""

from __future__ import annotations

import pytest

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.blind import EVERYONE, Seen, Viewer, hidden_count, hides, own_review, seen
from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import highlight_tooltip
from desktop.domain.identity import Person
from desktop.domain.model import Highlight, Review
from desktop.domain.search import SearchFilters, SearchIndex
from desktop.domain.verdicts import people_line
from tests.builders import study_with

A, B, C = Person("A. Rahimi"), Person("B. Lee"), Person("C. Diaz")


def _judged(study) -> Highlight:
    h = next(iter(study.highlights.values()))
    h.reviews = [Review(Verdict.FALSE, "first", A), Review(Verdict.DISPUTED, "secret why", B)]
    h.verdict, h.rationale = Verdict.DISPUTED, "secret why"
    return h


def test_blind_hides_until_you_gave_yours(study_one):
    h = _judged(study_one)
    assert seen(h, EVERYONE).verdict is Verdict.DISPUTED
    assert seen(h, Viewer(C, blind=False)).rationale == "secret why"
    hidden = seen(h, Viewer(C, blind=True))
    assert hidden.hidden and hidden.verdict is Verdict.UNVERIFIED and hidden.rationale == ""
    assert not hides(h, Viewer(A, blind=True))  # gave theirs: sees all
    h.reviews.append(Review(Verdict.FALSE, "ruled", C, kind="ruling"))
    assert not hides(h, Viewer(C, blind=True))  # a ruling is one's own verdict too
    assert own_review(h, C) is None and own_review(h, C, rulings=True).kind == "ruling"


def test_one_other_verdict_and_old_files_are_hidden_too(study_one):
    h = next(iter(study_one.highlights.values()))
    assert not hides(h, Viewer(C, blind=True))  # nothing to hide
    h.verdict = Verdict.FALSE  # from a file older than reviews: "verdict by unknown"
    assert hides(h, Viewer(C, blind=True))
    assert "verdict by" not in people_line(h, C, blind=True)
    h.reviews = [Review(Verdict.FALSE, "", A)]  # one reviewer, not yet "2 reviewers"
    assert "verdict by" not in people_line(h, C, blind=True)
    assert "verdict by A. Rahimi" in people_line(h, C, blind=False)
    assert hidden_count(study_one.highlights.values(), Viewer(C, blind=True)) == 1
    assert hidden_count(study_one.highlights.values(), Viewer(C, blind=False)) == 0


def test_tooltips_and_search_follow_the_viewer(study_one):
    h = _judged(study_one)
    blind = Viewer(C, blind=True)
    assert "Disputed" in highlight_tooltip(study_one, h.id)
    assert "Disputed" not in highlight_tooltip(study_one, h.id, blind)
    index = SearchIndex(study_one)
    assert [hit.id for hit in index.search("secret").hits] == [h.id]
    by_verdict = SearchFilters(verdict=Verdict.DISPUTED)
    assert len(index.search("", by_verdict).hits) == 1
    index.set_viewer(blind)
    assert index.search("secret").hits == []
    assert index.search("", by_verdict).hits == []
    index.set_viewer(Viewer(A, blind=True))
    assert len(index.search("secret").hits) == 1


@pytest.fixture
def study_one():
    return study_with("Troops stationed in Iraq number 9,000 today.", ["number 9,000"])


def test_seen_shares_one_answer_per_verdict_without_a_rationale():
    """Asked for every highlight at open: no new object when there is nothing to add,
    and still a new one carrying a rationale, and nothing for a blind reviewer."""
    h = Highlight("d", TextQuoteSelector("x"), 0, 1, "claim", verdict=Verdict.DISPUTED)
    assert seen(h, EVERYONE) is seen(h, EVERYONE)
    assert seen(h, EVERYONE) == Seen(Verdict.DISPUTED, "")
    h.rationale = "why"
    assert seen(h, EVERYONE) == Seen(Verdict.DISPUTED, "why")
    assert seen(h, Viewer(None, blind=True)).hidden
