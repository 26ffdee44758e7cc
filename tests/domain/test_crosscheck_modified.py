"""Verdict and citation edits stamp ``Highlight.modified`` as category, note and tag edits
do (ClaimReview dates a review by it); undo puts the old stamp back, redo the edit's own."""

import pytest

from desktop.domain.crosscheck import Stance, Verdict
from desktop.domain.crosscheck_commands import (
    AttachReference,
    DetachReference,
    EditCitation,
    SetVerdict,
)
from desktop.domain.model import Citation
from tests.domain.crosscheck_helpers import OLD, Snapshot, assert_same


@pytest.mark.parametrize(
    ("hid", "make"),
    [
        ("h-theta", lambda: SetVerdict("h-theta", Verdict.FALSE, "no source says so")),
        ("h-delta", lambda: SetVerdict("h-delta", Verdict.DISPUTED, "a new rationale")),
        ("h-theta", lambda: AttachReference("h-theta", Citation("r-a", Stance.SUPPORTS,
                                                                id="c-new"))),
        ("h-beta", lambda: DetachReference("h-beta", "c-beta-1")),
        ("h-beta", lambda: EditCitation("h-beta", "c-beta-0", Stance.CONTRADICTS, "on reflection")),
    ],
    ids=["verdict", "rationale", "attach", "detach", "edit-citation"],
)
def test_the_edit_stamps_the_highlight_and_undo_restores_it(study, hid, make):
    before = Snapshot(study)
    command = make()
    assert study.highlights[hid].modified == OLD
    command.apply(study)
    stamped = study.highlights[hid].modified
    assert stamped > OLD
    command.revert(study)
    assert study.highlights[hid].modified == OLD
    assert_same(study, before)
    command.apply(study)  # redo: the edit's own time, not a new one
    assert study.highlights[hid].modified == stamped


def test_editing_a_citation_stamps_the_citation_too(study):
    citation = study.highlights["h-beta"].citations[0]
    citation.modified = OLD
    command = EditCitation("h-beta", citation.id, Stance.CONTEXT, "context only")
    command.apply(study)
    assert citation.modified == study.highlights["h-beta"].modified > OLD
    command.revert(study)
    assert citation.modified == OLD
