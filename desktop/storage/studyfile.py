"""Reading and writing ``*.crosslight`` study files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

from desktop.domain.anchoring import anchor
from desktop.domain.ids import utc_now
from desktop.domain.model import Study
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.migrations import migrate
from desktop.storage.schema import FORMAT, study_from_data, study_to_data

STUDY_SUFFIX = ".crosslight"
MAX_STUDY_BYTES = 512 * 1024 * 1024  # refuse before parsing: a bigger file is not ours


@dataclass(slots=True)
class LoadedStudy:
    study: Study
    orphans: list[str] = field(default_factory=list)  # ids of highlights that lost their place


def encode_study(study: Study) -> bytes:
    """Pretty-printed, key-sorted UTF-8 JSON: stable output that diffs well in git."""
    data = study_to_data(study)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def save_study(study: Study, path: Path) -> None:
    """Write atomically; on failure the old file is untouched and StorageError says why."""
    previous = study.modified
    study.modified = utc_now()
    try:
        atomic_write_bytes(Path(path), encode_study(study))
    except OSError as err:
        study.modified = previous
        raise StorageError(f"Could not save “{path}”: {err.strerror or err}") from err


def load_study(path: Path) -> LoadedStudy:
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StudyFileError(f"“{path.name}” is not a Crosslight study file.")
    try:
        data = migrate(data)
    except StudyFileError as err:
        raise StudyFileError(f"“{path.name}”: {err}") from err
    try:
        study = study_from_data(data)
    except StudyFileError as err:
        raise StudyFileError(f"“{path.name}” is damaged: {err}") from err
    return LoadedStudy(study, reanchor(study))


def reanchor(study: Study) -> list[str]:
    """Place every highlight on its document's text; return the ids left as orphans."""
    orphans = []
    for h in study.highlights.values():
        found = anchor(study.documents[h.document_id].text, h.quote, h.position)
        if found is None:
            h.start = h.end = None
            orphans.append(h.id)
        else:
            h.start, h.end = found.start, found.end
    return orphans


def _read_json(path: Path) -> object:
    try:
        size = path.stat().st_size
        if size > MAX_STUDY_BYTES:
            raise StudyFileError(
                f"“{path.name}” is {size // (1024 * 1024)} MB, larger than any study file "
                f"Crosslight opens ({MAX_STUDY_BYTES // (1024 * 1024)} MB)."
            )
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise StudyFileError(f"“{path}” does not exist.") from err
    except IsADirectoryError as err:
        raise StudyFileError(f"“{path}” is a folder, not a study file.") from err
    except OSError as err:
        raise StudyFileError(f"Could not read “{path}”: {err.strerror or err}") from err
    if b"\x00" in raw[:8192]:
        raise StudyFileError(f"“{path.name}” is a binary file, not a Crosslight study file.")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise StudyFileError(f"“{path.name}” is not valid UTF-8 text (byte {err.start}).") from err
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise StudyFileError(f"“{path.name}” is not valid JSON: {err}") from err


__all__ = ["STUDY_SUFFIX", "LoadedStudy", "StorageError", "load_study", "save_study"]
