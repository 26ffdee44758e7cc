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
