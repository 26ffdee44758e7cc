"""Utf16Map: code-point offsets (stored) <-> UTF-16 offsets (Qt)."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.textunits import Utf16Map

REPO = Path(__file__).resolve().parents[2]
CORPUS_FA = REPO.parent / "shared" / "corpus" / "article-rtl-fa.txt"

PERSIAN = "گزارش: گروه نجبا اعلام کرد 😀 9,000 US troops"
FAMILY = "👩\u200d👩\u200d👧"  # three astral women/girl joined by two ZWJ (BMP)
MIXED = f"{FAMILY} سلام «نقل» 😀😀 a\U0010ffffb \ud7ff\ue000 end 🇮🇷"


def u16_len(text):
    return len(text.encode("utf-16-le")) // 2


def reference_to_codepoint(text, u16):
    """Largest code-point offset whose UTF-16 offset is <= u16 (rounds down inside a pair)."""
    best = 0
    for cp in range(len(text) + 1):
        if u16_len(text[:cp]) <= u16:
            best = cp
    return best


def assert_consistent(text):
    m = Utf16Map(text)
    assert m.length_cp == len(text)
    assert m.length_u16 == u16_len(text)
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == u16_len(text[:cp]), (text, cp)
        assert m.to_codepoint(u16) == cp, (text, cp)
    for u16 in range(m.length_u16 + 1):
        assert m.to_codepoint(u16) == reference_to_codepoint(text, u16), (text, u16)


def test_bmp_only_text_is_identity():
    text = "plain ASCII and Persian گزارش and «quotes» \u200c"
    m = Utf16Map(text)
    assert m.length_u16 == m.length_cp == len(text)
    for i in range(len(text) + 1):
        assert m.to_utf16(i) == i
        assert m.to_codepoint(i) == i


def test_empty_text():
    m = Utf16Map("")
    assert (m.length_cp, m.length_u16) == (0, 0)
    assert m.to_utf16(0) == 0
    assert m.to_codepoint(0) == 0


def test_single_emoji_offsets():
    m = Utf16Map("a😀b")
    assert m.length_cp == 3
    assert m.length_u16 == 4
    assert [m.to_utf16(cp) for cp in range(4)] == [0, 1, 3, 4]
    assert [m.to_codepoint(u) for u in range(5)] == [0, 1, 1, 2, 3]


def test_middle_of_surrogate_pair_rounds_down():
    text = "x😀y😀😀z"
    m = Utf16Map(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            start = m.to_utf16(cp)
            assert m.to_utf16(cp + 1) == start + 2
            assert m.to_codepoint(start + 1) == cp


def test_zwj_family_sequence():
    assert len(FAMILY) == 5
    m = Utf16Map(FAMILY)
    assert m.length_u16 == 8
    # 👩 (2 units) ZWJ (1) 👩 (2) ZWJ (1) 👧 (2)
    assert [m.to_utf16(cp) for cp in range(6)] == [0, 2, 3, 5, 6, 8]
    assert_consistent(FAMILY)
    assert_consistent("before " + FAMILY + " after")


@pytest.mark.parametrize(
    "text",
    [
        PERSIAN,
        MIXED,
        "😀",
        "😀😀😀",
        "😀abc",
        "abc😀",
        "\U00010000\U0010ffff",
        "🇮🇷🇺🇸",
        "line1\nسطر ۲ 👍🏽\n",
    ],
)
def test_every_offset_agrees_with_utf16_encoding(text):
    assert_consistent(text)


def test_persian_sample_offsets_around_emoji():
    m = Utf16Map(PERSIAN)
    at = PERSIAN.index("😀")
    assert m.to_utf16(at) == at
    assert m.to_utf16(at + 1) == at + 2
    assert m.to_utf16(len(PERSIAN)) == len(PERSIAN) + 1
    troops = PERSIAN.index("troops")
    assert m.to_codepoint(m.to_utf16(troops)) == troops
    assert m.to_utf16(troops) == troops + 1


def test_persian_corpus_file():
    if not CORPUS_FA.is_file():
        pytest.skip("shared corpus not available")
    text = CORPUS_FA.read_text(encoding="utf-8")
    assert_consistent(text)
    assert_consistent(text + " 😀 " + FAMILY + text[:40])


def test_large_text_conversion_is_consistent():
    text = ("word 😀 " * 2000) + "tail"
    m = Utf16Map(text)
    assert m.length_u16 == u16_len(text)
    for cp in range(0, len(text) + 1, 97):
        assert m.to_utf16(cp) == u16_len(text[:cp])
        assert m.to_codepoint(m.to_utf16(cp)) == cp


alphabet = st.sampled_from(
    ["a", " ", "\n", "گ", "ز", "\u200c", "\u200d", "«", "😀", "👩", "👧", "\U0010ffff", "🏽"]
)
texts = st.lists(alphabet, max_size=60).map("".join)
any_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.one_of(texts, any_texts))
def test_round_trip_property(text):
    m = Utf16Map(text)
    assert m.length_u16 == u16_len(text)
    previous = -1
    for cp in range(len(text) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == u16_len(text[:cp])
        assert u16 > previous
        previous = u16
        assert m.to_codepoint(u16) == cp


@given(texts, st.data())
def test_to_codepoint_never_lands_inside_a_pair(text, data):
    m = Utf16Map(text)
    u16 = data.draw(st.integers(0, m.length_u16))
    cp = m.to_codepoint(u16)
    assert 0 <= cp <= len(text)
    back = m.to_utf16(cp)
    assert back <= u16 <= back + 1
    if back < u16:  # only possible in the middle of a surrogate pair
        assert ord(text[cp]) > 0xFFFF
