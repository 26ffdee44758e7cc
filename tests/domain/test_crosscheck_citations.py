"""Undoable citations: attach and detach a reference on a highlight, edit a citation's stance
and comment, and the `citations_of` query that lists every use of a reference."""

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Stance
from desktop.domain.crosscheck_commands import (
    AddReference,
    AttachReference,
    DeleteReference,
    DetachReference,
    EditCitation,
)
from desktop.domain.model import Citation
from tests.domain.crosscheck_helpers import Snapshot, assert_same, cite_ids, ref

# -- AttachReference / DetachReference ------------------------------------------------------

def test_attach_reference_apply_revert_apply(study):
    before = Snapshot(study)
    citation = Citation("r-c", Stance.CONTRADICTS, "fresh", id="c-new")
    cmd = AttachReference("h-delta", citation)
    expected = ChangeSet(highlights_changed={"h-delta"}, references_changed={"r-c"})
    assert cmd.apply(study) == expected
    assert cite_ids(study, "h-delta") == ["c-delta-0", "c-delta-1", "c-new"]
    assert study.highlights["h-delta"].citations[-1] is citation
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert cmd.apply(study) == expected
    assert_same(study, after)


def test_attach_unknown_reference_raises_and_changes_nothing(study):
    before = Snapshot(study)
    cmd = AttachReference("h-theta", Citation("r-missing", Stance.SUPPORTS, id="c-x"))
    with pytest.raises(ValueError, match="unknown reference r-missing"):
        cmd.apply(study)
    assert_same(study, before)
    assert study.highlights["h-theta"].citations == []


def test_same_reference_on_two_highlights_with_own_stance_and_comment(study):
    AddReference(ref("r-new", title="Shared")).apply(study)
    on_beta = Citation("r-new", Stance.SUPPORTS, "backs the first", id="c-nb")
    on_theta = Citation("r-new", Stance.CONTRADICTS, "refutes the second", id="c-nt")
    AttachReference("h-beta", on_beta).apply(study)
    AttachReference("h-theta", on_theta).apply(study)
    uses = study.citations_of("r-new")
    assert [(h.id, c.id, c.stance, c.comment) for h, c in uses] == [
        ("h-beta", "c-nb", Stance.SUPPORTS, "backs the first"),
        ("h-theta", "c-nt", Stance.CONTRADICTS, "refutes the second"),
    ]
    assert uses[0][0] is study.highlights["h-beta"] and uses[0][1] is on_beta
    # editing one citation leaves the other alone
    edit = EditCitation("h-theta", "c-nt", Stance.CONTEXT, "only context")
    edit.apply(study)
    assert (on_theta.stance, on_theta.comment) == (Stance.CONTEXT, "only context")
    assert (on_beta.stance, on_beta.comment) == (Stance.SUPPORTS, "backs the first")
    edit.revert(study)
    assert (on_theta.stance, on_theta.comment) == (Stance.CONTRADICTS, "refutes the second")
    # detaching one keeps the other and the library entry
    detach = DetachReference("h-beta", "c-nb")
    detach.apply(study)
    assert [(h.id, c.id) for h, c in study.citations_of("r-new")] == [("h-theta", "c-nt")]
    assert "r-new" in study.references
    detach.revert(study)
    assert [(h.id, c.id) for h, c in study.citations_of("r-new")] == [
        ("h-beta", "c-nb"), ("h-theta", "c-nt")]
    # deleting the reference removes both, and undo returns both
    before = Snapshot(study)
    delete = DeleteReference("r-new")
    assert delete.apply(study) == ChangeSet(
        references_changed={"r-new"}, highlights_changed={"h-beta", "h-theta"})
    assert study.citations_of("r-new") == []
    assert cite_ids(study, "h-beta") == ["c-beta-0", "c-beta-1", "c-beta-2"]
    assert cite_ids(study, "h-theta") == []
    delete.revert(study)
    assert_same(study, before)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_detach_reference_apply_revert_apply(study, index):
    before = Snapshot(study)
    ids = cite_ids(study, "h-zeta")
    victim = study.highlights["h-zeta"].citations[index]
    cmd = DetachReference("h-zeta", victim.id)
    expected = ChangeSet(highlights_changed={"h-zeta"}, references_changed={victim.reference_id})
    assert cmd.apply(study) == expected
    assert cite_ids(study, "h-zeta") == [c for c in ids if c != victim.id]
    after = Snapshot(study)
    assert cmd.revert(study) == expected
    assert_same(study, before)
    assert study.highlights["h-zeta"].citations[index] is victim
    assert cmd.apply(study) == expected
    assert_same(study, after)
    cmd.revert(study)
    assert_same(study, before)


def test_detach_changeset_names_the_reference(study):
    changes = DetachReference("h-beta", "c-beta-2").apply(study)
    assert changes.references_changed == {"r-c"}


# -- EditCitation ---------------------------------------------------------------------------

@pytest.mark.parametrize("stance", list(Stance))
def test_edit_citation_apply_revert_apply(study, stance):
    before = Snapshot(study)
    cmd = EditCitation("h-beta", "c-beta-1", stance, "new comment 😀")
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-beta"})
    c = study.highlights["h-beta"].citations[1]
    assert (c.id, c.reference_id, c.stance, c.comment) == (
        "c-beta-1", "r-b", stance, "new comment 😀")
    # the same reference cited elsewhere keeps its own stance and comment
    other = study.highlights["h-delta"].citations[0]
    assert (other.stance, other.comment) == (Stance.UNCLEAR, "b on delta")
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(highlights_changed={"h-beta"})
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-beta"})
    assert_same(study, after)
    cmd.apply(study)  # twice: the original is kept, not the edited value
    cmd.revert(study)
    assert_same(study, before)


def test_citations_of(study):
    pairs = study.citations_of("r-b")
    assert [(h.id, c.id) for h, c in pairs] == [
        ("h-beta", "c-beta-1"), ("h-delta", "c-delta-0"),
        ("h-zeta", "c-zeta-0"), ("h-zeta", "c-zeta-2"),
    ]
    for h, c in pairs:
        assert h is study.highlights[h.id]
        assert c in h.citations and c.reference_id == "r-b"
    assert [(h.id, c.stance) for h, c in study.citations_of("r-a")] == [
        ("h-beta", Stance.SUPPORTS), ("h-delta", Stance.SUPPORTS)]
    assert study.citations_of("r-missing") == []
    AddReference(ref("r-lonely")).apply(study)
    assert study.citations_of("r-lonely") == []
