"""Anchoring's documented numbers, held at their boundaries: contexts are written 32
characters long, compared over their nearest 64, a quote found more than 10,000 times
is not placed, and each occurrence looked at costs its characters plus 64 of the work
budget. (The other tests name the constants, so they would follow a changed value.)"""

from itertools import product

from desktop.domain.anchoring import (
    Anchor,
    AnchorBudget,
    TextPositionSelector,
    TextQuoteSelector,
    _common_prefix_len,
    _common_suffix_len,
    anchor,
    describe,
)


def test_a_written_context_is_32_characters_each_side():
    text = "".join(chr(ord("a") + i % 26) for i in range(200))
    quote, _ = describe(text, 100, 110)
    assert quote.prefix == text[68:100] and quote.suffix == text[110:142]


def test_a_quote_found_10000_times_is_placed_and_10001_times_is_not():
    assert anchor("a" * 10_000, TextQuoteSelector("a")) == Anchor(0, 1, "quote")
    assert anchor("a" * 10_001, TextQuoteSelector("a")) is None


def test_only_the_nearest_64_characters_of_context_count():
    """A stored prefix differing from the first occurrence's only 65 characters
    before the quote does not tell the two apart: the first wins the tie."""
    near = "".join(chr(ord("a") + i % 26) for i in range(64))
    first = "R" + near + "cat"
    second = " Q" + near + "cat"
    text = first + second
    quote = TextQuoteSelector("cat", prefix="Q" + near)
    assert anchor(text, quote) == Anchor(len(first) - 3, len(first), "quote")
    # 64 characters before it, the same difference decides.
    first, second = "R" + near[1:] + "cat", " Q" + near[1:] + "cat"
    quote = TextQuoteSelector("cat", prefix="Q" + near[1:])
    assert anchor(first + second, quote).start == len(first + second) - 3


def test_each_occurrence_looked_at_costs_its_characters_plus_64():
    budget = AnchorBudget(1_000_000)
    assert anchor("ab" * 10, TextQuoteSelector("ab", "x", "y"), None, budget) is not None
    assert budget.remaining == 1_000_000 - 10 * (2 + 1 + 1 + 64)


def test_a_quote_whose_context_is_all_gone_is_still_placed():
    """No character of context left and a stale position: the quote alone decides."""
    found = anchor("xx cat", TextQuoteSelector("cat", "zz", "zz"), TextPositionSelector(0, 3))
    assert found == Anchor(3, 6, "quote")


def test_a_context_reaching_the_start_of_the_text_counts_in_full():
    text = "ab cat, ab cat"  # both preceded by "ab ": a tie, the first wins
    assert anchor(text, TextQuoteSelector("cat", prefix="ab ")).start == 3


def test_prefix_and_suffix_weigh_the_same_whatever_their_lengths():
    """Each side scores the share of it that matches (0..1), not a count."""
    quote = TextQuoteSelector("cat", prefix="0123456789", suffix="!!")
    text = "zzzzzzzzzzcat!! zzzzz56789cat??"  # all of the suffix, or half the prefix
    assert anchor(text, quote).start == 10
    quote = TextQuoteSelector("cat", prefix="ab", suffix="0123456789")
    text = "zzcat01234zzzzz abcatzzzzzzzzzz"  # half the suffix, or all of the prefix
    assert anchor(text, quote).start == text.rindex("cat")


def test_the_candidate_cap_is_not_the_budget_running_out():
    cost = 2 + 1 + 1 + 64
    budget = AnchorBudget(10_000 * cost)  # room for exactly the 10,000 allowed
    assert anchor("ab" * 10_001, TextQuoteSelector("ab", "x", "y"), None, budget) is None
    assert not budget.exhausted


def test_common_lengths_by_bisection_agree_with_counting():
    def by_counting(a: str, b: str, *, from_end: bool) -> int:
        if from_end:
            a, b = a[::-1], b[::-1]
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        return n

    words = ["".join(w) for n in range(6) for w in product("ab", repeat=n)]
    for a in words:
        for b in words:
            assert _common_prefix_len(a, b) == by_counting(a, b, from_end=False), (a, b)
            assert _common_suffix_len(a, b) == by_counting(a, b, from_end=True), (a, b)
