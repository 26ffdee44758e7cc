"""Re-anchoring at its limits: the position map's bounded diff, the search windows and
the acceptance thresholds, each tried just inside and just outside (a mutation test
showed these boundaries were not held by any test)."""

import random

from desktop.domain.factory import make_highlight
from desktop.domain.model import Document
from desktop.domain.reanchor import MAX_CHAR_DIFF, PositionMap, reanchor_all


def _letters(n: int, seed: int) -> str:
    """``n`` characters of one long "sentence": no character that ends a chunk."""
    rng = random.Random(seed)
    return "".join(rng.choice("abcdefgh ") for _ in range(n))


# --- the position map -------------------------------------------------------------------
def test_a_changed_stretch_is_diffed_char_by_char_only_up_to_the_limit():
    """Inside a changed chunk the unchanged characters still map — unless old and new
    chunk together exceed MAX_CHAR_DIFF: then the diff would cost too much, and the
    passages there are left to quote matching (unmapped)."""
    half = MAX_CHAR_DIFF // 2
    body = _letters(half, 1)
    edited = body[:100] + "Z" + body[101:]  # one letter replaced
    at = 7 + 5_000  # a character far from the edit
    within = PositionMap("Intro. " + body, "Intro. " + edited)  # exactly the limit
    assert within.map(at) == at and within.map(7 + 100) is None
    beyond = PositionMap("Intro. " + body + "k", "Intro. " + edited)  # one more
    assert beyond.map(at) is None
    assert beyond.map(3) == 3  # the unchanged chunk before still maps


def test_a_text_rewritten_entirely_maps_nothing():
    positions = PositionMap("abc", "xyz")
    assert positions.map(0) is None
    assert positions.map(3, is_end=True) is None
    assert positions.nearest(2) == 0


def test_a_position_inside_a_deleted_stretch_is_sought_where_the_stretch_was():
    old, new = "Q abc XYZ def", "R abc def"
    positions = PositionMap(old, new)
    assert positions.map(old.index("XYZ")) is None
    # After the unchanged " abc": where " def" now follows it.
    assert positions.nearest(old.index("YZ")) == new.index(" def")
    assert positions.nearest(old.index("abc")) == new.index("abc")


# --- reanchor_all -----------------------------------------------------------------------
def test_highlights_may_come_from_any_iterable():
    old = "One sentence here. Another sentence there."
    new = "Inserted first. " + old
    doc = Document(old, "t")
    hs = [make_highlight(doc, 4, 12, "claim"), make_highlight(doc, 27, 35, "claim")]
    placements = reanchor_all(old, new, (h for h in hs))
    assert [(p.status, new[p.start : p.end]) for p in placements] == [
        ("moved", "sentence"), ("moved", "sentence")]
    assert [p.start for p in placements] == [20, 43]


def test_an_identical_text_keeps_orphans_orphaned_without_searching_again():
    """Nothing changed, so nothing new can be learnt: an orphan (its quote was judged
    ambiguous or lost when the study was read) stays one, with its quote."""
    text = "The plan works. The plan works."
    h = make_highlight(Document(text, "t"), 0, 15, "claim")
    h.start = h.end = None
    (p,) = reanchor_all(text, text, [h])
    assert (p.status, p.start, p.end, p.old_text) == ("orphaned", None, None,
                                                       "The plan works.")
