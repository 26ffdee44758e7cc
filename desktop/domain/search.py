"""Search across a whole study: highlights (quote, note, rationale, citation comments,
tags) and references (title, author, excerpt, note).

Matching is forgiving the way a reader expects: case, accents and Arabic-script
vowel marks do not matter ("resume" finds "Résumé", "كتاب" finds "كِتَاب" and "كـتـاب"),
Arabic/Persian letter variants (ي/ی, ك/ک) and digits (۲۰۱۷, ٢٠١٧ and 2017) are unified,
and zero-width joiners are folded away.
Every word of the query must occur somewhere in the record.

Folded text is cached per record in a ``SearchIndex`` and dropped when a ChangeSet
says the record changed, so typing a query costs one substring scan per record.
Snippets (with where the words matched, in the original text) are made on demand,
only for the results a view actually shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.blind import EVERYONE, Viewer, seen
from desktop.domain.changes import ChangeSet
from desktop.domain.crosscheck import Verdict
from desktop.domain.folding import fold, fold_with_map
from desktop.domain.model import Highlight, Reference, Study
from desktop.domain.tags import has_tag

SNIPPET_CHARS = 160
MAX_QUERY_TERMS = 16


def query_terms(query: str) -> list[str]:
    """The folded, distinct words of a query; empty when there is nothing to find."""
    terms: list[str] = []
    for word in fold(query).split():
        if word not in terms:
            terms.append(word)
    return terms[:MAX_QUERY_TERMS]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A stretch of one field with the matched stretches, as offsets into ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]
    clipped_start: bool = False
    clipped_end: bool = False


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> Snippet:
    """Cut ``text`` around the first match of any term, marking every match inside."""
    folded, origin = fold_with_map(text)
    matches: list[tuple[int, int]] = []
    for term in terms:
        at = folded.find(term)
        while at >= 0 and term:
            end = origin[at + len(term) - 1] + 1
            while end < len(text) and not fold(text[end]):
                end += 1  # take the word's trailing vowel marks along
            matches.append((origin[at], end))
            at = folded.find(term, at + len(term))
    matches.sort()
    first = matches[0][0] if matches else 0
    start = max(0, first - width // 5)
    if start:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= start - 15 and space >= 0 else start
    end = min(len(text), start + width)
    piece = text[start:end]
    flat = piece.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    spans = tuple(
        (max(a, start) - start, min(b, end) - start) for a, b in matches if a < end and b > start
    )
    return Snippet(flat, _merge(spans), start > 0, end < len(text))


def _merge(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return tuple(merged)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Narrow a search. Set any highlight filter and references drop out."""

    category_id: str | None = None
    verdict: Verdict | None = None
    tag: str | None = None
    document_id: str | None = None

    @property
    def highlights_only(self) -> bool:
        return any(x is not None for x in (self.category_id, self.verdict, self.tag,
                                           self.document_id))

    def admits(self, h: Highlight, viewer: Viewer = EVERYONE) -> bool:
        return (
            (self.category_id is None or h.category_id == self.category_id)
            and (self.verdict is None or seen(h, viewer).verdict == self.verdict)
            and (self.document_id is None or h.document_id == self.document_id)
            and (self.tag is None or has_tag(h.tags, self.tag))
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record that matches: a highlight or a reference, and the field shown."""

    kind: str  # "highlight" or "reference"
    id: str
    field: str  # "Quote", "Note", "Rationale", "Comment", "Tags", "Title", …
    text: str  # the original text of that field


@dataclass(slots=True)
class SearchResults:
    terms: list[str]
    hits: list[SearchHit] = field(default_factory=list)


_Fields = list[tuple[str, str]]  # (field label, original text)


def highlight_fields(study: Study, h: Highlight, viewer: Viewer = EVERYONE) -> _Fields:
    fields = [("Quote", h.quote.exact), ("Note", h.note),
              ("Rationale", seen(h, viewer).rationale)]
    fields += [("Comment", c.comment) for c in h.citations]
    if h.tags:
        fields.append(("Tags", " ".join(f"#{t}" for t in h.tags)))
    return [(name, text) for name, text in fields if text]


def reference_fields(r: Reference) -> _Fields:
    fields = [("Title", r.title), ("Author", r.author), ("Excerpt", r.excerpt),
              ("Note", r.note)]
    return [(name, text) for name, text in fields if text]


class SearchIndex:
    """Folded text of every record, kept until a change touches the record."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.viewer = EVERYONE  # whose eyes: blind reviews keep others' rationales out
        self._folded: dict[tuple[str, str], tuple[_Fields, list[str], str]] = {}
        self._order: list[Highlight] | None = None  # every document's, in reading order

    def set_study(self, study: Study) -> None:
        self.study = study
        self._folded.clear()
        self._order = None

    def set_viewer(self, viewer: Viewer) -> None:
        if viewer != self.viewer:
            self.viewer = viewer
            self._folded.clear()

    def apply_changes(self, changes: ChangeSet) -> None:
        if changes.study_changed or changes.documents_changed:
            self._folded.clear()
            self._order = None
            return
        if changes.highlight_set_changed:
            self._order = None
        for hid in changes.highlights_changed | changes.highlights_removed:
            self._folded.pop(("highlight", hid), None)
        for rid in changes.references_changed:
            self._folded.pop(("reference", rid), None)

    def _entry(self, kind: str, key: str, fields_of) -> tuple[_Fields, list[str], str]:
        entry = self._folded.get((kind, key))
        if entry is None:
            fields = fields_of()
            folded = [fold(text) for _, text in fields]
            entry = self._folded[(kind, key)] = (fields, folded, "\n".join(folded))
        return entry

    def warm(self) -> None:
        """Fold everything now (the first search would): ~0.1 s for 10k highlights."""
        self.search("\u0000")

    def search(self, query: str, filters: SearchFilters | None = None) -> SearchResults:
        """Every record containing all words of ``query``: highlights in document
        order, then references. With no words, the highlights the filters admit (none
        when there are no filters either)."""
        filters = filters or SearchFilters()
        terms = query_terms(query)
        results = SearchResults(terms)
        if not terms and not filters.highlights_only:
            return results
        study = self.study
        if self._order is None:
            self._order = [h for d in study.documents for h in study.highlights_in_order(d)]
        filtered = filters.highlights_only
        folded = self._folded
        for h in self._order:
            if filtered and not filters.admits(h, self.viewer):
                continue
            if not terms:
                results.hits.append(SearchHit("highlight", h.id, "Quote", h.quote.exact))
                continue
            entry = folded.get(("highlight", h.id))
            if entry is None:
                entry = self._entry("highlight", h.id,
                                    lambda h=h: highlight_fields(study, h, self.viewer))
            if all(term in entry[2] for term in terms):
                results.hits.append(_hit("highlight", h.id, terms, entry))
        if not filters.highlights_only:
            for r in study.references.values():
                entry = self._entry("reference", r.id, lambda r=r: reference_fields(r))
                if all(term in entry[2] for term in terms):
                    results.hits.append(_hit("reference", r.id, terms, entry))
        return results


def _hit(kind: str, key: str, terms: list[str], entry: tuple[_Fields, list[str], str]
         ) -> SearchHit:
    """The hit, showing the first field that holds the first word (a quote before a note)."""
    fields, folded, _ = entry
    for (name, text), folded_text in zip(fields, folded, strict=True):
        if terms[0] in folded_text:
            return SearchHit(kind, key, name, text)
    name, text = fields[0]
    return SearchHit(kind, key, name, text)
