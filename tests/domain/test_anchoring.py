"""Describing a passage with W3C selectors and finding it again."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.anchoring import (
    CONTEXT_CHARS,
    Anchor,
    TextPositionSelector,
    TextQuoteSelector,
    anchor,
    describe,
)

TEXT = "The minister said the plan works. Critics said the plan fails. Nobody said more."


def test_describe_returns_exact_prefix_suffix_and_position():
    start = TEXT.index("plan works")
    end = start + len("plan works")
    quote, position = describe(TEXT, start, end)
    assert quote.exact == "plan works"
    assert quote.prefix == TEXT[max(0, start - CONTEXT_CHARS) : start]
    assert quote.suffix == TEXT[end : end + CONTEXT_CHARS]
    assert len(quote.prefix) == min(start, CONTEXT_CHARS)
    assert len(quote.suffix) == CONTEXT_CHARS
    assert position == TextPositionSelector(start, end)


def test_describe_at_text_edges_has_short_context():
    quote, _ = describe("abc", 0, 3)
    assert quote == TextQuoteSelector("abc", "", "")
    quote, _ = describe("abcdef", 1, 2)
    assert (quote.prefix, quote.exact, quote.suffix) == ("a", "b", "cdef")


def test_describe_counts_code_points_not_utf16_units():
    text = "😀😀 گزارش 👩\u200d👧 end"
    start = text.index("گزارش")
    quote, position = describe(text, start, start + 5)
    assert quote.exact == "گزارش"
    assert quote.prefix == "😀😀 "
    assert position.start == 3


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 0), (5, 5), (5, 4), (-1, 3), (0, len(TEXT) + 1), (len(TEXT), len(TEXT) + 1), (-3, -1)],
)
def test_describe_rejects_empty_or_invalid_ranges(start, end):
    with pytest.raises(ValueError, match="invalid range"):
        describe(TEXT, start, end)


def test_describe_rejects_anything_on_empty_text():
    with pytest.raises(ValueError):
        describe("", 0, 0)
    with pytest.raises(ValueError):
        describe("", 0, 1)


def test_anchor_by_position_when_text_still_matches():
    start = TEXT.index("the plan fails")
    quote, position = describe(TEXT, start, start + len("the plan fails"))
    assert anchor(TEXT, quote, position) == Anchor(position.start, position.end, "position")


def test_position_is_trusted_even_when_context_changed():
    """The stored position wins when the exact text is still there."""
    quote = TextQuoteSelector("plan", prefix="completely different", suffix="context here")
    start = TEXT.index("plan")
    found = anchor(TEXT, quote, TextPositionSelector(start, start + 4))
    assert found == Anchor(start, start + 4, "position")


def test_stale_position_falls_back_to_quote_and_context_picks_right_occurrence():
    # "the plan" occurs twice; the second one (before "fails") is the one highlighted.
    second = TEXT.index("the plan", TEXT.index("the plan") + 1)
    quote, position = describe(TEXT, second, second + len("the plan"))
    edited = "PREFACE ADDED. " + TEXT  # shifts everything: stored position now stale
    found = anchor(edited, quote, position)
    shift = len("PREFACE ADDED. ")
    assert found == Anchor(second + shift, second + shift + len("the plan"), "quote")
    assert edited[found.start : found.end] == "the plan"


def test_stale_position_with_three_identical_occurrences():
    text = "alpha X beta. gamma X delta. epsilon X zeta."
    middle = text.index("gamma X") + len("gamma ")
    quote, position = describe(text, middle, middle + 1)
    changed = text.replace("alpha", "ALPHA-ALPHA")  # earlier edit moves every offset
    found = anchor(changed, quote, position)
    assert found.method == "quote"
    assert changed[found.start - len("gamma ") : found.end] == "gamma X"
    # Even a stale position right next to another occurrence loses to the context.
    first = changed.index("X")
    found = anchor(changed, quote, TextPositionSelector(first + 1, first + 2))
    assert found.start == changed.index("gamma X") + len("gamma ")


def test_position_out_of_range_falls_back_to_quote():
    quote = TextQuoteSelector("Nobody", "fails. ", " said")
    found = anchor(TEXT, quote, TextPositionSelector(10_000, 10_006))
    assert found == Anchor(TEXT.index("Nobody"), TEXT.index("Nobody") + 6, "quote")


def test_inverted_position_is_ignored():
    quote = TextQuoteSelector("Critics")
    at = TEXT.index("Critics")
    found = anchor(TEXT, quote, TextPositionSelector(at + 7, at))
    assert found == Anchor(at, at + 7, "quote")


def test_closeness_breaks_ties_between_equal_contexts():
    text = "x cat x " * 5
    quote = TextQuoteSelector("cat")  # no context at all: every occurrence scores the same
    occurrences = [i for i in range(len(text)) if text.startswith("cat", i)]
    target = occurrences[3]
    found = anchor(text, quote, TextPositionSelector(target + 1, target + 4))  # stale by one
    assert found == Anchor(target, target + 3, "quote")


def test_without_position_first_of_equal_occurrences_wins():
    text = "cat dog cat dog cat"
    assert anchor(text, TextQuoteSelector("cat")) == Anchor(0, 3, "quote")


def test_context_outweighs_closeness():
    """A nearby occurrence with slightly worse context must not beat a perfect far one."""
    prefix = "A" * CONTEXT_CHARS
    suffix = "B" * CONTEXT_CHARS
    near = "X" + prefix[1:] + "cat" + suffix  # prefix matches only 31 of 32 characters
    far = prefix + "cat" + suffix
    text = near + "-" * 200 + far
    right = text.rindex("cat")
    quote, _ = describe(text, right, right + 3)
    assert quote.prefix == prefix
    stale = TextPositionSelector(text.index("cat") + 1, text.index("cat") + 4)
    found = anchor(text, quote, stale)
    assert found == Anchor(right, right + 3, "quote")


def test_partial_context_still_prefers_best_match():
    text = "one: the claim here. two: the claim there."
    quote = TextQuoteSelector("the claim", prefix="two: ", suffix=" there")
    assert anchor(text, quote) == Anchor(text.rindex("the claim"), text.rindex("the claim") + 9,
                                         "quote")
    quote = TextQuoteSelector("the claim", prefix="", suffix=" here")
    assert anchor(text, quote).start == text.index("the claim")


def test_quote_not_found_is_an_orphan():
    quote = TextQuoteSelector("words that are gone", "said ", ".")
    assert anchor(TEXT, quote) is None
    # A valid position over other words must not be used as a guess.
    assert anchor(TEXT, quote, TextPositionSelector(0, 19)) is None


def test_empty_exact_is_an_orphan():
    assert anchor(TEXT, TextQuoteSelector("")) is None
    empty = TextQuoteSelector("", "The", " minister")
    assert anchor(TEXT, empty, TextPositionSelector(0, 3)) is None
    assert anchor("", TextQuoteSelector("")) is None


def test_anchor_on_empty_text_is_an_orphan():
    assert anchor("", TextQuoteSelector("x"), TextPositionSelector(0, 1)) is None


def test_anchor_persian_with_emoji_uses_code_points():
    text = "😀 گزارش: گروه نجبا اعلام کرد. 👩\u200d👧 گروه نجبا دوباره"
    second = text.rindex("گروه نجبا")
    quote, position = describe(text, second, second + len("گروه نجبا"))
    assert anchor(text, quote, position).method == "position"
    found = anchor("🇮🇷" + text, quote, position)  # two astral chars inserted in front
    assert found == Anchor(second + 2, second + 2 + len("گروه نجبا"), "quote")


@given(
    st.text(alphabet="ab 😀گ\n", min_size=1, max_size=80),
    st.data(),
)
def test_describe_then_anchor_finds_the_same_range(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote, position = describe(text, start, end)
    assert anchor(text, quote, position) == Anchor(start, end, "position")
    found = anchor(text, quote)  # without a position: some occurrence of the exact text
    assert found is not None
    assert text[found.start : found.end] == quote.exact
    assert found.method == "quote"
    # Inserting text in front moves the passage but never loses it.
    moved = anchor("zz" + text, quote, position)
    assert moved is not None
    assert ("zz" + text)[moved.start : moved.end] == quote.exact


def test_a_quote_repeated_beyond_the_cap_is_an_orphan_not_a_hang():
    import time

    from desktop.domain import anchoring

    text = "a" * (anchoring.MAX_CANDIDATES * 3)
    t0 = time.perf_counter()
    found = anchoring.anchor(text, anchoring.TextQuoteSelector("a", "b", "c"),
                             anchoring.TextPositionSelector(len(text) + 5, len(text) + 6))
    assert found is None
    assert time.perf_counter() - t0 < 5  # hang guard, not a benchmark
