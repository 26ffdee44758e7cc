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
import stat
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
MAX_LOCK_BYTES = 65_536  # a lock is a few hundred bytes; more is not read
MAX_PID = 2**31 - 1  # beyond any system's process ids (os.kill overflows on more)
CLAIM_STALE_S = 30.0  # a take-over claim older than this was left by a killed process
CLAIM_WAIT_S = 2.0  # how long a second taker waits for the first to finish


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
        raw = _read_lock_bytes(path)
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    return _parse_owner(raw, path)


def _read_lock_bytes(path: Path) -> bytes:
    """At most MAX_LOCK_BYTES of a regular file, never following a symlink nor
    waiting on a pipe: anyone who can write to a shared folder could otherwise
    freeze everyone opening a study there (a FIFO, or a link to /dev/zero)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError:
        if path.is_symlink() or path.exists():
            return b""  # a symlink (ELOOP) or unreadable: a garbled lock
        raise FileNotFoundError(str(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""  # a pipe, device or folder: not a lock Crosslight wrote
        chunks, left = [], MAX_LOCK_BYTES + 1  # one more byte tells an oversized lock
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        raw = b"".join(chunks)
        return b"" if len(raw) > MAX_LOCK_BYTES else raw  # oversized: garbled
    finally:
        os.close(fd)


def _parse_owner(raw: bytes, path: Path) -> LockOwner:
    try:
        data = orjson.loads(raw)
        if not isinstance(data, dict):
            raise TypeError
        boot = data.get("boot")
        return LockOwner(
            user=str(data.get("user", "someone"))[:200],
            host=str(data.get("host", "an unknown computer"))[:200],
            pid=_pid(data.get("pid", -1)),
            boot=float(boot) if isinstance(boot, int | float) and not isinstance(boot, bool)
            and abs(boot) < 1e12 else None,
            since=str(data.get("since", ""))[:64],
            token=str(data.get("token", ""))[:200],
        )
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return _unknown(path)


def _pid(value: object) -> int:
    """A process id as recorded, or -1 for anything no process could have (1e300,
    "12", true, -5): such a value must not reach os.kill."""
    if isinstance(value, bool) or not isinstance(value, int):
        return -1
    return value if 0 < value <= MAX_PID else -1


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

    Creating a lock is exclusive (O_EXCL), and so is taking one over: the taker first
    creates a claim file with O_EXCL, so of two instances taking over the same stale
    lock at once exactly one wins; the other sees the winner's lock.
    """
    study = Path(study)
    owner = _owner(token)
    path = lock_path(study)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return _take_over(study, owner, take_over)
    except OSError:
        return None
    _write_and_close(fd, _encode(owner))
    return StudyLock(study, owner)


def _take_over(study: Path, owner: LockOwner, forced: bool) -> StudyLock | None:
    path = lock_path(study)
    claim = path.with_name(path.name + ".claim")
    deadline = time.monotonic() + CLAIM_WAIT_S
    while True:
        current = read_lock(study)
        if current is not None and current.token != owner.token and not forced:
            alive = process_alive(current.host, current.pid, current.boot)
            if alive is not False:
                raise StudyLockedError(study, current, alive is None and _old(path)) from None
        try:
            claim_fd = os.open(claim, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if _old(claim, CLAIM_STALE_S):
                with contextlib.suppress(OSError):
                    claim.unlink()  # its taker was killed half-way
            elif time.monotonic() > deadline:
                raise StudyLockedError(study, current or _unknown(path), False) from None
            time.sleep(0.02)  # another instance is taking it over: see who won
            continue
        except OSError:
            return None
        os.close(claim_fd)
        try:
            # Still the lock we judged? Another taker may have won and released its
            # claim between our reading and our claiming.
            if not forced and read_lock(study) != current:
                continue
            atomic_write_bytes(path, _encode(owner))
        except OSError:
            return None
        finally:
            with contextlib.suppress(OSError):
                claim.unlink()
        return StudyLock(study, owner)


def _write_and_close(fd: int, data: bytes) -> None:
    try:
        os.write(fd, data)
        os.fsync(fd)
    except OSError:
        pass  # an empty lock still marks the study as taken
    finally:
        os.close(fd)


def _unknown(path: Path) -> LockOwner:
    return LockOwner("someone", "an unknown computer", -1, None, _mtime_iso(path), "")


def _owner(token: str) -> LockOwner:
    return LockOwner(username(), hostname(), os.getpid(), boot_time(), utc_now(), token)


def _encode(owner: LockOwner) -> bytes:
    return orjson.dumps(
        {"app": "Crosslight", "user": owner.user, "host": owner.host, "pid": owner.pid,
         "boot": owner.boot, "since": owner.since, "token": owner.token}
    )


def _old(path: Path, after: float = STALE_AFTER_S) -> bool:
    try:
        return time.time() - path.stat().st_mtime > after
    except OSError:
        return True


def _mtime_iso(path: Path) -> str:
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return ""
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
