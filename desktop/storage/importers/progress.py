"""Progress and Cancel for imports, so a worker thread can run them (see ``import_worker``).

Every importer takes an optional ``Work``: it calls ``work.step(done, total)`` between
items (entries, annotations); ``step`` reports the fraction done and raises
``ImportCancelledError`` (the document loaders' own, a StorageError) once ``cancelled()``
says so. Both callbacks may be called from a worker thread; neither is required.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.storage.formats.base import Cancelled, ImportCancelledError, Progress

__all__ = ["NO_WORK", "ImportCancelledError", "Work"]


@dataclass
class Work:
    """Where an import reports how far it got, and asks whether to stop."""

    progress: Progress | None = None
    cancelled: Cancelled | None = None
    name: str = "the file"  # for the cancel message
    every: int = 64  # items between two reports: cheap for a large file

    def step(self, done: int, total: int) -> None:
        if done % self.every:
            return
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelledError(f"Importing “{self.name}” was cancelled.")
        if self.progress is not None and total > 0:
            self.progress(max(0.0, min(1.0, done / total)))

    def done(self) -> None:
        if self.progress is not None:
            self.progress(1.0)


NO_WORK = Work()
