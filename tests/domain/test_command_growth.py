"""Undoable commands cost time linear in what they touch: undo of a removal that
restores thousands of items must not rebuild the study once per item.

Ratios of 4n over n (best of three), never absolute times; a quadratic cost gives
~16, which the margin (``LINEAR`` = 8) cannot let through.
"""

from desktop.bench.growth import LINEAR, growth
from desktop.domain.commands import DeleteHighlight, insert_all
from desktop.domain.crosscheck import Relation
from desktop.domain.document_commands import RemoveDocument
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document, Link


def _two_documents(n: int):
    """A study whose second document holds ``n`` highlights interleaved with the
    first's, and links between them, so undo must put each back in its place."""
    first = Document("word " * (n + 10), "First")
    second = Document("other " * (n + 10), "Second")
    study = new_study_for(first)
    study.documents[second.id] = second
    previous = None
    for i in range(n):
        for doc in (first, second):
            width = len(doc.text) // (n + 10)
            h = make_highlight(doc, i * width, i * width + 4, "claim")
            study.highlights[h.id] = h
        if previous is not None:
            link = Link(previous.id, h.id, Relation.SEE_ALSO)
            study.links[link.id] = link
        previous = h
    return study, second.id


def _removed(n: int):
    study, doc_id = _two_documents(n)
    command = RemoveDocument(doc_id)
    command.apply(study)
    return study, command


def test_undo_of_remove_document_is_linear():
    ratio = growth(_removed, lambda sc: sc[1].revert(sc[0]), 1500, consumes=True)
    assert ratio < LINEAR, ratio


def test_undo_of_remove_document_restores_the_order():
    study, doc_id = _two_documents(50)
    before = (list(study.highlights), list(study.links), list(study.documents))
    command = RemoveDocument(doc_id)
    command.apply(study)
    command.revert(study)
    assert (list(study.highlights), list(study.links), list(study.documents)) == before


def _hub(n: int):
    """One highlight linked to ``n`` others, links interleaved with unrelated ones."""
    text = "word " * (2 * n + 10)
    doc = Document(text, "Doc")
    study = new_study_for(doc)
    hub = make_highlight(doc, 0, 4, "claim")
    study.highlights[hub.id] = hub
    for i in range(1, n + 1):
        h = make_highlight(doc, 5 * i, 5 * i + 4, "claim")
        study.highlights[h.id] = h
        for source in (hub.id, h.id):
            link = Link(source, h.id if source == hub.id else hub.id, Relation.SEE_ALSO)
            study.links[link.id] = link
            other = Link(h.id, h.id, Relation.SEE_ALSO)  # unrelated to the hub
            study.links[other.id] = other
    return study, hub.id


def test_delete_and_undelete_of_a_highly_linked_highlight_is_linear():
    def run(sh):
        study, hub = sh
        command = DeleteHighlight(hub)
        command.apply(study)
        command.revert(study)
    ratio = growth(_hub, run, 1500, consumes=True)
    assert ratio < LINEAR, ratio


def test_delete_highlight_undo_restores_link_order():
    study, hub = _hub(20)
    before = list(study.links)
    command = DeleteHighlight(hub)
    command.apply(study)
    assert len(study.links) == 40
    command.revert(study)
    assert list(study.links) == before


def test_insert_all_places_each_item_at_its_index():
    mapping = {"b": 2, "d": 4}
    insert_all(mapping, [(0, "a", 1), (2, "c", 3), (4, "e", 5)])
    assert list(mapping.items()) == [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)]
    insert_all(mapping, [])
    assert list(mapping) == ["a", "b", "c", "d", "e"]
    insert_all(mapping, [(9, "z", 0)])  # beyond the end: appended, like list.insert
    assert list(mapping)[-1] == "z"
    insert_all(mapping, [(1, "x", 0), (99, "y", 0)])
    assert list(mapping) == ["a", "x", "b", "c", "d", "e", "z", "y"]
