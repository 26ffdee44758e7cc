"""Type-checked access to parsed JSON, with error messages that say where.

The loader reads untrusted files; every access goes through these helpers so a
wrong type or missing key becomes a StudyFileError naming the place, e.g.
``highlights[3].target.selectors[0].start``, instead of a KeyError deep inside.
"""

from __future__ import annotations

from typing import Any

from desktop.storage.errors import StudyFileError

MAX_INT = 2**53  # beyond this a JSON number is not a sensible offset anywhere


class Node:
    """A JSON object together with its path from the root."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise StudyFileError(f"{path or 'the file'} should be an object, not {_kind(value)}")
        self.value = value
        self.path = path

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, default: Any) -> Any:
        if key not in self.value:
            if default is _REQUIRED:
                raise StudyFileError(f"{self._where(key)} is missing")
            return default
        return self.value[key]

    def str(self, key: str, default: Any = None) -> str:
        value = self._get(key, _REQUIRED if default is None else default)
        if not isinstance(value, str):
            raise StudyFileError(f"{self._where(key)} should be text, not {_kind(value)}")
        return value

    def int(self, key: str) -> int:
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
        return Node(self._get(key, _REQUIRED if default is None else default), self._where(key))

    def objects(self, key: str) -> list[Node]:
        items = self._get(key, [])
        if not isinstance(items, list):
            raise StudyFileError(f"{self._where(key)} should be a list, not {_kind(items)}")
        return [Node(item, f"{self._where(key)}[{i}]") for i, item in enumerate(items)]


_REQUIRED = object()


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)
