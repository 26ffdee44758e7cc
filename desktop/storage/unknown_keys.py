"""Keys this Crosslight does not know, carried from the file it read to the file it writes.

A newer Crosslight may add optional keys anywhere in a study file. Reading such a file,
this one builds what it understands and keeps the rest on the object it read them
with, in its ``extra`` field (``Study``, ``Category``, ``Document``, ``DocumentVersion``,
``Reference``, ``Highlight``, ``Citation``, ``Link``): a dict from a *place* inside
that object's data to the unknown keys found there. The place is ``""`` for the object
itself, a dotted key path for objects nested in it (``"verdict"``, ``"target"``,
``"source"``, ``"provenance.page"``), a selector's type for one item of
``target.selectors`` (``"target.selectors.TextQuoteSelector"``), and a path ending in
``[]`` for whole list items it cannot read (an unknown selector type). Writing merges
them back; a key this version writes itself always wins over a carried one. Commands
that edit an object keep its ``extra`` (``dataclasses.replace`` copies it; undo brings
back the very object); a new object starts without.

Which keys are known is not a list to keep up to date: ``validate.Node`` notes every
key the reader looks at, and every key it did not look at is unknown.

How to add a key (e.g. PDF page data on documents, a revision stamp on highlights):

1. write it in the object's ``*_to_data`` in ``schema.py`` (or a helper module such as
   ``document_layout``), only when it says something if it is optional;
2. read it through the object's ``Node`` — ``node.text(key, "")``, ``node.obj(key)``,
   ``node.strings(key)``, or ``node.value.get(key)`` — *every time*, even when you end
   up not using it: a key the reader skips would be carried as unknown and written
   back beside your own (stale) value. For a new object nested in another, read it with
   ``node.obj`` and its unknown keys are carried under its key; for a new *list* of
   objects, build each with its own ``extra = unknown_keys(item_node)``;
3. if a file with the key cannot be read correctly by a Crosslight that ignores it,
   raise ``schema.REQUIRES`` (see ``migrations``): older readers then refuse the file
   with a sentence instead of dropping what they do not understand.
"""

from __future__ import annotations

import copy
from typing import Any

from desktop.storage.validate import Node

Extra = dict[str, Any]  # place -> {key: value}, or place + "[]" -> [item, ...]


def unknown_keys(node: Node, place: str = "", into: Extra | None = None) -> Extra:
    """The keys under ``node`` (and the objects read from it with ``obj``) nobody read.

    Call it after the object is fully read. The values are deep copies: the parsed
    file is not kept alive, and a carried list cannot change under the writer.
    """
    found: Extra = {} if into is None else into
    if not node.raw.keys() <= node.seen:  # the usual case, every key known, costs one test
        found[place] = {key: copy.deepcopy(value) for key, value in node.raw.items()
                        if key not in node.seen}
    if node.children:
        for key, child in node.children.items():
            unknown_keys(child, f"{place}.{key}" if place else key, found)
    return found


def carry_item(extra: Extra, place: str, node: Node) -> None:
    """Keep the unknown keys of one list item read by ``place`` (e.g. a known selector)."""
    unknown_keys(node, place, extra)


def carry_whole(extra: Extra, place: str, value: Any) -> None:
    """Keep a list item this version cannot read at all (e.g. a selector of a new type)."""
    extra.setdefault(f"{place}[]", []).append(copy.deepcopy(value))


def with_unknown(data: dict[str, Any], extra: Extra) -> dict[str, Any]:
    """``data`` with the carried keys put back where they were; returns ``data``."""
    for place, keys in extra.items():
        if place.endswith("[]"):
            items = _find(data, place[:-2].split("."), create_list=True)
            if isinstance(items, list):
                items.extend(keys)
            continue
        target = _find(data, place.split(".") if place else [])
        if isinstance(target, dict):
            for key, value in keys.items():
                if key not in target:
                    target[key] = value  # carried values are never mutated
    return data


def _find(data: Any, steps: list[str], create_list: bool = False) -> Any:
    """Follow ``steps`` through dicts (by key) and lists (by an item's ``type``)."""
    here = data
    for i, step in enumerate(steps):
        if isinstance(here, dict):
            if step not in here and create_list and i == len(steps) - 1:
                here[step] = []
            here = here.get(step)
        elif isinstance(here, list):
            here = next((item for item in here
                         if isinstance(item, dict) and item.get("type") == step), None)
        else:
            return None
    return here
