"""Autosave: unsaved work is copied to a recovery file, never over the user's file.

Every ``INTERVAL_MS`` while there are changes not yet autosaved, and whenever the
window loses focus or the application goes to the background (the moments before a
laptop lid closes or another program takes over). The copy is deleted once the work
is saved, undone back to the saved state, or knowingly discarded.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.storage.errors import StorageError
from desktop.storage.recovery import discard_recovery, recovery_file, write_recovery
from desktop.storage.saving import Snapshot
from desktop.ui.controllers.base import Controller
from desktop.ui.core.background import BackgroundWriter, Job

if TYPE_CHECKING:
    from desktop.ui.controllers.context import WindowContext
    from desktop.ui.core.session import StudySession

INTERVAL_MS = 60_000


class Autosaver(Controller):
    def __init__(self, ctx: WindowContext, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(ctx)
        self.pending = False  # changes since the last autosave
        self.written: dict[str, Path] = {}  # session token -> its recovery file
        self.failed = False
        self._waiting = False  # an autosave waits for the snapshot cache
        self.writer = BackgroundWriter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.autosave(background=True))
        self.timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
            app.applicationStateChanged.connect(self._on_app_state)

    def track(self, session: StudySession) -> None:
        """Follow a session shown in the window (at start and after File › Open)."""
        self.pending = session.is_modified
        session.changed.connect(self._on_changed)
        session.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def untrack(self, session: StudySession) -> None:
        """The session leaves the window, saved or knowingly discarded: drop its copy."""
        for signal, slot in ((session.changed, self._on_changed),
                             (session.undo_stack.cleanChanged, self._on_clean_changed)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.discard(session)

    def autosave(self, background: bool = False) -> Path | None:
        """Write the recovery copy now if there is unsaved work it lacks.

        With ``background`` (the timer, focus loss) the copy is written on a worker
        thread from a snapshot and None is returned; otherwise the file written.
        """
        self.writer.wait()
        session = self.session
        if not session.is_modified:
            self.discard(session)
            return None
        if not self.pending:
            return None
        if background and session.snapshot_waits:  # (as ``FileController.save``)
            if not self._waiting:
                self._waiting = True
                session.warm_then(lambda: self._when_warm(session))
            return None
        self.pending = False  # edits from now on make it pending again
        snapshot = Snapshot(session.snapshot.study_data(session.study), session.study.modified)
        job = Job(lambda: write_recovery(snapshot, session.path, session.token,
                                         session.fingerprint),
                  self._written, dict(session=session))
        if background:
            self.writer.start(job)
            return None
        job.run_here()
        self._written(job)
        return job.result

    def _when_warm(self, session: StudySession) -> None:
        self._waiting = False
        if session is self.session:
            self.autosave(background=True)

    def _written(self, job: Job) -> None:
        session = job.context["session"]
        if job.error is not None:
            self.pending = True
            if not self.failed:  # say it once, not every minute
                reason = job.error if isinstance(job.error, StorageError) else repr(job.error)
                self._status(f"Autosave failed: {reason}", 15000)
            self.failed = True
            job.result = None
            return
        self.failed = False
        written = job.result
        old = self.written.get(session.token)
        if old is not None and old != written:
            discard_recovery(old)  # the study was saved under a new name since
        self.written[session.token] = written
        if session.lock is not None:
            session.lock.refresh()

    def discard(self, session: StudySession) -> None:
        self.writer.wait()  # a copy still being written must not reappear afterwards
        old = self.written.pop(session.token, None)
        for file in {old, recovery_file(session.path, session.token)}:
            if file is not None:
                discard_recovery(file)

    def stop(self) -> None:
        self.timer.stop()
        self.writer.wait()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            for signal, slot in ((app.focusChanged, self._on_focus_changed),
                                 (app.applicationStateChanged, self._on_app_state)):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)

    def _on_changed(self, _changes: object) -> None:
        self.pending = True

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.pending = False
            self.discard(self.session)

    def _on_focus_changed(self, old, new) -> None:
        if self.pending and old is not None and (new is None or new.window() is not old.window()):
            self.autosave(background=True)

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self.pending:
            self.autosave(background=True)
