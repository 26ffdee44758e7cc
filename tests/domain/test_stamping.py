"""Who did what: every command, run through ``Stamped``, records its person and time.

Older objects (creator None) stay "unknown" as creators and gain an editor when edited;
undo puts every stamp back; typing merges into one step with the last keystroke's time.
"""

from desktop.domain.commands import (
    AddHighlight,
    DeleteHighlight,
    SetHighlightNote,
    SetHighlightTags,
)
from desktop.domain.crosscheck import Relation, Stance, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    DeleteLink,
    DeleteReference,
    EditCitation,
    EditReference,
    SetVerdict,
)
from desktop.domain.factory import make_highlight
from desktop.domain.identity import Person
from desktop.domain.model import Citation, Link, Reference
from desktop.domain.revisions import content_rev
from desktop.domain.stamping import Stamped
from desktop.domain.verdicts import verdict_byline
from tests.domain.crosscheck_helpers import OLD, Snapshot, assert_same

RAHIMI = Person("A. Rahimi", "Factcheck Desk")
LEE = Person("B. Lee")


def run(study, command, person=RAHIMI, when="2026-12-03T10:00:00Z"):
    stamped = Stamped(command, person, when)
    stamped.apply(study)
    return stamped


def test_new_highlight_records_its_creator(study):
    doc = study.main_document
    h = make_highlight(doc, 0, 5, "claim")
    run(study, AddHighlight(h))
    assert study.highlights[h.id].creator == RAHIMI
    assert study.highlights[h.id].editor is None


def test_older_highlight_gains_an_editor_and_keeps_unknown_creator(study):
    h = study.highlights["h-beta"]
    assert h.creator is None
    snap = Snapshot(study)
    stamped = run(study, SetHighlightNote("h-beta", "new words"))
    assert (h.creator, h.editor, h.modified) == (None, RAHIMI, "2026-12-03T10:00:00Z")
    stamped.revert(study)
    assert_same(study, snap)
    stamped.apply(study)  # redo: the same stamps again
    assert h.editor == RAHIMI and h.note == "new words"


def test_tags_and_category_edits_stamp_the_editor(study):
    run(study, SetHighlightTags("h-delta", ["economy"]), LEE)
    assert study.highlights["h-delta"].editor == LEE


def test_citation_attach_and_edit_are_stamped(study):
    citation = Citation("r-a", Stance.SUPPORTS, "")
    run(study, AttachReference("h-theta", citation))
    assert citation.creator == RAHIMI
    assert study.highlights["h-theta"].editor is None  # its content did not change
    run(study, EditCitation("h-theta", citation.id, Stance.CONTRADICTS, "no"), LEE)
    assert (citation.creator, citation.editor) == (RAHIMI, LEE)


def test_links_and_references_are_stamped(study):
    link = Link("h-beta", "h-theta", Relation.SEE_ALSO)
    run(study, AddLink(link))
    assert link.creator == RAHIMI
    ref = Reference(title="New", created=OLD, modified=OLD)
    run(study, AddReference(ref), LEE)
    assert study.references[ref.id].creator == LEE
    from dataclasses import replace

    run(study, EditReference(replace(study.references["r-a"], title="Changed")))
    assert study.references["r-a"].editor == RAHIMI and study.references["r-a"].creator is None


def test_deleting_leaves_tombstones_that_undo_removes(study):
    rev = content_rev(study.highlights["h-theta"])
    stamped = run(study, DeleteHighlight("h-theta"))
    assert study.deleted["h-theta"] == [rev]
    assert "l-4" in study.deleted  # the link went with it
    stamped.revert(study)
    assert study.deleted == {}
    run(study, DeleteLink("l-1"))
    run(study, DeleteReference("r-c"))
    assert {"l-1", "r-c"} <= set(study.deleted)


def test_typing_merges_into_one_step_with_the_first_before(study):
    h = study.highlights["h-zeta"]
    first = run(study, SetHighlightNote("h-zeta", "a"), when="2026-12-03T10:00:00Z")
    later = run(study, SetHighlightNote("h-zeta", "ab"), when="2026-12-03T10:00:05Z")
    assert first.merge(later)
    first.revert(study)
    assert (h.note, h.editor, h.modified) == ("note on zeta", None, OLD)
    first.apply(study)
    assert (h.note, h.editor, h.modified) == ("ab", RAHIMI, "2026-12-03T10:00:05Z")


def test_verdict_is_a_review_in_the_history_with_its_byline(study):
    h = study.highlights["h-beta"]
    assert verdict_byline(h) == ""
    run(study, SetVerdict("h-beta", Verdict.FALSE, "wrong"))
    assert verdict_byline(h) == "verdict by A. Rahimi (Factcheck Desk), 3 Dec"
    assert [(r.value, r.by, r.kind) for r in h.reviews] == [(Verdict.FALSE, RAHIMI, "review")]


def test_reviews_side_by_side_agreement_blind_and_ruling(study):
    from desktop.domain.verdicts import agreement, progress, ruling, status, visible_reviews

    h = study.highlights["h-beta"]
    assert status(h) == "draft"
    run(study, SetVerdict("h-beta", Verdict.FALSE, "wrong"), RAHIMI)
    run(study, SetVerdict("h-beta", Verdict.FALSE, "no"), LEE)
    run(study, SetVerdict("h-beta", Verdict.DISPUTED, "unsure"), Person("C. Diaz"))
    assert agreement(h) == "3 reviewers: ✘ ✘ ⚖"
    assert status(h) == "reviewed"
    assert visible_reviews(h, Person("D. New"), blind=True) == []
    assert len(visible_reviews(h, LEE, blind=True)) == 3
    editor = Person("E. Editor")
    run(study, SetVerdict("h-beta", Verdict.MISLEADING, "ruled so", ruling=True), editor)
    assert status(h) == "ruled" and ruling(h).by == editor
    assert h.verdict is Verdict.MISLEADING
    run(study, SetVerdict("h-beta", Verdict.SUPPORTED, "changed my mind"), LEE)
    assert h.verdict is Verdict.MISLEADING  # the ruling stays the published verdict
    assert len(h.reviews) == 5  # the history keeps every verdict
    assert progress(study.highlights.values()).summary == (
        "2 of 4 claims checked, 1 reviewed, 1 ruled")  # h-delta's verdict predates reviews


def test_rationale_typing_by_the_same_person_replaces_their_last_entry(study):
    h = study.highlights["h-beta"]
    first = run(study, SetVerdict("h-beta", Verdict.FALSE, "w"))
    later = run(study, SetVerdict("h-beta", Verdict.FALSE, "wrong"))
    assert first.merge(later)
    assert [r.rationale for r in h.reviews] == ["wrong"]
    first.revert(study)
    assert h.reviews == [] and h.verdict is Verdict.UNVERIFIED
    first.apply(study)
    assert [r.rationale for r in h.reviews] == ["wrong"]


def test_one_persons_verdict_is_a_draft_a_second_reviewer_makes_it_reviewed(study):
    from desktop.domain.verdicts import status

    h = study.highlights["h-theta"]
    run(study, SetVerdict("h-theta", Verdict.FALSE, ""), RAHIMI)
    run(study, SetVerdict("h-theta", Verdict.DISPUTED, "on reflection"), RAHIMI)
    assert status(h) == "draft" and len(h.reviews) == 2
    run(study, SetVerdict("h-theta", Verdict.DISPUTED, "agree"), LEE)
    assert status(h) == "reviewed"
