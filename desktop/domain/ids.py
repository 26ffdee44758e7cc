"""Stable identifiers and timestamps shared by every model object."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    """Return a globally unique id such as ``h-3f2a...``; the prefix makes files readable.

    128 random bits as hex, like a UUID4 without loading ``uuid`` (and ``platform``).
    """
    return f"{prefix}-{os.urandom(16).hex()}"


def utc_now() -> str:
    """ISO 8601 timestamp in UTC with second precision, so saved files diff quietly."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
