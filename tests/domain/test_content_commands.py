"""Replacing a document's content (Reopen with Encoding) is one undoable step."""

import pytest

from desktop.domain.content_commands import ReplaceDocumentContent
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document


def test_apply_and_revert_swap_text_layout_and_titles():
    old = Document(text="ÊÞÑíÑ first line\nbody", title="ÊÞÑíÑ first line", encoding="cp1252")
    study = new_study_for(old)
    new = Document(text="تقرير first line\nbody", title="تقرير first line", encoding="cp1256",
                   styles=[(0, 5, "bold")], source_map=[(0, 0, 21)])
    command = ReplaceDocumentContent(old.id, new)
    changes = command.apply(study)
    assert changes.documents_changed and changes.study_changed
    assert (old.text, old.encoding, old.styles, old.title, study.title) == (
        new.text, "cp1256", [(0, 5, "bold")], "تقرير first line", "تقرير first line")
    assert old.source_map == [(0, 0, 21)]
    command.revert(study)
    assert (old.text, old.encoding, old.styles, old.title, study.title) == (
        "ÊÞÑíÑ first line\nbody", "cp1252", [], "ÊÞÑíÑ first line", "ÊÞÑíÑ first line")
    assert old.source_map == []


def test_a_title_the_reader_chose_is_kept():
    old = Document(text="abc", title="My title")
    study = new_study_for(old)
    ReplaceDocumentContent(old.id, Document(text="xyz", title="xyz"), keep_title=True).apply(study)
    assert (old.text, old.title, study.title) == ("xyz", "My title", "My title")


def test_refused_while_the_document_has_highlights():
    doc = Document(text="some words here", title="t")
    study = new_study_for(doc)
    h = make_highlight(doc, 0, 4, "claim")
    study.highlights[h.id] = h
    with pytest.raises(ValueError, match="highlights"):
        ReplaceDocumentContent(doc.id, Document(text="other", title="o")).apply(study)
    assert doc.text == "some words here"


def test_with_highlights_only_the_layout_of_the_same_text_may_change():
    """After UpdateDocumentText re-placed the highlights on the new reading, this takes
    the reading's encoding and styles; the text under the highlights is not touched."""
    old = Document(text="same text here", title="t", encoding="cp1251")
    study = new_study_for(old)
    h = make_highlight(old, 0, 4, "claim")
    study.highlights[h.id] = h
    command = ReplaceDocumentContent(
        old.id, Document(text="same text here", title="t", encoding="cp1252"), keep_title=True)
    command.apply(study)
    assert (old.encoding, h.start, h.end) == ("cp1252", 0, 4)
    command.revert(study)
    assert old.encoding == "cp1251"
