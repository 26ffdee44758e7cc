"""Reading an untrusted file whole, with a size cap checked before and during the read.

Only regular files are read, and never more than the cap: a device or pipe given a
document's or study's name could otherwise block or fill memory.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from desktop.storage.errors import StorageError


def read_capped(
    path: Path,
    *,
    limit: int,
    error: type[StorageError],
    noun: str,
    too_big: Callable[[int], str],
) -> bytes:
    """The file's bytes; otherwise ``error`` with a message naming the file.

    ``noun`` completes "is a folder, not …"; ``too_big(size)`` words the size refusal.
    """
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise error(f"“{path}” is a folder, not {noun}.")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"“{path}” is not a regular file, not {noun}.")
        if st.st_size > limit:
            raise error(too_big(st.st_size))
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError as err:
        raise error(f"“{path}” does not exist.") from err
    except IsADirectoryError as err:
        raise error(f"“{path}” is a folder, not {noun}.") from err
    except OSError as err:
        raise error(f"Could not read “{path}”: {err.strerror or err}") from err
    if len(raw) > limit:  # grew while we looked
        raise error(too_big(len(raw)))
    return raw
