"""Highlights as W3C Web Annotations: one AnnotationCollection in JSON-LD.

Each highlight is an Annotation whose motivation is the one it was imported with, else
``highlighting``, and whose target carries a TextQuoteSelector and, unless orphaned, a
TextPositionSelector in code points (and the passage's ``language`` when known). Its
bodies are TextualBodies by purpose, each with a ``format``: ``tagging`` (the
category's name first, then one body per free-text tag), ``commenting`` (the note,
``text/markdown``) and ``assessing`` (“Label: rationale”, e.g. “Disputed: official
figures were lower”); the note's ``language`` goes on its bodies when known. Each
reference a highlight cites is a SpecificResource body (``purpose`` ``linking``) with
its title and the citation's ``stance``. Each link between passages is an Annotation
with motivation ``linking`` from one highlight's annotation to the other's, its relation
as a ``tagging`` body. ``creator`` is whoever made the object, else the exporting
person (``ExportOptions.identity``); ``created``/``modified`` are kept on highlights
and links. Ids are ``urn:crosslight:<id>``, so an import of this file keeps them.

``assessing`` is a motivation of the model's vocabulary (``oa:assessing``) that the
anno.jsonld context forgot to define; ``CONTEXT`` adds it (and the citation's
``stance``, in Crosslight's namespace) so every body's purpose resolves as linked data.
"""

from __future__ import annotations

from typing import Any

import orjson

from desktop.domain.crosscheck import Verdict
from desktop.domain.identity import Person
from desktop.domain.model import Citation, Document, Highlight, Link, Study
from desktop.domain.verdicts import last_verdict
from desktop.storage.exporters.report_model import ExportOptions, safe_url

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CROSSLIGHT_VOCAB = "urn:crosslight:vocab#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {
    "assessing": "http://www.w3.org/ns/oa#assessing",
    "stance": CROSSLIGHT_VOCAB + "stance",
}]
URN = "urn:crosslight:"


def iri(object_id: str) -> str:
    return URN + object_id


def assessment_text(verdict: Verdict, rationale: str) -> str:
    """The assessing body's value; ``importers.w3c`` parses it back exactly."""
    return f"{verdict.label}: {rationale}" if rationale else verdict.label


def document_iri(document: Document) -> str:
    return safe_url(document.url) or iri(document.id)


def agent(person: Person) -> dict[str, Any]:
    """A Person as a W3C agent: name, and its address as ``homepage`` or ``email``."""
    if not person.name.strip():  # known by its address only, as W3C agents often are
        return {"id": person.url, "type": "Person"} if person.url.strip() else {}
    data: dict[str, Any] = {"type": "Person", "name": person.name}
    if person.url.lower().startswith("mailto:"):
        data["email"] = person.url
    elif safe_url(person.url):
        data["homepage"] = person.url
    return data


def collection(study: Study, options: ExportOptions | None = None) -> dict[str, Any]:
    options = options or ExportOptions()
    items: list[dict[str, Any]] = []
    for document in study.documents.values():
        items += [_highlight(study, h, document, options)
                  for h in study.highlights_in_order(document.id)]
    items += [_link(link, options) for link in study.links.values()]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": iri(study.id),
        "type": "AnnotationCollection",
        "label": study.title or "Crosslight study",
        "total": len(items),
    }
    if items:
        page_id = iri(f"{study.id}:page-1")
        data["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            # As in the model's Example 39: the collection described, not only named.
            "partOf": {"id": iri(study.id), "label": data["label"], "total": len(items)},
            "startIndex": 0,
            "items": items,
        }
        data["last"] = page_id
    return data


def render(study: Study, options: ExportOptions | None = None) -> str:
    data = collection(study, options)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _stamps(obj: dict[str, Any], item: Highlight | Link, options: ExportOptions) -> None:
    creator = item.creator or options.identity
    if creator is not None and agent(creator):
        obj["creator"] = agent(creator)
    if item.created:
        obj["created"] = item.created
    if item.modified:
        obj["modified"] = item.modified


def _textual(purpose: str, value: str, media_type: str, language: str) -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": purpose, "format": media_type, "value": value}
    if language:
        body["language"] = language
    return body


def _highlight(study: Study, h: Highlight, document: Document,
               options: ExportOptions) -> dict[str, Any]:
    category = study.category(h.category_id)
    lang = h.language
    bodies: list[dict[str, Any]] = [
        _textual("tagging", category.name if category else h.category_id, "text/plain", lang)]
    bodies += [_textual("tagging", tag, "text/plain", lang) for tag in h.tags]
    if h.note.strip():
        bodies.append(_textual("commenting", h.note, "text/markdown", lang))
    if h.verdict.is_checked or h.rationale.strip():
        assessing = _textual("assessing", assessment_text(h.verdict, h.rationale),
                             "text/plain", lang)
        given = last_verdict(h)  # who gave the published verdict, and when
        if given is not None and given.by is not None and agent(given.by):
            assessing["creator"] = agent(given.by)
            if given.at:
                assessing["created"] = given.at
        bodies.append(assessing)
    bodies += [b for b in (_citation(study, c) for c in h.citations) if b]
    selectors: list[dict[str, Any]] = [{
        "type": "TextQuoteSelector",
        "exact": h.quote.exact,
        "prefix": h.quote.prefix,
        "suffix": h.quote.suffix,
    }]
    if h.position is not None:
        selectors.append({"type": "TextPositionSelector", "start": h.position.start,
                          "end": h.position.end})
    motivation = h.motivation or ["highlighting"]
    annotation: dict[str, Any] = {"id": iri(h.id), "type": "Annotation",
                                  "motivation": motivation[0] if len(motivation) == 1
                                  else list(motivation)}
    _stamps(annotation, h, options)
    annotation["body"] = bodies
    target: dict[str, Any] = {"source": document_iri(document), "selector": selectors}
    if h.quote_language:
        target["language"] = h.quote_language
    annotation["target"] = target
    return annotation


def _citation(study: Study, c: Citation) -> dict[str, Any] | None:
    """A cited reference with a web address, as a SpecificResource body."""
    reference = study.references.get(c.reference_id)
    url = safe_url(reference.url) if reference is not None else None
    if reference is None or not url:
        return None
    body: dict[str, Any] = {"type": "SpecificResource", "source": url, "purpose": "linking",
                            "stance": c.stance.value}
    if reference.title.strip():
        body["title"] = reference.title.strip()
    return body


def _link(link: Link, options: ExportOptions) -> dict[str, Any]:
    annotation: dict[str, Any] = {"id": iri(link.id), "type": "Annotation",
                                  "motivation": "linking"}
    _stamps(annotation, link, options)
    annotation["body"] = [
        {"type": "SpecificResource", "source": iri(link.target_id), "purpose": "linking"},
        {"type": "TextualBody", "purpose": "tagging", "format": "text/plain",
         "value": link.relation.value},
    ]
    annotation["target"] = iri(link.source_id)
    return annotation
