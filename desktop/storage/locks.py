"""Lock files: noticing that a study is already open elsewhere, and by whom.

LibreOffice's convention: ``.~lock.NAME.crosslight#`` beside the study, created with
O_EXCL so two instances cannot both create it. It holds JSON saying who has the study
open (user, host, PID, the host's boot time, since when, a per-session token), which is
shown to the next person who opens the study. A lock lives beside the study so it also
works across machines on a synced or network folder.

Stale locks: a lock from this machine whose process is gone (crash, power cut — the
boot time tells a reused PID apart) is taken over without asking. A lock from another
machine cannot be checked; the user is asked, and told when it looks abandoned
(older than ``STALE_AFTER_S``: running instances refresh theirs when they save).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

from desktop.domain.ids import utc_now
from desktop.storage.atomic import atomic_write_bytes
from desktop.storage.errors import StorageError
from desktop.storage.host import boot_time, hostname, process_alive, username

STALE_AFTER_S = 12 * 3600


@dataclass(frozen=True, slots=True)
class LockOwner:
    user: str
    host: str
    pid: int
    boot: float | None
    since: str  # UTC ISO time the lock was taken or last refreshed
    token: str

    def describe(self) -> str:
        return f"{self.user} on {self.host}, since {self.since or 'an unknown time'}"


class StudyLockedError(StorageError):
    """Someone else has the study open; ``owner`` says who, ``possibly_stale`` if abandoned."""

    def __init__(self, study: Path, owner: LockOwner, possibly_stale: bool) -> None:
        super().__init__(f"“{Path(study).name}” is already open: {owner.describe()}.")
        self.study = Path(study)
        self.owner = owner
        self.possibly_stale = possibly_stale


def lock_path(study: Path) -> Path:
    study = Path(study)
    return study.with_name(f".~lock.{study.name}#")


def read_lock(study: Path) -> LockOwner | None:
    """The recorded owner; None if unlocked. A garbled lock reads as an unknown owner."""
    path = lock_path(study)
    try:
        raw = path.read_bytes()[:65536]
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    try:
        data = orjson.loads(raw)
        if not isinstance(data, dict):
            raise TypeError
        boot = data.get("boot")
        return LockOwner(
            user=str(data.get("user", "someone")),
            host=str(data.get("host", "an unknown computer")),
            pid=int(data.get("pid", -1)),
            boot=float(boot) if isinstance(boot, int | float) else None,
            since=str(data.get("since", "")),
            token=str(data.get("token", "")),
        )
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return LockOwner("someone", "an unknown computer", -1, None, _mtime_iso(path), "")


class StudyLock:
    """A lock this session holds on one study."""

    def __init__(self, study: Path, owner: LockOwner) -> None:
        self.study = Path(study)
        self.path = lock_path(study)
        self.owner = owner

    def still_ours(self) -> bool:
        current = read_lock(self.study)
        return current is not None and current.token == self.owner.token

    def refresh(self) -> None:
        """Update the time in the lock, so others can tell it is in use. Best effort."""
        if self.still_ours():
            self.owner = _owner(self.owner.token)
            with contextlib.suppress(OSError):
                atomic_write_bytes(self.path, _encode(self.owner))

    def release(self) -> None:
        """Remove the lock, unless someone has taken it over since."""
        if self.still_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()


def acquire(study: Path, token: str, *, take_over: bool = False) -> StudyLock | None:
    """Lock ``study`` for the session ``token``.

    Raises StudyLockedError when a live (or unverifiable) owner holds it, unless
    ``take_over``. Returns None when no lock can be written (a read-only folder):
    the study can still be read, and saving there will fail with its own message.
    """
    study = Path(study)
    owner = _owner(token)
    path = lock_path(study)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        current = read_lock(study)
        if current is not None and current.token != token and not take_over:
            alive = process_alive(current.host, current.pid, current.boot)
            if alive is not False:
                raise StudyLockedError(study, current, alive is None and _old(path)) from None
        try:
            atomic_write_bytes(path, _encode(owner))
        except OSError:
            return None
        return StudyLock(study, owner)
    except OSError:
        return None
    try:
        os.write(fd, _encode(owner))
        os.fsync(fd)
    except OSError:
        pass  # an empty lock still marks the study as taken
    finally:
        os.close(fd)
    return StudyLock(study, owner)


def _owner(token: str) -> LockOwner:
    return LockOwner(username(), hostname(), os.getpid(), boot_time(), utc_now(), token)


def _encode(owner: LockOwner) -> bytes:
    return orjson.dumps(
        {"app": "Crosslight", "user": owner.user, "host": owner.host, "pid": owner.pid,
         "boot": owner.boot, "since": owner.since, "token": owner.token}
    )


def _old(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > STALE_AFTER_S
    except OSError:
        return True


def _mtime_iso(path: Path) -> str:
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return ""
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
