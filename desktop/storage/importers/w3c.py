"""W3C Web Annotations into a study's documents: the inverse of ``exporters.w3c``.

Accepts an AnnotationCollection with its pages embedded, an AnnotationPage, one
Annotation, or a JSON list of annotations. Each annotation whose target has a
TextQuoteSelector or TextPositionSelector becomes a highlight, placed by
``anchoring.anchor``; one that cannot be placed is kept as an orphan, never dropped.
In a study of several documents each goes on the document its target's ``source``
names (``w3c_targets``: Crosslight id, web address, file, or SHA-256 of the text);
otherwise, or when none matches, on the given (current) document. Bodies map back by
purpose: ``tagging`` → the first that names a category (by name, then id) is the
category, every other one a tag of the highlight, ``commenting`` → note,
``assessing`` → verdict and rationale. ``linking`` annotations between two highlights
become links. ``urn:crosslight:`` ids are kept when free, so a re-import of the same
file skips what the study already has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector, anchor, describe
from desktop.domain.commands import AddHighlight, Command
from desktop.domain.crosscheck import Relation, Verdict
from desktop.domain.crosscheck_commands import AddLink
from desktop.domain.ids import new_id, utc_now
from desktop.domain.model import Document, Highlight, Link, Study
from desktop.domain.tags import normalise_tags
from desktop.storage.exporters.w3c import URN
from desktop.storage.importers.common import ImportFormatError, parse_json, read_text
from desktop.storage.importers.w3c_targets import DocumentMatcher

NOTE_PURPOSES = {"commenting", "describing", "replying", "questioning", "editing"}
TAG_PURPOSES = {"tagging", "classifying"}
_LOCAL_ID = re.compile(r"[a-z]-[0-9A-Za-z_-]{1,64}")
MAX_PAGES = 10_000


@dataclass
class AnnotationImport:
    """What an import will add, and what it could not or would not."""

    highlights: list[Highlight] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # imported, but their passage is lost
    duplicates: int = 0  # already in the study
    skipped: list[str] = field(default_factory=list)  # one reason per annotation left out
    unknown_tags: list[str] = field(default_factory=list)
    fallback_category: str = ""
    placed: dict[str, int] = field(default_factory=dict)  # document id → highlights
    titles: dict[str, str] = field(default_factory=dict)  # document id → its title

    def commands(self) -> list[Command]:
        return [*(AddHighlight(h) for h in self.highlights), *(AddLink(k) for k in self.links)]

    @property
    def is_empty(self) -> bool:
        return not self.highlights and not self.links

    def summary(self) -> str:
        n, k = len(self.highlights), len(self.links)
        lines = [f"Imported {n} highlight{'s' if n != 1 else ''} and {k} "
                 f"link{'s' if k != 1 else ''}."]
        if len(self.placed) > 1:
            lines.append("By document: " + ", ".join(
                f"“{self.titles[d] or 'Untitled'}” {n}" for d, n in self.placed.items()) + ".")
        if self.orphans:
            lines.append(f"{len(self.orphans)} could not be placed in the text and "
                         f"{'is' if len(self.orphans) == 1 else 'are'} listed as orphaned.")
        if self.duplicates:
            lines.append(f"Skipped {self.duplicates} already in the study.")
        if self.unknown_tags:
            lines.append(f"Tags with no matching category (filed under "
                         f"{self.fallback_category}, kept as tags): "
                         f"{', '.join(self.unknown_tags)}.")
        if self.skipped:
            shown = "; ".join(self.skipped[:5])
            more = f"; and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            lines.append(f"Not imported ({len(self.skipped)}): {shown}{more}.")
        return "\n".join(lines)


def read_annotations(path: Path, study: Study, document_id: str) -> AnnotationImport:
    """Read a W3C annotation file into ``study``; annotations whose target names none of
    its documents go on ``document_id``. ImportFormatError if it is no annotation file."""
    path = Path(path)
    data = parse_json(read_text(path), path.name)
    return import_annotations(data, study, document_id, path.name)


def import_annotations(
    data: object, study: Study, document_id: str, name: str = "the file"
) -> AnnotationImport:
    return _Importer(study, document_id).run(annotations_in(data, name))


def annotations_in(data: object, name: str = "the file") -> list[Any]:
    """The annotations of a collection, page, single annotation or list."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError(f"“{name}” is not a W3C annotation file.")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if "AnnotationPage" in kinds:
        return _page_items(data, name)
    if "AnnotationCollection" in kinds:
        page, items = data.get("first"), []
        if page is None:
            return []
        if isinstance(page, str):
            raise ImportFormatError(
                f"“{name}” names its annotation pages by address only ({page}); "
                "Crosslight imports collections whose pages are included in the file."
            )
        for _ in range(MAX_PAGES):
            if not isinstance(page, dict):
                break
            items += _page_items(page, name)
            page = page.get("next")
        return items
    raise ImportFormatError(
        f"“{name}” is not a W3C annotation file: it has no Annotation, AnnotationPage "
        "or AnnotationCollection."
    )


def _page_items(page: dict, name: str) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise ImportFormatError(f"“{name}”: an AnnotationPage's items should be a list.")
    return items


def _types(obj: dict) -> set[str]:
    kind = obj.get("type", obj.get("@type"))
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _str(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def parse_assessment(value: str) -> tuple[Verdict, str] | None:
    """“Disputed: why” (as exported), “disputed” or “Disputed” → (verdict, rationale).

    The rationale comes back exactly as exported: only the one space after the colon goes.
    """
    text = value.lstrip()
    for verdict in sorted(Verdict, key=lambda v: -len(v.label)):
        for name in (verdict.label.casefold(), verdict.value):
            if text.rstrip().casefold() == name:
                return verdict, ""
            if text[: len(name)].casefold() == name and text[len(name) : len(name) + 1] == ":":
                rest = text[len(name) + 1 :]
                return verdict, rest[1:] if rest.startswith(" ") else rest
    return None


def _iri(value: Any) -> str:
    """The address a body or target names: a string, or an object's id or source."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _str(value, "source") or _str(value, "id")
    return ""


def _local_id(iri: str, prefix: str) -> str | None:
    if not iri.startswith(URN):
        return None
    local = iri[len(URN) :]
    return local if _LOCAL_ID.fullmatch(local) and local.startswith(prefix + "-") else None


@dataclass
class _Selectors:
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    source: str = ""  # the address of the document the selectors point into


class _Importer:
    def __init__(self, study: Study, document_id: str) -> None:
        if not study.categories:
            raise ImportFormatError("The study has no categories to file highlights under.")
        self.study = study
        self.fallback = study.documents[document_id]
        self.matcher = DocumentMatcher(study) if len(study.documents) > 1 else None
        self.result = AnnotationImport(fallback_category=study.categories[0].name)
        self.ids: dict[str, str] = {}  # annotation id → highlight id
        self.taken: set[str] = set(study.highlights)
        self.by_name = {c.name.casefold(): c.id for c in study.categories}
        self.by_id = {c.id.casefold(): c.id for c in study.categories}
        self.known = {_content_key(h): h.id for h in study.highlights.values()}

    def run(self, annotations: list[Any]) -> AnnotationImport:
        pending_links = []
        for number, annotation in enumerate(annotations, start=1):
            where = f"item {number}"
            if not isinstance(annotation, dict) or "Annotation" not in _types(annotation):
                self.result.skipped.append(f"{where} is not an Annotation")
                continue
            selectors = self._selectors(annotation.get("target"))
            if selectors.quote is not None or selectors.position is not None:
                self._highlight(annotation, selectors, where)
            elif "linking" in self._motivations(annotation):
                pending_links.append((annotation, where))
            else:
                self.result.skipped.append(f"{where} points at no passage of text")
        for annotation, where in pending_links:
            self._link(annotation, where)
        return self.result

    # --- parts of an annotation -----------------------------------------------
    @staticmethod
    def _motivations(annotation: dict) -> list[str]:
        return [m for m in _as_list(annotation.get("motivation")) if isinstance(m, str)]

    def _selectors(self, target: Any) -> _Selectors:
        found = _Selectors()
        for t in _as_list(target):
            if not isinstance(t, dict):
                continue
            for sel in _as_list(t.get("selector")):
                if not isinstance(sel, dict):
                    continue
                kind = _types(sel)
                if "TextQuoteSelector" in kind and found.quote is None and _str(sel, "exact"):
                    found.quote = TextQuoteSelector(
                        _str(sel, "exact"), _str(sel, "prefix"), _str(sel, "suffix")
                    )
                elif "TextPositionSelector" in kind and found.position is None:
                    start, end = sel.get("start"), sel.get("end")
                    if (type(start) is int and type(end) is int and 0 <= start < end):
                        found.position = TextPositionSelector(start, end)
            if found.quote is not None or found.position is not None:
                found.source = _str(t, "source") or _str(t, "id")
                break
        return found

    def _document(self, source: str) -> Document:
        """The document a target names; the fallback in a one-document study or if none."""
        found = self.matcher.match(source) if self.matcher is not None else None
        return self.study.documents[found] if found else self.fallback

    def _bodies(self, annotation: dict) -> Iterator[tuple[str, str]]:
        """(purpose, text) of every textual body; bodyValue counts as a comment."""
        motivations = self._motivations(annotation)
        default = next((m for m in motivations if m != "highlighting"), "commenting")
        for value in _as_list(annotation.get("bodyValue")):
            if isinstance(value, str):
                yield "commenting", value
        for body in _as_list(annotation.get("body")):
            if not isinstance(body, dict):
                continue
            text = _str(body, "value") or _str(body, "chars")
            if not text:
                continue
            purposes = [p for p in _as_list(body.get("purpose")) if isinstance(p, str)]
            yield (purposes[0] if purposes else default), text

    # --- highlights -----------------------------------------------------------
    def _highlight(self, annotation: dict, selectors: _Selectors, where: str) -> None:
        document = self._document(selectors.source)
        text = document.text
        quote, position = selectors.quote, selectors.position
        if quote is None:
            assert position is not None
            if position.end > len(text):
                self.result.skipped.append(f"{where} has only a position, beyond the text")
                return
            quote, _ = describe(text, position.start, position.end)
        tags, notes, verdict, rationale = [], [], Verdict.UNVERIFIED, ""
        assessed = False
        for purpose, value in self._bodies(annotation):
            if purpose in TAG_PURPOSES:
                tags.append(value.strip())
            elif purpose == "assessing":
                parsed = None if assessed else parse_assessment(value)
                if parsed is None:
                    notes.append(f"Assessment: {value.strip()}")
                else:
                    (verdict, rationale), assessed = parsed, True
            elif purpose in NOTE_PURPOSES:
                notes.append(value)
        found = anchor(text, quote, position)
        highlight = Highlight(
            document_id=document.id,
            quote=quote,
            start=found.start if found else None,
            end=found.end if found else None,
            category_id=self._category(tags),
            tags=self._free_tags(tags),
            note=notes[0] if len(notes) == 1 else "\n\n".join(n.strip("\n") for n in notes),
            verdict=verdict,
            rationale=rationale,
        )
        stamp = utc_now()
        highlight.created = _str(annotation, "created") or stamp
        highlight.modified = _str(annotation, "modified") or highlight.created
        ann_id = _str(annotation, "id")
        existing = self._existing(ann_id, highlight)
        if existing is not None:
            self.result.duplicates += 1
            if ann_id:
                self.ids[ann_id] = existing
            return
        local = _local_id(ann_id, "h")
        highlight.id = local if local and local not in self.taken else new_id("h")
        self.taken.add(highlight.id)
        if ann_id:
            self.ids[ann_id] = highlight.id
        self.result.highlights.append(highlight)
        placed = self.result.placed
        placed[document.id] = placed.get(document.id, 0) + 1
        self.result.titles[document.id] = document.title
        if highlight.is_orphan:
            self.result.orphans.append(highlight.id)

    def _existing(self, ann_id: str, new: Highlight) -> str | None:
        """The id of a highlight the study already has that ``new`` repeats, if any."""
        local = _local_id(ann_id, "h")
        old = self.study.highlights.get(local) if local else None
        if old is not None and old.document_id == new.document_id and (
            old.quote.exact == new.quote.exact
        ):
            return old.id
        return self.known.get(_content_key(new))

    def _category(self, tags: list[str]) -> str:
        for tag in tags:
            match = self.by_name.get(tag.casefold()) or self.by_id.get(tag.casefold())
            if match:
                return match
        for tag in tags:
            if tag and tag not in self.result.unknown_tags:
                self.result.unknown_tags.append(tag)
        return self.study.categories[0].id

    def _free_tags(self, values: list[str]) -> list[str]:
        """Tagging bodies other than the one taken as the category."""
        rest, used = [], False
        for value in values:
            if not used and (value.casefold() in self.by_name or value.casefold() in self.by_id):
                used = True
                continue
            rest.append(value)
        return normalise_tags(rest)

    # --- links ----------------------------------------------------------------
    def _resolve(self, iri: str) -> str | None:
        if iri in self.ids:
            return self.ids[iri]
        local = _local_id(iri, "h")
        return local if local and local in self.study.highlights else None

    def _link(self, annotation: dict, where: str) -> None:
        targets = [_iri(t) for t in _as_list(annotation.get("target"))]
        bodies = _as_list(annotation.get("body"))
        others = [_iri(b) for b in bodies if not (isinstance(b, dict) and "value" in b)]
        source = next((h for h in map(self._resolve, targets) if h), None)
        target = next((h for h in map(self._resolve, others) if h), None)
        if source is None or target is None or source == target:
            self.result.skipped.append(f"{where} links passages that are not in the study")
            return
        relation = Relation.SEE_ALSO
        for purpose, value in self._bodies(annotation):
            if purpose in TAG_PURPOSES:
                relation = _relation(value) or relation
        existing = [*self.study.links.values(), *self.result.links]
        if any((k.source_id, k.target_id, k.relation) == (source, target, relation)
               for k in existing):
            self.result.duplicates += 1
            return
        taken = set(self.study.links) | {k.id for k in self.result.links}
        local = _local_id(_str(annotation, "id"), "l")
        link = Link(source, target, relation)
        if local and local not in taken:
            link.id = local
        self.result.links.append(link)


def _content_key(h: Highlight) -> tuple:
    """Same place, words, category and note: the same highlight, whatever its id."""
    return (h.document_id, h.start, h.end, h.quote.exact, h.category_id, h.note)


def _relation(value: str) -> Relation | None:
    folded = value.strip().casefold()
    return next((r for r in Relation if folded in (r.value, r.label)), None)
