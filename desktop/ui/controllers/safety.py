"""The window's side of file safety: locks, recovery offers, and checks before a save.

``FileOps`` does the File menu; it asks this module whether a study may be opened for
writing (lock), whether autosaved work should come back (recovery), and whether the
file on disk is still the one the study came from (fingerprint) before writing over it.
Every question goes through the prompts seam; nothing here overwrites a file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.storage.disk_state import changed_on_disk
from desktop.storage.errors import StudyFileError
from desktop.storage.locks import StudyLockedError, acquire, read_lock
from desktop.storage.recovery import (
    RecoveryEntry,
    discard_recovery,
    load_recovery,
    pending_for,
    pending_recoveries,
)
from desktop.ui.controllers.autosave import Autosaver
from desktop.ui.controllers.base import Controller
from desktop.ui.core.session import StudySession
from desktop.ui.dialogs.safety_prompts import DiskChoice, LockChoice, RecoverChoice

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.ui.controllers.context import WindowContext
    from desktop.ui.dialogs.prompts import Prompts


def claim_lock(session: StudySession, prompts: Prompts) -> bool:
    """Lock the session's study, asking what to do if it is open elsewhere.

    False if the user cancels; the session may come back read-only.
    """
    if session.path is None:
        return True
    try:
        session.lock = acquire(session.path, session.token)
        return True
    except StudyLockedError as err:
        choice = prompts.ask_locked(session.path.name, err.owner, err.possibly_stale)
    if choice is LockChoice.TAKE_OVER:
        session.lock = acquire(session.path, session.token, take_over=True)
        return True
    if choice is LockChoice.READ_ONLY:
        session.read_only = True
        return True
    return False


class SafetyController(Controller):
    """Locks, autosave and recovery for the window's sessions. ``open_window`` shows a
    recovered study in a window of its own (and returns it)."""

    def __init__(self, ctx: WindowContext,
                 open_window: Callable[[StudySession], QWidget]) -> None:
        super().__init__(ctx)
        self.open_window = open_window
        self.autosaver = Autosaver(ctx)
        self.companions: list[QWidget] = []  # windows opened for other recovered studies

    # --- sessions coming and going -------------------------------------------------
    def shown(self, session: StudySession) -> None:
        self.autosaver.track(session)

    def retire(self, old: StudySession, new: StudySession) -> None:
        """``old`` leaves the window, saved or discarded by the user: unlock, drop its copy."""
        self.autosaver.untrack(old)
        if old.lock is not None and old.lock is not new.lock:
            old.lock.release()

    def closed(self) -> None:
        session = self.session
        self.autosaver.untrack(session)
        self.autosaver.stop()
        if session.lock is not None:
            session.lock.release()

    # --- recovery ---------------------------------------------------------------------
    def offer_recovery(self, session: StudySession) -> StudySession:
        """On opening a study: its autosaved work, if the user wants it back, else itself."""
        if session.path is None:
            return session
        for entry in pending_for(session.path):
            recovered = self._ask(entry, session)
            if recovered is not None:
                return recovered
        return session

    def offer_pending(self) -> int:
        """At start-up: offer every recovery file no running instance owns.

        The first recovered study replaces an untouched study in this window; any other
        opens in a window of its own. Returns how many were recovered.
        """
        count = 0
        for entry in pending_recoveries():
            current = self.session
            here = not current.is_modified
            base = current if here and entry.original == current.path else None
            recovered = self._ask(entry, base)
            if recovered is None:
                continue
            if base is None and recovered.path is not None and not claim_lock(
                recovered, self.prompts
            ):
                continue  # left pending: the recovery file is still there
            count += 1
            if here:
                self.ctx.set_session(recovered)
                self.autosaver.autosave()  # claim the recovered copy as this session's
            else:
                self.companions.append(self.open_window(recovered))
        return count

    def _ask(self, entry: RecoveryEntry, base: StudySession | None) -> StudySession | None:
        choice = self.prompts.ask_recover(entry)
        if choice is RecoverChoice.DISCARD:
            discard_recovery(entry.file)
            return None
        if choice is not RecoverChoice.RECOVER:
            return None
        try:
            loaded = load_recovery(entry)
        except StudyFileError as err:
            self.prompts.error("Could not recover", f"{err}\n\nThe recovery file was kept.")
            return None
        session = StudySession(loaded.study, entry.original)
        session.orphans_on_open = loaded.orphans
        session.fingerprint = entry.base
        session.token = entry.token  # its autosaves replace the recovered copy
        if base is not None:
            session.lock, session.read_only = base.lock, base.read_only
        session.mark_unsaved()
        return session

    # --- saving -----------------------------------------------------------------------
    def before_save(self, session: StudySession, compare: bool = True) -> DiskChoice:
        """May the study be written over its own file? OVERWRITE means yes. Without
        ``compare`` the file's content is left for the writer to check (see
        ``saving.save_study``): only the lock and the file's existence are looked at."""
        assert session.path is not None
        if session.lock is not None and not session.lock.still_ours():
            owner = read_lock(session.path)
            if owner is not None:
                choice = self.prompts.ask_locked(session.path.name, owner, False)
                if choice is LockChoice.CANCEL:
                    return DiskChoice.CANCEL
                if choice is LockChoice.READ_ONLY:
                    session.read_only = True
                    self.ctx.refresh_title()
                    return DiskChoice.SAVE_AS
            session.lock = acquire(session.path, session.token, take_over=True)
        if not session.path.exists():
            # Deleted: writing it back loses nothing. Folder gone: the write fails with
            # that reason and Save As is offered.
            return DiskChoice.OVERWRITE
        if (compare and session.fingerprint is not None
                and changed_on_disk(session.path, session.fingerprint)):
            return self.prompts.ask_changed_on_disk(session.path.name)
        return DiskChoice.OVERWRITE
