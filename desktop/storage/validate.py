"""Type-checked access to parsed JSON, with error messages that say where.

The loader reads untrusted files; every access goes through these helpers so a
wrong type or missing key becomes a StudyFileError naming the place, e.g.
``highlights[3].target.selectors[0].start``, instead of a KeyError deep inside.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from desktop.storage.errors import StudyFileError

MAX_INT = 2**53  # beyond this a JSON number is not a sensible offset anywhere


class Node:
    """A JSON object together with its path from the root.

    Every key a reader looks at (through these methods, or ``value[key]``,
    ``value.get(key)`` and ``key in value``) is noted: the keys it never looked at are
    the ones this Crosslight does not know, and ``unknown_keys`` carries them to the next
    save (see ``storage/unknown_keys.py``).
    """

    __slots__ = ("children", "path", "raw", "seen")

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise StudyFileError(f"{path or 'the file'} should be an object, not {_kind(value)}")
        self.seen: set[str] = set()
        self.raw: dict[str, Any] = value
        self.path = path
        self.children: dict[str, Node] | None = None  # sub-objects read with ``obj``

    @property
    def value(self) -> Mapping[str, Any]:
        """The object itself, read-only; the keys looked up in it count as read."""
        return _Watched(self.raw, self.seen)

    def has(self, key: str) -> bool:
        """Whether the object has ``key`` (which then counts as read)."""
        self.seen.add(key)
        return key in self.raw

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, default: Any) -> Any:
        self.seen.add(key)
        if key not in self.raw:
            if default is _REQUIRED:
                raise StudyFileError(f"{self._where(key)} is missing")
            return default
        return self.raw[key]

    def text(self, key: str, default: Any = None) -> str:
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, str):
            raise StudyFileError(f"{self._where(key)} should be text, not {_kind(value)}")
        return value

    def integer(self, key: str) -> int:
        value = self._get(key, _REQUIRED)
        if isinstance(value, float) and value.is_integer() and abs(value) > MAX_INT:
            raise StudyFileError(f"{self._where(key)} is out of range ({value:.0f})")
        if isinstance(value, bool) or not isinstance(value, int):
            raise StudyFileError(f"{self._where(key)} should be a whole number, not {_kind(value)}")
        if not 0 <= value <= MAX_INT:
            raise StudyFileError(f"{self._where(key)} is out of range ({value})")
        return value

    def strings(self, key: str) -> list[str]:
        """An optional list of text, ``[]`` when missing (e.g. a highlight's tags)."""
        items = self._get(key, [])
        if not isinstance(items, list):
            raise StudyFileError(f"{self._where(key)} should be a list, not {_kind(items)}")
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise StudyFileError(f"{self._where(key)}[{i}] should be text, not {_kind(item)}")
        return items

    def obj(self, key: str, default: Any = None) -> Node:
        child = Node(self._get(key, _REQUIRED if default is None else default), self._where(key))
        if key in self.raw:
            if self.children is None:
                self.children = {}
            self.children[key] = child
        return child

    def objects(self, key: str) -> list[Node]:
        items = self._get(key, [])
        if not isinstance(items, list):
            raise StudyFileError(f"{self._where(key)} should be a list, not {_kind(items)}")
        return [Node(item, f"{self._where(key)}[{i}]") for i, item in enumerate(items)]


_REQUIRED = object()


class _Watched(Mapping[str, Any]):
    """A read-only view of a JSON object that notes which keys were looked up."""

    __slots__ = ("_data", "_seen")

    def __init__(self, data: dict[str, Any], seen: set[str]) -> None:
        self._data = data
        self._seen = seen

    def __getitem__(self, key: str) -> Any:
        self._seen.add(key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._seen.add(key)
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)
