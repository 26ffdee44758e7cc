"""SHA-256 digests as hex. ``hashlib`` (OpenSSL) is imported on the first digest, not
at start-up, where nothing needs one: it costs ~6 ms to load."""

from __future__ import annotations


def sha256_hex(data: bytes | bytearray) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()
