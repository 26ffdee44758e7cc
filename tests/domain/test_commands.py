"""Undoable commands: apply/revert restore the study exactly; merges collapse edits."""

import copy

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import (
    AddHighlight,
    Command,
    DeleteHighlight,
    SetCategoryCheckable,
    SetHighlightCategory,
    SetHighlightNote,
    SetHighlightTags,
    SetStudyNote,
)
from desktop.domain.factory import make_highlight
from desktop.domain.identity import Person
from desktop.domain.stamping import Stamped
from tests.builders import study_with

OLD_TIME = "2020-01-01T00:00:00Z"


@pytest.fixture
def study():
    s = study_with("Alpha beta gamma delta epsilon zeta eta theta.",
                   [("beta", "claim"), ("delta", "evidence"), ("zeta", "quote")],
                   title="Greek", note="note on {phrase}", modified=OLD_TIME)
    s.note = "original study note"
    return s


def ids(study):
    return list(study.highlights)


def new_highlight(study, word="theta"):
    doc = study.main_document
    start = doc.text.index(word)
    return make_highlight(doc, start, start + len(word), "question")


def test_add_highlight_apply_and_revert(study):
    before = ids(study)
    h = new_highlight(study)
    cmd = AddHighlight(h)
    changes = cmd.apply(study)
    assert changes == ChangeSet(highlights_added={h.id})
    assert changes.highlight_set_changed
    assert study.highlights[h.id] is h
    assert ids(study) == [*before, h.id]
    changes = cmd.revert(study)
    assert changes == ChangeSet(highlights_removed={h.id})
    assert ids(study) == before
    cmd.apply(study)  # redo
    assert ids(study) == [*before, h.id]


def test_add_highlight_rejects_duplicate_id(study):
    existing = next(iter(study.highlights.values()))
    before = dict(study.highlights)
    with pytest.raises(ValueError, match="duplicate"):
        AddHighlight(existing).apply(study)
    assert study.highlights == before


def test_add_highlight_rejects_unknown_document(study):
    h = new_highlight(study)
    h.document_id = "d-nope"
    with pytest.raises(ValueError, match="unknown document"):
        AddHighlight(h).apply(study)
    assert h.id not in study.highlights


@pytest.mark.parametrize("index", [0, 1, 2])
def test_delete_highlight_revert_restores_order(study, index):
    before = ids(study)
    victim = before[index]
    obj = study.highlights[victim]
    cmd = DeleteHighlight(victim)
    changes = cmd.apply(study)
    assert changes == ChangeSet(highlights_removed={victim})
    assert victim not in study.highlights
    assert ids(study) == [i for i in before if i != victim]
    changes = cmd.revert(study)
    assert changes == ChangeSet(highlights_added={victim})
    assert ids(study) == before
    assert study.highlights[victim] is obj
    # redo/undo again behaves the same
    cmd.apply(study)
    cmd.revert(study)
    assert ids(study) == before


def test_delete_then_add_undo_in_reverse_order(study):
    before = ids(study)
    snapshot = copy.deepcopy(study)
    delete = DeleteHighlight(before[1])
    add = AddHighlight(new_highlight(study))
    delete.apply(study)
    add.apply(study)
    add.revert(study)
    delete.revert(study)
    assert ids(study) == before
    assert study.highlights == snapshot.highlights


def test_delete_unknown_highlight_raises(study):
    with pytest.raises(ValueError):
        DeleteHighlight("h-missing").apply(study)


def test_set_category_apply_revert_restores_value_and_modified(study):
    hid = ids(study)[0]
    h = study.highlights[hid]
    cmd = SetHighlightCategory(hid, "opinion")
    changes = cmd.apply(study)
    assert changes == ChangeSet(highlights_changed={hid})
    assert not changes.highlight_set_changed
    assert h.category_id == "opinion"
    assert h.modified != OLD_TIME
    cmd.revert(study)
    assert h.category_id == "claim"
    assert h.modified == OLD_TIME
    cmd.apply(study)  # redo remembers the original value, not the redone one
    cmd.revert(study)
    assert h.category_id == "claim"
    assert h.modified == OLD_TIME


def test_set_category_unknown_raises_and_changes_nothing(study):
    hid = ids(study)[0]
    h = study.highlights[hid]
    cmd = SetHighlightCategory(hid, "no-such-category")
    with pytest.raises(ValueError, match="unknown category"):
        cmd.apply(study)
    assert h.category_id == "claim"
    assert h.modified == OLD_TIME


def test_set_highlight_note_apply_revert(study):
    hid = ids(study)[1]
    h = study.highlights[hid]
    cmd = SetHighlightNote(hid, "new *note*")
    assert cmd.apply(study) == ChangeSet(highlights_changed={hid})
    assert h.note == "new *note*"
    assert cmd.revert(study) == ChangeSet(highlights_changed={hid})
    assert h.note == "note on delta"
    assert h.modified == OLD_TIME
    cmd.apply(study)
    cmd.apply(study)  # applied twice (e.g. push then redo): the first old value is kept
    cmd.revert(study)
    assert h.note == "note on delta"
    assert h.modified == OLD_TIME


def test_set_highlight_note_merge(study):
    hid = ids(study)[1]
    h = study.highlights[hid]
    first = SetHighlightNote(hid, "d")
    first.apply(study)
    later = SetHighlightNote(hid, "dr")
    later.apply(study)
    assert first.merge_key() == later.merge_key() is not None
    assert first.merge(later) is True
    assert first.value == "dr"
    last = SetHighlightNote(hid, "draft")
    last.apply(study)
    assert first.merge(last)
    assert h.note == "draft"
    first.revert(study)  # one undo step goes back to before the first edit
    assert h.note == "note on delta"
    assert h.modified == OLD_TIME
    first.apply(study)  # redo applies the merged value
    assert h.note == "draft"


def test_set_highlight_note_does_not_merge_other_highlight_or_kind(study):
    a, b = ids(study)[:2]
    cmd = SetHighlightNote(a, "x")
    assert cmd.merge_key() != SetHighlightNote(b, "y").merge_key()
    assert cmd.merge(SetHighlightNote(b, "y")) is False
    assert cmd.merge(SetStudyNote("y")) is False
    assert cmd.merge(SetHighlightCategory(a, "claim")) is False
    assert cmd.value == "x"


def test_set_study_note_apply_revert_and_merge(study):
    first = SetStudyNote("a")
    assert first.apply(study) == ChangeSet(study_changed=True)
    assert study.note == "a"
    later = SetStudyNote("ab")
    later.apply(study)
    assert first.merge_key() == later.merge_key() == ("study-note",)
    assert first.merge(later)
    assert first.text == "ab"
    assert first.merge(SetHighlightNote("h", "x")) is False
    assert first.revert(study) == ChangeSet(study_changed=True)
    assert study.note == "original study note"
    first.apply(study)
    assert study.note == "ab"


def test_set_study_note_from_empty_note_reverts_to_empty(study):
    study.note = ""
    cmd = SetStudyNote("something")
    cmd.apply(study)
    cmd.apply(study)  # a second redo must not capture the new text as "old"
    cmd.revert(study)
    assert study.note == ""


def test_non_mergeable_commands(study):
    h = new_highlight(study)
    assert AddHighlight(h).merge_key() is None
    assert DeleteHighlight(h.id).merge_key() is None
    assert SetHighlightCategory(h.id, "claim").merge_key() is None
    assert AddHighlight(h).merge(AddHighlight(h)) is False


def test_labels_are_set():
    assert AddHighlight.label == "Add highlight"
    assert SetStudyNote("x").label == "Edit study note"
    assert SetHighlightNote("h", "x").label == "Edit note"


def test_base_command_is_abstract(study):
    cmd = Command()
    with pytest.raises(NotImplementedError):
        cmd.apply(study)
    with pytest.raises(NotImplementedError):
        cmd.revert(study)
    assert cmd.merge_key() is None
    assert cmd.merge(Command()) is False


def test_changeset_truthiness():
    assert not ChangeSet()
    assert ChangeSet(highlights_changed={"h"})
    assert ChangeSet(study_changed=True)
    assert ChangeSet(documents_changed=True)
    assert not ChangeSet(highlights_changed={"h"}).highlight_set_changed
    assert ChangeSet(highlights_removed={"h"}).highlight_set_changed
    assert not hasattr(ChangeSet, "everything")  # a new study is drawn afresh instead


def test_a_command_records_who_ran_it_unless_it_says_not(study):
    """``stamps`` is True by default: the person running an edit becomes its creator
    (only a merge, which keeps the objects' own stamps, sets it False)."""
    reader = Person("A. Reader")
    h = new_highlight(study)
    Stamped(AddHighlight(h), reader, "2026-12-07T00:00:00Z").apply(study)
    assert study.highlights[h.id].creator == reader
    kept = new_highlight(study, "gamma")
    unstamped = AddHighlight(kept)
    unstamped.stamps = False
    Stamped(unstamped, reader, "2026-12-07T00:00:00Z").apply(study)
    assert study.highlights[kept.id].creator is None


def test_set_tags_stores_them_normalised_and_reverts(study):
    hid = ids(study)[0]
    command = SetHighlightTags(hid, [" Economy", "economy", "#oil "])
    assert command.apply(study) == ChangeSet(highlights_changed={hid},
                                             highlight_fields={"tags"})
    assert study.highlights[hid].tags == ["Economy", "oil"]
    assert command.revert(study) == ChangeSet(highlights_changed={hid},
                                              highlight_fields={"tags"})
    assert study.highlights[hid].tags == []


def test_set_category_checkable_marks_its_highlights_both_ways(study):
    """Its highlights' verdict column redraws on apply and on undo; other categories'
    highlights are not named."""
    evidence = {h.id for h in study.highlights.values() if h.category_id == "evidence"}
    assert len(evidence) == 1
    expected = ChangeSet(study_changed=True, highlights_changed=evidence,
                         highlight_fields={"verdict"})
    command = SetCategoryCheckable("evidence", True)
    assert command.apply(study) == expected
    assert study.category("evidence").checkable is True
    assert command.revert(study) == expected
    assert study.category("evidence").checkable is False
    claims = SetCategoryCheckable("claim", False)
    claims.apply(study)
    assert study.category("claim").checkable is False
    claims.revert(study)
    assert study.category("claim").checkable is True


def test_set_category_checkable_of_an_unknown_category_changes_nothing(study):
    before = copy.deepcopy(study)
    with pytest.raises(ValueError, match="unknown category nope"):
        SetCategoryCheckable("nope", True).apply(study)
    with pytest.raises(ValueError, match="unknown category nope"):
        SetCategoryCheckable("nope", True).revert(study)
    assert study == before
