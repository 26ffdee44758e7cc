"""File menu behaviour: open, save, save as, and the unsaved-changes question.

Opening locks the study and offers autosaved work back; saving first checks that the
file is still ours and unchanged by others (``safety_ops``), writes with a backup, and
when the place cannot be written any more, offers Save As with the work still open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.plural import plural
from desktop.storage.disk_state import Fingerprint
from desktop.storage.documents import is_document_path
from desktop.storage.errors import ChangedOnDiskError, StorageError
from desktop.storage.locks import StudyLock, StudyLockedError, acquire
from desktop.storage.opening import Opened, open_path
from desktop.storage.recent import remember
from desktop.storage.saving import SaveResult, save_study, take_snapshot
from desktop.storage.studyfile import STUDY_SUFFIX
from desktop.ui.controllers.base import Controller
from desktop.ui.controllers.formats import FormatController
from desktop.ui.controllers.merging import MergeController
from desktop.ui.controllers.safety import SafetyController, claim_lock
from desktop.ui.core.background import BackgroundWriter, Job
from desktop.ui.core.session import StudySession
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.dialogs.safety_prompts import DiskChoice

if TYPE_CHECKING:
    from desktop.ui.controllers.context import WindowContext


class FileController(Controller):
    """File › Open, Save, Save As, reload, and the unsaved-changes question; opening a
    document goes through ``formats``, every check of the file on disk through
    ``safety``."""

    def __init__(self, ctx: WindowContext, safety: SafetyController,
                 formats: FormatController) -> None:
        super().__init__(ctx)
        self.safety = safety
        self.formats = formats
        self.writer = BackgroundWriter(self)
        self.merger = MergeController(ctx)
        self._save_waits = 0  # a save waiting for the snapshot cache: its number, else 0
        self._saves = 0

    def _start_dir(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        source = self.session.document.source_path
        return str(Path(source).parent) if source else str(Path.home())

    def open_dialog(self) -> None:
        path = self.prompts.open_path(self._start_dir())
        if path is not None:
            self.open(path)

    def open(self, path: Path) -> bool:
        """Open a study or document in this window; on failure nothing changes."""
        if is_document_path(path):  # may take a while: a worker, progress and Cancel
            opened = self.formats.open_document(path)
            if opened is None:
                return False
            try:
                return self.adopt(opened, path)
            finally:
                self.formats.end_preview()  # a PDF's pages shown while it was read
        else:
            try:
                opened = open_path(path)
            except StorageError as err:
                self.prompts.error("Could not open", str(err))
                return False
        return self.adopt(opened, path)

    def adopt(self, opened: Opened, path: Path) -> bool:
        """Make ``opened`` (read from ``path``) this window's study, if the user agrees,
        and remember the path in Open Recent."""
        if not self.show_opened(opened, Path(path).name):
            return False
        remember(path)
        return True

    def show_opened(self, opened: Opened, name: str) -> bool:
        """Show a study just read (or made around a document, a fetched page) in this
        window, once the current one may be closed; False if it stays as it was."""
        if not self.confirm_discard():
            return False
        session = StudySession.from_opened(opened)
        if not claim_lock(session, self.prompts):
            return False
        session = self.safety.offer_recovery(session)
        self.ctx.set_session(session)
        recorded = len(session.study.conflicts)
        if recorded:  # left by a merge outside the app (git's driver, crosslight merge)
            self.ctx.status(f"Opened {name}: {plural(recorded, 'merge conflict')} recorded "
                            "— see File › Merge Conflicts…", 15000)
        else:
            self.ctx.status(f"Opened {name}", 5000)
        return True

    def save(self, background: bool = False) -> bool:
        """Save; with ``background`` the file is written on a worker thread and True
        means the write started (the outcome shows in the status bar or a message).

        A large study saved in the background before its snapshot cache is warm (just
        opened, or a document's text just changed) waits for it: the cache is filled in
        slices from the event loop, then the save goes on. Built at once on the UI
        thread, 50,000 highlights' data froze the window for 2-2.5 s."""
        self.writer.wait()
        session = self.session
        if background and self._waits_for_snapshot(session):
            return True
        if session.path is None:
            return self.save_as(background)
        if session.read_only:
            self.ctx.status(
                "This study is open read-only: save your version under another name.", 8000)
            return self.save_as(background)
        # In the background the writer compares the file on disk with what was read.
        choice = self.safety.before_save(session, compare=not background)
        if choice is DiskChoice.MERGE:
            return self._merge_then_save(session.path)
        if choice is DiskChoice.SAVE_AS:
            return self.save_as(background)
        if choice is DiskChoice.RELOAD:
            self.reload()
            return False
        if choice is not DiskChoice.OVERWRITE:
            return False
        return self._write(session.path, in_place=True, background=background,
                           expect=session.fingerprint if background else None)

    def reload(self) -> bool:
        """Show the study as it is on disk now; unsaved changes are dropped (user's choice)."""
        self.writer.wait()
        old = self.session
        assert old.path is not None
        try:
            opened = open_path(old.path)
        except StorageError as err:
            self.prompts.error("Could not reload", f"{err}\n\nYour work is still open.")
            return False
        session = StudySession.from_opened(opened)
        session.lock, session.read_only = old.lock, old.read_only
        self.ctx.set_session(session)
        self.ctx.status(f"Reloaded {old.path.name} from disk", 5000)
        return True

    def _save_dir(self) -> str:
        """Where Save As starts: beside the study, else beside the user's document, else
        (the app's own sample, a page from the web) the user's documents folder."""
        if self.session.path is not None:
            return str(self.session.path.parent)
        from PySide6.QtCore import QStandardPaths

        from desktop.bundled import seeds_dir

        source = self.session.document.source_path
        folder = Path(source).parent if source and "://" not in source else None
        if folder is not None and folder.is_dir() and folder.resolve() != seeds_dir().resolve():
            return str(folder)

        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    def new_from_document(self) -> None:
        """File › New Study from Document: a document opens as a new, untitled study."""
        path = self.prompts.open_path(self._start_dir())
        if path is not None:
            self.open(path)

    def new_empty(self) -> bool:
        """File › New Empty Study: an untitled study with a blank page, once the current
        one may be closed; the first document added takes the blank page's place."""
        from desktop.domain.factory import new_empty_study

        if not self.show_opened(Opened(new_empty_study(), None), "a new empty study"):
            return False
        self.ctx.status("A new empty study: add a document with File › Add Document to "
                        "Study… (Ctrl+Shift+D)", 15000)
        return True

    def save_as(self, background: bool = False) -> bool:
        self.writer.wait()
        path = self.prompts.save_path(str(Path(self._save_dir()) / self._suggested_name()))
        return self._write(path, background=background) if path is not None else False

    def _suggested_name(self) -> str:
        if self.session.path is not None:
            return self.session.path.name
        document = self.session.document
        source = document.source_path
        stem = Path(source).stem if source else "study"
        if not source and document.provenance is not None:  # a page: named by its title
            import re

            slug = re.sub(r"[^\w]+", "-", document.title.lower()).strip("-")[:60].strip("-")
            stem = slug or "page"
        return stem + STUDY_SUFFIX

    @property
    def save_waiting(self) -> bool:
        """A save waits for the snapshot cache (``save``): it has not started writing."""
        return bool(self._save_waits)

    def _waits_for_snapshot(self, session: StudySession) -> bool:
        """Whether this save waits (or already waited) for the snapshot cache."""
        if not session.snapshot_waits:
            return False
        if not self._save_waits:
            self._saves += 1
            self._save_waits = ticket = self._saves
            session.warm_then(lambda: self._save_when_warm(session, ticket))
        name = session.path.name if session.path is not None else "the study"
        self.ctx.status(f"Saving {name}…")
        return True

    def _save_when_warm(self, session: StudySession, ticket: int) -> None:
        if ticket != self._save_waits:
            return  # saved otherwise meanwhile (at once, as on closing): nothing to do
        self._save_waits = 0
        if session is self.session:
            self.save(background=True)

    def _write(self, path: Path, in_place: bool = False, background: bool = False,
               expect: Fingerprint | None = None) -> bool:
        self._save_waits = 0  # a save that waited is overtaken by this one
        session = self.session
        path = Path(path).resolve()
        ours = (in_place or path == session.path) and not session.read_only
        lock = session.lock if ours else self._lock_new(path)
        if lock is False:
            return False
        # The snapshot is taken here, on the UI thread; the writer never sees the Study.
        snapshot = take_snapshot(session.study, session.snapshot)
        job = Job(
            lambda: save_study(snapshot, path, expect=expect),
            self._written,
            dict(session=session, path=path, in_place=in_place, lock=lock,
                 edits=session.edits, previous_modified=snapshot.modified_before),
        )
        if background:
            self.writer.start(job)
            self.ctx.status(f"Saving {path.name}…")
            return True
        job.run_here()
        return self._written(job)

    def _written(self, job: Job) -> bool:
        """The write is over (on the UI thread): adopt the file, or say what failed."""
        ctx = job.context
        session, path, in_place, lock = ctx["session"], ctx["path"], ctx["in_place"], ctx["lock"]
        if job.error is not None:
            session.study.modified = ctx["previous_modified"]
            if lock is not session.lock and isinstance(lock, StudyLock):
                lock.release()
            err = job.error
            if isinstance(err, ChangedOnDiskError) and session is self.session:
                self.ctx.clear_status()
                return self._changed_on_disk(path)
            reason = str(err) if isinstance(err, StorageError) else (
                f"Could not save “{path}”: an unexpected error occurred ({err!r}).")
            if session is not self.session:
                return False
            self.ctx.clear_status()
            if in_place:
                if self.prompts.ask_save_failed(path.name, reason):
                    return self.save_as()
                return False
            self.prompts.error("Could not save", f"{reason}\n\nYour work is still open; "
                                      "try Save As to choose another place.")
            return False
        result: SaveResult = job.result
        if lock is not session.lock:
            if session.lock is not None:
                session.lock.release()
            session.lock = lock if isinstance(lock, StudyLock) else None
        session.mark_saved(path, result.fingerprint, ctx["edits"])
        remember(path)
        if session.lock is not None:
            session.lock.refresh()  # a fresh time tells others the lock is in use
        if not session.is_modified:
            self.safety.autosaver.discard(session)
        if session is not self.session:
            return True
        self.ctx.refresh_title()
        notes = [f"Saved {path.name}"]
        if result.original_copy is not None:
            notes.append(f"the original older-format file was kept as {result.original_copy.name}")
        notes.extend(result.warnings)
        if session.is_modified:
            notes.append("changes made while saving are not saved yet")
        self.ctx.status("; ".join(notes), 8000 if len(notes) > 1 else 5000)
        return True

    def _changed_on_disk(self, path: Path) -> bool:
        """The writer found the file changed by another program and wrote nothing: ask.
        The rare write that follows runs here, not queued behind a closing window."""
        choice = self.prompts.ask_changed_on_disk(path.name)
        if choice is DiskChoice.MERGE:
            return self._merge_then_save(path)
        if choice is DiskChoice.OVERWRITE:
            return self._write(path, in_place=True)
        if choice is DiskChoice.SAVE_AS:
            return self.save_as()
        if choice is DiskChoice.RELOAD:
            self.reload()
        return False

    def _merge_then_save(self, path: Path) -> bool:
        """Someone saved over the study: take their changes in, then save over theirs
        (which the merge now holds)."""
        loaded = self.merger.merge_file(path)
        if loaded is None:
            return False
        self.session.fingerprint = loaded.fingerprint  # the file read is the one merged
        return self._write(path, in_place=True)

    def _lock_new(self, path: Path) -> StudyLock | bool | None:
        """Lock a Save As target; False (after saying why) if someone has it open."""
        try:
            return acquire(path, self.session.token)
        except StudyLockedError as err:
            self.prompts.error(
                "Could not save",
                f"{err}\n\nSaving here would overwrite their work; choose another name.",
            )
            return False

    def confirm_discard(self) -> bool:
        """True if the current study may be closed (saved, discarded, or unchanged)."""
        self.writer.wait()
        if not self.session.is_modified:
            return True
        name = self.session.path.name if self.session.path else "Untitled study"
        choice = self.prompts.ask_save_changes(name)
        if choice is SaveChoice.SAVE:
            return self.save()
        return choice is SaveChoice.DISCARD
