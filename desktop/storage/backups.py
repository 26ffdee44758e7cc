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


def keep_backup(study_path: Path, data: bytes, keep: int = KEEP_BACKUPS) -> Path | None:
    """Store ``data`` (the file's current bytes) as the newest backup; drop the oldest.

    Returns the backup, or None when the newest backup already holds these bytes.
    Raises OSError if the state dir cannot be written.
    """
    existing = list_backups(study_path)
    if existing and existing[0].read_bytes() == data:
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
    atomic_write_bytes(target, data)
    for old in list_backups(study_path)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return target
