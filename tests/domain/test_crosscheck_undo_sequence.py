"""A whole editing session: every kind of cross-checking command applied in turn, undone in
reverse back to the exact start, then redone to the exact end."""

import copy

from desktop.domain.commands import DeleteHighlight
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    DeleteLink,
    DeleteReference,
    DetachReference,
    EditCitation,
    EditReference,
    SetDocumentSource,
    SetVerdict,
)
from desktop.domain.model import Citation, Link, SourceAssessment
from tests.domain.crosscheck_helpers import Snapshot, assert_same, orders, ref

# -- a whole session: many commands undone in reverse order ---------------------------------

def test_many_commands_undone_in_reverse_restore_the_start(study):
    start = copy.deepcopy(study)
    start_orders = orders(study)
    commands = [
        AddReference(ref("r-new", title="new")),
        AttachReference("h-theta", Citation("r-new", Stance.SUPPORTS, "x", id="c-t")),
        EditCitation("h-beta", "c-beta-0", Stance.CONTRADICTS, "changed"),
        SetVerdict("h-beta", Verdict.MISLEADING, "cherry-picked"),
        AddLink(Link("h-theta", "h-delta", Relation.ELABORATES, id="l-5")),
        DeleteLink("l-2"),
        DeleteReference("r-a"),
        DetachReference("h-zeta", "c-zeta-1"),
        EditReference(ref("r-b", title="renamed")),
        SetDocumentSource("d-1", SourceAssessment("P", "S", Trust.LOW, "N")),
        DeleteHighlight("h-delta"),
        DeleteReference("r-new"),
    ]
    for cmd in commands:
        cmd.apply(study)
    end = Snapshot(study)
    assert "h-delta" not in study.highlights
    assert list(study.links) == ["l-3", "l-4"]
    assert list(study.references) == ["r-b", "r-c"]
    for cmd in reversed(commands):
        cmd.revert(study)
    assert study == start
    assert orders(study) == start_orders
    for cmd in commands:  # redo everything
        cmd.apply(study)
    assert_same(study, end)


def test_deleting_a_highlight_names_what_must_redraw(study):
    """The linked highlights lose (and on undo regain) a link, the cited references a
    citation: the change set names them both ways, so their views redraw."""
    cmd = DeleteHighlight("h-delta")
    changes = cmd.apply(study)
    assert changes.highlights_removed == {"h-delta"} and changes.links_changed
    assert changes.highlights_changed == {"h-beta", "h-zeta"}  # l-1 and l-2
    assert changes.references_changed == {"r-a", "r-b"}
    undone = cmd.revert(study)
    assert undone.highlights_added == {"h-delta"} and undone.links_changed
    assert undone.highlights_changed == {"h-beta", "h-zeta"}
    assert undone.references_changed == {"r-a", "r-b"}
