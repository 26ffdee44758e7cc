"""Crash-safe file replacement: write a temp file beside the target, fsync, rename.

A reader of ``path`` sees either the old bytes or the new ones, never a mixture,
even if the process is killed mid-write. A kill leaves the temp file behind; its name
carries the writer's PID (``.NAME.PID.random.tmp``), so the next save removes temp
files of ``path`` whose writer is gone, without disturbing one still being written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from desktop.storage.host import pid_alive

STALE_TEMP_AGE_S = 3600.0  # an old temp file is abandoned even if its PID was reused


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory
    )
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        with contextlib.suppress(OSError):
            # mkstemp makes the file private (0600); a saved study should get the mode an
            # ordinary new file gets, or keep the mode of the file it replaces.
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)
    remove_stale_temps(path)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files an interrupted save of ``path`` left; return what was removed.

    Best effort: a folder we cannot list or a file we cannot delete is left alone.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    prefix, removed = f".{path.name}.", []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid_text = name[len(prefix) : -len(".tmp")].split(".", 1)[0]
        pid = int(pid_text) if pid_text.isdigit() else -1
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if pid == os.getpid() or not pid_alive(pid) or age > STALE_TEMP_AGE_S:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
