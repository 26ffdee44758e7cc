"""Saving a study over its file the careful way: original kept, backup rotated, atomic.

``save_study`` writes bytes atomically and nothing else; this adds what a user's file
deserves when a save replaces it: a copy of an older-format original beside it (the
first save after a migration would otherwise destroy the only file an older Crosslight
can read) and a rotating backup of the previous version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from desktop.domain.model import Study
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.backups import KEEP_BACKUPS, keep_backup
from desktop.storage.disk_state import Fingerprint
from desktop.storage.errors import StorageError
from desktop.storage.schema import FORMAT, VERSION
from desktop.storage.studyfile import MAX_STUDY_BYTES, explain_os_error, save_study


@dataclass(slots=True)
class SaveResult:
    fingerprint: Fingerprint
    backup: Path | None = None  # the previous version, in the state dir
    original_copy: Path | None = None  # the pre-migration original, beside the study
    warnings: list[str] = field(default_factory=list)


def save_study_file(study: Study, path: Path, keep: int = KEEP_BACKUPS) -> SaveResult:
    """Save ``study`` to ``path``; StorageError (file untouched) if that is impossible.

    A backup that cannot be written does not stop the save: it becomes a warning.
    """
    path = Path(path)
    if path.is_file() and not os.access(path, os.W_OK):
        # Replacing would work (the folder is writable) but someone marked the file
        # read-only on purpose: respect that, as an editor writing in place would.
        raise StorageError(f"Could not save “{path}”: the file is read-only.")
    previous = _previous_bytes(path)
    original_copy = backup = None
    warnings: list[str] = []
    if previous is not None:
        version = _format_version(previous)
        if version is not None and version < VERSION:
            original_copy = keep_original(path, previous, version)
        try:
            backup = keep_backup(path, previous, keep) if keep > 0 else None
        except OSError as err:
            warnings.append(f"No backup of the previous version was kept: {explain_os_error(err)}")
    fingerprint = save_study(study, path)
    return SaveResult(fingerprint, backup, original_copy, warnings)


def original_copy_path(path: Path, version: int) -> Path:
    """``NAME.v1.crosslight`` beside ``NAME.crosslight`` (numbered if taken)."""
    candidate = path.with_name(f"{path.stem}.v{version}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.v{version}-{n}{path.suffix}")
    return candidate


def keep_original(path: Path, data: bytes, version: int) -> Path:
    """Copy an older-format file beside itself before it is overwritten in the new format."""
    target = original_copy_path(path, version)
    try:
        atomic_write_bytes(target, data)
    except OSError as err:
        raise StorageError(
            f"Could not save “{path}”: it is in an older format (version {version}) and a "
            f"copy of the original could not be kept first ({explain_os_error(err)})."
        ) from err
    return target


def _previous_bytes(path: Path) -> bytes | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_STUDY_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _format_version(data: bytes) -> int | None:
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        return None
    version = parsed.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None
