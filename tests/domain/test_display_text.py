"""One-line texts for highlights, references and documents (moved below the UI)."""

from desktop.domain.crosscheck import Verdict
from desktop.domain.display_text import (
    excerpt,
    highlight_tooltip,
    page_prefix,
    reference_line,
    short_title,
)
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document, Reference


def test_excerpt_flattens_and_cuts_with_an_ellipsis():
    assert excerpt("a\n b\t c") == "a b c"
    assert excerpt("abcdef", 4) == "abc…"
    assert excerpt("abcd", 4) == "abcd"


def test_short_title_names_an_untitled_document():
    assert short_title("  ") == "Untitled document"
    assert short_title("x" * 50, 10) == "x" * 9 + "…"


def test_reference_line_adds_author_and_date_when_known():
    assert reference_line(Reference(title="T", author="A", published="2017")) == "T — A, 2017"
    assert reference_line(Reference(title="T")) == "T"


def test_page_prefix_only_for_paged_documents():
    doc = Document(text="page one. page two.", title="PDF", pages=[0, 10])
    study = new_study_for(doc)
    h = make_highlight(doc, 10, 14, "claim")
    assert page_prefix(study, h) == "p. 2 · "
    plain = Document(text="no pages", title="Plain")
    study.documents[plain.id] = plain
    assert page_prefix(study, make_highlight(plain, 0, 2, "claim")) == ""


def test_highlight_tooltip_names_category_verdict_and_quote():
    doc = Document(text="The troops " + "word " * 30, title="T")
    study = new_study_for(doc)
    h = make_highlight(doc, 0, len(doc.text) - 1, "claim")
    study.highlights[h.id] = h
    tip = highlight_tooltip(study, h.id)
    assert tip.startswith("Claim: “The troops word")
    assert tip.endswith("…”") and len(tip.split("“")[1]) == 71
    h.verdict = Verdict.FALSE
    assert highlight_tooltip(study, h.id).startswith(
        f"Claim · {Verdict.FALSE.symbol} {Verdict.FALSE.short_label}: ")
    assert highlight_tooltip(study, "gone") == ""
