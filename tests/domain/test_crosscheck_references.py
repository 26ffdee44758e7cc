"""Undoable library edits: add, edit and delete references (deleting detaches every citation
and undo puts each back at its index), plus the Reference basics: new ids and display title."""

import dataclasses

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.crosscheck_commands import AddReference, DeleteReference, EditReference
from desktop.domain.model import Citation, Link, Reference
from tests.domain.crosscheck_helpers import OLD, Snapshot, assert_same, cite_ids, ref

# -- AddReference ---------------------------------------------------------------------------

def test_add_reference_apply_revert_apply(study):
    before = Snapshot(study)
    new = ref("r-new", url="https://new.example/", title="Новый 😀")
    cmd = AddReference(new)
    assert cmd.apply(study) == ChangeSet(references_changed={"r-new"})
    assert list(study.references) == ["r-a", "r-b", "r-c", "r-new"]
    assert study.references["r-new"] is new
    assert study.citations_of("r-new") == []
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(references_changed={"r-new"})
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(references_changed={"r-new"})
    assert_same(study, after)
    assert study.references["r-new"] is new


def test_add_reference_duplicate_id_raises_and_changes_nothing(study):
    before = Snapshot(study)
    with pytest.raises(ValueError, match="duplicate reference id r-b"):
        AddReference(ref("r-b", title="impostor")).apply(study)
    assert_same(study, before)
    assert study.references["r-b"].title == "Title r-b"


# -- EditReference --------------------------------------------------------------------------

EDITED_FIELDS = dict(
    url="https://example.org/آزمون?q=😀",
    title="گزارش «نجبا» 😀",
    author="Ζωή Δ.",
    published="2024-02-29",
    accessed="2026-11-20",
    excerpt="“9,000 troops” — line one\nline two",
    note="**why** it matters",
)


def test_edit_reference_keeps_id_and_revert_restores_all_fields(study):
    original = dataclasses.asdict(study.references["r-b"])
    before = Snapshot(study)
    edited = Reference(id="r-b", created=OLD, modified=OLD, **EDITED_FIELDS)
    cmd = EditReference(edited)
    changes = cmd.apply(study)
    assert changes == ChangeSet(
        references_changed={"r-b"}, highlights_changed={"h-beta", "h-delta", "h-zeta"}
    )
    stored = study.references["r-b"]
    assert stored.id == "r-b"
    for name, value in EDITED_FIELDS.items():
        assert getattr(stored, name) == value, name
    assert stored.created == OLD
    assert stored.modified != OLD  # the edit time is recorded
    assert list(study.references) == ["r-a", "r-b", "r-c"]  # stays in place in the library
    assert edited.modified == OLD  # the command's own value is not mutated
    # citations still point at the same id, so every user sees the new title
    assert [h.id for h, _ in study.citations_of("r-b")] == ["h-beta", "h-delta", "h-zeta", "h-zeta"]
    assert cmd.revert(study) == ChangeSet(
        references_changed={"r-b"}, highlights_changed={"h-beta", "h-delta", "h-zeta"}
    )
    assert dataclasses.asdict(study.references["r-b"]) == original
    assert_same(study, before)
    cmd.apply(study)  # redo
    for name, value in EDITED_FIELDS.items():
        assert getattr(study.references["r-b"], name) == value, name
    assert study.references["r-b"].id == "r-b"
    cmd.apply(study)  # applied twice: the first old value is kept
    cmd.revert(study)
    assert dataclasses.asdict(study.references["r-b"]) == original
    assert_same(study, before)


def test_edit_reference_back_to_empty_fields(study):
    original = dataclasses.asdict(study.references["r-a"])
    cmd = EditReference(Reference(id="r-a", created=OLD))
    cmd.apply(study)
    r = study.references["r-a"]
    assert (r.url, r.title, r.author, r.note) == ("", "", "", "")
    assert r.display_title == "Untitled reference"
    cmd.revert(study)
    assert dataclasses.asdict(study.references["r-a"]) == original
    assert study.references["r-a"].display_title == "Title r-a"


def test_edit_uncited_reference_changes_no_highlight(study):
    new = ref("r-lonely")
    AddReference(new).apply(study)
    changes = EditReference(ref("r-lonely", title="x")).apply(study)
    assert changes == ChangeSet(references_changed={"r-lonely"})


def test_edit_unknown_reference_raises(study):
    before = Snapshot(study)
    with pytest.raises(KeyError):
        EditReference(ref("r-missing")).apply(study)
    assert_same(study, before)


# -- DeleteReference ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("rid", "users", "left"),
    [
        ("r-a", {"h-beta", "h-delta"},
         {"h-beta": ["c-beta-1", "c-beta-2"], "h-delta": ["c-delta-0"],
          "h-zeta": ["c-zeta-0", "c-zeta-1", "c-zeta-2"], "h-theta": []}),
        ("r-b", {"h-beta", "h-delta", "h-zeta"},
         {"h-beta": ["c-beta-0", "c-beta-2"], "h-delta": ["c-delta-1"],
          "h-zeta": ["c-zeta-1"], "h-theta": []}),
        ("r-c", {"h-beta", "h-zeta"},
         {"h-beta": ["c-beta-0", "c-beta-1"], "h-delta": ["c-delta-0", "c-delta-1"],
          "h-zeta": ["c-zeta-0", "c-zeta-2"], "h-theta": []}),
    ],
)
def test_delete_reference_everywhere_and_restore_in_place(study, rid, users, left):
    before = Snapshot(study)
    original_citations = {c.id: c for h in study.highlights.values() for c in h.citations}
    library = list(study.references)
    cmd = DeleteReference(rid)
    changes = cmd.apply(study)
    assert changes == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert rid not in study.references
    assert list(study.references) == [r for r in library if r != rid]
    assert study.citations_of(rid) == []
    assert {h.id: cite_ids(study, h.id) for h in study.highlights.values()} == left
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert_same(study, before)  # reference at its library position, citations at their indices
    for h in study.highlights.values():
        for c in h.citations:
            assert c is original_citations[c.id]  # the very same objects come back
    assert cmd.apply(study) == ChangeSet(references_changed={rid}, highlights_changed=users)
    assert_same(study, after)
    cmd.revert(study)
    assert_same(study, before)


def test_delete_reference_cited_repeatedly_restores_exact_order(study):
    cited = [("x", "r-a"), ("y", "r-a"), ("z", "r-c"), ("w", "r-a"), ("v", "r-b")]
    study.highlights["h-theta"].citations = [Citation(r, id=f"c-{n}") for n, r in cited]
    before = Snapshot(study)
    cmd = DeleteReference("r-a")
    cmd.apply(study)
    assert cite_ids(study, "h-theta") == ["c-z", "c-v"]
    cmd.revert(study)
    assert cite_ids(study, "h-theta") == ["c-x", "c-y", "c-z", "c-w", "c-v"]
    assert_same(study, before)


def test_delete_uncited_reference(study):
    AddReference(ref("r-lonely")).apply(study)
    before = Snapshot(study)
    cmd = DeleteReference("r-lonely")
    assert cmd.apply(study) == ChangeSet(references_changed={"r-lonely"})
    assert list(study.references) == ["r-a", "r-b", "r-c"]
    assert cmd.revert(study) == ChangeSet(references_changed={"r-lonely"})
    assert_same(study, before)


def test_delete_reference_then_delete_another_undo_in_reverse(study):
    before = Snapshot(study)
    first, second = DeleteReference("r-b"), DeleteReference("r-a")
    first.apply(study)
    second.apply(study)
    assert list(study.references) == ["r-c"]
    assert cite_ids(study, "h-beta") == ["c-beta-2"]
    assert cite_ids(study, "h-delta") == []
    second.revert(study)
    first.revert(study)
    assert_same(study, before)


def test_delete_unknown_reference_raises(study):
    before = Snapshot(study)
    with pytest.raises(ValueError):
        DeleteReference("r-missing").apply(study)
    assert_same(study, before)


def test_new_objects_get_distinct_prefixed_ids():
    a, b = Reference(), Reference()
    assert a.id != b.id and a.id.startswith("r-")
    assert Citation("r-1").id.startswith("c-")
    assert Citation("r-1").stance is Stance.UNCLEAR
    assert Link("h-1", "h-2").id.startswith("l-")
    assert Link("h-1", "h-2").relation is Relation.SEE_ALSO


def test_reference_display_title():
    assert Reference(title="T", url="https://u").display_title == "T"
    assert Reference(url="https://u").display_title == "https://u"
    assert Reference().display_title == "Untitled reference"
