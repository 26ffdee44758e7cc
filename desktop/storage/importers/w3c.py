"""W3C Web Annotations into a study's documents: the inverse of ``exporters.w3c``.

Accepts an AnnotationCollection with its pages embedded, an AnnotationPage, one
Annotation, or a JSON list of annotations. Each annotation whose target has a
TextQuoteSelector or TextPositionSelector (at the top of a selector or down its
``refinedBy`` chain, see ``w3c_selectors``) becomes a highlight, placed by
``anchoring.anchor``; one that cannot be placed is kept as an orphan, never dropped.
In a study of several documents each goes on the document its target's ``source``
names (``w3c_targets``: Crosslight id, web address, file, or SHA-256 of the text);
otherwise, or when none matches, on the given (current) document.

Bodies map back by purpose, however written (``w3c_bodies``): comments and descriptions
→ the note (a paragraph each), ``replying`` → quoted paragraphs of the note,
``classifying`` and then ``tagging`` → the first value that names a category (by name,
then id) is the category, the others tags, ``assessing`` → verdict and rationale.
External and SpecificResource bodies become references of the library, cited by the
highlight (stance “context” unless the body states one). Motivation, creator,
created/modified and the languages of note and passage are kept on the highlight.
``linking`` annotations between two highlights become links. ``urn:crosslight:`` ids
are kept when free, so a re-import of the same file skips what the study already has.
Whatever an annotation holds that the study cannot is listed per annotation in
``AnnotationImport.lost``: nothing is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.anchoring import AnchorBudget, anchor, describe
from desktop.domain.commands import AddHighlight, Command
from desktop.domain.crosscheck import Relation, Verdict
from desktop.domain.crosscheck_commands import AddLink, AddReference
from desktop.domain.ids import new_id, utc_now
from desktop.domain.model import Citation, Document, Highlight, Link, Reference, Study
from desktop.domain.plural import plural
from desktop.domain.tags import MAX_TAGS, normalise_tags
from desktop.storage.annotation_keys import LANGUAGE_TAG, MAX_MOTIVATIONS, MOTIVATION
from desktop.storage.exporters.w3c import URN
from desktop.storage.importers.common import ImportFormatError, parse_json, read_text
from desktop.storage.importers.progress import NO_WORK, Work
from desktop.storage.importers.references import normal_url
from desktop.storage.importers.w3c_bodies import BodyReading, read_bodies
from desktop.storage.importers.w3c_selectors import Placement, place
from desktop.storage.importers.w3c_targets import DocumentMatcher
from desktop.storage.importers.w3c_vocab import agent, as_list, names, text_of, types

_LOCAL_ID = re.compile(r"[a-z]-[0-9A-Za-z_-]{1,64}")
MAX_PAGES = 10_000
# Annotations read from one file (those past it are counted and reported): 20,000
# highlights with 20,000 links between them took 6 s, and a file of them is no reading.
MAX_ANNOTATIONS = 10_000
SHOWN_LOST = 10  # annotations whose losses the summary spells out; the report has all
_ANNOTATION_KEYS = frozenset({"@context", "id", "@id", "type", "@type", "motivation",
                              "creator", "created", "modified", "body", "bodyValue",
                              "target", "uri"})  # uri: a Hypothesis row's page, see there


@dataclass
class AnnotationImport:
    """What an import will add, and what it could not or would not."""

    highlights: list[Highlight] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)  # new ones the bodies name
    orphans: list[str] = field(default_factory=list)  # imported, but their passage is lost
    duplicates: int = 0  # already in the study
    skipped: list[str] = field(default_factory=list)  # one reason per annotation left out
    unknown_tags: list[str] = field(default_factory=list)
    fallback_category: str = ""
    placed: dict[str, int] = field(default_factory=dict)  # document id → highlights
    titles: dict[str, str] = field(default_factory=dict)  # document id → its title
    # (annotation, what of it was not carried over), for every annotation that lost any
    lost: list[tuple[str, list[str]]] = field(default_factory=list)
    annotation_ids: dict[str, str] = field(default_factory=dict)  # annotation id → highlight
    not_read: int = 0  # annotations past MAX_ANNOTATIONS: not looked at

    def commands(self) -> list[Command]:
        return [*(AddReference(r) for r in self.references),
                *(AddHighlight(h) for h in self.highlights), *(AddLink(k) for k in self.links)]

    @property
    def is_empty(self) -> bool:
        return not self.highlights and not self.links

    def summary(self) -> str:
        n, k = len(self.highlights), len(self.links)
        lines = [f"Imported {plural(n, 'highlight')} and {plural(k, 'link')}."]
        if self.not_read:
            lines.append(f"The file has {MAX_ANNOTATIONS + self.not_read:,} annotations; "
                         f"Crosslight imports at most {MAX_ANNOTATIONS:,} at once: the last "
                         f"{self.not_read:,} were not read.")
        if self.references:
            r = len(self.references)
            lines.append(f"Added {plural(r, 'reference')} that the annotations "
                         "cite to the library.")
        if len(self.placed) > 1:
            lines.append("By document: " + ", ".join(
                f"“{self.titles[d] or 'Untitled'}” {n}" for d, n in self.placed.items()) + ".")
        if self.orphans:
            lines.append(f"{len(self.orphans)} could not be placed in the text and "
                         f"{'is' if len(self.orphans) == 1 else 'are'} listed as orphaned.")
        if self.duplicates:
            lines.append(f"Skipped {self.duplicates} already in the study.")
        if self.unknown_tags:
            shown = ", ".join(self.unknown_tags[:20])
            more = f" and {len(self.unknown_tags) - 20} more" if len(self.unknown_tags) > 20 \
                else ""
            lines.append(f"Tags with no matching category (filed under "
                         f"{self.fallback_category}, kept as tags): {shown}{more}.")
        if self.skipped:
            shown = "; ".join(self.skipped[:5])
            more = f"; and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            lines.append(f"Not imported ({len(self.skipped)}): {shown}{more}.")
        if self.lost:
            lines.append(f"Not carried over from {plural(len(self.lost), 'annotation')}:")
            lines += [f"- {where}: {'; '.join(what)}." for where, what in
                      self.lost[:SHOWN_LOST]]
            if len(self.lost) > SHOWN_LOST:
                lines.append(f"- and {len(self.lost) - SHOWN_LOST} more annotations.")
        return "\n".join(lines)

    def report(self) -> str:
        """The summary, then every annotation's losses (for a log or the command line)."""
        lines = [self.summary()]
        if len(self.lost) > SHOWN_LOST or len(self.skipped) > 5:
            lines.append("In full:")
            lines += [f"- {reason}" for reason in self.skipped]
            lines += [f"- {where}: {'; '.join(what)}." for where, what in self.lost]
        return "\n".join(lines)


def read_annotations(path: Path, study: Study, document_id: str,
                     work: Work | None = None) -> AnnotationImport:
    """Read a W3C annotation file (or Hypothesis's JSON, see ``hypothesis``) into
    ``study``; annotations whose target names none of its documents go on
    ``document_id``. ImportFormatError if it is no annotation file."""
    path = Path(path)
    data = parse_json(read_text(path), path.name)
    from desktop.storage.importers.hypothesis import import_hypothesis, is_hypothesis

    if is_hypothesis(data):  # Hypothesis's own JSON: its importer, same kind of plan
        return import_hypothesis(data, study, document_id, path.name, work)
    return import_annotations(data, study, document_id, path.name, work)


def import_annotations(
    data: object, study: Study, document_id: str, name: str = "the file",
    work: Work | None = None,
) -> AnnotationImport:
    return _Importer(study, document_id, work or NO_WORK).run(annotations_in(data, name))


def annotations_in(data: object, name: str = "the file") -> list[Any]:
    """The annotations of a collection, page, single annotation or list."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError(f"“{name}” is not a W3C annotation file.")
    kinds = types(data)
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
        return text_of(value, "source") or text_of(value, "id")
    return ""


def _local_id(iri: str, prefix: str) -> str | None:
    if not iri.startswith(URN):
        return None
    local = iri[len(URN) :]
    return local if _LOCAL_ID.fullmatch(local) and local.startswith(prefix + "-") else None


def _label(annotation: dict, number: int) -> str:
    ident = text_of(annotation, "id") or text_of(annotation, "@id")
    return f"item {number} ({ident})" if ident else f"item {number}"


class _Importer:
    def __init__(self, study: Study, document_id: str, work: Work) -> None:
        if not study.categories:
            raise ImportFormatError("The study has no categories to file highlights under.")
        self.study = study
        self.work = work
        self.fallback = study.documents[document_id]
        self.matcher = DocumentMatcher(study) if len(study.documents) > 1 else None
        self.result = AnnotationImport(fallback_category=study.categories[0].name)
        self.ids: dict[str, str] = {}  # annotation id → highlight id
        self.taken: set[str] = set(study.highlights)
        self.by_name = {c.name.casefold(): c.id for c in study.categories}
        self.by_id = {c.id.casefold(): c.id for c in study.categories}
        self.known = {_content_key(h): h.id for h in study.highlights.values()}
        self.unknown: set[str] = set()
        self.references = {normal_url(r.url): r.id for r in study.references.values() if r.url}
        self.link_keys = {(k.source_id, k.target_id, k.relation) for k in study.links.values()}
        self.link_ids = set(study.links)
        self.budget = AnchorBudget(0)

    def run(self, annotations: list[Any]) -> AnnotationImport:
        pending_links = []
        if len(annotations) > MAX_ANNOTATIONS:  # a work budget: see README, "Your data"
            self.result.not_read = len(annotations) - MAX_ANNOTATIONS
            annotations = annotations[:MAX_ANNOTATIONS]
        total = len(annotations)
        self.budget = AnchorBudget.for_highlights(total)  # hostile repeats: orphans
        for number, annotation in enumerate(annotations, start=1):
            self.work.step(number, total)
            if not isinstance(annotation, dict) or "Annotation" not in types(annotation):
                self.result.skipped.append(f"item {number} is not an Annotation")
                continue
            where = _label(annotation, number)
            placement = place(annotation.get("target"))
            if placement.found:
                self._highlight(annotation, placement, where)
            elif "linking" in names(annotation.get("motivation")):
                pending_links.append((annotation, where))
            else:
                self.result.skipped.append(f"{where} points at no passage of text")
        for annotation, where in pending_links:
            self._link(annotation, where)
        self.result.annotation_ids = dict(self.ids)
        self.work.done()
        return self.result

    def _document(self, source: str) -> Document:
        """The document a target names; the fallback in a one-document study or if none."""
        found = self.matcher.match(source) if self.matcher is not None else None
        return self.study.documents[found] if found else self.fallback

    # --- highlights -----------------------------------------------------------
    def _highlight(self, annotation: dict, placement: Placement, where: str) -> None:
        document = self._document(placement.source)
        text = document.text
        quote, position = placement.quote, placement.position
        if quote is None:
            assert position is not None
            if position.end > len(text):
                self.result.skipped.append(f"{where} has only a position, beyond the text")
                return
            quote, _ = describe(text, position.start, position.end)
        creators = as_list(annotation.get("creator"))
        reading = read_bodies(annotation, creators[0] if creators else None)
        lost = [f"{_keys(set(annotation) - _ANNOTATION_KEYS)} of the annotation"] \
            if set(annotation) - _ANNOTATION_KEYS else []
        lost += placement.lost
        lost += reading.lost
        if len(creators) > 1:
            lost.append(plural(len(creators) - 1, "further creator"))
        verdict, rationale, notes = self._verdict(reading)
        tags, category = self._sorted_tags(reading, lost)
        found = anchor(text, quote, position, self.budget)
        highlight = Highlight(
            document_id=document.id,
            quote=quote,
            start=found.start if found else None,
            end=found.end if found else None,
            category_id=category,
            tags=tags,
            note=notes[0] if len(notes) == 1 else "\n\n".join(n.strip("\n") for n in notes),
            verdict=verdict,
            rationale=rationale,
            creator=agent(creators[0]) if creators else None,
            motivation=self._motivation(annotation, lost),
            language=_language(reading.language, "of the note", lost),
            quote_language=_language(placement.language, "of the passage", lost),
        )
        stamp = utc_now()
        highlight.created = text_of(annotation, "created") or stamp
        highlight.modified = text_of(annotation, "modified") or highlight.created
        ann_id = text_of(annotation, "id")
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
        self._cite(highlight, reading)
        self.result.highlights.append(highlight)
        placed = self.result.placed
        placed[document.id] = placed.get(document.id, 0) + 1
        self.result.titles[document.id] = document.title
        if highlight.is_orphan:
            self.result.orphans.append(highlight.id)
        if lost:
            self.result.lost.append((where, lost))

    @staticmethod
    def _verdict(reading: BodyReading) -> tuple[Verdict, str, list[str]]:
        verdict, rationale, notes = Verdict.UNVERIFIED, "", list(reading.notes)
        assessed = False
        for value in reading.assessments:
            parsed = None if assessed else parse_assessment(value)
            if parsed is None:
                notes.append(f"Assessment: {value.strip()}")
            else:
                (verdict, rationale), assessed = parsed, True
        return verdict, rationale, notes

    def _sorted_tags(self, reading: BodyReading, lost: list[str]) -> tuple[list[str], str]:
        """(free tags, category id): the first classifying, else tagging, value that
        names a category is the category; every other value is a tag."""
        values = [*reading.classes, *reading.tags]
        category, used = None, -1
        for i, value in enumerate(values):
            category = self.by_name.get(value.casefold()) or self.by_id.get(value.casefold())
            if category:
                used = i
                break
        if category is None:
            for value in values:
                if value and value not in self.unknown:
                    self.unknown.add(value)
                    self.result.unknown_tags.append(value)
            category = self.study.categories[0].id
        rest = [v for i, v in enumerate(values) if i != used]
        tags = normalise_tags(rest)
        if len(tags) == MAX_TAGS and len({t.casefold() for t in rest if t.strip()}) > MAX_TAGS:
            extra = len({t.casefold() for t in rest if t.strip()}) - MAX_TAGS
            lost.append(f"{extra} tags beyond the {MAX_TAGS} a highlight holds")
        return tags, category

    @staticmethod
    def _motivation(annotation: dict, lost: list[str]) -> list[str]:
        motivation = names(annotation.get("motivation"))
        kept = [m for m in motivation if MOTIVATION.fullmatch(m)][:MAX_MOTIVATIONS]
        if len(kept) < len(motivation):
            lost.append(f"{len(motivation) - len(kept)} motivations that are not W3C names")
        return [] if kept == ["highlighting"] else kept

    def _cite(self, highlight: Highlight, reading: BodyReading) -> None:
        """A citation of each resource the bodies name, adding it to the library if new."""
        cited: set[str] = set()
        for body in reading.external:
            key = normal_url(body.url)
            reference_id = self.references.get(key)
            if reference_id is None:
                reference = Reference(url=body.url, title=body.title)
                self.result.references.append(reference)
                self.references[key] = reference_id = reference.id
            if reference_id in cited:
                continue
            cited.add(reference_id)
            comment = f"Attached for {body.purpose}." if body.purpose else ""
            highlight.citations.append(Citation(reference_id, body.stance, comment))

    def _existing(self, ann_id: str, new: Highlight) -> str | None:
        """The id of a highlight the study already has that ``new`` repeats, if any."""
        local = _local_id(ann_id, "h")
        old = self.study.highlights.get(local) if local else None
        if old is not None and old.document_id == new.document_id and (
            old.quote.exact == new.quote.exact
        ):
            return old.id
        return self.known.get(_content_key(new))

    # --- links ----------------------------------------------------------------
    def _resolve(self, iri: str) -> str | None:
        if iri in self.ids:
            return self.ids[iri]
        local = _local_id(iri, "h")
        return local if local and local in self.study.highlights else None

    def _link(self, annotation: dict, where: str) -> None:
        targets = [_iri(t) for t in as_list(annotation.get("target"))]
        bodies = as_list(annotation.get("body"))
        others = [_iri(b) for b in bodies if not (isinstance(b, dict) and "value" in b)]
        source = next((h for h in map(self._resolve, targets) if h), None)
        target = next((h for h in map(self._resolve, others) if h), None)
        if source is None or target is None or source == target:
            self.result.skipped.append(f"{where} links passages that are not in the study")
            return
        relation = Relation.SEE_ALSO
        for body in bodies:
            if isinstance(body, dict) and "tagging" in names(body.get("purpose")):
                relation = _relation(text_of(body, "value")) or relation
        key = (source, target, relation)
        if key in self.link_keys:
            self.result.duplicates += 1
            return
        self.link_keys.add(key)
        local = _local_id(text_of(annotation, "id"), "l")
        link = Link(source, target, relation)
        if local and local not in self.link_ids:
            link.id = local
        self.link_ids.add(link.id)
        link.created = text_of(annotation, "created") or link.created
        link.modified = text_of(annotation, "modified") or link.created
        creators = as_list(annotation.get("creator"))
        link.creator = agent(creators[0]) if creators else None
        self.result.links.append(link)


def _language(value: str, what: str, lost: list[str]) -> str:
    if not value or LANGUAGE_TAG.fullmatch(value):
        return value
    lost.append(f"the language “{value[:20]}” {what} (not a language tag)")
    return ""


def _keys(keys: set[str]) -> str:
    shown = sorted(keys)
    return ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")


def _content_key(h: Highlight) -> tuple:
    """Same place, words, category and note: the same highlight, whatever its id."""
    return (h.document_id, h.start, h.end, h.quote.exact, h.category_id, h.note)


def _relation(value: str) -> Relation | None:
    folded = value.strip().casefold()
    return next((r for r in Relation if folded in (r.value, r.label)), None)
