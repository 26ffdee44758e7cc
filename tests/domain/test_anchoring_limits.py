"""Anchoring's documented numbers, held at their boundaries: contexts are written 32
characters long, compared over their nearest 64, a quote found more than 10,000 times
is not placed, and each occurrence looked at costs its characters plus 64 of the work
budget. (The other tests name the constants, so they would follow a changed value.)"""

from desktop.domain.anchoring import (
    Anchor,
    AnchorBudget,
    TextQuoteSelector,
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
