"""Document commands: add, remove, update from a new version, re-attach. Every one
reverts to the exact study it started from, and redoes to the same result."""

import copy

import pytest

from desktop.domain.commands import AddHighlight
from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.crosscheck_commands import AddLink
from desktop.domain.document_commands import (
    AddDocument,
    ReattachHighlight,
    RemoveDocument,
    UpdateDocumentText,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Document, Link, Reference

ARTICLE = (
    "The minister said on Tuesday that the bridge would open in May.\n\n"
    "Critics noted that the budget had doubled since the plan was announced.\n\n"
    "A spokesman declined to comment on the delays at the northern end.\n\n"
    "Residents welcomed the news but asked about tolls."
)
# A corrected version: a new lead paragraph (everything below moves), one word changed
# inside the budget sentence, and the spokesman's sentence deleted.
CORRECTED = (
    "UPDATED with a correction from the ministry.\n\n"
    + ARTICLE.replace("had doubled", "had tripled").replace(
        "A spokesman declined to comment on the delays at the northern end.\n\n", ""
    )
)
OTHER = "A second article about the same bridge, from another paper."


def put(study, document, phrase, category="claim"):
    start = document.text.index(phrase)
    h = make_highlight(document, start, start + len(phrase), category)
    AddHighlight(h).apply(study)
    return h


@pytest.fixture
def world():
    main = Document(ARTICLE, "Bridge article")
    study = new_study_for(main)
    second = Document(OTHER, "Second article")
    study.documents[second.id] = second
    ref = Reference(url="https://example.org", title="Budget office")
    study.references[ref.id] = ref
    hs = {
        "moved": put(study, main, "the bridge would open in May"),
        "changed": put(study, main, "the budget had doubled since the plan was announced"),
        "orphaned": put(study, main, "A spokesman declined to comment on the delays"),
        "other": put(study, second, "from another paper"),
    }
    hs["changed"].citations.append(Citation(ref.id, Stance.CONTRADICTS, "tripled, in fact"))
    hs["orphaned"].note = "Who is the spokesman?"
    link = Link(hs["other"].id, hs["orphaned"].id, Relation.SAME_CLAIM)
    AddLink(link).apply(study)
    return study, main, second, hs


def fingerprint(study):
    return copy.deepcopy(study)


def test_add_document_apply_revert_reapply(world):
    study, *_ = world
    before = fingerprint(study)
    new = Document("Third text.", "Third")
    command = AddDocument(new)
    changes = command.apply(study)
    assert changes.documents_changed and list(study.documents)[-1] == new.id
    command.revert(study)
    assert study == before
    command.apply(study)
    assert study.documents[new.id] is new


def test_add_document_refuses_a_duplicate_id(world):
    study, main, *_ = world
    with pytest.raises(ValueError, match="duplicate"):
        AddDocument(main).apply(study)


def test_remove_document_takes_highlights_links_and_citations_and_undo_restores(world):
    study, main, second, hs = world
    before = fingerprint(study)
    command = RemoveDocument(main.id)
    changes = command.apply(study)
    assert list(study.documents) == [second.id]
    assert list(study.highlights) == [hs["other"].id]
    assert study.links == {}
    assert changes.highlights_removed == {hs[k].id for k in ("moved", "changed", "orphaned")}
    assert changes.highlights_changed == {hs["other"].id}  # lost its link
    assert changes.references_changed == {next(iter(study.references))}
    command.revert(study)
    assert study == before
    assert list(study.documents) == list(before.documents)  # order too
    assert list(study.highlights) == list(before.highlights)
    command.apply(study)
    command.revert(study)
    assert study == before


def test_the_last_document_cannot_be_removed(world):
    study, main, second, _ = world
    RemoveDocument(second.id).apply(study)
    with pytest.raises(ValueError, match="at least one"):
        RemoveDocument(main.id).apply(study)


def test_update_places_moved_changed_and_orphaned_and_keeps_the_old_text(world):
    study, main, _, hs = world
    command = UpdateDocumentText(main.id, CORRECTED, replaced="2026-11-27T03:00:00Z")
    changes = command.apply(study)
    assert changes.documents_changed
    assert main.text == CORRECTED
    assert [(v.text, v.title, v.replaced) for v in main.versions] == [
        (ARTICLE, "Bridge article", "2026-11-27T03:00:00Z")]
    status = {p.highlight_id: p.status for p in command.placements}
    assert status == {hs["moved"].id: "moved", hs["changed"].id: "changed",
                      hs["orphaned"].id: "orphaned"}
    assert command.counts() == {"unchanged": 0, "moved": 1, "changed": 1, "orphaned": 1}
    moved, changed, orphan = hs["moved"], hs["changed"], hs["orphaned"]
    assert CORRECTED[moved.start:moved.end] == moved.quote.exact == "the bridge would open in May"
    assert moved.quote.prefix.endswith("said on Tuesday that ")
    assert changed.quote.exact == CORRECTED[changed.start:changed.end]
    assert "tripled" in changed.quote.exact
    assert orphan.is_orphan and orphan.quote.exact.startswith("A spokesman")
    assert orphan.note == "Who is the spokesman?"  # an orphan keeps its note
    assert hs["other"].start == OTHER.index("from another paper")  # other documents untouched


def test_update_undo_restores_text_positions_and_quotes_exactly(world):
    study, main, *_ = world
    before = fingerprint(study)
    command = UpdateDocumentText(main.id, CORRECTED)
    command.apply(study)
    after = fingerprint(study)
    command.revert(study)
    assert study == before
    assert main.versions == []
    command.apply(study)  # redo reuses the placements
    assert study == after


def test_update_keeps_a_new_title_when_given(world):
    study, main, *_ = world
    UpdateDocumentText(main.id, CORRECTED, title="Bridge article (corrected)").apply(study)
    assert main.title == "Bridge article (corrected)"
    assert main.versions[0].title == "Bridge article"


def test_two_updates_stack_versions_oldest_first(world):
    study, main, *_ = world
    first = UpdateDocumentText(main.id, CORRECTED)
    second = UpdateDocumentText(main.id, CORRECTED + "\n\nLate addition.")
    first.apply(study)
    second.apply(study)
    assert [v.text for v in main.versions] == [ARTICLE, CORRECTED]
    second.revert(study)
    assert [v.text for v in main.versions] == [ARTICLE] and main.text == CORRECTED


def test_reattach_places_an_orphan_and_undo_makes_it_an_orphan_again(world):
    study, main, _, hs = world
    UpdateDocumentText(main.id, CORRECTED).apply(study)
    orphan = hs["orphaned"]
    before = fingerprint(study)
    phrase = "Residents welcomed the news"
    start = CORRECTED.index(phrase)
    command = ReattachHighlight(orphan.id, start, start + len(phrase))
    changes = command.apply(study)
    assert orphan.id in changes.highlights_changed and changes.documents_changed
    assert (orphan.start, orphan.end, orphan.quote.exact) == (start, start + len(phrase), phrase)
    assert orphan.note == "Who is the spokesman?" and len(study.links_of(orphan.id)) == 1
    command.revert(study)
    assert study == before and orphan.is_orphan
    command.apply(study)
    assert orphan.quote.exact == phrase


@pytest.mark.parametrize("span", [(5, 5), (-1, 3), (0, len(ARTICLE) + 1)])
def test_reattach_refuses_a_span_outside_the_text(world, span):
    study, _, _, hs = world
    with pytest.raises(ValueError):
        ReattachHighlight(hs["moved"].id, *span).apply(study)


def test_update_takes_the_new_styles_and_source_map_and_undo_restores_them(world):
    study, main, *_ = world
    main.styles, main.source_map = [(0, 3, "bold")], [(0, 2, 10)]
    command = UpdateDocumentText(main.id, CORRECTED, styles=[(0, 7, "heading1")],
                                 source_map=[(0, 2, 7), (9, 20, 4)])
    command.apply(study)
    assert (main.styles, main.source_map) == ([(0, 7, "heading1")], [(0, 2, 7), (9, 20, 4)])
    command.revert(study)
    assert (main.styles, main.source_map) == ([(0, 3, "bold")], [(0, 2, 10)])
    UpdateDocumentText(main.id, ARTICLE + " More.").apply(study)  # None keeps them
    assert (main.styles, main.source_map) == ([(0, 3, "bold")], [(0, 2, 10)])


def test_update_takes_the_new_readings_and_undo_restores_them(world):
    study, main, *_ = world
    main.readings = [(0, 3, "old")]
    command = UpdateDocumentText(main.id, CORRECTED, readings=[(2, 4, "new")])
    command.apply(study)
    assert main.readings == [(2, 4, "new")]
    command.revert(study)
    assert main.readings == [(0, 3, "old")]
