"""Re-anchoring at its limits: the position map's bounded diff, the search windows and
the acceptance thresholds, each tried just inside and just outside (a mutation test
showed these boundaries were not held by any test)."""

import random

from desktop.domain.anchoring import TextQuoteSelector
from desktop.domain.factory import make_highlight
from desktop.domain.model import Document
from desktop.domain.reanchor import (
    FAR_MIN_LENGTH,
    FUZZY_WINDOW,
    MAX_CHAR_DIFF,
    SNAP_REACH,
    PositionMap,
    _context_holds,
    _count_near,
    _edge_word,
    _FarSearch,
    _fuzzy,
    _inside_word,
    _length_ok,
    _nearest,
    _nearest_occurrence,
    _word_end_after,
    _word_end_before,
    _word_start_after,
    _word_start_before,
    cuts_words,
    reanchor_all,
    snap,
)
from tests.domain.test_reanchor import place


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


# --- acceptance thresholds --------------------------------------------------------------
PAD = ". " * 200  # nothing in it looks like a word of the quotes below


def test_the_nearby_fuzzy_search_accepts_one_letter_in_ten_changed_not_one_in_nine():
    """FUZZY_MIN_SCORE = 90: one substituted letter in ten scores exactly 90."""
    text = PAD + "tidal wove" + PAD
    assert _fuzzy(text, TextQuoteSelector("tidal wave"), len(PAD)) == (400, 410)
    text = PAD + "tide wove" + PAD
    assert _fuzzy(text, TextQuoteSelector("tide wave"), len(PAD)) is None


def test_the_whole_text_search_accepts_three_letters_in_thirty_changed_not_four():
    """FAR_MIN_SCORE = 90 on a quote of 30 characters."""
    quote = TextQuoteSelector("the harbour master counted all")
    found = _FarSearch(PAD + "the hXrbour mXster counted aXl" + PAD).find(quote)
    assert found == (400, 430)
    assert _FarSearch(PAD + "the hXrbour mXster cXunted aXl" + PAD).find(quote) is None


def test_the_whole_text_search_refuses_a_rival_scoring_80_but_not_one_below():
    """FAR_RIVAL_SCORE = 80: another passage that close makes the match ambiguous."""
    quote = TextQuoteSelector("the harbour master counted all")
    rival = "tXe hXrbXur mXster cXunted Xll"  # six letters changed: scores exactly 80
    assert _FarSearch(PAD + quote.exact + PAD + rival + PAD).find(quote) is None
    weaker = "tXe hXrbXur mXstXr cXunted Xll"  # seven: 76.7
    assert _FarSearch(PAD + quote.exact + PAD + weaker + PAD).find(quote) == (400, 430)


def test_the_whole_text_search_takes_quotes_of_24_characters_not_23():
    """FAR_MIN_LENGTH = 24: shorter quotes too likely match something else."""
    long_enough = "the grey ship came round"
    assert len(long_enough) == FAR_MIN_LENGTH
    assert _FarSearch(PAD + long_enough + PAD).find(TextQuoteSelector(long_enough)) == (
        400, 424)
    short = long_enough[:-1]
    assert _FarSearch(PAD + short + PAD).find(TextQuoteSelector(short)) is None


# --- which copy of a repeated passage is whose ------------------------------------------
def test_a_passage_whose_next_character_changed_is_unchanged_not_moved():
    """Its end is judged by its own last character, not the one after it."""
    old = "The plan works. Then they left."
    p = place(old, old.replace("works.", "works!"), "The plan works")
    assert (p.status, p.start, p.end) == ("unchanged", 0, 14)


def test_a_copy_deleted_at_the_start_is_not_moved_onto_its_twin_nearby():
    """The highlighted first copy is gone; the second, close by, is another passage."""
    old = "the minister denied it. Then: the minister denied it. End."
    new = old.replace("the minister denied it. Then: ", "Then: ")
    assert place(old, new, "the minister denied it").status == "orphaned"
    # The twin itself stays where it was.
    twin = place(old, new, "the minister denied it", occurrence=1)
    assert twin.status == "moved" and twin.start == new.index("the minister")


def test_a_passage_moved_far_away_unchanged_is_found_there():
    body = _letters(6_000, 2)
    passage = "The harbour master counted ninety ships."
    old = passage + "\n" + body
    new = body + "\n" + passage
    p = place(old, new, passage)
    assert (p.status, p.start, p.new_text) == ("moved", new.index(passage), passage)


def test_a_passage_found_nearby_with_its_words_intact_is_moved_not_changed():
    """Inside a sentence too long to diff (its positions do not map), the passage is
    sought near where it was; a far twin deleted meanwhile does not make it "changed"
    or an orphan: its own copy is still there, close by."""
    intro = _letters(2_500, 4) + ".\n"  # unchanged: the search starts after it
    long_sentence = _letters(MAX_CHAR_DIFF // 2 + 10, 3)
    lead = "Alpha said the plan works and " + long_sentence[:500]
    old = intro + lead + long_sentence[500:] + ". Gamma said the plan works."
    new = intro + "Alpha " + lead[5:] + long_sentence[500:] + "k. Gamma left."
    assert PositionMap(old, new).map(old.index("the plan")) is None
    p = place(old, new, "the plan works")
    assert (p.status, p.start, p.new_text) == ("moved", new.index("the plan"),
                                               "the plan works")


def test_a_repeated_passage_moved_far_lands_on_the_copy_nearest_its_old_place():
    """Two copies with the same surroundings (a refrain): context cannot tell them
    apart, so the one nearer to where the passage was wins, not the first."""
    rule = "\n" + "=" * 40 + "\n"
    refrain = rule + "We sing the song of the sea and then we rest" + rule
    a, b = _letters(3_000, 5), _letters(6_000, 6)
    c = ". ".join(_letters(98, seed) for seed in range(30))  # 30 sentences
    old = a + refrain + b + refrain + c
    new = a + refrain + b + c[:2_500] + refrain + c[2_500:]  # the second moved on
    p = place(old, new, "We sing the song of the sea and then we rest", occurrence=1)
    assert (p.status, p.start) == ("moved", new.rindex("We sing"))


# --- the local search window ------------------------------------------------------------
def test_the_nearest_copy_within_the_window_is_chosen():
    hint = 3_000
    text = "." * 10_000
    for at in (hint - 900, hint + 300, hint + 1_500):  # ours is the one 300 away
        text = text[:at] + "ab" + text[at + 2 :]
    assert _nearest_occurrence(text, "ab", hint) == hint + 300
    # Equally near on both sides: the earlier one.
    assert _nearest_occurrence("..ab..X...ab..", "ab", 6) == 2
    # Overlapping copies all count.
    assert _nearest_occurrence("xaaay", "aa", 2) == 2


def test_the_window_reaches_exactly_fuzzy_window_either_side():
    def with_ab(at: int) -> str:
        return "." * at + "ab" + "." * 5_000

    hint = FUZZY_WINDOW + 100
    assert _nearest_occurrence(with_ab(hint - FUZZY_WINDOW), "ab", hint) == 100
    assert _nearest_occurrence(with_ab(hint - FUZZY_WINDOW - 1), "ab", hint) is None
    assert _nearest_occurrence(with_ab(hint + FUZZY_WINDOW), "ab", hint) == hint + FUZZY_WINDOW
    assert _nearest_occurrence(with_ab(hint + FUZZY_WINDOW + 1), "ab", hint) is None
    assert _nearest_occurrence(with_ab(0), "ab", 10) == 0  # the window stops at offset 0
    assert _count_near(with_ab(hint + FUZZY_WINDOW), "ab", hint) == 1
    assert _count_near(with_ab(hint + FUZZY_WINDOW + 1), "ab", hint) == 0
    assert _count_near(with_ab(hint - FUZZY_WINDOW), "ab", hint) == 1
    assert _count_near(with_ab(hint - FUZZY_WINDOW - 1), "ab", hint) == 0
    assert _count_near(with_ab(0), "ab", 10) == 1


def test_a_passage_edited_in_place_keeps_its_place_within_the_length_limits():
    """Both ends unchanged, the middle edited: still the same passage while its length
    stays within 0.8–1.25 of the old one; beyond that it is an orphan, not a guess."""
    passage = "the council voted to close the old mills"  # 40 characters
    old = "Intro. " + passage + " today. End."

    def placed(edited: str):
        return place(old, old.replace(passage, edited), passage)

    for edited in ("the council voted (at last) to close the old mills",  # 50 = 1.25×
                   "the council voted to close mills"):  # 32 = 0.8×
        p = placed(edited)
        assert (p.status, p.start, p.new_text) == ("changed", 7, edited)
    assert placed("the council voted (at last!) to close the old mills").status == "orphaned"
    assert placed("the council voted to shut mills").status == "orphaned"  # 31
    # At least 70% alike (FUZZY_MIN_SCORE - 20): twelve letters of forty changed, not
    # one more inserted (69.1%).
    twelve = "thX cXunXilXvoXedXtoXclXseXthX oXd Xills"
    p = placed(twelve)
    assert (p.status, p.new_text) == ("changed", twelve)
    assert placed("thXX" + twelve[3:]).status == "orphaned"


def test_overlapping_copies_make_a_quote_repeated_far_from_home():
    """ "aa" is twice in "aaa": not unique, so its context must hold."""
    quote = TextQuoteSelector("aa", "zz", "zz")
    assert not _context_holds("xaaay", 1, 3, quote)
    assert _context_holds("xaay", 1, 3, quote)  # unique: trusted
    # A context reaching the very start of the text.
    assert _context_holds("zzaaxaa", 2, 4, TextQuoteSelector("aa", "zz", ""))


def test_snapping_moves_an_end_at_most_24_characters():
    """SNAP_REACH: a fuzzy end that slid further is not pulled back by a guess."""
    exact = "Harbour street lamps were lit at dusk"
    text = PAD + exact + PAD
    start, end = len(PAD), len(PAD) + len(exact)
    assert snap(text, start + 24, end, exact) == (start, end)
    assert snap(text, start, end - 24, exact) == (start, end)
    assert snap(text, start + 25, end, exact)[0] > start  # out of reach
    assert snap(text, start, end - 25, exact)[1] < end


def test_eight_characters_of_context_each_side_are_enough_far_from_home():
    text = "zzz 12345678the plan works87654321 zzz. the plan works"
    at = text.index("the plan")
    quote = TextQuoteSelector("the plan works", "X12345678", "87654321X")
    assert _context_holds(text, at, at + 14, quote)  # the ninth character differs


def test_cuts_words_at_the_text_edges():
    assert cuts_words("abc def", 1, 5) == (True, True)
    assert cuts_words("abc", 1, 2) == (True, True)
    assert cuts_words("abc", 0, 3) == (False, False)  # the text's own ends cut nothing
    assert cuts_words("abc def", 3, 4) == (False, False)
    assert cuts_words("abc", None, None) == (False, False)


def test_the_nearby_fuzzy_search_needs_a_position_and_eight_characters():
    text = "harbours and " + "." * 6_000 + " ships harbours"
    assert _fuzzy(text, TextQuoteSelector("harbours"), 10) == (0, 8)  # at offset 0
    assert _fuzzy(text, TextQuoteSelector("harbour"), 10) is None  # too short to trust
    assert _fuzzy(text, TextQuoteSelector("harbours"), None) is None
    far = len(text) - 8
    assert _fuzzy(text, TextQuoteSelector("harbours"), far - 1_500) == (far, far + 8)


def test_a_fuzzy_match_may_be_from_0_8_to_1_25_times_the_quote():
    exact = "x" * 20
    assert _length_ok(0, 16, exact) and _length_ok(0, 25, exact)
    assert not _length_ok(0, 15, exact) and not _length_ok(0, 26, exact)


# --- snapping: short edge words and white space at the quote's ends ---------------------
def test_snap_takes_a_short_first_or_last_word_whole_unless_the_original_cut_it():
    """A one-letter edge word ("A", "B") is too short to seek, so the end that slid off
    it moves to the word boundary instead — for each end only if the original passage
    did not cut a word there (``cuts`` is start, end)."""
    exact = "A big ship came in at last plan B"
    text = PAD + exact + PAD
    start, end = len(PAD), len(PAD) + len(exact)
    assert snap(text, start + 1, end - 1, exact) == (start, end)
    assert snap(text, start + 1, end - 1, exact, (False, True)) == (start, end - 2)
    assert snap(text, start + 1, end - 1, exact, (True, False)) == (start + 2, end)


def test_snap_seeks_the_edge_words_past_the_quotes_own_white_space():
    """A selection that began or ended on a line break: its first word is sought after
    the leading white space, its last before the trailing one — not among the copies of
    those words just outside the passage."""
    exact = "\n     harbour lamps were lit at dusk\n     "
    text = PAD + "harbour " + exact + "dusk " + PAD
    start = len(PAD) + len("harbour ")
    end = start + len(exact)
    assert snap(text, start, end, exact) == (start, end)


def test_of_two_copies_that_read_alike_snapping_takes_the_nearer():
    """A repeated word ("dusk, dusk"): both copies fit the quote equally, so the one
    the fuzzy match slid less from wins — on either side."""
    text = PAD + "dusk, dusk" + PAD
    first, second = (400, 404), (406, 410)
    assert snap(text, 402, 406, "dusk") == first
    assert snap(text, 404, 408, "dusk") == second


def test_snapping_white_space_alone_gives_an_empty_range_not_an_inverted_one():
    """Trimming white space the quote does not have stops where the two ends meet (the
    callers then refuse the match by its length)."""
    text = "a      b"
    assert snap(text, 1, 5, "(x)") == (5, 5)


def test_a_dropped_short_first_word_is_taken_back_even_at_offset_0():
    """The fuzzy start slid past "A " onto "big": snapping looks back over the space to
    the word before — also when that word is the text's first."""
    exact = "A big ship came in at last plan B"
    text = PAD + exact + PAD
    assert snap(text, len(PAD) + 2, len(PAD) + len(exact), exact) == (
        len(PAD), len(PAD) + len(exact))
    text = exact + PAD
    assert snap(text, 2, len(exact), exact) == (0, len(exact))


# --- the word-boundary helpers of snapping, at their reach --------------------------------
def test_word_starts_before_and_after_within_reach():
    text = "alpha  beta gamma"
    assert _word_start_before(text, 9) == 7  # inside "beta": its start
    assert _word_start_before(text, 7) == 0  # at a word's start: the word before
    assert _word_start_before(text, 6) == 0  # among spaces: the word before
    assert _word_start_before("  abc.", 2) == 0  # nothing before: the text's start
    long = "a" + "b" * 30
    assert _word_start_before(long, 31) == 31 - SNAP_REACH  # no further back
    assert _word_start_before("x" + " " * SNAP_REACH + "y", SNAP_REACH + 1) == 1
    assert _word_start_after(text, 2, len(text)) == 7  # past "pha" and the spaces
    assert _word_start_after(text, 2, 6) == 6  # not past the match's end
    assert _word_start_after(text, 5, len(text)) == 7
    assert _word_start_after("alpha beta gamma", 2, 16) == 6  # one space, stepped singly
    assert _word_start_after("a" * 30 + " b", 0, 32) == SNAP_REACH


def test_word_ends_after_and_before_within_reach():
    text = "alpha  beta"
    assert _word_end_after(text, 5) == 11  # among spaces: the next word's end
    assert _word_end_after(text, 2) == 5  # inside a word: its end
    assert _word_end_after(text, len(text)) == len(text)
    assert _word_end_after(",  a, bcd", 0) == 4  # a one-letter word is a word
    assert _word_end_after("a" * 30, 0) == SNAP_REACH
    assert _word_end_after("x" + " " * 30, 1) == 1 + SNAP_REACH
    assert _word_end_before(text, 9, 0) == 5  # inside "beta": the end of the word before
    assert _word_end_before(text, 9, 7) == 7  # not before the match's start
    assert _word_end_before(text, 7, 0) == 5
    assert _word_end_before("alpha beta", 9, 0) == 5  # one space, stepped singly
    assert _word_end_before("alpha beta", 6, 0) == 5
    assert _word_end_before("a" * 30, 30, 0) == 30 - SNAP_REACH
    assert _word_end_before(" " * 30 + "x", 30, 0) == 30 - SNAP_REACH


def test_inside_a_word_only_between_two_letters():
    assert _inside_word("ab", 1)
    assert not _inside_word("ab", 0) and not _inside_word("ab", 2)
    assert not _inside_word("a b", 1) and not _inside_word("a b", 2)


def test_edge_words_are_sought_only_if_three_characters_long_and_not_alone():
    assert _edge_word("alpha beta", first=True) == "alpha"
    assert _edge_word("alpha beta", first=False) == "beta"
    assert _edge_word("alpha", first=True) == ""  # one word: the whole quote
    assert _edge_word("ab, cd", first=True) == "ab,"  # what touches it counts
    assert _edge_word("ab cdef", first=True) == "" and _edge_word("cdef ab", first=False) == ""
    assert _edge_word("abc de fgh", first=True) == "abc"
    assert _edge_word("abc de fgh", first=False) == "fgh"


def test_the_nearest_whole_word_copy_within_reach():
    text = "." * 30 + "dusk" + "." * 30
    assert _nearest(text, "dusk", 30 - SNAP_REACH, SNAP_REACH) == 30
    assert _nearest(text, "dusk", 30 - SNAP_REACH - 1, SNAP_REACH) is None
    assert _nearest(text, "dusk", 30 + SNAP_REACH, SNAP_REACH) == 30
    assert _nearest(text, "dusk", 30 + SNAP_REACH + 1, SNAP_REACH) is None
    assert _nearest("dusk dusky dusk", "dusk", 5, SNAP_REACH) == 0  # "dusky" is no copy
    assert _nearest("xdusk dusk", "dusk", 0, SNAP_REACH) == 6  # nor is "xdusk"
    assert _nearest("dusk. dusk", "dusk", 3, SNAP_REACH) == 0  # a tie: the earlier
    assert _nearest("dusk. dusk", "dusk", 4, SNAP_REACH) == 6
    assert _nearest("x-ab-y", "-ab-", 0, SNAP_REACH) == 1  # edges that are not letters
    assert _nearest("....", "...", 1, SNAP_REACH) == 1  # an ellipsis: copies overlap


def test_both_fuzzy_searches_take_renamed_short_edge_words_whole():
    """By default (the old passage cut no word) a fuzzy match's ends, near or far, are
    snapped to word boundaries: "Oh … By", not "h … By" or "Oh … B"."""
    quote = TextQuoteSelector("A big ship came round the harbour at dawn B")
    edited = "Oh big ship came round the harbour at dawn By"
    whole = (400, 400 + len(edited))
    assert _FarSearch(PAD + edited + PAD).find(quote) == whole
    assert _fuzzy(PAD + edited + PAD, quote, 400) == whole


def test_when_the_edge_words_found_cross_snapping_falls_back_to_word_boundaries():
    """The quote's first word found where the fuzzy match ends (every pair of found ends
    empty or inverted): the ends go to the word boundaries near the match, never kept
    mid-word (mutation #317 showed the unsnapped "usk fell over the bay.d" kept)."""
    text = "Dusk fell over the bay.dusk"
    exact = "dusk fell over the bay."
    start, end = snap(text, 1, 24, exact)
    assert text[start:end] == "Dusk fell over the bay."
