"""Rotating backups of a study's previous versions, kept in Crosslight's state dir.

Before a save replaces a study file, the bytes it had are copied to
``<state dir>/backups/<stem>-<hash of its path>/<stem>.<UTC time>.crosslight``; the newest
``KEEP_BACKUPS`` stay. Each is a complete study file as it was, so it opens like any other.

Why the state dir and not a ``.crosslight-backups`` folder beside the study: study files
are shared and synced, and a folder beside them would travel along, handing strangers
the notes and highlights the author deleted; it would also litter git repositories and
fail in read-only folders. The price is that backups stay on the machine that saved.
"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.digest import sha256_hex
from desktop.storage.atomic import atomic_write_bytes, remove_stale_temps_in
from desktop.storage.state_dir import state_dir

KEEP_BACKUPS = 5
STUDY_SUFFIX = ".crosslight"


def backup_dir_for(study_path: Path) -> Path:
    resolved = Path(study_path).resolve()
    digest = sha256_hex(str(resolved).encode("utf-8", "surrogatepass"))[:12]
    return state_dir() / "backups" / f"{resolved.stem[:60]}-{digest}"


def list_backups(study_path: Path) -> list[Path]:
    """Backups of ``study_path``, newest first."""
    folder = backup_dir_for(study_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{STUDY_SUFFIX}"), reverse=True)


def keep_backup(study_path: Path, data: bytes, keep: int = KEEP_BACKUPS, *,
                read_from: os.stat_result | None = None) -> Path | None:
    """Store ``data`` (the file's current bytes) as the newest backup; drop the oldest.

    ``read_from``: the file's ``os.stat`` from just before ``data`` was read from it.
    Then the backup is the file itself, hard-linked (a save replaces the file by a new
    one, never writes into it), when it is still that file: no copy of a 50 MB study
    written and synced again on every save. Otherwise, or across disks, a copy.
    Returns the backup, or None when the newest backup already holds these bytes.
    Raises OSError if the state dir cannot be written.
    """
    existing = list_backups(study_path)
    if existing and _holds(existing[0], data):
        return None
    folder = backup_dir_for(study_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{Path(study_path).stem[:60]}.{stamp}{STUDY_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{Path(study_path).stem[:60]}.{stamp}-{n}{STUDY_SUFFIX}"
    remove_stale_temps_in(folder, STUDY_SUFFIX)  # left by backup writes that were killed
    if read_from is None or not _link(Path(study_path), target, read_from):
        atomic_write_bytes(target, data)
    for old in list_backups(study_path)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return target


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file holds ``data``. Two versions of a study differ at least in the
    ``study.modified`` stamp near the end (keys are sorted): the tail tells most apart
    without reading the whole file."""
    with path.open("rb") as file:
        size = file.seek(0, os.SEEK_END)
        if size != len(data):
            return False
        tail = min(size, 64 * 1024)
        file.seek(size - tail)
        if file.read() != data[size - tail:]:
            return False
        file.seek(0)
        return file.read() == data


def _link(source: Path, target: Path, read_from: os.stat_result) -> bool:
    """Hard-link ``source`` as ``target`` if it is still the file that was read (same
    inode, size and time, no other name that could write into it); False if not."""
    if read_from.st_nlink != 1 or not stat.S_ISREG(read_from.st_mode):
        return False
    try:
        if source.is_symlink():
            return False  # the link would be to whatever the symlink points at later
        os.link(source, target, follow_symlinks=False)
    except OSError:  # another disk, a file system without links, protected_hardlinks
        return False
    linked = os.stat(target, follow_symlinks=False)
    if _identity(linked) != _identity(read_from):
        target.unlink(missing_ok=True)  # changed since it was read: copy what was read
        return False
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return True
    try:
        os.fsync(fd)  # the new name is on disk, as an atomic write's would be
    except OSError:
        pass
    finally:
        os.close(fd)
    return True


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns
