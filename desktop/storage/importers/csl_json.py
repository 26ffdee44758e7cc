"""CSL-JSON (Zotero, Mendeley, pandoc-citeproc) items into library references.

Accepts a list of items, ``{"items": [...]}``, or one item. Reads title, author or
editor names (``family``/``given`` or ``literal``), ``issued`` and ``accessed`` dates
(``date-parts``, ``raw`` or ``literal``), ``URL`` and ``DOI``, and keeps the container,
volume, pages and publisher in the reference's note.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.model import Reference
from desktop.storage.importers.bibtex import doi_url
from desktop.storage.importers.common import ImportFormatError


def references_from_csl(data: object, name: str = "the file") -> tuple[list[Reference], list[str]]:
    items = _items(data, name)
    references, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(f"item {number} is not an object")
            continue
        references.append(_reference(item))
    return references, problems


def _items(data: object, name: str) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        items = data.get("items")
        if isinstance(items, list):
            return items
        if any(key in data for key in ("title", "URL", "DOI", "author", "type")):
            return [data]
    raise ImportFormatError(f"“{name}” is not CSL-JSON: expected a list of items.")


def _text(value: Any) -> str:
    if isinstance(value, list):  # some exporters give container-title as a list
        value = next((v for v in value if isinstance(v, str)), "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _names(value: Any) -> str:
    names = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        literal = _text(person.get("literal"))
        parts = [_text(person.get(k)) for k in ("given", "non-dropping-particle", "family",
                                                 "suffix")]
        name = literal or " ".join(p for p in parts if p)
        if name:
            names.append(name)
    return ", ".join(names)


def csl_date(value: Any) -> str:
    """``{"date-parts": [[2017, 3, 8]]}`` → "2017-03-08"; raw or literal text as is."""
    if not isinstance(value, dict):
        return _text(value)
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = []
        for part in parts[0][:3]:
            try:
                numbers.append(int(part))
            except (TypeError, ValueError):
                break
        if numbers:
            year, *rest = numbers
            return "-".join([str(year), *(f"{n:02d}" for n in rest)])
    return _text(value.get("raw")) or _text(value.get("literal"))


def _reference(item: dict) -> Reference:
    author = _names(item.get("author")) or _names(item.get("editor"))
    publisher = _text(item.get("publisher"))
    used_publisher = False
    if not author and publisher:
        author, used_publisher = publisher, True
    doi = doi_url(_text(item.get("DOI")))
    url = _text(item.get("URL")) or doi
    details = []
    container = _text(item.get("container-title"))
    if container:
        details.append(container)
    volume, issue = _text(item.get("volume")), _text(item.get("issue"))
    if volume:
        details.append(f"{volume}({issue})" if issue else volume)
    if _text(item.get("page")):
        details.append(f"pp. {_text(item.get('page'))}")
    if publisher and not used_publisher:
        details.append(publisher)
    if doi and doi != url:
        details.append(doi)
    note = ", ".join(details)
    extra = item.get("note")
    if isinstance(extra, str) and extra.strip():
        note = f"{note}. {extra.strip()}" if note else extra.strip()
    return Reference(
        url=url,
        title=_text(item.get("title")),
        author=author,
        published=csl_date(item.get("issued")),
        accessed=csl_date(item.get("accessed")),
        note=note,
    )
