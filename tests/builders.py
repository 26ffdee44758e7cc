"""Builders and paths shared by every test folder (import ``from tests.builders import …``).

``SEED`` is the sample article the app opens without a file — the app's own path
(``desktop.bundled``), so the tests use what an installed Crosslight uses.
``study_with`` makes the small studies most tests start from.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.bundled import sample_document
from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document, Study

SEED = sample_document()


def study_with(text: str | Document, phrases: Iterable[str | tuple[str, str]], *,
               title: str = "", note: str = "", modified: str | None = None) -> Study:
    """A study of one document with a highlight on the first occurrence of each phrase.

    ``phrases`` are phrases (category ``claim``) or ``(phrase, category)`` pairs, in the
    order the highlights are added. ``note`` is each highlight's note, a format string
    that may name ``{phrase}``; ``modified`` stamps every highlight (for tests of undo).
    """
    document = text if isinstance(text, Document) else Document(text=text, title=title)
    study = new_study_for(document)
    for item in phrases:
        phrase, category = (item, "claim") if isinstance(item, str) else item
        at = document.text.index(phrase)
        h = make_highlight(document, at, at + len(phrase), category)
        h.note = note.format(phrase=phrase)
        if modified is not None:
            h.modified = modified
        study.highlights[h.id] = h
    return study
