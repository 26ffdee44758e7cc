"""Word counts for scripts written without spaces (issue #14, item 5)."""

import pytest

from desktop.domain.wordcount import count_words


@pytest.mark.parametrize(("text", "words"), [
    ("The militia said on Tuesday it would act.", 8),
    ("山路を登りながら、こう考えた。", 13),  # 8 + 5 Han/kana characters; 、。 are not words
    ("北京是中国的首都。", 8),
    ("iPhone 15を買った", 6),  # "iPhone", "15", then を, 買, っ, た
    ("대한민국의 수도는 서울이다.", 3),  # Korean puts spaces between words
    ("تقرير خاص عن العراق", 4),
    ("", 0),
    ("  \n\t ", 0),
])
def test_words_are_counted_as_a_reader_would(text, words):
    assert count_words(text) == words


def test_a_japanese_paragraph_is_not_one_word():
    assert count_words("智に働けば角が立つ。情に棹させば流される。") > 10


def test_the_fast_count_agrees_with_the_word_pattern_on_every_kind_of_space():
    """Text without CJK is counted with ``str.split``: the same runs as the pattern."""
    from desktop.domain.wordcount import cjk_patterns

    _WORD = cjk_patterns()[1]  # noqa: N806 - the module's pattern
    spaces = "".join(chr(c) for c in range(0x3000) if chr(c).isspace())
    text = "".join(f"word{i}{s}" for i, s in enumerate(spaces * 3)) + " ¡hola! x\u00a0y"
    assert count_words(text) == sum(1 for _ in _WORD.finditer(text)) == len(spaces) * 3 + 3
    mixed = text + " 北京"
    assert count_words(mixed) == sum(1 for _ in _WORD.finditer(mixed))


@pytest.mark.parametrize("text", ["The militia said on Tuesday it would act.",
                                  "“Ça va”, said the café’s owner — تقرير خاص"])
def test_text_without_cjk_is_counted_without_compiling_the_cjk_patterns(text):
    """The CJK patterns cost ~10 ms to compile, 2% of a cold start (the status bar
    counts the sample's words): text without CJK never compiles them."""
    from desktop.domain.wordcount import cjk_patterns

    cjk_patterns.cache_clear()
    assert count_words(text) == len(text.split())
    assert cjk_patterns.cache_info().currsize == 0
    assert count_words("山路を登りながら") == 8
    assert cjk_patterns.cache_info().currsize == 1


def test_a_book_counted_in_pieces_counts_as_it_does_whole():
    """The status bar counts a large study's book a piece at a time (``word_pieces``):
    pieces are cut at whitespace, so their counts add up, in any script."""
    from desktop.domain.wordcount import word_pieces

    text = ("The militia said, on Tuesday,\nit would act. 山路を登りながら、こう考えた。 "
            "iPhone 15を買った\u3000北京是中国的首都。 ") * 400
    for size in (1, 7, 64, 1000, len(text)):
        pieces = list(word_pieces(text, size))
        assert "".join(pieces) == text
        assert sum(count_words(p) for p in pieces) == count_words(text)
    assert len(list(word_pieces(text, 1000))) > 10
    assert list(word_pieces("", 10)) == []
