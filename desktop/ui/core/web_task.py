"""Network work off the UI thread: a fetch, a look-up or an archive request with
progress and Cancel, its outcome delivered on the UI thread.

``WebTask`` runs one ``work(progress, cancel)`` call (the ``storage.web.actions``
functions take exactly these) on a daemon thread: a stalled server never keeps the app
from quitting, and ``cancel()`` cuts even a blocked read (``CancelToken``). Its signals
arrive on the UI thread: ``progressed(stage, done, total)`` (total -1 when unknown),
then exactly one of ``succeeded(result)``, ``failed(message, kind)`` or ``cancelled()``
(at once when Cancel is pressed), then ``finished()``. Used as it is by a dialog that
stays usable meanwhile (the New Reference dialog's Fill in); ``run_with_progress``
wraps it for commands that wait for their result behind a modal progress dialog (Open
Address, Check for New Version, Archive, imports), as ``import_worker`` does for
documents.

Nothing here imports the network code: ``storage.web`` loads with the first task.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

SHOW_AFTER_MS = 300  # a task that ends sooner shows no progress dialog
UNKNOWN = -1  # ``total`` when the server does not say how much is coming

Work = Callable[[Callable[[str, int, int | None], None], Any], Any]  # (progress, cancel)
_LIVE: set[_Bridge] = set()  # bridges whose worker has not reported yet (never freed early)


class _Bridge(QObject):
    """Lives on the UI thread; the worker emits, the UI thread receives (queued)."""

    progressed = Signal(str, int, int)
    done = Signal(object, object)  # (result, error)


class WebTask(QObject):
    progressed = Signal(str, int, int)  # stage, done, total (UNKNOWN: not said)
    succeeded = Signal(object)
    failed = Signal(str, str)  # the one-line reason, FetchError.kind
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel: Any = None
        self._running = False
        self.stage = ""

    @property
    def running(self) -> bool:
        return self._running

    def start(self, work: Work) -> None:
        """Run ``work(progress, cancel)`` on a thread (one task at a time per WebTask)."""
        from desktop.storage.web.cancel import CancelToken

        if self._running:
            raise RuntimeError("this task is already running")
        cancel = CancelToken()
        self._cancel, self._running = cancel, True
        bridge = _Bridge()
        _LIVE.add(bridge)
        bridge.progressed.connect(self._progressed)
        bridge.done.connect(lambda result, error: self._done(bridge, cancel, result, error))

        def report(stage: str, done: int, total: int | None) -> None:
            bridge.progressed.emit(stage, done, UNKNOWN if total is None else total)

        def run() -> None:
            result, error = None, None
            try:
                result = work(report, cancel)
            except BaseException as err:  # delivered to the UI thread, shown there
                error = err
            bridge.done.emit(result, error)

        threading.Thread(target=run, name="crosslight-web", daemon=True).start()

    def cancel(self) -> None:
        """Stop now: the token cuts the worker's reads, and the task reports
        ``cancelled`` at once — a server that has not begun to answer can keep the
        worker until its time-out, and the user need not wait for that. Whatever the
        worker still returns is dropped."""
        cancel = self._cancel
        if cancel is None:
            return
        cancel.cancel()
        self._running, self._cancel = False, None
        self.cancelled.emit()
        self.finished.emit()

    def _progressed(self, stage: str, done: int, total: int) -> None:
        self.stage = stage
        self.progressed.emit(stage, done, total)

    def _done(self, bridge: _Bridge, cancel: Any, result: object, error: object) -> None:
        _LIVE.discard(bridge)
        bridge.deleteLater()
        if cancel is not self._cancel:
            return
        self._running, self._cancel = False, None
        from desktop.storage.errors import StorageError
        from desktop.storage.formats.base import ImportCancelledError

        if isinstance(error, ImportCancelledError) or (error is None and cancel.cancelled):
            self.cancelled.emit()
        elif isinstance(error, StorageError):
            self.failed.emit(str(error), getattr(error, "kind", ""))
        elif error is not None:  # a bug below: say so in one line, never crash the window
            self.failed.emit(f"Something went wrong: {type(error).__name__}: "
                             f"{str(error)[:200]}", "bug")
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class Outcome:
    """What ``run_with_progress`` ended with: ``ok`` and ``result``, or ``error``."""

    def __init__(self) -> None:
        self.ok = False
        self.result: Any = None
        self.error = ""  # the one-line reason ("" when cancelled or ok)
        self.kind = ""
        self.cancelled = False


def run_with_progress(prompts: Any, title: str, label: str, work: Work,
                      *, error_title: str | None = None) -> Outcome:
    """Run ``work`` on a thread behind a progress dialog with Cancel (shown only if it
    lasts); a failure is shown as one line through ``prompts.error`` (titled
    ``error_title``, or ``title``). The window paints meanwhile but takes no input."""
    outcome = Outcome()
    task = WebTask()
    dialog = prompts.progress(title, label)
    dialog.setRange(0, 0)  # busy until the first progress says how much is coming
    loop = QEventLoop()

    def progressed(stage: str, done: int, total: int) -> None:
        dialog.setLabelText(stage + "…" if stage and not stage.endswith("…") else stage)
        if total > 0:
            dialog.setRange(0, 1000)
            dialog.setValue(min(1000, int(done * 1000 / total)))
        elif dialog.maximum() != 0:
            dialog.setRange(0, 0)

    def succeeded(result: object) -> None:
        outcome.ok, outcome.result = True, result

    def failed(message: str, kind: str) -> None:
        outcome.error, outcome.kind = message, kind

    def cancelled() -> None:
        outcome.cancelled = True

    task.progressed.connect(progressed)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.cancelled.connect(cancelled)
    task.finished.connect(loop.quit)
    dialog.canceled.connect(task.cancel)
    grace = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    grace.timeout.connect(loop.quit)
    grace.start()
    task.start(work)
    # A quick answer ends here, with no dialog; clicks and keys wait meanwhile.
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if task.running:
        dialog.show()
        loop.exec()
    grace.stop()
    dialog.hide()
    dialog.deleteLater()
    task.deleteLater()
    if outcome.error:
        prompts.error(error_title or title, outcome.error)
    return outcome
