"""Saving a study over its file the careful way: original kept, backup rotated, atomic.

``save_study`` writes bytes atomically and nothing else; this adds what a user's file
deserves when a save replaces it: a copy of an older-format original beside it (the
first save after a migration would otherwise destroy the only file an older Crosslight
can read) and a rotating backup of the previous version.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from desktop.domain.ids import utc_now
from desktop.domain.model import Study
from desktop.storage.atomic import atomic_write_bytes, read_only_reason
from desktop.storage.backups import KEEP_BACKUPS, keep_backup
from desktop.storage.disk_state import Fingerprint, bytes_differ
from desktop.storage.errors import ChangedOnDiskError, StorageError
from desktop.storage.schema import FORMAT, VERSION, study_to_data
from desktop.storage.studyfile import MAX_STUDY_BYTES, explain_os_error, write_study_data


@dataclass(slots=True)
class SaveResult:
    fingerprint: Fingerprint
    backup: Path | None = None  # the previous version, in the state dir
    original_copy: Path | None = None  # the pre-migration original, beside the study
    warnings: list[str] = field(default_factory=list)


def save_study_file(study: Study, path: Path, keep: int = KEEP_BACKUPS) -> SaveResult:
    """Save ``study`` to ``path``; StorageError (file untouched) if that is impossible."""
    previous = study.modified
    study.modified = utc_now()
    try:
        return save_study_data(study_to_data(study), path, keep)
    except StorageError:
        study.modified = previous
        raise


def save_study_data(data: dict[str, Any], path: Path, keep: int = KEEP_BACKUPS,
                    expect: Fingerprint | None = None) -> SaveResult:
    """Save a study's data (see ``snapshot``); runs on a worker thread, touching no Study.

    A backup that cannot be written does not stop the save: it becomes a warning. With
    ``expect``, a file that no longer holds those bytes is left alone and
    ChangedOnDiskError raised: the old bytes are read for the backup anyway, so
    comparing them here keeps hashing a big study off the UI thread.
    """
    path = Path(path)
    if path.is_file() and not os.access(path, os.W_OK):
        # Replacing would work (the folder is writable) but someone marked the file
        # read-only on purpose: respect that, as an editor writing in place would.
        raise StorageError(f"Could not save “{path}”: {read_only_reason(path)}.")
    previous = _previous_bytes(path)
    if expect is not None and previous is not None and bytes_differ(previous, expect):
        raise ChangedOnDiskError(f"“{path.name}” was changed by another program since "
                                 "it was opened or saved here; nothing was written.")
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
    fingerprint = write_study_data(data, path)
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


_TAIL_VERSION = re.compile(rb'"version"\s*:\s*(\d+)\s*\}\s*\Z')
_FORMAT_KEY = b'"format": "' + FORMAT.encode() + b'"'


def _format_version(data: bytes) -> int | None:
    """The format version of a study file's bytes, None if it is not one.

    Study files are written with sorted keys, so ``"version"`` closes the top-level
    object: reading it from the tail avoids parsing megabytes (100+ ms that would hold
    the interpreter while the window waits for a background save). Anything else is
    parsed in full.
    """
    tail = _TAIL_VERSION.search(data[-80:])
    if tail is not None and _FORMAT_KEY in data:
        return int(tail.group(1))
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        return None
    version = parsed.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None
