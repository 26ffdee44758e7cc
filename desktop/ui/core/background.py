"""One file write at a time on a worker thread, its outcome handed back to the UI thread.

Saving a 10,000-highlight study means encoding and writing ~11 MB: done here, the
window keeps scrolling and taking keystrokes. The work function gets plain data (a
snapshot), never the live Study, so the user may go on editing meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal


@dataclass(eq=False)
class Job:
    work: Callable[[], Any]
    on_done: Callable[[Job], object]  # its return value is not used
    context: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    error: BaseException | None = None
    delivered: bool = False

    def run(self) -> None:
        """Do the work, keeping its result or its error for ``on_done``."""
        try:
            self.result = self.work()
        except BaseException as err:  # handed to on_done: the UI says what went wrong
            self.error = err

    def run_here(self) -> None:
        """Do the work on this thread; the caller hands the job to ``on_done`` itself."""
        self.run()
        self.delivered = True


class BackgroundWriter(QObject):
    _finished = Signal(object)  # emitted on the worker thread, delivered on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, job: Job) -> None:
        """Run ``job.work`` on a thread; ``job.on_done(job)`` follows on the UI thread."""
        self.wait()  # one write at a time, in order

        def run() -> None:
            job.run()
            self._finished.emit(job)

        self._job = job
        # Not a daemon: quitting mid-write lets the write finish (it is atomic anyway).
        self._thread = threading.Thread(target=run, name="crosslight-writer")
        self._thread.start()

    def wait(self) -> None:
        """Block until the running job is done and delivered (closing, saving again)."""
        thread, job = self._thread, self._job
        if thread is not None:
            thread.join()
        if job is not None:
            self._deliver(job)

    def _deliver(self, job: Job) -> None:
        if job.delivered:
            return
        job.delivered = True
        if job is self._job:
            self._job, self._thread = None, None
        job.on_done(job)
