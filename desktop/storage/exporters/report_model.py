"""What every export says about a study, gathered once, independent of markup.

Passages are numbered 1… in document order (orphans last), and those numbers, not the
random highlight ids, name them in reports, so two exports of the same study are
byte-identical: nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from desktop.domain.crosscheck import Relation, Stance, Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Category, Document, Highlight, Reference, Study, page_of

WEB_SCHEMES = ("http", "https")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_UNSAFE_URL_CHARS = set('<>"`\\{}')  # never in a well-formed address; they break markup


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Choices made by whoever exports; every default keeps the output reproducible."""

    generated: str = ""  # ISO 8601 time of the export, shown in reports; "" shows none
    author: str = ""  # the reviewer named in ClaimReview
    review_url: str = ""  # the page the reviews will be published on; "": the study's
    # Who exports (Preferences › identity, ``settings.identity``): the creator of objects
    # that record none, and the ClaimReview author. None: nobody is named.
    identity: Person | None = None
    # ClaimReview without a page address (Google requires ``url``): refused when True.
    # The CLI refuses; the window passes False until its “Publish at” field exists.
    require_review_url: bool = False


def json_for_html(text: str) -> str:
    """JSON text that can sit inside an HTML ``<script>`` element: every ``<`` escaped.

    ``</script>`` (or ``<!--``) in a value would otherwise end the element early; in JSON
    ``\u003c`` is the same character, so the data does not change.
    """
    return text.replace("<", "\\u003c")


@dataclass(frozen=True, slots=True)
class CitationView:
    stance: Stance
    comment: str
    reference: Reference


@dataclass(frozen=True, slots=True)
class LinkView:
    outgoing: bool  # this passage is the link's source
    relation: Relation
    other: int  # the other passage's number
    other_quote: str

    @property
    def arrow(self) -> str:
        return "→" if self.outgoing else "←"


@dataclass(frozen=True, slots=True)
class Passage:
    number: int
    highlight: Highlight
    category: Category
    citations: list[CitationView] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)
    page: int | None = None  # 1-based page of a PDF document, for citing it

    @property
    def anchor(self) -> str:
        return f"passage-{self.number}"

    @property
    def title(self) -> str:
        """'Passage 3' or, in a paged document, 'Passage 3 (p. 12)'."""
        return f"Passage {self.number}" + (f" (p. {self.page})" if self.page else "")


@dataclass(frozen=True, slots=True)
class DocumentSection:
    document: Document
    passages: list[Passage]


def sections(study: Study) -> list[DocumentSection]:
    """Each document with its passages, numbered across the whole study."""
    ordered = [
        (doc, study.highlights_in_order(doc.id)) for doc in study.documents.values()
    ]
    numbers: dict[str, int] = {}
    for _, highlights in ordered:
        for h in highlights:
            numbers[h.id] = len(numbers) + 1
    result = []
    for doc, highlights in ordered:
        passages = [
            Passage(
                number=numbers[h.id],
                highlight=h,
                category=study.category(h.category_id)
                or Category(h.category_id, h.category_id, "#888888"),
                citations=[
                    CitationView(c.stance, c.comment, study.references[c.reference_id])
                    for c in h.citations
                    if c.reference_id in study.references
                ],
                links=_links(study, h, numbers),
                page=None if h.start is None else page_of(doc, h.start),
            )
            for h in highlights
        ]
        result.append(DocumentSection(doc, passages))
    return result


def _links(study: Study, h: Highlight, numbers: dict[str, int]) -> list[LinkView]:
    views = []
    for link in study.links_of(h.id):
        other_id = link.other_end(h.id)
        other = study.highlights.get(other_id)
        if other is None or other_id not in numbers:
            continue
        views.append(LinkView(link.source_id == h.id, link.relation, numbers[other_id],
                              other.quote.exact))
    return sorted(views, key=lambda v: (v.other, not v.outgoing, v.relation.value))


def all_passages(study: Study) -> list[Passage]:
    return [p for section in sections(study) for p in section.passages]


def verdict_summary(passages: list[Passage]) -> list[tuple[Verdict, list[int]]]:
    """Every verdict with the numbers of the passages that carry it, in verdict order;
    only passages that show a verdict count (a quote is not "Unverified")."""
    return [
        (verdict, [p.number for p in passages
                   if shows_verdict(p) and p.highlight.verdict is verdict])
        for verdict in Verdict
    ]


def shows_verdict(p: Passage) -> bool:
    """Its category takes a verdict, or one was recorded on it (``Study.shows_verdict``)."""
    return p.category.checkable or p.highlight.verdict.is_checked


def checkable_ids(passages: list[Passage]) -> frozenset[str]:
    """The categories of these passages that take a verdict (for the progress line)."""
    return frozenset(p.category.id for p in passages if p.category.checkable)


def safe_url(url: str) -> str | None:
    """``url`` if it is a plain web address (http/https with a host), else None."""
    url = url.strip()
    if not url or any(ch.isspace() or ord(ch) < 32 or ch in _UNSAFE_URL_CHARS for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return url


def safe_color(color: str) -> str:
    return color if _COLOR.fullmatch(color) else "#888888"


def one_line(text: str, limit: int = 0) -> str:
    """Whitespace collapsed to single spaces; cut to ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    if limit and len(line) > limit:
        return line[: limit - 1].rstrip() + "…"
    return line


def citation_lead(reference: Reference) -> str:
    """“Author (date)”, as much of it as is known."""
    author, date = one_line(reference.author), one_line(reference.published)
    if author and date:
        return f"{author} ({date})"
    return author or (f"({date})" if date else "")


def citation_text(reference: Reference) -> str:
    """A plain-text citation: “Author (date). Title. URL (accessed date)”."""
    parts = [citation_lead(reference), one_line(reference.display_title)]
    text = ". ".join(p.rstrip(".") for p in parts if p) + "."
    url = reference.url.strip()
    if url and url != reference.display_title:
        text += f" {url}"
    if reference.accessed.strip():
        text += f" (accessed {one_line(reference.accessed)})"
    return text


def document_facts(document: Document) -> list[tuple[str, str]]:
    """Label/value pairs describing a document and its source, the empty ones left out."""
    source = document.source
    facts = [
        ("Title", document.title),
        ("Web address", document.url),
        ("Author", document.author),
        ("Published", document.published),
        ("Publisher", source.publisher),
        ("Known stance", source.stance),
        ("Trustworthiness", source.trust.label if not source.is_empty else ""),
    ]
    return [(label, value.strip()) for label, value in facts if value.strip()]
