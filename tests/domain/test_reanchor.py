"""Re-anchoring on a new version of a text: known edits, and precision before recall."""

import pytest

from desktop.bench.data import make_study, make_text, scattered_edits, score_placements
from desktop.domain.factory import make_highlight
from desktop.domain.model import Document
from desktop.domain.reanchor import PositionMap, reanchor_all

OLD = (
    "Harakat al-Nujaba said on Tuesday that it would treat the 9,000 troops that are "
    "currently stationed in Iraq as occupiers.\n\n"
    "For three years the militias pretended to fight ISIS, but their real goal has always "
    "been to expand the influence of the mullahs.\n\n"
    "A spokesman for the coalition said the safety of its forces was its highest priority."
)


def place(old: str, new: str, phrase: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = old.index(phrase, start + 1)
    h = make_highlight(Document(old, "t"), start, start + len(phrase), "claim")
    (placement,) = reanchor_all(old, new, [h])
    return placement


def test_identical_text_keeps_everything_unchanged():
    p = place(OLD, OLD, "pretended to fight ISIS")
    assert p.status == "unchanged" and OLD[p.start : p.end] == "pretended to fight ISIS"


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: "BREAKING: " + t,  # insertion before
        lambda t: t.replace("Harakat al-Nujaba said", "The group said"),  # shorter before
        lambda t: t.replace("mullahs.", "clerics in Tehran."),  # edit after
        lambda t: t.replace("but their", "but, critics say, their"),  # right after it
    ],
)
def test_edits_around_a_passage_move_it_exactly(edit):
    new = edit(OLD)
    p = place(OLD, new, "pretended to fight ISIS")
    assert p.status in ("moved", "unchanged")
    assert new[p.start : p.end] == "pretended to fight ISIS"


def test_a_word_replaced_inside_is_reported_as_changed_with_both_wordings():
    new = OLD.replace("9,000 troops", "5,200 troops")
    p = place(OLD, new, "the 9,000 troops that are currently stationed in Iraq")
    assert p.status == "changed"
    assert p.new_text == "the 5,200 troops that are currently stationed in Iraq"
    assert p.old_text == "the 9,000 troops that are currently stationed in Iraq"


def test_a_moved_paragraph_is_found_where_it_went():
    paragraphs = OLD.split("\n\n")
    new = "\n\n".join([paragraphs[1], paragraphs[2], paragraphs[0]])
    p = place(OLD, new, "the 9,000 troops that are currently stationed in Iraq")
    assert p.status == "moved"
    assert new[p.start : p.end] == "the 9,000 troops that are currently stationed in Iraq"


def test_a_deleted_passage_is_orphaned_not_misplaced():
    new = OLD.replace("For three years the militias pretended to fight ISIS, but their real "
                      "goal has always been to expand the influence of the mullahs.\n\n", "")
    p = place(OLD, new, "pretended to fight ISIS")
    assert p.status == "orphaned" and p.start is None


def test_a_repeated_phrase_is_not_moved_onto_its_twin_when_its_own_copy_goes():
    old = "He said yes. Later he said no. Then he said yes again."
    new = old.replace("Later he said no. ", "")
    p = place(old, new, "he said no")
    assert p.status == "orphaned"
    twin = place(old, old.replace("Then he said yes again.", "Then he left."), "He said yes")
    assert twin.status in ("unchanged", "moved") and twin.start == 0


def test_an_orphan_stays_orphaned_when_its_quote_is_still_missing():
    h = make_highlight(Document(OLD, "t"), 0, 7, "claim")
    h.start = h.end = None
    (p,) = reanchor_all(OLD, OLD + " More.", [h])
    assert p.status in ("orphaned", "moved")
    if p.status == "moved":
        assert OLD[p.start : p.end] == h.quote.exact


def test_position_map_maps_unchanged_characters_only():
    old, new = "abc def ghi", "abc XYZ ghi"
    pm = PositionMap(old, new)
    assert pm.map(0) == 0 and pm.map(8) == 8
    assert pm.map(4) is None  # "d" was replaced
    assert pm.map(3, is_end=True) == 3


def test_scattered_edits_on_a_long_text_precision_first():
    """Precision must be ~100% (a wrong place is worse than an orphan); recall high."""
    text = make_text(150_000, seed=7)
    study = make_study(text, 600, seed=8)
    new, edits = scattered_edits(text, 0.02, seed=9)
    highlights = list(study.highlights.values())
    placements = reanchor_all(text, new, highlights)
    for h, p in zip(highlights, placements, strict=True):
        if p.status in ("unchanged", "moved"):
            assert new[p.start : p.end] == h.quote.exact
    accuracy = score_placements(highlights, placements, edits)
    print(f"\nre-anchoring: precision {accuracy.precision:.4f}, recall {accuracy.recall:.4f}")
    assert accuracy.precision >= 0.998
    assert accuracy.recall >= 0.97
