"""Reading an interchange file: size limit, UTF-8, JSON, and errors fit for a user."""

from __future__ import annotations

from pathlib import Path

import orjson

from desktop.storage.errors import StorageError

MAX_IMPORT_BYTES = 64 * 1024 * 1024


class ImportFormatError(StorageError):
    """The file is not in the format asked for; the message says what is wrong."""


def read_text(path: Path) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFormatError(
                f"“{path.name}” is {size // (1024 * 1024)} MB; Crosslight imports files up to "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB."
            )
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise ImportFormatError(f"“{path}” does not exist.") from err
    except IsADirectoryError as err:
        raise ImportFormatError(f"“{path}” is a folder, not a file.") from err
    except OSError as err:
        raise ImportFormatError(f"Could not read “{path}”: {err.strerror or err}") from err
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
