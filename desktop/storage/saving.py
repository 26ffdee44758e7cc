"""The one way a study is written: snapshot → encode → backup → atomic write → fingerprint.

``save_study`` is used by the app (Save, Save As: the snapshot is taken on the UI thread
and the rest runs on a worker), by autosave (``recovery.write_recovery``, which wraps the
study in its envelope and keeps no backups), by the command line, the tests and the
benchmarks. What a user's file deserves when a save replaces it: a copy of an
older-format original beside it (the first save after a migration would otherwise
destroy the only file an older Crosslight can read), a rotating backup of the previous
version, an atomic replacement, and the fingerprint of what was written, to notice
later changes by other programs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from desktop.domain.digest import sha256_hex
from desktop.domain.ids import utc_now
from desktop.domain.model import Study
from desktop.storage.atomic import atomic_write_bytes, read_only_reason
from desktop.storage.backups import KEEP_BACKUPS, keep_backup
from desktop.storage.beside import beside
from desktop.storage.disk_state import Fingerprint, bytes_differ, fingerprint_of
from desktop.storage.errors import ChangedOnDiskError, StorageError
from desktop.storage.schema import FORMAT, VERSION, study_to_data
from desktop.storage.snapshot import SnapshotCache
from desktop.storage.studyfile import MAX_STUDY_BYTES, explain_os_error


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A study's file data at one moment, stamped with the save time.

    Safe to hand to a worker thread: it shares nothing the user can still edit.
    ``modified_before`` is the study's previous stamp, put back if the save fails.
    """

    data: dict[str, Any]
    modified_before: str = ""


@dataclass(slots=True)
class SaveResult:
    fingerprint: Fingerprint
    backup: Path | None = None  # the previous version, in the state dir
    original_copy: Path | None = None  # the pre-migration original, beside the study
    warnings: list[str] = field(default_factory=list)


def take_snapshot(study: Study, cache: SnapshotCache | None = None) -> Snapshot:
    """Stamp ``study.modified`` and capture its data (from ``cache`` when the app has one)."""
    previous, study.modified = study.modified, utc_now()
    data = cache.study_data(study) if cache is not None else study_to_data(study)
    return Snapshot(data, previous)


def encode_study(study: Study) -> bytes | bytearray:
    """The bytes a save would write for ``study`` as it is (not stamped)."""
    return encode_study_data(study_to_data(study))


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
HIGHLIGHTS_PER_PART = 1_000  # highlights encoded per call (~1 MB: a few ms)
_EMPTY_HIGHLIGHTS = b'\n  "highlights": []'


def encode_study_data(data: dict[str, Any]) -> bytes | bytearray:
    """Pretty-printed, key-sorted UTF-8 JSON: stable output that diffs well in git.

    A large study's highlights are encoded ``HIGHLIGHTS_PER_PART`` at a time and put in
    place, byte for byte what one call writes: orjson holds the interpreter for the whole
    of a call, so one call on the writer thread froze the window as long (12 MB: 20-60
    ms; 47 MB: ~200 ms); between parts the window gets its turn.
    """
    highlights = data.get("highlights")
    if type(highlights) is not list or len(highlights) <= HIGHLIGHTS_PER_PART:
        # The newline by orjson itself: ``+ b"\n"`` copied the whole file once more.
        return orjson.dumps(data, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
    rest = orjson.dumps({**data, "highlights": []}, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
    # A top-level key is the only line that starts with two spaces and a quote (a JSON
    # string holds no raw newline), and keys are unique: this is the one place.
    at = rest.index(_EMPTY_HIGHLIGHTS) + len(_EMPTY_HIGHLIGHTS) - 1  # at its "]"
    # Put together in one growing buffer, not joined from parts: a join holds the parts
    # and the file at once (47 MB more at 50,000 highlights), a buffer only one part.
    out = bytearray(memoryview(rest)[:at])
    out += b"\n"
    for start in range(0, len(highlights), HIGHLIGHTS_PER_PART):
        part = orjson.dumps(highlights[start:start + HIGHLIGHTS_PER_PART], option=_OPTIONS)
        # "[\n  {…},\n  {…}\n]" two spaces deeper is "[\n    {…},\n    {…}\n  ]":
        # its items as they stand inside the study, between "[\n" and "\n  ]".
        deeper = part.replace(b"\n", b"\n  ")
        del part
        if start:
            out += b",\n"
        out += memoryview(deeper)[2:-4]
    out += b"\n  "
    out += memoryview(rest)[at:]
    return out  # a bytearray: read as bytes by every caller, never changed


def save_study(
    source: Study | Snapshot,
    path: Path,
    *,
    keep: int = KEEP_BACKUPS,
    expect: Fingerprint | None = None,
    envelope: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> SaveResult:
    """Write ``source`` to ``path``; StorageError (the file untouched) if impossible.

    Given a Study, it is snapshot here (and its ``modified`` stamp put back on
    failure); given a ``Snapshot`` (see ``take_snapshot``), nothing touches a Study, so
    this may run on a worker thread. A backup that cannot be written does not stop the
    save: it becomes a warning. With ``expect``, a file that no longer holds those bytes
    is left alone and ChangedOnDiskError raised: the old bytes are read for the backup
    anyway, so comparing them here keeps hashing a big study off the UI thread.
    ``envelope`` wraps the study data for a file that is not the user's study (the
    autosave's recovery copy): then no backup or original copy is kept.
    """
    snapshot = source if isinstance(source, Snapshot) else take_snapshot(source)
    try:
        return _write(snapshot, Path(path), keep, expect, envelope)
    except StorageError:
        if isinstance(source, Study):
            source.modified = snapshot.modified_before
        raise


def _write(snapshot: Snapshot, path: Path, keep: int, expect: Fingerprint | None,
           envelope: Callable[[dict[str, Any]], dict[str, Any]] | None) -> SaveResult:
    what = f"Could not save “{path}”" if envelope is None else "Could not write the recovery copy"
    # Reading (and hashing) the file's bytes waits on the disk and the hash releases the
    # GIL, so both run beside the encoding, which holds it: ~0.1 s of a 50 MB study.
    previous_size = getattr(_stat(path), "st_size", 0)
    found = (beside(lambda: _previous(path, expect), previous_size)
             if envelope is None else None)
    encoded = encode_study_data(snapshot.data if envelope is None else envelope(snapshot.data))
    if path.is_file() and not os.access(path, os.W_OK):
        # Replacing would work (the folder is writable) but someone marked the file
        # read-only on purpose: respect that, as an editor writing in place would.
        raise StorageError(f"{what}: {read_only_reason(path)}.")
    original_copy = backup = None
    warnings: list[str] = []
    if found is not None:
        read_from, previous, changed = found()
        if changed:
            raise ChangedOnDiskError(f"“{path.name}” was changed by another program since "
                                     "it was opened or saved here; nothing was written.")
        if previous is not None:
            version = _format_version(previous)
            if version is not None and version < VERSION:
                original_copy = keep_original(path, previous, version)
            try:
                backup = (keep_backup(path, previous, keep, read_from=read_from)
                          if keep > 0 else None)
            except OSError as err:
                warnings.append("No backup of the previous version was kept: "
                                f"{explain_os_error(err)}")
    # The new bytes' hash, for the fingerprint, beside the write and its fsync.
    digest = beside(partial(sha256_hex, encoded), len(encoded))
    try:
        if envelope is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, encoded)
    except OSError as err:
        raise StorageError(f"{what}: {explain_os_error(err)}") from err
    finally:
        sha256 = digest()
    return SaveResult(fingerprint_of(path, len(encoded), sha256), backup, original_copy,
                      warnings)


def _previous(path: Path, expect: Fingerprint | None
              ) -> tuple[os.stat_result | None, bytes | None, bool]:
    """The file's stat from just before reading, its bytes (None: none to keep), and
    whether they are not the ``expect``-ed ones."""
    read_from = _stat(path)
    previous = _previous_bytes(path)
    changed = expect is not None and previous is not None and bytes_differ(previous, expect)
    return read_from, previous, changed


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


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


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
