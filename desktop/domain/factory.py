"""Building studies and highlights from user actions."""

from __future__ import annotations

from desktop.domain.anchoring import describe
from desktop.domain.categories import default_categories
from desktop.domain.model import Document, Highlight, Study


def new_study_for(document: Document) -> Study:
    """A fresh study around one document, with the default categories."""
    study = Study(categories=default_categories(), title=document.title)
    study.documents[document.id] = document
    return study


BLANK_TITLE = "Untitled"


def new_empty_study() -> Study:
    """File › New Empty Study: a study with the default categories and one blank page
    (a study always has a document); the first document added takes the page's place."""
    study = Study(categories=default_categories(), title="Untitled study")
    blank = Document(text="", title=BLANK_TITLE, media_type="text/plain")
    study.documents[blank.id] = blank
    return study


def is_blank_page(study: Study, document: Document) -> bool:
    """Is ``document`` the empty study's blank page, with nothing on it yet?"""
    return (not document.text and not document.source_path and not document.url
            and not any(h.document_id == document.id for h in study.highlights.values()))


def make_highlight(document: Document, start: int, end: int, category_id: str) -> Highlight:
    """A highlight over ``document.text[start:end]`` (code points) with full selectors."""
    quote, position = describe(document.text, start, end)
    return Highlight(
        document_id=document.id,
        quote=quote,
        start=position.start,
        end=position.end,
        category_id=category_id,
    )
