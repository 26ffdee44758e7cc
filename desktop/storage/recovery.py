"""Autosaved copies of unsaved work, so a crash or power cut loses at most a minute.

Recovery files live in ``<state dir>/recovery/``, never over the user's own file: the
user decides on the next start whether to take the recovered work, and it then opens
as unsaved changes. One file per open session, named ``<key>.<token>`` + suffix, where
the key is a hash of the study's path (or ``untitled``) and the token tells apart two
instances editing the same study. Each file is a JSON envelope, written atomically:

    format "crosslight-recovery", version 1, original (path or null), saved (UTC time),
    title, host, pid, boot (when the writer's machine started), base (fingerprint of
    the file the work started from, or null), study (the study, as in a study file)

A file whose writer still runs (same host, same boot, live PID) is that instance's
business and is never offered; any other is pending until recovered or discarded.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.digest import sha256_hex
from desktop.domain.ids import utc_now
from desktop.domain.model import Study
from desktop.storage.disk_state import Fingerprint
from desktop.storage.errors import StudyFileError
from desktop.storage.host import boot_time, hostname, process_alive
from desktop.storage.saving import Snapshot, save_study
from desktop.storage.schema import study_to_data
from desktop.storage.state_dir import state_dir
from desktop.storage.studyfile import (
    LoadedStudy,
    parse_study_json,
    read_study_bytes,
    study_from_json,
)

RECOVERY_FORMAT = "crosslight-recovery"
RECOVERY_VERSION = 1
RECOVERY_SUFFIX = ".crosslight-recovery"
UNTITLED_KEY = "untitled"


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    file: Path
    original: Path | None  # the study file the work belongs to; None: never saved
    saved: str  # UTC time of the autosave
    title: str
    host: str
    pid: int
    boot: float | None
    base: Fingerprint | None  # the original file as the work started from it

    @property
    def token(self) -> str:
        """The session token in the file name: a recovering session adopts it."""
        return self.file.name.removesuffix(RECOVERY_SUFFIX).split(".", 1)[-1]

    @property
    def name(self) -> str:
        return self.original.name if self.original else f"Untitled study “{self.title}”"


def recovery_dir() -> Path:
    return state_dir() / "recovery"


def path_key(study_path: Path | None) -> str:
    if study_path is None:
        return UNTITLED_KEY
    resolved = str(Path(study_path).resolve())
    return sha256_hex(resolved.encode("utf-8", "surrogatepass"))[:20]


def recovery_file(study_path: Path | None, token: str) -> Path:
    return recovery_dir() / f"{path_key(study_path)}.{token}{RECOVERY_SUFFIX}"


def write_recovery(
    source: Study | Snapshot, study_path: Path | None, token: str,
    base: Fingerprint | None = None,
) -> Path:
    """Autosave a study (or a snapshot of one: then safe on a worker thread) for this
    session, through the one save path; StorageError if the state dir is unwritable."""

    def envelope(data: dict[str, Any]) -> dict[str, Any]:
        return {
            "format": RECOVERY_FORMAT,
            "version": RECOVERY_VERSION,
            "original": str(Path(study_path).resolve()) if study_path else None,
            "saved": utc_now(),
            "title": data["study"]["title"],
            "host": hostname(),
            "pid": os.getpid(),
            "boot": boot_time(),
            "base": None if base is None else
            {"size": base.size, "mtime_ns": base.mtime_ns, "sha256": base.sha256},
            "study": data,
        }

    if isinstance(source, Study):  # a copy of the work, not a save: no new stamp
        source = Snapshot(study_to_data(source), source.modified)
    target = recovery_file(study_path, token)
    save_study(source, target, envelope=envelope)
    return target


def read_entry(file: Path) -> RecoveryEntry:
    """The envelope of a recovery file; StudyFileError if it is not one."""
    data = _read_envelope(file)
    original, base = data.get("original"), data.get("base")
    try:
        return RecoveryEntry(
            file=Path(file),
            original=Path(original) if isinstance(original, str) and original else None,
            saved=str(data.get("saved", "")),
            title=str(data.get("title", "")),
            host=str(data.get("host", "")),
            pid=int(data.get("pid", -1)),
            boot=float(data["boot"]) if isinstance(data.get("boot"), int | float) else None,
            base=Fingerprint(int(base["size"]), int(base["mtime_ns"]), str(base["sha256"]))
            if isinstance(base, dict) else None,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise StudyFileError(f"“{Path(file).name}” is a damaged recovery file.") from err


def load_recovery(entry: RecoveryEntry) -> LoadedStudy:
    """The recovered study; StudyFileError (with a message) if it cannot be read."""
    data = _read_envelope(entry.file)
    return study_from_json(data.get("study"), f"the recovered copy of {entry.name}")


def pending_recoveries() -> list[RecoveryEntry]:
    """Recovery files no running instance owns, newest first."""
    return _pending("*")


def pending_for(study_path: Path) -> list[RecoveryEntry]:
    """Pending recovery files of the study at ``study_path``, newest first."""
    return _pending(f"{path_key(study_path)}.*")


def _pending(pattern: str) -> list[RecoveryEntry]:
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    entries = []
    for file in folder.glob(f"{pattern}{RECOVERY_SUFFIX}"):
        try:
            entry = read_entry(file)
        except StudyFileError:
            continue  # not ours to judge or delete; it stays for a human to look at
        if process_alive(entry.host, entry.pid, entry.boot):
            continue  # that instance is still working on it
        entries.append(entry)
    return sorted(entries, key=lambda e: e.saved, reverse=True)


def discard_recovery(file: Path) -> None:
    with contextlib.suppress(OSError):  # best effort: a leftover is offered again, never lost
        Path(file).unlink(missing_ok=True)


def _read_envelope(file: Path) -> dict[str, Any]:
    raw = read_study_bytes(Path(file))
    data = parse_study_json(raw, Path(file).name)
    if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
        raise StudyFileError(f"“{Path(file).name}” is not a Crosslight recovery file.")
    if data.get("version") != RECOVERY_VERSION:
        raise StudyFileError(f"“{Path(file).name}” is from another Crosslight version.")
    return data
