"""What every format loader shares: the source it reads, progress and cancellation.

Loaders are pure functions of the file's bytes; they report progress as a fraction and
ask ``cancelled()`` between pages or chapters, so the UI can run them in a worker and
stop them. A cancelled load raises ``ImportCancelledError``, a DocumentError like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.storage.errors import DocumentError

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


class ImportCancelledError(DocumentError):
    """The user stopped the import: not an error to show, nothing was opened."""


def _no_progress(_fraction: float) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class Source:
    raw: bytes
    name: str  # the file name, for messages
    encoding: str | None = None  # the user's choice of text encoding, if any
    progress: Progress = field(default=_no_progress)
    cancelled: Cancelled = field(default=_never)

    def step(self, fraction: float) -> None:
        """Report progress, and stop here if the user cancelled."""
        if self.cancelled():
            raise ImportCancelledError(f"Opening “{self.name}” was cancelled.")
        self.progress(max(0.0, min(1.0, fraction)))
