"""Crash-safe file replacement: write a temp file beside the target, fsync, rename.

A reader of ``path`` sees either the old bytes or the new ones, never a mixture,
even if the process is killed mid-write. A kill leaves the temp file behind; its name
carries the writer's PID (``.NAME.PID.random.tmp``), so the next save removes temp
files of ``path`` whose writer is gone, without disturbing one still being written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from desktop.storage.host import pid_alive

STALE_TEMP_AGE_S = 3600.0  # an old temp file is abandoned even if its PID was reused


def atomic_write_bytes(path: Path, data: bytes | bytearray) -> None:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = _create_temp(path, directory)
    try:
        with contextlib.suppress(OSError):
            # The temp file got the mode of an ordinary new file (0666 less the umask,
            # applied by the kernel at creation); a file it replaces keeps its own mode.
            # Set on the descriptor: changing the process-wide umask to read it would
            # race with files other threads create meanwhile.
            existing = os.stat(path)
            if stat.S_ISREG(existing.st_mode) and hasattr(os, "fchmod"):
                os.fchmod(fd, existing.st_mode & 0o7777)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)
    remove_stale_temps(path)


def _token() -> str:
    return os.urandom(4).hex()  # not secrets: it loads hashlib, which start-up avoids


def _create_temp(path: Path, directory: Path) -> tuple[int, str]:
    """A new temp file ``.NAME.PID.random.tmp`` beside ``path``, opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = os.path.join(directory, f".{path.name}.{os.getpid()}.{_token()}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files an interrupted save of ``path`` left; return what was removed.

    Best effort: a folder we cannot list or a file we cannot delete is left alone.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}."
    return _remove_stale(directory, lambda name: name[len(prefix):] if name.startswith(prefix)
                         else None)


def remove_stale_temps_in(directory: Path, suffix: str) -> list[Path]:
    """Delete temp files interrupted saves of any ``*suffix`` file in ``directory``
    left (backups get a new name each time, so their leftovers are never retried)."""
    marker = f"{suffix}."

    def rest(name: str) -> str | None:
        # The last place: a hidden study's backups (".crosslight.…") begin with it too.
        at = name.rfind(marker)
        return name[at + len(marker):] if name.startswith(".") and at > 1 else None

    return _remove_stale(Path(directory), rest)


def _remove_stale(directory: Path, rest_of: Callable[[str], str | None]) -> list[Path]:
    """Remove ``.TARGET.PID.random.tmp`` files whose writer is gone; ``rest_of`` gives
    what follows ``.TARGET.`` in a name, or None for files of other targets."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        rest = rest_of(name)
        if rest is None or not rest.endswith(".tmp"):
            continue
        pid_text = rest[: -len(".tmp")].split(".", 1)[0]  # none in names before PIDs
        pid = int(pid_text) if pid_text.isdigit() and len(pid_text) <= 10 else -1
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if pid == os.getpid() or not pid_alive(pid) or age > STALE_TEMP_AGE_S:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform allows opening a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_only_reason(path: Path) -> str:
    """Why a file we may not write is read-only: its disk (mounted read-only, or a
    read-only bind mount) or the file itself. The remedies differ."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "the disk or folder is read-only"
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    return "the file is read-only"
