"""Highlights as W3C Web Annotations: one AnnotationCollection in JSON-LD.

Each highlight is an Annotation (motivation ``highlighting``) whose target carries a
TextQuoteSelector and, unless orphaned, a TextPositionSelector in code points. Its
bodies are TextualBodies by purpose: ``tagging`` (the category's name first, then one body per
free-text tag of the highlight), ``commenting``
(the note, ``text/markdown``) and ``assessing`` (“Label: rationale”, e.g.
“Disputed: official figures were lower”). Each link between passages is an Annotation
with motivation ``linking`` from one highlight's annotation to the other's, its
relation as a ``tagging`` body. Ids are ``urn:crosslight:<id>``, so an import of this
file keeps them. References and citations stay in the study file.
"""

from __future__ import annotations

from typing import Any

import orjson

from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Document, Highlight, Link, Study
from desktop.storage.exporters.report_model import ExportOptions, safe_url

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:crosslight:"


def iri(object_id: str) -> str:
    return URN + object_id


def assessment_text(verdict: Verdict, rationale: str) -> str:
    """The assessing body's value; ``importers.w3c`` parses it back exactly."""
    return f"{verdict.label}: {rationale}" if rationale else verdict.label


def document_iri(document: Document) -> str:
    return safe_url(document.url) or iri(document.id)


def collection(study: Study, options: ExportOptions | None = None) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for document in study.documents.values():
        items += [_highlight(study, h, document) for h in study.highlights_in_order(document.id)]
    items += [_link(link) for link in study.links.values()]
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": iri(study.id),
        "type": "AnnotationCollection",
        "label": study.title or "Crosslight study",
        "total": len(items),
    }
    if items:
        data["first"] = {
            "id": iri(f"{study.id}:page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return data


def render(study: Study, options: ExportOptions | None = None) -> str:
    data = collection(study, options)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def _dates(obj: dict[str, Any], created: str, modified: str) -> None:
    if created:
        obj["created"] = created
    if modified:
        obj["modified"] = modified


def _highlight(study: Study, h: Highlight, document: Document) -> dict[str, Any]:
    category = study.category(h.category_id)
    bodies: list[dict[str, Any]] = [{
        "type": "TextualBody",
        "purpose": "tagging",
        "value": category.name if category else h.category_id,
    }]
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in h.tags]
    if h.note.strip():
        bodies.append({"type": "TextualBody", "purpose": "commenting",
                       "format": "text/markdown", "value": h.note})
    if h.verdict.is_checked or h.rationale.strip():
        bodies.append({"type": "TextualBody", "purpose": "assessing", "format": "text/plain",
                       "value": assessment_text(h.verdict, h.rationale)})
    selectors: list[dict[str, Any]] = [{
        "type": "TextQuoteSelector",
        "exact": h.quote.exact,
        "prefix": h.quote.prefix,
        "suffix": h.quote.suffix,
    }]
    if h.position is not None:
        selectors.append({"type": "TextPositionSelector", "start": h.position.start,
                          "end": h.position.end})
    annotation: dict[str, Any] = {"id": iri(h.id), "type": "Annotation",
                                  "motivation": "highlighting"}
    _dates(annotation, h.created, h.modified)
    annotation["body"] = bodies
    annotation["target"] = {"source": document_iri(document), "selector": selectors}
    return annotation


def _link(link: Link) -> dict[str, Any]:
    return {
        "id": iri(link.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": [
            {"type": "SpecificResource", "source": iri(link.target_id), "purpose": "linking"},
            {"type": "TextualBody", "purpose": "tagging", "value": link.relation.value},
        ],
        "target": iri(link.source_id),
    }
