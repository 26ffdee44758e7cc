"""Noticing that another program changed a study file while it was open.

A fingerprint of the bytes Crosslight last read or wrote is kept with the open study;
before saving over the file it is compared with what is on disk now (for Ctrl+S by the
writer thread, on the bytes it reads for the backup). A different size
settles it at once; otherwise the content is hashed (a few ms for a big study), because
mtime alone misses a same-size rewrite within a coarse timestamp tick (FAT, HFS+, some
network shares), and a mere ``touch`` or a sync tool rewriting identical bytes must not
be reported as a change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.digest import sha256_hex


@dataclass(frozen=True, slots=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str


def fingerprint_bytes(path: Path, data: bytes) -> Fingerprint:
    """The fingerprint of ``path`` just after ``data`` was read from or written to it."""
    return fingerprint_of(path, len(data), sha256_hex(data))


def fingerprint_of(path: Path, size: int, sha256: str) -> Fingerprint:
    """``fingerprint_bytes`` for bytes whose size and hash are known (hashed meanwhile)."""
    try:
        st = os.stat(path)
        mtime_ns = st.st_mtime_ns
    except OSError:
        mtime_ns = 0
    return Fingerprint(size, mtime_ns, sha256)


def bytes_differ(data: bytes, fingerprint: Fingerprint) -> bool:
    """True if ``data`` are not the bytes ``fingerprint`` describes."""
    return len(data) != fingerprint.size or sha256_hex(data) != fingerprint.sha256


def changed_on_disk(path: Path, fingerprint: Fingerprint) -> bool:
    """True if ``path`` no longer holds the bytes ``fingerprint`` describes (or is gone)."""
    try:
        st = os.stat(path)
    except OSError:
        return True
    if st.st_size != fingerprint.size:
        return True
    try:
        data = Path(path).read_bytes()
    except OSError:
        return True
    return bytes_differ(data, fingerprint)
