"""Stable identifiers and timestamps shared by every model object."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    """Return a globally unique id such as ``h-3f2a...``; the prefix makes files readable.

    128 random bits as hex, like a UUID4 without loading ``uuid`` (and ``platform``).
    """
    return f"{prefix}-{os.urandom(16).hex()}"


_last_stamp: tuple[int, str] = (-1, "")


def utc_now() -> str:
    """ISO 8601 timestamp in UTC with second precision, so saved files diff quietly.

    Made once a second: every new object takes two, and an import of 10,000
    annotations spent a sixth of its time formatting the same few seconds."""
    global _last_stamp
    second = int(time.time())
    if _last_stamp[0] != second:
        _last_stamp = (second, datetime.fromtimestamp(second, UTC).isoformat()
                       .replace("+00:00", "Z"))
    return _last_stamp[1]
