"""Highlights, references and documents in one line: how lists, tabs, menus, tooltips
and confirmations name them. Plain functions of the model, shared by every view."""

from __future__ import annotations

from desktop.domain.blind import EVERYONE, Viewer, seen
from desktop.domain.identity import label_of
from desktop.domain.model import Highlight, Reference, Study, page_of

EXCERPT_CHARS = 240
TOOLTIP_QUOTE_CHARS = 70


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of at most ``limit`` characters, an ellipsis where it was cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def reference_line(reference: Reference) -> str:
    """'Title — Author, 2017-03-09' for lists and citations."""
    details = ", ".join(x for x in (reference.author, reference.published) if x)
    return f"{reference.display_title} — {details}" if details else reference.display_title


def short_title(title: str, limit: int = 40) -> str:
    """A document's title on one line, cut to ``limit`` characters for tabs and rows."""
    title = " ".join(title.split()) or "Untitled document"
    return title if len(title) <= limit else title[: limit - 1] + "…"


def page_prefix(study: Study, h: Highlight) -> str:
    """'p. 12 · ' for a highlight in a paged (PDF) document, else ''."""
    document = study.documents.get(h.document_id)
    if document is None or not document.pages or h.start is None:
        return ""
    return f"p. {page_of(document, h.start)} · "


def study_note_byline(study: Study) -> str:
    """"written by A. Rahimi, 3 Dec · edited by B. Lee, 4 Dec" under the study note;
    "written by unknown" for a note from a file made before names were kept; "" while
    there is no note and nobody wrote one."""
    from desktop.domain.verdicts import short_date

    stamps = study.note_stamps
    if stamps.creator is None and stamps.editor is None:
        return "written by unknown" if study.note.strip() else ""
    parts = []
    for word, person, when in (("written", stamps.creator, stamps.created),
                               ("edited", stamps.editor, stamps.modified)):
        if word == "edited" and (person is None or (person == stamps.creator
                                                    and when == stamps.created)):
            continue  # written once, never edited since
        day = short_date(when)
        parts.append(f"{word} by {label_of(person)}" + (f", {day}" if day else ""))
    return " · ".join(parts)


def highlight_tooltip(study: Study, highlight_id: str, viewer: Viewer = EVERYONE) -> str:
    """One tooltip line: category, verdict if checked, and the start of the quote
    ('' for a highlight that is gone); the verdict as ``viewer`` sees it."""
    h = study.highlights.get(highlight_id)
    if h is None:
        return ""
    names = {c.id: c.name for c in study.categories}
    head = names.get(h.category_id, h.category_id)
    verdict = seen(h, viewer).verdict
    if verdict.is_checked:
        head += f" · {verdict.symbol} {verdict.short_label}"
    quote = " ".join(h.quote.exact.split())
    if len(quote) > TOOLTIP_QUOTE_CHARS:
        quote = quote[: TOOLTIP_QUOTE_CHARS - 1] + "…"
    return f"{head}: “{quote}”"
