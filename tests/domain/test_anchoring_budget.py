"""Anchoring has a work budget: a quote repeated thousands of times with contexts of
any length chosen by the file costs time linear in the text, and a study of many such
highlights opens in bounded time (the rest become orphans, kept with their quotes).

Also the boundaries of context scoring that a mutant could otherwise slip past.
"""

from desktop.bench.growth import LINEAR, growth
from desktop.domain import anchoring
from desktop.domain.anchoring import (
    CONTEXT_LIMIT,
    MAX_CANDIDATES,
    Anchor,
    AnchorBudget,
    TextPositionSelector,
    TextQuoteSelector,
    _common_prefix_len,
    _common_suffix_len,
    anchor,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.studyfile import reanchor


def _repeats(n: int):
    """A text of ``n`` "a"s and a quote whose context is the whole text (the file
    chooses the lengths): every occurrence compared char by char cost n each."""
    text = "a" * n
    return text, TextQuoteSelector("aa", prefix="a" * n, suffix="a" * n)


def test_repeated_quote_with_long_context_is_linear():
    ratio = growth(_repeats, lambda tq: anchor(tq[0], tq[1]), 2000)
    assert ratio < LINEAR, ratio


def test_long_repeated_quote_stops_at_the_work_budget():
    text = "a" * 40_000
    quote = TextQuoteSelector("a" * 20_000, "b", "c")  # 20,001 overlapping occurrences
    assert anchor(text, quote) is None  # too costly to tell apart: an orphan


def _hostile_study(n: int):
    """``n`` highlights each quoting "aa" in a text of 10n "a"s, none by position."""
    doc = Document("a" * (10 * n), "Doc")
    study = new_study_for(doc)
    for i in range(n):
        h = make_highlight(doc, i, i + 2, "claim")
        h.quote = TextQuoteSelector("aa", "x" * 40, "y" * 40)
        h.start = h.end = None  # as read from a file with a wrong position
        study.highlights[h.id] = h
    return study


def test_a_study_of_many_hostile_highlights_opens_in_linear_time(monkeypatch):
    # A smaller study budget keeps the test quick; the mechanism is the same.
    monkeypatch.setattr(AnchorBudget, "for_highlights",
                        classmethod(lambda cls, count: cls(800_000 + 1_000 * count)))
    ratio = growth(_hostile_study, reanchor, 300)
    assert ratio < LINEAR, ratio


def test_the_study_budget_turns_the_rest_into_orphans():
    cost = 2 + 1 + 1 + anchoring.OCCURRENCE_COST
    budget = AnchorBudget(1_400 * cost)
    text = "a" * 1000
    quote = TextQuoteSelector("aa", "x", "y")
    assert anchor(text, quote, None, budget) is not None  # 999 occurrences fit
    assert budget.remaining == (1_400 - 999) * cost
    assert not budget.exhausted
    assert anchor(text, quote, None, budget) is None  # not enough left
    assert budget.exhausted
    assert anchor(text, quote, TextPositionSelector(0, 2), budget) == Anchor(0, 2, "position")


def test_budget_for_highlights_grows_with_their_number():
    assert AnchorBudget.for_highlights(0).remaining == 8_000_000
    assert AnchorBudget.for_highlights(10).remaining == 8_010_000


def test_candidate_cap_is_exact():
    quote = TextQuoteSelector("a")
    assert anchor("a" * MAX_CANDIDATES, quote) == Anchor(0, 1, "quote")
    assert anchor("a" * (MAX_CANDIDATES + 1), quote) is None


def test_work_cap_is_exact(monkeypatch):
    quote = TextQuoteSelector("ab", "", "")
    monkeypatch.setattr(anchoring, "WORK_PER_HIGHLIGHT", 10 * (2 + anchoring.OCCURRENCE_COST))
    assert anchor("ab" * 10, quote) == Anchor(0, 2, "quote")
    assert anchor("ab" * 11, quote) is None


def test_suffix_context_decides_between_repeats():
    text = "X said the plan works today. X said the plan fails today."
    quote = TextQuoteSelector("X said the plan", "", " fails today.")
    assert anchor(text, quote) == Anchor(text.rindex("X said"), text.rindex("X said") + 15,
                                         "quote")
    quote = TextQuoteSelector("X said the plan", "", " works today.")
    assert anchor(text, quote).start == 0


def test_prefix_context_decides_between_repeats():
    text = "Alpha: the plan. Beta: the plan."
    assert anchor(text, TextQuoteSelector("the plan", "Beta: ", "")).start == text.rindex("the")
    assert anchor(text, TextQuoteSelector("the plan", "Alpha: ", "")).start == text.index("the")


def test_only_the_nearest_context_counts():
    far = "Z" * 500
    text = "one cat. two cat."
    # A context longer than the limit: only its nearest CONTEXT_LIMIT characters count.
    quote = TextQuoteSelector("cat", far + "a" * CONTEXT_LIMIT + "two ", ".")
    assert anchor(text, quote).start == text.rindex("cat")


def test_a_position_past_the_text_or_reversed_is_not_trusted():
    text = "cat dog cat"
    quote = TextQuoteSelector("cat", "dog ", "")
    assert anchor(text, quote, TextPositionSelector(8, 12)).method == "quote"
    assert anchor(text, quote, TextPositionSelector(11, 8)).method == "quote"
    assert anchor(text, quote, TextPositionSelector(-3, 0)).method == "quote"
    assert anchor(text, quote, TextPositionSelector(0, 3)) == Anchor(0, 3, "position")
    assert anchor(text, quote, TextPositionSelector(8, 11)) == Anchor(8, 11, "position")


def test_common_prefix_and_suffix_lengths():
    assert _common_prefix_len("", "abc") == 0
    assert _common_prefix_len("abc", "abc") == 3
    assert _common_prefix_len("abcd", "abxd") == 2
    assert _common_prefix_len("abc", "abcdef") == 3
    assert _common_prefix_len("xbc", "abc") == 0
    assert _common_suffix_len("", "abc") == 0
    assert _common_suffix_len("abc", "abc") == 3
    assert _common_suffix_len("dcba", "dxba") == 2
    assert _common_suffix_len("zzabc", "abc") == 3
    assert _common_suffix_len("abx", "abc") == 0
    for a in ("", "a", "ab", "abcabc", "xyzabc"):
        for b in ("", "a", "abc", "abcabd", "yzabc"):
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            assert _common_prefix_len(a, b) == n
            m = 0
            while m < min(len(a), len(b)) and a[-1 - m] == b[-1 - m]:
                m += 1
            assert _common_suffix_len(a, b) == m
