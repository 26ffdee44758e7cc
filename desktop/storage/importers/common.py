"""Reading an interchange file: size limit, UTF-8, JSON, and errors fit for a user."""

from __future__ import annotations

from pathlib import Path

import orjson

from desktop.storage.errors import StorageError
from desktop.storage.safe_read import read_capped

MAX_IMPORT_BYTES = 64 * 1024 * 1024


class ImportFormatError(StorageError):
    """The file is not in the format asked for; the message says what is wrong."""


def read_text(path: Path) -> str:
    path = Path(path)
    raw = read_capped(
        path,
        limit=MAX_IMPORT_BYTES,
        error=ImportFormatError,
        noun="a file",
        too_big=lambda size: (
            f"“{path.name}” is {size // (1024 * 1024)} MB; Crosslight imports files up to "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB."
        ),
    )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ImportFormatError(
            f"“{path.name}” is not UTF-8 text (byte {err.start})."
        ) from err


def parse_json(text: str, name: str) -> object:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as err:
        raise ImportFormatError(f"“{name}” is not valid JSON: {err}") from err
