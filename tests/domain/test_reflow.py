"""The Text view of a PDF: hyphens joined, soft line breaks removed, offsets both ways."""

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.reflow import SOFT_HYPHEN, Reflow

LINES = ("Lorem ipsum dolor sit amet, consectetuer adip\u00adiscing elit. Ut purus elit,\n"
         "vestibulum ut, placerat ac, adipiscing vitae, felis. Curabitur dictum gra-\n"
         "vida mauris, a well-known nonsense text used in typesetting for ages now.\n"
         "Short last line.\n"
         "\n"
         "Heading\n"
         "A new paragraph starts here and goes on for a while before it ends, as usual.")


def test_hyphens_are_joined_and_soft_breaks_become_spaces():
    shown = Reflow(LINES).text
    assert "adipiscing elit" in shown and SOFT_HYPHEN not in shown
    assert "elit, vestibulum" in shown  # a soft break is a space
    assert "gra-vida" in shown  # a hard hyphen stays, its line break goes
    assert "for ages now. Short last line.\n\nHeading\nA new paragraph" in shown


def test_offsets_map_both_ways_onto_the_same_words():
    flow = Reflow(LINES)
    for word in ("consectetuer", "felis", "Heading", "paragraph", "well-known"):
        start = LINES.index(word)
        shown = flow.to_shown(start)
        assert flow.text[shown:flow.to_shown(start + len(word))] == word
        assert flow.to_source(shown) == start
    start = LINES.index("adip")
    end = LINES.index("iscing") + len("iscing")
    assert flow.text[flow.to_shown(start):flow.to_shown(end)] == "adipiscing"
    shown = flow.text.index("adipiscing")
    assert (flow.to_source(shown), flow.to_source(shown + 10)) == (start, end)
    assert flow.to_shown(len(LINES)) == len(flow.text)
    assert flow.to_source(len(flow.text)) == len(LINES)


def test_text_without_breaks_is_unchanged():
    flow = Reflow("one line only")
    assert flow.text == "one line only" and flow.to_source(4) == 4 and flow.to_shown(4) == 4


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "-", "\n", SOFT_HYPHEN, "é"]),
               max_size=80))
def test_every_kept_character_maps_back_to_itself(source):
    flow = Reflow(source)
    kept = [i for i in range(len(source)) if flow.to_source(flow.to_shown(i)) == i]
    assert len(kept) == len(flow.text)
    for i in kept:
        shown = flow.text[flow.to_shown(i)]
        assert shown == source[i] or (source[i] == "\n" and shown == " ")
    # Monotone both ways.
    assert all(flow.to_shown(i) <= flow.to_shown(i + 1) for i in range(len(source)))
    assert all(flow.to_source(i) < flow.to_source(i + 1) for i in range(len(flow.text)))


def test_the_readers_offset_map_goes_through_the_reflow():
    from desktop.domain.reflow import ReflowedUtf16

    source = "an emoji 😀 then adip\u00adiscing\nnext line"
    u16 = ReflowedUtf16(Reflow(source))
    start = source.index("adip")
    shown = Reflow(source).text
    assert u16.to_utf16(start) == len(shown[:shown.index("adip")].encode("utf-16-le")) // 2
    assert u16.to_codepoint(u16.to_utf16(start)) == start
    assert u16.to_codepoint(u16.length_u16) == len(source)


def test_a_paragraph_ending_a_little_short_keeps_its_break():
    lines = ("An Iraqi Shiite militia loyal to the Iranian regime has threatened to attack U.S.\n"
             "forces in Iraq, raising fresh fears that Tehran is preparing to turn its proxies\n"
             "against American troops once the battle for Mosul is over.\n"
             "Harakat al-Nujaba, one of the largest and most radical groups within the Popular\n"
             "Mobilization Forces, said in a statement on Tuesday that it would treat the 9,000")
    shown = Reflow(lines).text
    assert "attack U.S. forces in Iraq" in shown  # a capital after "U.S." on a full line
    assert "Mosul is over.\nHarakat" in shown
    assert "Popular Mobilization" in shown
