"""The error an exporter raises when a study lacks what its format requires."""

from __future__ import annotations

from desktop.storage.errors import StorageError


class ExportError(StorageError):
    """The export cannot be made as asked; the message says what to do (shown as is)."""
