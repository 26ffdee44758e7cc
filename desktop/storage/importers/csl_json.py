"""CSL-JSON (Zotero, Mendeley, pandoc-citeproc) items into library references.

Accepts a list of items, ``{"items": [...]}``, or one item. Reads title, author or
editor names (``given``, ``dropping-particle``, ``non-dropping-particle``, ``family``,
``suffix``, or ``literal``: “Jean de La Fontaine”, “Ludwig van Beethoven”), ``issued``
and ``accessed`` dates (``date-parts`` with ranges as ``2017-03/2017-05``, ``season``
as “Spring 2017”, ``circa`` as “c. 2017”; else ``raw`` or ``literal``), ``URL`` and
``DOI``, and keeps the container, volume, pages and publisher in the reference's note.
CSL's rich-text markup (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``
…) becomes plain text. An item with neither title nor address is reported by number.
"""

from __future__ import annotations

import html
import re
from typing import Any

from desktop.domain.model import Reference
from desktop.storage.importers.bibtex import doi_url
from desktop.storage.importers.common import ImportFormatError
from desktop.storage.importers.progress import NO_WORK, Work


def references_from_csl(data: object, name: str = "the file",
                        work: Work | None = None) -> tuple[list[Reference], list[str]]:
    work = work or NO_WORK
    items = _items(data, name)
    references, problems = [], []
    for number, item in enumerate(items, start=1):
        work.step(number, len(items))
        if not isinstance(item, dict):
            problems.append(f"item {number} is not an object")
            continue
        reference = _reference(item)
        if reference.title or reference.url:
            references.append(reference)
        else:
            ident = _text(item.get("id"))
            problems.append(f"item {number}{f' ({ident})' if ident else ''} has neither a "
                            "title nor an address")
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


_MARKUP = re.compile(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^<>]*)?>", re.IGNORECASE)
SEASONS = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}


def rich_text(value: str) -> str:
    """CSL's rich-text markup as the plain text it marks up."""
    if "<" not in value and "&" not in value:
        return value
    return html.unescape(_MARKUP.sub("", value))


def _text(value: Any) -> str:
    if isinstance(value, list):  # some exporters give container-title as a list
        value = next((v for v in value if isinstance(v, str)), "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return " ".join(rich_text(value).split()) if isinstance(value, str) else ""


def _names(value: Any) -> str:
    names = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        literal = _text(person.get("literal"))
        parts = [_text(person.get(k)) for k in ("given", "dropping-particle",
                                                 "non-dropping-particle", "family")]
        name = literal or " ".join(p for p in parts if p)
        suffix = _text(person.get("suffix"))
        if name and suffix and not literal:
            name = f"{name}, {suffix}" if person.get("comma-suffix") else f"{name} {suffix}"
        if name:
            names.append(name)
    return ", ".join(names)


def _parts(part: Any) -> list[int]:
    numbers = []
    for value in part[:3] if isinstance(part, list) else []:
        try:
            numbers.append(int(value))
        except (TypeError, ValueError):
            break
    return numbers


def _one_date(numbers: list[int], season: Any) -> str:
    year, *rest = numbers
    month = rest[0] if rest else None
    name = None
    if month is not None and (13 <= month <= 16 or 21 <= month <= 24):  # seasons
        name, rest = SEASONS[(month - 13) % 4 + 1 if month <= 16 else month - 20], []
    if name is None and season not in (None, "") and not rest:
        try:
            name = SEASONS.get(int(season)) or str(season)
        except (TypeError, ValueError):
            name = str(season)
    if name:
        return f"{name} {year}"
    return "-".join([str(year), *(f"{n:02d}" for n in rest)])


def csl_date(value: Any) -> str:
    """``{"date-parts": [[2017, 3, 8]]}`` → "2017-03-08"; ``[[2017, 3], [2017, 5]]`` →
    "2017-03/2017-05"; seasons and circa in words; raw or literal text as is."""
    if not isinstance(value, dict):
        return _text(value)
    parts = value.get("date-parts")
    dates = [p for p in map(_parts, parts[:2]) if p] if isinstance(parts, list) else []
    if dates:
        season = value.get("season")
        shown = [_one_date(d, season) for d in dates]
        ranged = len(shown) == 2 and shown[1] != shown[0]
        text = f"{shown[0]}/{shown[1]}" if ranged else shown[0]
        circa = value.get("circa")
        if circa not in (None, False, 0, "", "false"):
            text = f"c. {text}"
        return text
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
