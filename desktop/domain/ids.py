"""Stable identifiers and timestamps shared by every model object."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id(prefix: str) -> str:
    """Return a globally unique id such as ``h-3f2a...``; the prefix makes files readable."""
    return f"{prefix}-{uuid.uuid4().hex}"


def utc_now() -> str:
    """ISO 8601 timestamp in UTC with second precision, so saved files diff quietly."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
