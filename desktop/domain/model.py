"""The study model: documents, highlights on them, categories, notes, and the
cross-checking layer (references cited with a stance, verdicts, links, source notes).

Offsets (``Highlight.start``/``end``) are code points into ``Document.text``; see
``textunits`` for the conversion Qt needs. A highlight whose passage cannot be found
has ``start is None``: it is an orphan, kept with its quote and note.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from heapq import merge
from itertools import islice
from operator import attrgetter
from typing import Any

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.digest import sha256_hex
from desktop.domain.identity import Person
from desktop.domain.ids import new_id, utc_now
from desktop.domain.ordering import sort_by_start, sort_tied_runs, starts_in_steps
from desktop.domain.provenance import ArchivedCopy, Provenance


@dataclass(slots=True)
class Category:
    id: str
    name: str
    color: str  # "#rrggbb"
    # Whether its passages take a verdict (a Claim does; a Quote or a Question does not):
    # verdict controls, summaries, filters and reports count only these.
    checkable: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study


@dataclass(slots=True)
class SourceAssessment:
    """The reader's notes on who published a document: the lateral-reading step."""

    publisher: str = ""
    stance: str = ""  # their known leaning or agenda
    trust: Trust = Trust.UNKNOWN
    notes: str = ""

    @property
    def is_empty(self) -> bool:
        return self == SourceAssessment()


@dataclass(slots=True)
class DocumentVersion:
    """An earlier text of a document, kept when a newer version replaced it."""

    text: str
    title: str
    replaced: str  # when the newer text took its place, ISO 8601
    provenance: Provenance | None = None  # where this text was fetched from (web capture)
    archived: ArchivedCopy | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(slots=True)
class Document:
    text: str
    title: str
    media_type: str = "text/plain"
    source_path: str = ""
    id: str = field(default_factory=lambda: new_id("d"))
    added: str = field(default_factory=utc_now)
    source: SourceAssessment = field(default_factory=SourceAssessment)
    # Where and by whom the document was published: cited by reports and ClaimReview.
    url: str = ""
    author: str = ""
    published: str = ""  # ISO 8601 date preferred, free text allowed
    # Earlier texts, oldest first: "Update from New Version" keeps what it replaced.
    versions: list[DocumentVersion] = field(default_factory=list)
    # How the file was read: the text encoding it was decoded with ("" when not text).
    encoding: str = ""
    # Code-point offset where each page starts (PDF); empty when the source has no pages.
    pages: list[int] = field(default_factory=list)
    # Formatting of rendered text (Markdown): (start, end, kind) in code points, kind one of
    # STYLE_KINDS; the text itself stays plain so highlights anchor to what is shown.
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    # Where the rendered text sits in its source file (Markdown): (shown, source, length)
    # runs in code points, see ``domain.source_map``; empty when not known.
    source_map: list[tuple[int, int, int]] = field(default_factory=list)
    # Ruby readings (furigana): (start, end, reading) — the reading of the base text
    # start..end in code points, shown as a tooltip, never inline (EPUB, web pages).
    readings: list[tuple[int, int, str]] = field(default_factory=list)
    # Fetched from the web: where, when, and the hash (and maybe bytes) received.
    provenance: Provenance | None = None
    archived: ArchivedCopy | None = None  # a web archive's snapshot of ``url``
    revs: list[str] = field(default_factory=list, compare=False)  # of its details (merge)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study
    # What the reader could not carry faithfully, said on open (not saved: a property
    # of this reading, e.g. "page 3: 5 characters could not be read reliably").
    load_warnings: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


STYLE_KINDS = ("heading1", "heading2", "heading3", "bold", "italic", "code")


def page_of(document: Document, offset: int) -> int | None:
    """1-based page number holding code-point ``offset``; None for documents without pages."""
    if not document.pages:
        return None
    return max(1, bisect_right(document.pages, offset))


def text_sha256(text: str) -> str:
    return sha256_hex(text.encode("utf-8"))


@dataclass(slots=True)
class Reference:
    """A source in the study's library; cited by highlights through Citations."""

    url: str = ""
    title: str = ""
    author: str = ""  # author or publisher
    published: str = ""  # publication date, ISO 8601 preferred but free text allowed
    accessed: str = ""
    excerpt: str = ""  # the passage of the source that matters
    note: str = ""
    id: str = field(default_factory=lambda: new_id("r"))
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)
    creator: Person | None = None  # None: made before identities were kept ("unknown")
    editor: Person | None = None  # who changed it last; None: nobody since it was made
    archived: ArchivedCopy | None = None  # a web archive's snapshot of ``url``
    revs: list[str] = field(default_factory=list, compare=False)  # revision stamps (merge)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study

    @property
    def display_title(self) -> str:
        return self.title or self.url or "Untitled reference"


@dataclass(slots=True)
class Citation:
    """One reference attached to one highlight, with its own stance and comment."""

    reference_id: str
    stance: Stance = Stance.UNCLEAR
    comment: str = ""
    id: str = field(default_factory=lambda: new_id("c"))
    created: str = field(default_factory=utc_now)  # "" when read from an older study
    modified: str = field(default_factory=utc_now)
    creator: Person | None = None
    editor: Person | None = None
    revs: list[str] = field(default_factory=list, compare=False)  # revision stamps (merge)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study


@dataclass(slots=True)
class Link:
    """A relation from one highlighted passage to another; navigable both ways."""

    source_id: str
    target_id: str
    relation: Relation = Relation.SEE_ALSO
    id: str = field(default_factory=lambda: new_id("l"))
    created: str = field(default_factory=utc_now)  # "" when read from an older study
    modified: str = field(default_factory=utc_now)
    creator: Person | None = None
    editor: Person | None = None
    revs: list[str] = field(default_factory=list, compare=False)  # revision stamps (merge)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study

    def other_end(self, highlight_id: str) -> str:
        return self.target_id if highlight_id == self.source_id else self.source_id


@dataclass(slots=True)
class Review:
    """One verdict given on a claim: an entry of its history (the corrections log).

    ``kind`` is "review" (a reviewer's own verdict, kept side by side with others') or
    "ruling" (the editor's: the published verdict). ``by`` None: before identities.
    """

    value: Verdict
    rationale: str = ""
    by: Person | None = None
    at: str = field(default_factory=utc_now)
    kind: str = "review"  # "review" | "ruling"


@dataclass(slots=True)
class Highlight:
    document_id: str
    quote: TextQuoteSelector
    start: int | None
    end: int | None
    category_id: str
    note: str = ""
    id: str = field(default_factory=lambda: new_id("h"))
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)
    verdict: Verdict = Verdict.UNVERIFIED
    rationale: str = ""  # one line: why this verdict
    citations: list[Citation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # normalised by ``tags.normalise_tags``
    creator: Person | None = None  # None: made before identities were kept ("unknown")
    editor: Person | None = None  # who changed it last; None: nobody since it was made
    # Kept from W3C imports and written back on export (``storage.annotation_keys``).
    motivation: list[str] = field(default_factory=list)  # [] : "highlighting"
    language: str = ""  # BCP 47 tag of the note and tags; "" unknown
    quote_language: str = ""  # BCP 47 tag of the passage's text; "" unknown
    # Every verdict given, oldest first (``verdicts.py``); ``verdict`` is the published one.
    reviews: list[Review] = field(default_factory=list)
    revs: list[str] = field(default_factory=list, compare=False)  # revision stamps (merge)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # see Study

    @property
    def is_orphan(self) -> bool:
        return self.start is None or self.end is None

    @property
    def position(self) -> TextPositionSelector | None:
        if self.start is None or self.end is None:
            return None
        return TextPositionSelector(self.start, self.end)


_IN_ORDER = attrgetter("start", "end", "created")
_START = attrgetter("start")


def sort_in_reading_order(highlights: list[Highlight]) -> None:
    """Sort anchored highlights by (start, end, created), stable, as ``key=_IN_ORDER``.

    A tuple key costs 105 ms at 50,000 highlights, an int key 18 ms: so sort by start,
    then sort each run of equal starts by the whole key (few, short).
    """
    sort_by_start(highlights, _IN_ORDER)


def reading_order_in_steps(highlights: list[Highlight],
                           step: int) -> Generator[None, None, list[Highlight]]:
    """``sort_in_reading_order`` a slice at a time, for a view's continuation: slices of
    ``step`` sorted by start, merged ``step`` at a time (stable: ``heapq.merge`` takes
    ties from the earlier slice first), then runs of equal starts by the whole key.
    More work in all than one sort (~50 against ~20 ms at 50,000), but none of it
    holds the window for more than a few milliseconds. Returns the sorted list."""
    if len(highlights) <= step:
        few = list(highlights)
        sort_in_reading_order(few)
        return few
    parts = []
    for at in range(0, len(highlights), step):
        parts.append(sorted(highlights[at:at + step], key=_START))
        yield
    merging = merge(*parts, key=_START)
    ordered: list[Highlight] = []
    while more := list(islice(merging, step)):
        ordered += more
        yield
    found = yield from starts_in_steps(ordered, step)
    assert found is not None  # merged by start
    starts, tied = found
    sort_tied_runs(ordered, starts, tied, _IN_ORDER)
    return ordered


@dataclass(frozen=True, slots=True)
class NoteStamps:
    """Who first wrote the study note and who changed it last, with the times: stamped
    by ``stamping.Stamped`` like any object's; None and "" in files from before."""

    creator: Person | None = None
    editor: Person | None = None
    created: str = ""
    modified: str = ""


@dataclass(slots=True)
class Study:
    documents: dict[str, Document] = field(default_factory=dict)
    highlights: dict[str, Highlight] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    note: str = ""
    title: str = ""
    id: str = field(default_factory=lambda: new_id("s"))
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)
    # The document the reader showed when the study was saved: shown again on opening.
    # View state, not an edit: switching documents is not undone and does not dirty.
    current_document: str = ""
    publish_url: str = ""  # where its fact checks are published (ClaimReview ``url``)
    # Team work (``domain.merge``): objects deleted here (id -> their revisions when
    # deleted), so a merge tells "deleted here" from "added there"; conflicts a merge left.
    deleted: dict[str, list[str]] = field(default_factory=dict)
    note_revs: list[str] = field(default_factory=list, compare=False)  # the note's revisions
    note_stamps: NoteStamps = field(default_factory=NoteStamps)
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # with theirs_data: a dict
    # Keys of the study file this version does not know, written back on the next save
    # (``storage/unknown_keys.py``); not compared: they are not the user's edits.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # id → position in ``categories``, extended as categories are appended (a linear
    # scan per highlight made 100,000 categories take minutes). Not part of equality.
    _category_index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _category_indexed: int = field(default=0, repr=False, compare=False)
    _category_list: list[Category] | None = field(default=None, repr=False, compare=False)

    @property
    def main_document(self) -> Document | None:
        return next(iter(self.documents.values()), None)

    def category(self, category_id: str) -> Category | None:
        """The first category with this id, through an index kept in step with
        ``categories`` (appended to, or replaced whole; a stale entry is noticed)."""
        categories = self.categories
        index = self._category_index
        at = index.get(category_id)
        if self._category_list is categories and self._category_indexed == len(categories):
            if at is None:
                return None  # nothing appended since it was indexed
            found = categories[at]
            if found.id == category_id:
                return found
        if (
            self._category_list is not categories
            or self._category_indexed > len(categories)
            or (at is not None and (at >= len(categories) or categories[at].id != category_id))
        ):
            index.clear()
            self._category_list, self._category_indexed = categories, 0
        for i in range(self._category_indexed, len(categories)):
            index.setdefault(categories[i].id, i)
        self._category_indexed = len(categories)
        at = index.get(category_id)
        return None if at is None else categories[at]

    def checkable_ids(self) -> frozenset[str]:
        """The categories whose passages take a verdict."""
        return frozenset(c.id for c in self.categories if c.checkable)

    def takes_verdict(self, highlight: Highlight) -> bool:
        category = self.category(highlight.category_id)
        return category is not None and category.checkable

    def shows_verdict(self, highlight: Highlight) -> bool:
        """Whether its verdict is shown: its category takes one, or one was recorded
        (a study made before the category stopped taking verdicts loses nothing)."""
        return highlight.verdict.is_checked or self.takes_verdict(highlight)

    def highlights_in_order(self, document_id: str) -> list[Highlight]:
        """Anchored highlights by position, then orphans in creation order."""
        mine = [h for h in self.highlights.values() if h.document_id == document_id]
        # Inlined ``is_orphan`` and a C key: 50,000 highlights are sorted at every open.
        anchored = [h for h in mine if h.start is not None and h.end is not None]
        sort_in_reading_order(anchored)
        if len(anchored) == len(mine):
            return anchored
        return anchored + [h for h in mine if h.start is None or h.end is None]

    def orphans(self) -> Iterator[Highlight]:
        return (h for h in self.highlights.values() if h.is_orphan)

    def citations_of(self, reference_id: str) -> list[tuple[Highlight, Citation]]:
        """Where a reference is used: for the delete confirmation and the usage count."""
        return [
            (h, c)
            for h in self.highlights.values()
            for c in h.citations
            if c.reference_id == reference_id
        ]

    def links_of(self, highlight_id: str) -> list[Link]:
        return [
            link
            for link in self.links.values()
            if highlight_id in (link.source_id, link.target_id)
        ]
