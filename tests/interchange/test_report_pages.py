"""Reports cite a passage of a PDF by its page: "Passage 2 (p. 3)"."""

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.exporters import export_text

TEXT = "Page one words.\n\nThe claim is here.\n\nLast page evidence."


def study_with_pages(pages):
    document = Document(text=TEXT, title="Report", media_type="application/pdf", pages=pages)
    study = new_study_for(document)
    for phrase, category in (("claim is here", "claim"), ("evidence", "evidence")):
        start = TEXT.index(phrase)
        h = make_highlight(document, start, start + len(phrase), category)
        study.highlights[h.id] = h
    return study


def test_markdown_and_html_reports_name_the_page():
    study = study_with_pages([0, 17, 37])
    markdown = export_text(study, "md")
    assert "### Passage 1 (p. 2)" in markdown and "### Passage 2 (p. 3)" in markdown
    html = export_text(study, "html")
    assert "<h3>Passage 1 (p. 2) · " in html and "<h3>Passage 2 (p. 3) · " in html


def test_documents_without_pages_are_cited_as_before():
    study = study_with_pages([])
    assert "### Passage 1\n" in export_text(study, "md")
    assert "<h3>Passage 1 · " in export_text(study, "html")


def test_the_csv_has_the_page_each_passage_starts_on():
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export_text(study_with_pages([0, 17, 37]), "csv")
                                           .lstrip("\ufeff"))))
    assert [(r["quote"], r["page"]) for r in rows] == [("claim is here", "2"), ("evidence", "3")]
    rows = list(csv.DictReader(io.StringIO(export_text(study_with_pages([]), "csv")
                                           .lstrip("\ufeff"))))
    assert [r["page"] for r in rows] == ["", ""]
