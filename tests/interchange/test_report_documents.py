"""Reports of a study with several documents: passages grouped under each document's
title, numbered across the study, links between documents kept; one document unchanged."""

from __future__ import annotations

import re

from desktop.domain.crosscheck import Relation
from desktop.domain.factory import make_highlight
from desktop.domain.model import Document, Link
from desktop.storage.exporters import export_text
from tests.interchange.interchange_study import OPTIONS, build_study
from tests.interchange.test_html_report import parse

SECOND = "Council replies: the budget grew by 4%, not 40%.\nA quiet second line."
EMPTY = "A third document with no highlights."


def several():
    study = build_study()
    first = next(iter(study.highlights_in_order("d-doc")))
    second = Document(SECOND, "Council reply", id="d-reply")
    third = Document(EMPTY, "Notes <third>", id="d-third")
    study.documents[second.id] = second
    study.documents[third.id] = third
    at = SECOND.index("grew by 4%")
    h = make_highlight(second, at, at + len("grew by 4%"), "claim")
    h.id = "h-reply"
    study.highlights[h.id] = h
    study.links["l-x"] = Link(h.id, first.id, Relation.CONTRADICTS, id="l-x")
    return study, h


def test_markdown_groups_passages_under_document_titles():
    study, _h = several()
    text = export_text(study, "md", OPTIONS)
    groups = re.findall(r"^### In “(.*)”$", text, flags=re.M)
    assert groups == ["City budget 😀 &lt;report&gt;", "Council reply", "Notes &lt;third&gt;"]
    numbers = [int(n) for n in re.findall(r"^#### Passage (\d+)$", text, flags=re.M)]
    assert numbers == list(range(1, len(study.highlights) + 1))
    assert not re.search(r"^### Passage", text, flags=re.M)
    reply = text.index("### In “Council reply”")
    assert text.index(f"#### Passage {len(study.highlights)}") > reply
    assert "> grew by 4%" in text[reply:]
    assert "No passages are highlighted in this document." in text[text.index("Notes"):]
    assert "contradicts: [passage 1](#passage-1)" in text


def test_html_groups_passages_and_stays_well_formed():
    study, _h = several()
    html = export_text(study, "html", OPTIONS)
    parsed = parse(html)
    assert parsed.errors == [] and parsed.stack == []
    assert html.count('<section class="document-passages">') == 3
    assert "<h3>In “Council reply”</h3>" in html
    assert "<h3>In “Notes &lt;third&gt;”</h3>" in html
    assert len(re.findall(r"<h4>Passage \d+ · ", html)) == len(study.highlights)
    assert "<h3>Passage" not in html


def test_one_document_keeps_the_flat_layout():
    text = export_text(build_study(), "md", OPTIONS)
    assert "### In “" not in text and re.search(r"^### Passage 1$", text, flags=re.M)
    html = export_text(build_study(), "html", OPTIONS)
    assert "document-passages" not in html and "<h3>Passage 1 · " in html
