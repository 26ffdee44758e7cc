"""What removing a document or deleting a reference takes with it, and the question
that says so (decided below the UI; the UI only asks)."""

from desktop.domain.crosscheck import Stance
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Citation, Document, Link, Reference
from desktop.domain.removal import DocumentRemoval, ReferenceDeletion


def two_documents():
    first = Document(text="alpha beta gamma", title="First")
    second = Document(text="delta epsilon", title="Second")
    study = new_study_for(first)
    study.documents[second.id] = second
    a = make_highlight(first, 0, 5, "claim")
    b = make_highlight(second, 0, 5, "claim")
    c = make_highlight(second, 6, 13, "quote")
    for h in (a, b, c):
        study.highlights[h.id] = h
    link = Link(a.id, b.id)
    study.links[link.id] = link
    return study, first, second, (a, b, c)


def test_removing_a_document_takes_its_highlights_and_their_links():
    study, _first, second, (_a, b, c) = two_documents()
    removal = DocumentRemoval.of(study, second.id)
    assert {h.id for h in removal.highlights} == {b.id, c.id}
    assert removal.links == 1
    assert removal.question() == (
        "Remove “Second” from the study?\n\nIts 2 highlights, with their notes, verdicts "
        "and references, go with it, and 1 link to other passages.\n\n"
        "Undo brings everything back.")


def test_a_document_without_highlights_only_asks():
    study, _first, _second, _ = two_documents()
    empty = Document(text="nothing", title="Empty")
    study.documents[empty.id] = empty
    removal = DocumentRemoval.of(study, empty.id)
    assert (removal.highlights, removal.links) == ([], 0)
    assert removal.question() == ("Remove “Empty” from the study?\n\n"
                                  "Undo brings everything back.")


def test_one_highlight_and_no_links_in_the_singular():
    study, first, *_ = two_documents()
    study.links.clear()
    assert "Its 1 highlight, with" in DocumentRemoval.of(study, first.id).question()
    assert DocumentRemoval.of(study, first.id).question().count("link") == 0


def test_deleting_a_reference_lists_the_citations_that_go():
    study, _first, _second, highlights = two_documents()
    ref = Reference(title="Pentagon count")
    study.references[ref.id] = ref
    for h in highlights:
        h.citations.append(Citation(ref.id, Stance.CONTRADICTS))
    deletion = ReferenceDeletion.of(study, ref.id)
    assert len(deletion.uses) == 3
    question = deletion.question()
    assert question.startswith("Delete “Pentagon count” from the study's references?")
    assert "attached to 3 highlights, which will lose it:" in question
    assert question.count("• ") == 3


def test_only_eight_citations_are_named():
    doc = Document(text="word " * 20, title="W")
    study = new_study_for(doc)
    ref = Reference(title="R")
    study.references[ref.id] = ref
    for i in range(10):
        h = make_highlight(doc, i * 5, i * 5 + 4, "claim")
        h.citations.append(Citation(ref.id))
        study.highlights[h.id] = h
    question = ReferenceDeletion.of(study, ref.id).question()
    assert question.count("• ") == 8 and question.endswith("\n… and 2 more")


def test_an_unused_reference_is_only_named():
    study, *_ = two_documents()
    ref = Reference(title="Unused")
    study.references[ref.id] = ref
    assert ReferenceDeletion.of(study, ref.id).question() == (
        "Delete “Unused” from the study's references?")
