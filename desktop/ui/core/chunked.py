"""Work on a large study done in slices from the event loop, so the window shows first.

Opening 50,000 highlights held the window for about a second after the study was read:
the reader's ranges and margin badges, the counts above the list and in the status bar.
None of it is needed for the first paint beyond what the screen shows, so a view does
that part at once and hands the rest to ``Chunks`` as a *job*: a generator that does
a few milliseconds of work between ``yield``s. Jobs run from zero-time timers in
slices of about ``SLICE_SECONDS``, so the window paints and answers input between them.

A job reads the model afresh as it goes, and a view starts its job again whenever the
model changes (``run`` with the same name replaces the one running), so an edit, undo
or save during the continuation is safe: the study itself is whole from the start,
only views are catching up. Small work (``at_once``) runs to the end at once, as
before: a small study's views are complete when the call returns.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

SLICE_SECONDS = 0.008  # one slice of the continuation: well under a frame at 60 Hz
CHUNK_ABOVE = 5_000  # highlights: more than this many are drawn and counted in slices

Job = Iterator[None]


def is_large(highlights: int) -> bool:
    """Whether a study of this many highlights is drawn and counted in slices."""
    return highlights > CHUNK_ABOVE


class Chunks(QObject):
    """The continuation of one window: named jobs run in slices until all are done."""

    finished = Signal()  # the last job ended: every view shows the whole study

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: dict[str, Job] = {}
        # Shared with the handler of ``destroyed``: a window closed before its views
        # caught up must not leave collection paused for the rest of the process.
        self._gc: dict[str, bool] = {"paused": False}
        self.destroyed.connect(partial(_resume_gc, self._gc))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(self, name: str, job: Job, at_once: bool = False) -> None:
        """Start ``job`` (replacing a job of that name still running): to its end now
        when ``at_once``, else its first step now (what the screen shows) and the rest
        in slices from the event loop."""
        self._jobs.pop(name, None)
        if at_once:
            for _ in job:
                pass
            return
        self._jobs[name] = job
        self._pause_gc()
        try:
            self._step(name)
        finally:
            if self._jobs and not self._timer.isActive():
                self._timer.start()
            elif not self._jobs:
                self._resume_gc()

    def is_running(self, name: str) -> bool:
        return name in self._jobs

    def cancel(self, name: str) -> None:
        self._jobs.pop(name, None)

    def finish(self) -> None:
        """Run every job to its end now (for a caller that needs the views whole)."""
        try:
            while self._jobs:
                self._step(next(iter(self._jobs)))
        finally:
            if not self._jobs:
                self._timer.stop()
                self._resume_gc()
        self.finished.emit()

    def _slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        try:
            while self._jobs:  # at least one step per slice
                self._step(next(iter(self._jobs)))
                if time.perf_counter() >= deadline:
                    break
        finally:
            if self._jobs:
                self._timer.start()
            else:
                self._resume_gc()
        if not self._jobs:
            self.finished.emit()

    def _pause_gc(self) -> None:
        """No cyclic collection while views catch up: the continuation makes ~100,000
        ranges and badges that all stay, and full collections scanning them were the
        longest stalls (30-50 ms each)."""
        if not self._gc["paused"] and gc.isenabled():
            gc.disable()
            self._gc["paused"] = True

    def _resume_gc(self) -> None:
        _resume_gc(self._gc)

    def _step(self, name: str) -> None:
        job = self._jobs[name]
        try:
            next(job)
        except BaseException as err:  # its end, or a fault: never run it again
            if self._jobs.get(name) is job:  # not replaced while it ran
                del self._jobs[name]
            if not isinstance(err, StopIteration):
                raise


def _resume_gc(state: dict[str, bool], *_args: object) -> None:
    """After the continuation, what the views keep is frozen out of later scans (as the
    study is after a large load: ``studyfile.paused_gc``), and collection resumes."""
    if state["paused"]:
        state["paused"] = False
        gc.freeze()
        gc.enable()
