"""Re-anchoring with clean edges and a bounded whole-text search, and the guards a
mutation test found untested: context far from home, a lost nearby copy, fuzzy
acceptance limits, window arithmetic on long texts, PositionMap at edit boundaries."""

import random

from desktop.bench.data import make_text
from desktop.domain import reanchor
from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.factory import make_highlight
from desktop.domain.model import Document
from desktop.domain.reanchor import (
    FUZZY_WINDOW,
    PositionMap,
    _context_holds,
    _FarSearch,
    reanchor_all,
    snap,
)
from tests.domain.test_reanchor import place


def filler(n: int, seed: int) -> str:
    rng = random.Random(seed)
    words = ["alpha", "brook", "cedar", "delta", "ember", "fjord", "grove", "haven", "islet",
             "juniper", "kestrel", "lantern", "meadow", "nimbus", "orchid", "pebble"]
    out = []
    while sum(len(w) + 1 for w in out) < n:
        out.append(rng.choice(words) + rng.choice(["", "", ",", "."]))
    return " ".join(out)[:n]


# --- clean edges ------------------------------------------------------------------------
def test_a_renamed_first_word_is_taken_whole_not_cut():
    """ "Berg, then, …" re-placed as "nny, then, …" for "Donny, then, …" before."""
    lead, tail = filler(300, 1) + " ", " " + filler(300, 2)
    old = lead + "Berg, then, walked into the cold river without a word" + tail
    new = lead + "Donny, then, walked into the cold river without a word" + tail
    p = place(old, new, "Berg, then, walked into the cold river without a word")
    assert p.status == "changed"
    assert p.new_text == "Donny, then, walked into the cold river without a word"


def test_a_renamed_last_word_is_taken_whole():
    lead, tail = filler(300, 3) + " ", " " + filler(300, 4)
    old = lead + "the long report was finally signed by Berg" + tail
    new = lead + "the long report was finally signed by Lindqvist" + tail
    p = place(old, new, "the long report was finally signed by Berg")
    assert p.status == "changed"
    assert p.new_text == "the long report was finally signed by Lindqvist"


def test_a_deleted_first_word_is_dropped_not_half_kept():
    lead, tail = filler(300, 5) + " ", " " + filler(300, 6)
    old = lead + "suddenly which of the soldiers had eyes on the army" + tail
    new = lead + "which of the soldiers had eyes on the army" + tail
    p = place(old, new, "suddenly which of the soldiers had eyes on the army")
    if p.start is not None:
        assert not (new[p.start - 1].isalnum() and new[p.start].isalnum())
        assert new[p.start : p.end].endswith("army")


def test_snap_keeps_a_word_the_original_cut():
    text = "xx understood what he meant yy"
    at = text.index("derstood")
    assert snap(text, at, at + 12, "derstood wha", (True, True)) == (at, at + 12)
    # Not cut before: the words it touches are taken whole.
    assert snap(text, at, at + 12, "derstood wha") == (text.index("understood"),
                                                        text.index(" he"))


def test_snap_moves_ends_to_the_quotes_own_words():
    text = "one two Harbour street three four"
    start = text.index("arbour")  # one character late
    end = text.index(" three") + 2
    assert snap(text, start, end, "Harbour street") == (text.index("Harbour"),
                                                        text.index(" three"))


def test_snap_trims_whitespace_the_quote_does_not_have():
    text = "aa  the words  bb"
    assert snap(text, 3, 14, "the words") == (4, 13)
    assert snap(text, 3, 14, " the words ") == (3, 14)


# --- the whole-text search --------------------------------------------------------------
def _long_texts():
    body = filler(12_000, 7)
    passage = "The harbour master counted ninety ships before the storm arrived at dawn"
    old = filler(200, 8) + " " + passage + " " + body
    edited = passage.replace("ninety", "ninety-one")
    new = body[:6000] + " " + edited + " " + body[6000:]  # far away and edited
    new = filler(200, 9) + " " + new  # the old neighbourhood changed too
    return old, new, passage, edited


def test_a_passage_moved_far_and_edited_is_found_by_the_whole_text_search():
    old, new, passage, edited = _long_texts()
    p = place(old, new, passage)
    assert p.status == "changed"
    assert p.new_text == edited


def test_the_far_search_refuses_an_ambiguous_match():
    old, new, passage, edited = _long_texts()
    new = new.replace(edited, edited + " " + edited.replace("dawn", "dusk"))
    p = place(old, new, passage)
    assert p.status == "orphaned"


def test_the_far_search_needs_a_long_quote_and_stops_at_its_budget(monkeypatch):
    text = filler(5000, 11) + " a quote that is long enough to find " + filler(50, 12)
    quote = TextQuoteSelector("a quote that is long enough to find", "", "")
    assert _FarSearch(text).find(quote) is not None
    assert _FarSearch(text).find(TextQuoteSelector("too short to trust", "", "")) is None
    far = _FarSearch(text)
    far.left = 2 * len(text) - 1
    assert far.find(quote) is None  # not enough budget left for a search and its check
    far.left = 2 * len(text)
    assert far.find(quote) is not None and far.left == 0


# --- guards a mutant could slip past ----------------------------------------------------
def test_context_holds_far_from_home_only_with_its_context():
    text = "A: the plan works. B: the plan works. C"
    second = text.rindex("the plan works")
    end = second + len("the plan works")
    good = TextQuoteSelector("the plan works", "plan works. B: ", ". C")
    assert _context_holds(text, second, end, good)
    wrong_prefix = TextQuoteSelector("the plan works", "zzzzzzzzzz: ", ". C")
    assert not _context_holds(text, second, end, wrong_prefix)
    wrong_suffix = TextQuoteSelector("the plan works", "B: ", "!!!!!!!!!!")
    assert not _context_holds(text, second, end, wrong_suffix)
    unique = "only once: the plan works here"
    at = unique.index("the plan")
    assert _context_holds(unique, at, at + 14, wrong_prefix)


def test_a_nearby_copy_lost_is_not_replaced_by_a_far_twin():
    twin = "the minister denied every allegation"
    gap = filler(3 * FUZZY_WINDOW, 15)
    old = "Start. " + twin + ". " + gap + " Later: " + twin + ". End."
    new = old.replace("Start. " + twin + ". ", "Start. ")
    p = place(old, new, twin)
    assert p.status == "orphaned"


def test_a_passage_changed_too_much_becomes_an_orphan():
    lead, tail = filler(2500, 16) + " ", " " + filler(2500, 17)
    passage = "the committee approved the budget for the new bridge in March"
    old = lead + passage + tail
    new = lead + "a panel rejected every plan for any crossing in the autumn" + tail
    assert place(old, new, passage).status == "orphaned"


def test_fuzzy_length_limits():
    lead, tail = filler(2500, 18) + " ", " " + filler(2500, 19)
    passage = "the committee approved the budget for the new bridge in March"
    old = lead + passage + tail
    longer = lead + passage.replace("budget", "budget, after a very long debate,") + tail
    p = place(old, longer, passage)
    assert p.status in ("changed", "orphaned")
    if p.status == "changed":
        assert 0.8 <= len(p.new_text) / len(passage) <= 1.25


def test_a_small_change_far_into_a_long_text_is_placed_as_changed():
    """Texts longer than the fuzzy window: the window arithmetic matters."""
    old = make_text(20_000, seed=21)
    start = 15_000 + old[15_000:].index(" ") + 1
    passage = old[start : start + 60]
    new = old[:start + 20] + "XYZ" + old[start + 23 :]
    new = "A new first paragraph, added later. " * 30 + new  # shifts it ~1,000 on
    p = place(old, new, passage)
    assert p.status == "changed"
    assert p.new_text[:20] == passage[:20] and "XYZ" in p.new_text


def test_fuzzy_placements_are_reported_as_changed_with_the_new_wording():
    lead, tail = filler(500, 22) + " ", " " + filler(500, 23)
    passage = "the minister said the bridge would open in the month of May"
    old = lead + passage + tail
    new = lead + passage.replace("would open", "might open") + tail
    p = place(old, new, passage)
    assert p.status == "changed" and p.old_text == passage
    assert p.new_text == passage.replace("would open", "might open")


def test_position_map_at_edit_boundaries_and_offset_zero():
    old, new = "abcdef", "XYabcdeZ"
    pm = PositionMap(old, new)
    assert pm.map(0) == 2  # offset 0 shifted by the insertion in front
    assert pm.map(4) == 6
    assert pm.map(5) is None  # "f" was replaced
    assert pm.map(5, is_end=True) == 7  # an end after "e": the character before it stays
    assert pm.map(6, is_end=True) is None
    assert pm.nearest(0) == 2
    edited = PositionMap("XYZabc", "abc")
    assert edited.map(0) is None and edited.map(3) == 0
    assert edited.nearest(0) == 0


def test_reanchor_keeps_its_budget_for_hostile_repeats(monkeypatch):
    old = "a" * 5000
    new = "b" + "a" * 5000
    hs = [make_highlight(Document(old, "t"), i, i + 2, "claim") for i in range(0, 400, 2)]
    for h in hs:
        h.quote = TextQuoteSelector("aa", "x" * 30, "y" * 30)
        h.start = h.end = None  # orphans: tried by quote
    calls = []
    real = reanchor.anchor

    def spy(*args, **kwargs):
        calls.append(args[3] if len(args) > 3 else kwargs.get("budget"))
        return real(*args, **kwargs)

    monkeypatch.setattr(reanchor, "anchor", spy)
    reanchor_all(old, new, hs)
    assert calls and all(b is calls[0] and b is not None for b in calls)  # one shared budget
