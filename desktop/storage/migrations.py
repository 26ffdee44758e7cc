"""Upgrading study data from older format versions, one step per version.

Add ``_v1_to_v2`` etc. to ``STEPS`` when the format changes, and a fixture of the old
version under ``tests/storage/fixtures/`` so its migration stays tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.storage.errors import StudyFileError
from desktop.storage.schema import VERSION


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the cross-checking layer; old studies start with it empty."""
    data.setdefault("references", [])
    data.setdefault("links", [])
    for document in data.get("documents") or []:
        if isinstance(document, dict):
            document.setdefault(
                "source", {"publisher": "", "stance": "", "trust": "unknown", "notes": ""}
            )
    for highlight in data.get("highlights") or []:
        if isinstance(highlight, dict):
            highlight.setdefault("verdict", {"value": "unverified", "rationale": ""})
            highlight.setdefault("citations", [])
    return data


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StudyFileError("the study file has no valid format version")
    if version > VERSION:
        raise StudyFileError(
            f"This study file was made by a newer Crosslight (format version {version}); "
            f"this version reads up to {VERSION}. Please update Crosslight to open it."
        )
    while version < VERSION:
        data = STEPS[version](data)
        version += 1
        data["version"] = version
    return data
