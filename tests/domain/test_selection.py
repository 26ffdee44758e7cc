"""Trimming a selection to the passage it holds (was duplicated in the window and the
documents controller; now one plain function)."""

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.selection import trim_span


def test_spaces_and_line_breaks_around_the_words_are_left_out():
    text = "One two\n three  four."
    assert trim_span(text, 3, 9) == (4, 7)  # " two\n " → "two"
    assert trim_span(text, 0, len(text)) == (0, len(text))


def test_a_selection_of_white_space_only_is_none():
    assert trim_span("a  \n  b", 1, 6) is None
    assert trim_span("abc", 2, 2) is None


def test_non_ascii_space_counts_as_space():
    text = "\u00a0\u2003كلمة\u3000"
    assert trim_span(text, 0, len(text)) == (2, 6)


def test_offsets_beyond_the_text_are_clamped():
    assert trim_span("word ", -3, 99) == (0, 4)


@given(st.text(max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_the_result_is_the_stripped_slice(text, a, b):
    start, end = min(a, b), max(a, b)
    span = trim_span(text, start, end)
    piece = text[start:end]
    if not piece.strip():
        assert span is None
    else:
        assert span is not None
        assert text[span[0]:span[1]] == piece.strip()
