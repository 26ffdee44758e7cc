"""The session: one open study, its file, and its undo history.

Every edit goes through ``execute``; the command's change set is broadcast with
``changed`` on apply and on undo/redo, and views refresh from that alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.identity import Person
from desktop.domain.model import Document, Study
from desktop.domain.stamping import Stamped
from desktop.storage.snapshot import SnapshotCache
from desktop.storage.studyfile import paused_gc

if TYPE_CHECKING:
    from desktop.storage.disk_state import Fingerprint
    from desktop.storage.locks import StudyLock
    from desktop.storage.opening import Opened

MERGEABLE_ID = 1
WARM_BATCH = 10  # highlights built between looks at the clock (~0.07 ms each)
WARM_SLICE = 0.004  # seconds of one idle turn spent warming: a keystroke waits no longer
WARM_SLICE_WAITED = 0.008  # ... while a save waits for it (a slice of ``chunked``)
# A save or autosave in the background waits for the snapshot cache above this many
# highlights (below it, building what is missing on the UI thread takes milliseconds).
SNAPSHOT_WAITS_ABOVE = 2_000
WARM_FREEZE_ABOVE = 5_000  # highlights: warming freezes what it built (``paused_gc``)


class _UndoCommand(QUndoCommand):
    def __init__(self, session: StudySession, command: Command) -> None:
        super().__init__(command.label)
        self.session = session
        self.command = command

    def redo(self) -> None:
        self.session.broadcast(self.command.apply(self.session.study))

    def undo(self) -> None:
        self.session.broadcast(self.command.revert(self.session.study))

    def id(self) -> int:
        return MERGEABLE_ID if self.command.merge_key() is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _UndoCommand):
            return False
        key = self.command.merge_key()
        return key is not None and key == other.command.merge_key() and self.command.merge(
            other.command
        )


class StudySession(QObject):
    changed = Signal(object)  # ChangeSet
    pathChanged = Signal()
    currentDocumentChanged = Signal(str)  # document id: the one the reader shows

    def __init__(self, study: Study, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.study = study
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.orphans_on_open: list[str] = []
        self.actor: Person | None = None  # who edits; None: the identity of Preferences
        # File safety: the file as last read or written (to notice others' changes),
        # whether this session may write it, its lock, and the name of its autosave.
        self.fingerprint: Fingerprint | None = None
        self.read_only = False
        self.lock: StudyLock | None = None
        self.token = os.urandom(6).hex()
        # Saving off the UI thread: a snapshot of the file data kept current from change
        # sets, and a count of changes, to tell whether edits arrived while writing.
        self.snapshot = SnapshotCache()
        self.edits = 0
        self._warming = QTimer(self)  # fills the snapshot cache in idle moments
        self._warming.setInterval(0)
        self._warming.timeout.connect(self._warm_snapshot)
        self._warming.start()
        self._after_warm: list[Callable[[], None]] = []
        remembered = study.current_document  # saved with the study: show it again
        self._current_id = (remembered if remembered in study.documents
                            else next(iter(study.documents), ""))
        study.current_document = self._current_id

    def _warm_snapshot(self) -> None:
        deadline = time.perf_counter() + (WARM_SLICE_WAITED if self._after_warm else WARM_SLICE)
        # No cyclic collection during a slice, and what it built frozen out of later
        # scans after it: the cache of 50,000 highlights is ~300,000 dicts and lists that
        # all stay, and full collections scanning them held the window 50-175 ms each,
        # several times in the first seconds after opening (typing, the first save).
        with paused_gc(len(self.study.highlights) > WARM_FREEZE_ABOVE):
            while not self.snapshot.warm(self.study, WARM_BATCH):  # a batch at least
                if time.perf_counter() >= deadline:
                    return
        self._warming.stop()
        waiting, self._after_warm = self._after_warm, []
        for then in waiting:
            then()

    @property
    def snapshot_waits(self) -> bool:
        """Whether a save in the background should wait for the cache (``warm_then``)."""
        return not self.snapshot.ready and len(self.study.highlights) > SNAPSHOT_WAITS_ABOVE

    def warm_then(self, then: Callable[[], None]) -> None:
        """Finish warming the snapshot cache in slices from the event loop, then call
        ``then``: a save asked for before the cache is ready waits for it rather than
        building every highlight's data on the UI thread at once."""
        self._after_warm.append(then)
        if not self._warming.isActive():
            self._warming.start()

    @classmethod
    def from_opened(cls, opened: Opened) -> StudySession:
        session = cls(opened.study, opened.study_path)
        session.orphans_on_open = opened.orphans
        session.fingerprint = opened.fingerprint
        return session

    @property
    def document(self) -> Document:
        """The current document: the one the reader shows and new highlights go on."""
        document = self.study.documents.get(self._current_id) or self.study.main_document
        assert document is not None, "a session always has a document"
        return document

    def set_current_document(self, document_id: str) -> None:
        if document_id not in self.study.documents:
            raise KeyError(document_id)
        if document_id != self._current_id:
            self._current_id = self.study.current_document = document_id
            self.currentDocumentChanged.emit(document_id)

    def broadcast(self, changes: ChangeSet) -> None:
        """A command changed the study: note it for saving, then tell the views. If the
        current document went away (undo of an add, a removal), the first one becomes
        current before they hear of it."""
        self.snapshot.invalidate(changes)
        if not self.snapshot.ready and not self._warming.isActive():
            self._warming.start()  # a document's text changed: every entry goes
        self.edits += 1
        if self._current_id not in self.study.documents:
            self._current_id = self.study.current_document = next(iter(self.study.documents))
            self.currentDocumentChanged.emit(self._current_id)
        self.changed.emit(changes)

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def execute(self, command: Command) -> None:
        """Run ``command`` as one undo step, stamped with who ran it (``Stamped``)."""
        self.undo_stack.push(_UndoCommand(self, Stamped(command, self.person())))

    def person(self) -> Person:
        """Who edits: ``actor`` when set (tests, a merge), else Preferences' identity."""
        if self.actor is not None:
            return self.actor
        from desktop.storage.settings import identity, load_settings

        return identity(load_settings())

    def mark_saved(
        self, path: Path, fingerprint: Fingerprint | None = None, edits: int | None = None
    ) -> None:
        """The study as of ``edits`` changes (default: now) is in ``path``.

        Edits made while a background save was writing are not in the file: the study
        then stays modified, and the file is only remembered as ours.
        """
        if edits is None or edits == self.edits:
            self.undo_stack.setClean()
        self.fingerprint = fingerprint
        self.read_only = False
        if path != self.path:
            self.path = path
            self.pathChanged.emit()

    def mark_unsaved(self) -> None:
        """Recovered work: unsaved until the user saves it, even with nothing to undo."""
        self.undo_stack.resetClean()
