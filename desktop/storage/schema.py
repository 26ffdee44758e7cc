"""The study-file format: conversion between a Study and plain JSON data.

Format (version 3), one UTF-8 JSON object with sorted keys::

    format      "crosslight-study"
    version     3
    requires    3             the lowest reader that reads it (see ``migrations``)
    offset_unit "codepoint"   Unicode code points, as W3C TextPositionSelector
    study       {id, title, note, created, modified, current_document}
    categories  [{id, name, color}]
    documents   [{id, title, media_type, source_path, added, sha256, text,
                  url, author, published, encoding?, pages?, styles?, source_map?,
                  source: {publisher, stance, trust, notes},
                  versions: [{text, title, replaced, sha256}]}]   optional
    references  [{id, url, title, author, published, accessed, excerpt, note,
                  created, modified}]
    highlights  [{id, document, category, note, created, modified, tags,
                  verdict: {value, rationale},
                  citations: [{id, reference, stance, comment}],
                  target: {selectors: [TextQuoteSelector, TextPositionSelector]}}]
    links       [{id, source, target, relation}]   highlight ids

Version 1 had no references, verdicts, citations, links or source notes. Version 3 is
late version 2 (the optional keys below, ``migrations.V2_LATER_KEYS``) plus ``requires``;
keys this version does not know are carried to the next save (``unknown_keys``).
``documents[].url``, ``author`` and ``published`` (where, by whom and when the document
was published) were added to version 2 later as optional keys: a reader treats a missing
one as "", so files written before them still open, and older readers ignore them.
``documents[].versions`` (earlier texts of the document, oldest first, kept by "Update
from New Version") is optional in the same way: written only when a document has earlier
versions, read as none when missing; each version's text must match its ``sha256``.
A study may hold several documents; highlights name theirs with ``document``.
``highlights[].tags`` (a list of free-text tags, e.g. ``["economy", "sanctions"]``) was
added the same way: missing means no tags; every entry must be text, and the loader
tidies the list as the app does (``domain.tags.normalise_tags``).
``study.current_document`` (the id of the document shown when the study was saved, so
reopening shows it again) is optional too: written only for a study of several
documents; a missing or unknown id means the first document.
So were ``documents[].encoding`` (how a text file was decoded, e.g. "cp1256"), ``pages`` (code-point
start of each page of a PDF, ascending from 0) and ``styles`` ([start, end, kind] with
kind heading1-3/bold/italic/code, the formatting of rendered Markdown); they are written
only when not empty and checked by ``document_layout``. Version 3 added ``source_map``
the same way ([shown, source, length] runs: where rendered Markdown sits in its file,
``domain.source_map``); older version-3 readers carry it as an unknown key.
``documents[].provenance`` (where and when a document was fetched from the web, with the
SHA-256 and optionally the bytes received) and ``archived`` (a web archive's snapshot,
also on references and versions) are optional too: see ``provenance_data``.

``creator`` and ``editor`` ({name, organisation?, url?}: who made an object and who last
changed it) are optional keys of highlights, citations, links and references, written
only when known; citations and links also carry optional ``created``/``modified``.
Objects without them were made before identities were kept and show as "unknown".
Team work's optional keys (``revs``, ``highlights[].reviews``, ``study.deleted`` and
``study.conflicts``) are described in ``team_keys``.

Highlights are written in document order so a diff reads like the document.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.model import (
    Category,
    Citation,
    Document,
    DocumentVersion,
    Highlight,
    Link,
    Reference,
    SourceAssessment,
    Study,
    text_sha256,
)
from desktop.domain.tags import normalise_tags
from desktop.storage.annotation_keys import (
    annotation_keys_from,
    annotation_keys_to_data,
    category_checkable,
    category_to_data,
    publish_url_from,
    study_keys_to_data,
)
from desktop.storage.document_layout import layout_from, layout_to_data
from desktop.storage.errors import OverBudgetError, StudyFileError
from desktop.storage.highlight_fast import fast_highlight
from desktop.storage.person_data import person_from, person_to_data
from desktop.storage.provenance_data import archived_from, archived_to_data, web_from, web_to_data
from desktop.storage.study_parts import HighlightParts
from desktop.storage.team_keys import (
    reviews_from,
    reviews_to_data,
    revs_from,
    revs_to_data,
    study_team_from,
    study_team_to_data,
)
from desktop.storage.unknown_keys import (
    Extra,
    carry_item,
    carry_whole,
    unknown_keys,
    with_unknown,
)
from desktop.storage.validate import Node

if TYPE_CHECKING:  # msgspec loads with the first large study, not at start
    from desktop.storage.highlight_typed import TypedReader

FORMAT = "crosslight-study"
VERSION = 3  # the layout of the keys this version writes; older ones migrate (migrations)
# ``requires``: the lowest reader able to read a file correctly. A reader opens every
# file whose ``requires`` is at most its ``READS`` and carries the keys it does not know
# (unknown_keys); raise both only for a change an older reader cannot safely ignore.
REQUIRES = 3
READS = 3
OFFSET_UNIT = "codepoint"
MAX_CATEGORIES = 1_000  # a budget: see README, "Your data"


def study_to_data(
    study: Study, highlight_data: Callable[[Highlight], dict[str, Any]] | None = None,
    highlights: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The study as JSON-ready data; ``highlight_data`` may serve highlights from a
    cache, ``highlights`` be every highlight's data in order already (``snapshot``)."""
    if highlights is None:
        convert = highlight_data or highlight_to_data
        highlights = [
            convert(h)
            for doc_id in study.documents
            for h in study.highlights_in_order(doc_id)
        ]
    study_data = {
        "id": study.id,
        "title": study.title,
        "note": study.note,
        "created": study.created,
        "modified": study.modified,
    }
    if len(study.documents) > 1 and study.current_document in study.documents:
        study_data["current_document"] = study.current_document  # optional: see above
    study_data.update(study_keys_to_data(study))
    study_data.update(study_team_to_data(study))
    data = {
        "format": FORMAT,
        "version": VERSION,
        "requires": REQUIRES,
        "offset_unit": OFFSET_UNIT,
        "study": study_data,
        "categories": [with_unknown(category_to_data(c), c.extra) for c in study.categories],
        "documents": [_document_to_data(d) for d in study.documents.values()],
        "references": [_reference_to_data(r) for r in study.references.values()],
        "highlights": highlights,
        "links": [
            with_unknown({"id": k.id, "source": k.source_id, "target": k.target_id,
                          "relation": k.relation.value, **_stamps_to_data(k)}, k.extra)
            for k in study.links.values()
        ],
    }
    return with_unknown(data, study.extra)


def _document_to_data(d: Document) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": d.id,
        "title": d.title,
        "media_type": d.media_type,
        "source_path": d.source_path,
        "added": d.added,
        "sha256": d.sha256,
        "text": d.text,
        "url": d.url,
        "author": d.author,
        "published": d.published,
        **layout_to_data(d),
        **web_to_data(d),  # optional: provenance, archived (see provenance_data)
        **revs_to_data(d),  # optional: see team_keys
        "source": {
            "publisher": d.source.publisher,
            "stance": d.source.stance,
            "trust": d.source.trust.value,
            "notes": d.source.notes,
        },
    }
    if d.versions:  # optional: files without earlier versions stay as they were
        data["versions"] = [
            with_unknown({"text": v.text, "title": v.title, "replaced": v.replaced,
                          "sha256": v.sha256, **web_to_data(v)}, v.extra)
            for v in d.versions
        ]
    return with_unknown(data, d.extra)


_REFERENCE_FIELDS = ("url", "title", "author", "published", "accessed", "excerpt", "note")


def _reference_to_data(r: Reference) -> dict[str, Any]:
    data = {name: getattr(r, name) for name in _REFERENCE_FIELDS}
    data.update(id=r.id, created=r.created, modified=r.modified, **_people_to_data(r))
    data.update(archived_to_data(r))
    return with_unknown(data, r.extra)


def _people_to_data(item: Any) -> dict[str, Any]:
    """``creator``/``editor``: optional keys, written only when known."""
    data = {}
    if item.creator is not None:
        data["creator"] = person_to_data(item.creator)
    if item.editor is not None:
        data["editor"] = person_to_data(item.editor)
    data.update(revs_to_data(item))  # optional: see team_keys
    return data


def _stamps_to_data(item: Any) -> dict[str, Any]:
    """Times and people of a citation or link: optional keys, written only when known."""
    data: dict[str, Any] = _people_to_data(item)
    if item.created:
        data["created"] = item.created
    if item.modified:
        data["modified"] = item.modified
    return data


def _people_from(node: Node) -> dict[str, Any]:
    return {
        "creator": person_from(node.obj("creator")) if node.has("creator") else None,
        "editor": person_from(node.obj("editor")) if node.has("editor") else None,
        "revs": revs_from(node),
    }


def _stamps_from(node: Node) -> dict[str, Any]:
    return {
        **_people_from(node),
        "created": node.text("created", ""),
        "modified": node.text("modified", ""),
    }


def highlight_to_data(h: Highlight) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": h.quote.exact,
            "prefix": h.quote.prefix,
            "suffix": h.quote.suffix,
        }
    ]
    if h.start is not None and h.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    data = {
        "id": h.id,
        "document": h.document_id,
        "category": h.category_id,
        "note": h.note,
        "created": h.created,
        "modified": h.modified,
        # Enum members go to orjson as they are (it writes their value): ``.value`` on
        # every highlight was a measurable part of saving 10k highlights.
        "verdict": {"value": h.verdict, "rationale": h.rationale},
        "citations": [
            with_unknown({"id": c.id, "reference": c.reference_id, "stance": c.stance.value,
                          "comment": c.comment, **_stamps_to_data(c)}, c.extra)
            for c in h.citations
        ],
        "target": {"selectors": selectors},
        "tags": h.tags,
        **_people_to_data(h),
        **annotation_keys_to_data(h),
        **reviews_to_data(h),
    }
    return with_unknown(data, h.extra) if h.extra else data


def study_from_data(data: Any, consume: bool = False,
                    highlights: Iterable[Any] | None = None) -> Study:
    """Build a Study from parsed JSON of the current version; raises StudyFileError.

    Highlights come back with their stored positions; the caller re-anchors them.
    ``consume``: the parsed highlights are dropped from ``data`` as they are built, so
    the parsed file and the study are not both whole in memory (a reader that has no
    further use for ``data``: 270,000 highlights peaked at 1.5 GB). ``highlights``:
    the file's highlights, parsed one by one (``study_parts``), instead of ``data``'s.
    """
    root = Node(data, "")
    study_node = root.obj("study")
    study = Study(
        id=study_node.text("id"),
        title=study_node.text("title", ""),
        note=study_node.text("note", ""),
        created=study_node.text("created", ""),
        modified=study_node.text("modified", ""),
    )
    categories = _raw_list(root, "categories")
    if len(categories) > MAX_CATEGORIES:  # checked before reading one: the window's
        # menus, filters and shortcuts are built per category (100,000 took minutes)
        raise OverBudgetError(
            f"it has {len(categories):,} categories, more than the {MAX_CATEGORIES:,} "
            "Crosslight shows in a study")
    for node in root.objects("categories"):
        category = Category(node.text("id"), node.text("name"), node.text("color"))
        category.checkable = category_checkable(node, category.id)
        category.extra = unknown_keys(node)
        if study.category(category.id) is not None:
            raise StudyFileError(f"{node.path}: duplicate category id {category.id!r}")
        study.categories.append(category)
    for node in root.objects("documents"):
        document = _document_from(node)
        if document.id in study.documents:
            raise StudyFileError(f"{node.path}: duplicate document id {document.id!r}")
        study.documents[document.id] = document
    current = study_node.text("current_document", "")
    study.current_document = current if current in study.documents else ""  # unknown: first
    study.publish_url = publish_url_from(study_node)
    study_team_from(study_node, study)
    for node in root.objects("references"):
        texts: dict[str, Any] = {name: node.text(name, "") for name in _REFERENCE_FIELDS}
        reference = Reference(
            **texts,
            id=node.text("id"),
            created=node.text("created", ""),
            modified=node.text("modified", ""),
            **_people_from(node),
            **archived_from(node),
        )
        reference.extra = unknown_keys(node)
        if reference.id in study.references:
            raise StudyFileError(f"{node.path}: duplicate reference id {reference.id!r}")
        study.references[reference.id] = reference
    citation_ids: set[str] = set()
    lengths = {doc_id: len(d.text) for doc_id, d in study.documents.items()}

    # Every category is read by now: a set answers ``study.category(id) is not None``.
    has_category = frozenset(c.id for c in study.categories).__contains__

    items = _raw_list(root, "highlights")
    source: Iterable[Any] = items if highlights is None else highlights
    typed: TypedReader | None = None  # msgspec: loaded with the first large study
    to_place: list[Highlight] = []  # read otherwise than typed: re-anchoring looks
    if isinstance(highlights, HighlightParts):  # the usual shape decoded typed, built
        from desktop.storage.highlight_typed import TypedReader

        typed = TypedReader(lengths, frozenset(c.id for c in study.categories),
                            {doc_id: d.text for doc_id, d in study.documents.items()})
        source = highlights.read(typed.build)
    for i, raw in enumerate(source):
        # The usual shape in one pass; anything else through the careful reader.
        highlight: Highlight | None = raw if type(raw) is Highlight else None
        if highlight is None:
            highlight = fast_highlight(raw, lengths, has_category)
            if highlight is None:
                highlight = _highlight_from(Node(raw, f"highlights[{i}]"), study)
            to_place.append(highlight)
        elif typed is not None and typed.unplaced and typed.unplaced[-1] is highlight:
            to_place.append(highlight)  # (in the file's order, as the orphans are told)
        if consume and highlights is None:
            items[i] = None
        if highlight.id in study.highlights:
            raise StudyFileError(f"highlights[{i}]: duplicate highlight id {highlight.id!r}")
        for citation in highlight.citations:
            if citation.id in citation_ids:
                raise StudyFileError(f"highlights[{i}]: duplicate citation id {citation.id!r}")
            citation_ids.add(citation.id)
        study.highlights[highlight.id] = highlight
    for node in root.objects("links"):
        link = Link(
            id=node.text("id"),
            source_id=node.text("source"),
            target_id=node.text("target"),
            relation=_enum(node, "relation", Relation, Relation.SEE_ALSO),
            **_stamps_from(node),
        )
        link.extra = unknown_keys(node)
        if link.source_id not in study.highlights or link.target_id not in study.highlights:
            raise StudyFileError(f"{node.path} joins a highlight that does not exist")
        if link.source_id == link.target_id:
            raise StudyFileError(f"{node.path} links a passage to itself")
        if link.id in study.links:
            raise StudyFileError(f"{node.path}: duplicate link id {link.id!r}")
        study.links[link.id] = link
    root.text("format", "")
    root.value.get("version")
    root.value.get("requires")
    root.text("offset_unit", "")
    study.extra = unknown_keys(root)  # the file's own keys and the ``study`` object's
    if typed is not None and isinstance(highlights, HighlightParts):
        highlights.to_place = to_place
    return study


def _raw_list(node: Node, key: str) -> list[Any]:
    """The list under ``key`` as parsed (``[]`` when missing), its items unchecked."""
    items = node.value.get(key, [])
    if not isinstance(items, list):
        node.objects(key)  # raises the careful reader's message
    return items


def _enum(node: Node, key: str, kind: type[enum.Enum], default: Any) -> Any:
    value = node.text(key, default.value)
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise StudyFileError(
            f"{node.path}.{key} is {value!r}; expected one of: {allowed}"
        ) from None


def _document_from(node: Node) -> Document:
    text = node.text("text")
    sha = node.text("sha256")
    if text_sha256(text) != sha:
        raise StudyFileError(
            f"{node.path}: the document text does not match its recorded SHA-256; "
            "the file was altered or damaged"
        )
    source = node.obj("source", {})
    document = Document(
        id=node.text("id"),
        text=text,
        title=node.text("title", ""),
        media_type=node.text("media_type", "text/plain"),
        source_path=node.text("source_path", ""),
        added=node.text("added", ""),
        url=node.text("url", ""),
        author=node.text("author", ""),
        published=node.text("published", ""),
        **layout_from(node, len(text)),
        **web_from(node),
        revs=revs_from(node),
        source=SourceAssessment(
            publisher=source.text("publisher", ""),
            stance=source.text("stance", ""),
            trust=_enum(source, "trust", Trust, Trust.UNKNOWN),
            notes=source.text("notes", ""),
        ),
        versions=[_version_from(v) for v in node.objects("versions")],
    )
    document.extra = unknown_keys(node)
    return document


def _version_from(node: Node) -> DocumentVersion:
    text = node.text("text")
    if text_sha256(text) != node.text("sha256"):
        raise StudyFileError(
            f"{node.path}: the earlier version's text does not match its recorded SHA-256; "
            "the file was altered or damaged"
        )
    version = DocumentVersion(text=text, title=node.text("title", ""),
                              replaced=node.text("replaced", ""), **web_from(node))
    version.extra = unknown_keys(node)
    return version


def _highlight_from(node: Node, study: Study) -> Highlight:
    document_id = node.text("document")
    if document_id not in study.documents:
        raise StudyFileError(f"{node.path}.document refers to an unknown document")
    category_id = node.text("category")
    if study.category(category_id) is None:
        raise StudyFileError(f"{node.path}.category refers to an unknown category")
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    selectors: Extra = {}
    for sel in node.obj("target").objects("selectors"):
        kind = sel.text("type")
        if kind == "TextQuoteSelector":
            quote = TextQuoteSelector(
                sel.text("exact"), sel.text("prefix", ""), sel.text("suffix", "")
            )
        elif kind == "TextPositionSelector":
            position = TextPositionSelector(sel.integer("start"), sel.integer("end"))
        else:  # a selector of a kind this version does not read: kept as it is
            carry_whole(selectors, "target.selectors", sel.raw)
            continue
        if not sel.raw.keys() <= sel.seen:  # checked here: 20k calls saved per 10k
            carry_item(selectors, f"target.selectors.{kind}", sel)
    if quote is None or not quote.exact:
        raise StudyFileError(f"{node.path}.target has no TextQuoteSelector with text")
    length = len(study.documents[document_id].text)
    if position is not None and not position.start < position.end <= length:
        # The text travels in the file, so no Crosslight ever wrote such a position.
        raise StudyFileError(
            f"{node.path}.target: position {position.start}–{position.end} does not lie "
            f"within the document ({length} characters)"
        )
    verdict = node.obj("verdict", {})
    citations = []
    for c in node.objects("citations"):
        reference_id = c.text("reference")
        if reference_id not in study.references:
            raise StudyFileError(f"{c.path}.reference refers to an unknown reference")
        citation = Citation(
            id=c.text("id"),
            reference_id=reference_id,
            stance=_enum(c, "stance", Stance, Stance.UNCLEAR),
            comment=c.text("comment", ""),
            **_stamps_from(c),
        )
        citation.extra = unknown_keys(c)
        citations.append(citation)
    highlight = Highlight(
        verdict=_enum(verdict, "value", Verdict, Verdict.UNVERIFIED),
        rationale=verdict.text("rationale", ""),
        citations=citations,
        id=node.text("id"),
        document_id=document_id,
        quote=quote,
        start=position.start if position else None,
        end=position.end if position else None,
        category_id=category_id,
        note=node.text("note", ""),
        created=node.text("created", ""),
        modified=node.text("modified", ""),
        tags=normalise_tags(node.strings("tags")),
        **_people_from(node),
        **annotation_keys_from(node),
        reviews=reviews_from(node),
    )
    highlight.extra = unknown_keys(node, into=selectors)
    return highlight
