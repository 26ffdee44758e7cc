"""The study-file format: conversion between a Study and plain JSON data.

Format (version 2), one UTF-8 JSON object with sorted keys::

    format      "crosslight-study"
    version     2
    offset_unit "codepoint"   Unicode code points, as W3C TextPositionSelector
    study       {id, title, note, created, modified, current_document}
    categories  [{id, name, color}]
    documents   [{id, title, media_type, source_path, added, sha256, text,
                  url, author, published, encoding?, pages?, styles?,
                  source: {publisher, stance, trust, notes},
                  versions: [{text, title, replaced, sha256}]}]   optional
    references  [{id, url, title, author, published, accessed, excerpt, note,
                  created, modified}]
    highlights  [{id, document, category, note, created, modified, tags,
                  verdict: {value, rationale},
                  citations: [{id, reference, stance, comment}],
                  target: {selectors: [TextQuoteSelector, TextPositionSelector]}}]
    links       [{id, source, target, relation}]   highlight ids

Version 1 had no references, verdicts, citations, links or source notes.
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
only when not empty and checked by ``document_layout``.
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

from collections.abc import Callable
from typing import Any

from desktop.domain.anchoring import TextPositionSelector, TextQuoteSelector
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.identity import Person
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
    publish_url_from,
    study_keys_to_data,
)
from desktop.storage.document_layout import layout_from, layout_to_data
from desktop.storage.errors import StudyFileError
from desktop.storage.provenance_data import archived_from, archived_to_data, web_from, web_to_data
from desktop.storage.team_keys import (
    reviews_from,
    reviews_to_data,
    revs_from,
    revs_to_data,
    study_team_from,
    study_team_to_data,
)
from desktop.storage.validate import Node

FORMAT = "crosslight-study"
VERSION = 2
OFFSET_UNIT = "codepoint"


def study_to_data(
    study: Study, highlight_data: Callable[[Highlight], dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The study as JSON-ready data; ``highlight_data`` may serve highlights from a cache."""
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
    return {
        "format": FORMAT,
        "version": VERSION,
        "offset_unit": OFFSET_UNIT,
        "study": study_data,
        "categories": [{"id": c.id, "name": c.name, "color": c.color} for c in study.categories],
        "documents": [_document_to_data(d) for d in study.documents.values()],
        "references": [_reference_to_data(r) for r in study.references.values()],
        "highlights": highlights,
        "links": [
            {"id": k.id, "source": k.source_id, "target": k.target_id,
             "relation": k.relation.value, **_stamps_to_data(k)}
            for k in study.links.values()
        ],
    }


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
            {"text": v.text, "title": v.title, "replaced": v.replaced, "sha256": v.sha256,
             **web_to_data(v)}
            for v in d.versions
        ]
    return data


_REFERENCE_FIELDS = ("url", "title", "author", "published", "accessed", "excerpt", "note")


def _reference_to_data(r: Reference) -> dict[str, Any]:
    data = {name: getattr(r, name) for name in _REFERENCE_FIELDS}
    data.update(id=r.id, created=r.created, modified=r.modified, **_people_to_data(r))
    data.update(archived_to_data(r))
    return data


def person_to_data(person: Person) -> dict[str, str]:
    data = {"name": person.name}
    if person.organisation:
        data["organisation"] = person.organisation
    if person.url:
        data["url"] = person.url
    return data


def person_from(node: Node) -> Person:
    return Person(node.str("name", ""), node.str("organisation", ""), node.str("url", ""))


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
        "creator": person_from(node.obj("creator")) if "creator" in node.value else None,
        "editor": person_from(node.obj("editor")) if "editor" in node.value else None,
        "revs": revs_from(node),
    }


def _stamps_from(node: Node) -> dict[str, Any]:
    return {
        **_people_from(node),
        "created": node.str("created", ""),
        "modified": node.str("modified", ""),
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
    return {
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
            {"id": c.id, "reference": c.reference_id, "stance": c.stance.value,
             "comment": c.comment, **_stamps_to_data(c)}
            for c in h.citations
        ],
        "target": {"selectors": selectors},
        "tags": h.tags,
        **_people_to_data(h),
        **annotation_keys_to_data(h),
        **reviews_to_data(h),
    }


def study_from_data(data: Any) -> Study:
    """Build a Study from parsed JSON of the current version; raises StudyFileError.

    Highlights come back with their stored positions; the caller re-anchors them.
    """
    root = Node(data, "")
    study_node = root.obj("study")
    study = Study(
        id=study_node.str("id"),
        title=study_node.str("title", ""),
        note=study_node.str("note", ""),
        created=study_node.str("created", ""),
        modified=study_node.str("modified", ""),
    )
    for node in root.objects("categories"):
        category = Category(node.str("id"), node.str("name"), node.str("color"))
        if study.category(category.id) is not None:
            raise StudyFileError(f"{node.path}: duplicate category id {category.id!r}")
        study.categories.append(category)
    for node in root.objects("documents"):
        document = _document_from(node)
        if document.id in study.documents:
            raise StudyFileError(f"{node.path}: duplicate document id {document.id!r}")
        study.documents[document.id] = document
    current = study_node.str("current_document", "")
    study.current_document = current if current in study.documents else ""  # unknown: first
    study.publish_url = publish_url_from(study_node)
    study_team_from(study_node, study)
    for node in root.objects("references"):
        texts: dict[str, Any] = {name: node.str(name, "") for name in _REFERENCE_FIELDS}
        reference = Reference(
            **texts,
            id=node.str("id"),
            created=node.str("created", ""),
            modified=node.str("modified", ""),
            **_people_from(node),
            **archived_from(node),
        )
        if reference.id in study.references:
            raise StudyFileError(f"{node.path}: duplicate reference id {reference.id!r}")
        study.references[reference.id] = reference
    citation_ids: set[str] = set()
    for node in root.objects("highlights"):
        highlight = _highlight_from(node, study)
        if highlight.id in study.highlights:
            raise StudyFileError(f"{node.path}: duplicate highlight id {highlight.id!r}")
        for citation in highlight.citations:
            if citation.id in citation_ids:
                raise StudyFileError(f"{node.path}: duplicate citation id {citation.id!r}")
            citation_ids.add(citation.id)
        study.highlights[highlight.id] = highlight
    for node in root.objects("links"):
        link = Link(
            id=node.str("id"),
            source_id=node.str("source"),
            target_id=node.str("target"),
            relation=_enum(node, "relation", Relation, Relation.SEE_ALSO),
            **_stamps_from(node),
        )
        if link.source_id not in study.highlights or link.target_id not in study.highlights:
            raise StudyFileError(f"{node.path} joins a highlight that does not exist")
        if link.source_id == link.target_id:
            raise StudyFileError(f"{node.path} links a passage to itself")
        if link.id in study.links:
            raise StudyFileError(f"{node.path}: duplicate link id {link.id!r}")
        study.links[link.id] = link
    return study


def _enum(node: Node, key: str, kind: type, default: Any) -> Any:
    value = node.str(key, default.value)
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise StudyFileError(
            f"{node.path}.{key} is {value!r}; expected one of: {allowed}"
        ) from None


def _document_from(node: Node) -> Document:
    text = node.str("text")
    sha = node.str("sha256")
    if text_sha256(text) != sha:
        raise StudyFileError(
            f"{node.path}: the document text does not match its recorded SHA-256; "
            "the file was altered or damaged"
        )
    source = node.obj("source", {})
    return Document(
        id=node.str("id"),
        text=text,
        title=node.str("title", ""),
        media_type=node.str("media_type", "text/plain"),
        source_path=node.str("source_path", ""),
        added=node.str("added", ""),
        url=node.str("url", ""),
        author=node.str("author", ""),
        published=node.str("published", ""),
        **layout_from(node, len(text)),
        **web_from(node),
        revs=revs_from(node),
        source=SourceAssessment(
            publisher=source.str("publisher", ""),
            stance=source.str("stance", ""),
            trust=_enum(source, "trust", Trust, Trust.UNKNOWN),
            notes=source.str("notes", ""),
        ),
        versions=[_version_from(v) for v in node.objects("versions")],
    )


def _version_from(node: Node) -> DocumentVersion:
    text = node.str("text")
    if text_sha256(text) != node.str("sha256"):
        raise StudyFileError(
            f"{node.path}: the earlier version's text does not match its recorded SHA-256; "
            "the file was altered or damaged"
        )
    return DocumentVersion(text=text, title=node.str("title", ""),
                           replaced=node.str("replaced", ""), **web_from(node))


def _highlight_from(node: Node, study: Study) -> Highlight:
    document_id = node.str("document")
    if document_id not in study.documents:
        raise StudyFileError(f"{node.path}.document refers to an unknown document")
    category_id = node.str("category")
    if study.category(category_id) is None:
        raise StudyFileError(f"{node.path}.category refers to an unknown category")
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    for sel in node.obj("target").objects("selectors"):
        kind = sel.str("type")
        if kind == "TextQuoteSelector":
            quote = TextQuoteSelector(
                sel.str("exact"), sel.str("prefix", ""), sel.str("suffix", "")
            )
        elif kind == "TextPositionSelector":
            position = TextPositionSelector(sel.int("start"), sel.int("end"))
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
        reference_id = c.str("reference")
        if reference_id not in study.references:
            raise StudyFileError(f"{c.path}.reference refers to an unknown reference")
        citations.append(
            Citation(
                id=c.str("id"),
                reference_id=reference_id,
                stance=_enum(c, "stance", Stance, Stance.UNCLEAR),
                comment=c.str("comment", ""),
                **_stamps_from(c),
            )
        )
    return Highlight(
        verdict=_enum(verdict, "value", Verdict, Verdict.UNVERIFIED),
        rationale=verdict.str("rationale", ""),
        citations=citations,
        id=node.str("id"),
        document_id=document_id,
        quote=quote,
        start=position.start if position else None,
        end=position.end if position else None,
        category_id=category_id,
        note=node.str("note", ""),
        created=node.str("created", ""),
        modified=node.str("modified", ""),
        tags=normalise_tags(node.strings("tags")),
        **_people_from(node),
        **annotation_keys_from(node),
        reviews=reviews_from(node),
    )
