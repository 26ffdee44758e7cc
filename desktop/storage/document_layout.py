"""The optional layout keys of a stored document: ``encoding``, ``pages``, ``styles`` and
``source_map``.

They were added to format version 2 as optional keys (see ``schema``): written only when
they say something, read as empty when missing, and checked like every other key because
the file is untrusted — a page or style outside the text would point the reader nowhere.
``readings`` ([start, end, reading]: ruby readings, shown as tooltips) came the same way.
``source_map`` (``domain.source_map``: ``[shown, source, length]`` runs, in text order)
came with format version 3 as an optional key: a reader that does not know it carries it
through a save, even past an edit of the text, so it is checked again against the source
file before it is used (``source_map.runs_match``).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from desktop.domain.model import STYLE_KINDS, Document
from desktop.storage.errors import StudyFileError
from desktop.storage.validate import MAX_INT, Node

MAX_READING = 1000  # characters of one ruby reading (a real one is a few)


def layout_to_data(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if document.encoding:
        data["encoding"] = document.encoding
    if document.pages:
        data["pages"] = list(document.pages)
    if document.styles:
        data["styles"] = [[start, end, kind] for start, end, kind in document.styles]
    if document.source_map:
        data["source_map"] = [list(run) for run in document.source_map]
    if document.readings:
        data["readings"] = [[start, end, text] for start, end, text in document.readings]
    return data


def layout_from(node: Node, text_length: int) -> dict[str, Any]:
    """Keyword arguments for ``Document``: encoding, pages, styles and source map,
    validated."""
    return {
        "encoding": node.text("encoding", ""),
        "pages": _pages(node, text_length),
        "styles": _styles(node, text_length),
        "source_map": _source_map(node, text_length),
        "readings": _readings(node, text_length),
    }


def _pages(node: Node, length: int) -> list[int]:
    where = f"{node.path}.pages"
    pages = node.value.get("pages", [])
    if not isinstance(pages, list) or not all(_is_offset(p) for p in pages):
        raise StudyFileError(f"{where} should be a list of whole numbers")
    if pages and (pages[0] != 0 or any(a >= b for a, b in pairwise(pages))
                  or pages[-1] > length):
        raise StudyFileError(
            f"{where} should start at 0 and rise within the document ({length} characters)"
        )
    return pages


def _styles(node: Node, length: int) -> list[tuple[int, int, str]]:
    where = f"{node.path}.styles"
    raw = node.value.get("styles", [])
    if not isinstance(raw, list):
        raise StudyFileError(f"{where} should be a list")
    styles = []
    for i, item in enumerate(raw):
        if not (isinstance(item, list) and len(item) == 3 and _is_offset(item[0])
                and _is_offset(item[1]) and isinstance(item[2], str)):
            raise StudyFileError(f"{where}[{i}] should be [start, end, kind]")
        start, end, kind = item
        if not start < end <= length:
            raise StudyFileError(f"{where}[{i}] does not lie within the document")
        if kind in STYLE_KINDS:  # a kind from a newer Crosslight is shown unstyled
            styles.append((start, end, kind))
    return styles


def _readings(node: Node, length: int) -> list[tuple[int, int, str]]:
    where = f"{node.path}.readings"
    raw = node.value.get("readings", [])
    if not isinstance(raw, list):
        raise StudyFileError(f"{where} should be a list")
    readings = []
    for i, item in enumerate(raw):
        if not (isinstance(item, list) and len(item) == 3 and _is_offset(item[0])
                and _is_offset(item[1]) and isinstance(item[2], str)
                and len(item[2]) <= MAX_READING):
            raise StudyFileError(f"{where}[{i}] should be [start, end, reading]")
        start, end, reading = item
        if not start < end <= length:
            raise StudyFileError(f"{where}[{i}] does not lie within the document")
        readings.append((start, end, reading))
    return readings


def _source_map(node: Node, length: int) -> list[tuple[int, int, int]]:
    where = f"{node.path}.source_map"
    raw = node.value.get("source_map", [])
    if not isinstance(raw, list):
        raise StudyFileError(f"{where} should be a list")
    runs = []
    shown_end = 0
    for i, item in enumerate(raw):
        if not (isinstance(item, list) and len(item) == 3 and all(map(_is_offset, item))):
            raise StudyFileError(f"{where}[{i}] should be [shown, source, length]")
        shown, source, size = item
        if shown < shown_end or shown + size > length or size == 0:
            raise StudyFileError(
                f"{where}[{i}] should follow the one before within the document "
                f"({length} characters)")
        shown_end = shown + size
        runs.append((shown, source, size))
    return runs


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INT
