"""Undoable judgements: a highlight's verdict and rationale, and a document's source
assessment (publisher, stance, trust, notes)."""

import pytest

from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Trust, Verdict
from desktop.domain.crosscheck_commands import SetDocumentSource, SetVerdict
from desktop.domain.model import SourceAssessment
from tests.domain.crosscheck_helpers import Snapshot, assert_same

# -- SetVerdict -----------------------------------------------------------------------------

@pytest.mark.parametrize("verdict", list(Verdict))
def test_set_verdict_apply_revert_apply(study, verdict):
    before = Snapshot(study)
    cmd = SetVerdict("h-delta", verdict, f"because {verdict.value} ✔")
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-delta"})
    h = study.highlights["h-delta"]
    assert (h.verdict, h.rationale) == (verdict, f"because {verdict.value} ✔")
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(highlights_changed={"h-delta"})
    assert (h.verdict, h.rationale) == (Verdict.DISPUTED, "two sources disagree")
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(highlights_changed={"h-delta"})
    assert_same(study, after)
    cmd.apply(study)
    cmd.revert(study)
    assert_same(study, before)


def test_set_verdict_on_unverified_highlight_reverts_to_unverified(study):
    h = study.highlights["h-theta"]
    assert (h.verdict, h.rationale) == (Verdict.UNVERIFIED, "")
    cmd = SetVerdict("h-theta", Verdict.FALSE, "the number is 5,000")
    cmd.apply(study)
    assert h.verdict.is_checked
    cmd.revert(study)
    assert (h.verdict, h.rationale) == (Verdict.UNVERIFIED, "")
    assert not h.verdict.is_checked


# -- SetDocumentSource ----------------------------------------------------------------------

@pytest.mark.parametrize("trust", list(Trust))
def test_set_document_source_apply_revert_apply(study, trust):
    doc = study.documents["d-1"]
    original = SourceAssessment("Old Press", "centre", Trust.MIXED, "old notes")
    doc.source = original
    before = Snapshot(study)
    new = SourceAssessment("خبرگزاری 😀", "state-run", trust, "funded by …")
    cmd = SetDocumentSource("d-1", new)
    assert cmd.apply(study) == ChangeSet(source_changed=True)
    assert doc.source == new
    assert doc.source.trust is trust
    assert doc.source is not new  # the study holds its own copy
    after = Snapshot(study)
    assert cmd.revert(study) == ChangeSet(source_changed=True)
    assert doc.source == SourceAssessment("Old Press", "centre", Trust.MIXED, "old notes")
    assert_same(study, before)
    assert cmd.apply(study) == ChangeSet(source_changed=True)
    assert_same(study, after)
    assert doc.source.trust is trust
    cmd.apply(study)
    cmd.revert(study)
    assert_same(study, before)


def test_set_document_source_from_empty_reverts_to_empty(study):
    doc = study.documents["d-1"]
    assert doc.source.is_empty
    cmd = SetDocumentSource("d-1", SourceAssessment(publisher="P", trust=Trust.HIGH))
    cmd.apply(study)
    assert not doc.source.is_empty
    cmd.apply(study)
    cmd.revert(study)
    assert doc.source == SourceAssessment()
    assert doc.source.is_empty
    assert doc.source.trust is Trust.UNKNOWN


def test_set_source_of_unknown_document_raises(study):
    before = Snapshot(study)
    with pytest.raises(KeyError):
        SetDocumentSource("d-missing", SourceAssessment(publisher="x")).apply(study)
    assert_same(study, before)
