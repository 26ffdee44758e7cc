"""Upgrading study data from older format versions, one step per version, and refusing
only the files that say they need a newer reader.

Versions:

1. highlights, notes and categories on one document.
2. adds the cross-checking layer: references, citations, verdicts, links, source notes.
   Version 2 then grew in place: the keys in ``V2_LATER_KEYS`` were added to it later as
   optional keys, so an early version-2 Crosslight that opens a late version-2 file
   drops them when it saves. Nothing marks such a file; the step to 3 reads it as is.
3. the same keys as late version 2, plus ``requires``: from this version on a reader
   opens any file whose ``requires`` it satisfies (``schema.READS``), carries the keys
   it does not know to the next save (``unknown_keys``), and refuses only a file that
   requires more, with a sentence saying so.

To change the format: bump ``schema.VERSION``, add a ``_vN_to_vN+1`` step to ``STEPS``
that rewrites older data into the new shape (steps see files of every later reader too,
so use ``setdefault`` rather than overwriting), raise ``schema.REQUIRES``/``READS`` only
if older readers must not open the new files, and add a fixture of the old version to
``tests/storage/fixtures/`` (``study-vN.crosslight``) so its migration stays tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.storage.errors import StudyFileError
from desktop.storage.schema import READS, VERSION

# What "version 2" files gained after the first version-2 Crosslight (place: keys).
V2_LATER_KEYS: dict[str, tuple[str, ...]] = {
    "study": ("current_document", "publish_url"),
    "documents[]": ("url", "author", "published", "versions", "encoding", "pages",
                    "styles", "provenance", "archived"),
    "references[]": ("creator", "editor", "archived"),
    "highlights[]": ("tags", "creator", "editor", "motivation", "language",
                     "quote_language"),
    "highlights[].citations[]": ("creator", "editor", "created", "modified"),
    "links[]": ("creator", "editor", "created", "modified"),
}


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


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 names what late version 2 added (``V2_LATER_KEYS``, all optional, read
    as empty when missing) and adds ``requires``; no data changes shape."""
    data.setdefault("requires", 3)
    return data


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring ``data`` to this version's shape; StudyFileError if it cannot be read here."""
    version: Any = data.get("version")
    if not _whole(version) or version < 1:
        raise StudyFileError("the study file has no valid format version")
    # Before version 3 there was no ``requires``: a file needed a reader of its version.
    requires: Any = data.get("requires", version)
    if not _whole(requires):
        raise StudyFileError("the study file does not say which Crosslight can read it "
                             "(its “requires” is not a whole number)")
    if requires > READS:
        raise StudyFileError(
            f"This study file was made by a newer Crosslight and needs one that reads "
            f"format version {requires}; this version reads up to {READS}. "
            "Please update Crosslight to open it."
        )
    while version < VERSION:
        data = STEPS[version](data)
        version += 1
        data["version"] = version
    return data
