"""Loading a document without freezing the window: a worker thread, progress and Cancel.

``load_document_in_background`` is the one call the UI makes to turn a path into a
Document (File › Open, Reopen with Encoding; later Add Document and Update from new
version). Small files load at once, with no dialog to flash; larger ones load in a
QThreadPool worker while a progress dialog (from ``prompts.progress``) shows how far
it got and offers Cancel. Errors are shown through ``prompts.error``; the caller only
sees a Document or None.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop.domain.model import Document
from desktop.storage.documents import (  # noqa: F401 - the limits are re-exported
    OTHER_SYNC_BYTES,
    TEXT_SYNC_BYTES,
    ImportCancelledError,
    load_document,
    sync_limit,
)
from desktop.storage.errors import StorageError

SHOW_AFTER_MS = 300  # a worker load that ends sooner shows no dialog


class _Bridge(QObject):
    """Carries the worker's news to the GUI thread: the bridge lives there, so signals
    emitted by the worker reach its slots queued, never inside the worker."""

    progressed = Signal(float)
    finished = Signal()

    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.progressed.connect(self._show_progress)

    @Slot(float)
    def _show_progress(self, fraction: float) -> None:
        self.dialog.setValue(int(fraction * 1000))


def load_document_in_background(
    parent: QWidget | None,
    path: Path,
    prompts,
    encoding: str | None = None,
    *,
    sync_bytes: int | None = None,
    error_title: str = "Could not open",
    label: str = "",
) -> Document | None:
    """The document at ``path``, or None (error shown, or the user cancelled).

    ``parent`` is the window asking (the dialogs come from its ``prompts``);
    ``sync_bytes`` overrides the size up to which the file loads without a worker;
    ``label`` the progress dialog's words.
    """
    path = Path(path)
    limit = sync_limit(path) if sync_bytes is None else sync_bytes
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # load_document words the problem
    if size <= limit:
        try:
            return load_document(path, encoding)
        except StorageError as err:
            prompts.error(error_title, str(err))
            return None
        except Exception as err:  # a bug in a parser: say so, never crash the window
            prompts.error(error_title, f"“{path.name}” could not be read: {err}")
            return None
    return _load_in_worker(path, prompts, encoding, error_title, label)


def _load_in_worker(path: Path, prompts, encoding, error_title: str,
                    label: str = "") -> Document | None:
    stop = threading.Event()
    result: dict[str, object] = {}
    dialog = prompts.progress("Opening document", label or f"Reading “{path.name}”…")
    dialog.setRange(0, 1000)
    dialog.setValue(0)
    dialog.canceled.connect(stop.set)
    bridge = _Bridge(dialog)

    def work() -> None:
        try:
            result["document"] = load_document(
                path, encoding, progress=bridge.progressed.emit, cancelled=stop.is_set
            )
        except ImportCancelledError:
            result["cancelled"] = True
        except StorageError as err:
            result["error"] = str(err)
        except Exception as err:  # a bug in a parser: say so, never crash the window
            result["error"] = f"“{path.name}” could not be read: {err}"
        finally:
            result["done"] = True
            bridge.finished.emit()

    loop = QEventLoop()
    bridge.finished.connect(loop.quit)
    grace = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    grace.timeout.connect(loop.quit)
    grace.start()
    QThreadPool.globalInstance().start(work)
    # A short load ends here, with no dialog; clicks and keys wait meanwhile, so nothing
    # (another Open, a highlight) can run in the middle of it.
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if "done" not in result:
        dialog.show()  # modal: the window waits, but paints, while the worker reads
        loop.exec()
    grace.stop()
    dialog.hide()
    dialog.deleteLater()
    bridge.deleteLater()
    if "error" in result:
        prompts.error(error_title, str(result["error"]))
        return None
    document = result.get("document")
    return document if isinstance(document, Document) else None
