"""The questions that keep a study safe: recover, locked, changed on disk, save failed.

A mixin of ``Prompts`` (the one seam for dialogs), kept apart because these belong to
the file-safety story, not to editing. Tests script the same method names.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Self

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from desktop.storage.locks import LockOwner
    from desktop.storage.recovery import RecoveryEntry


class RecoverChoice(enum.Enum):
    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"


class LockChoice(enum.Enum):
    READ_ONLY = "read-only"
    TAKE_OVER = "take over"
    CANCEL = "cancel"


class DiskChoice(enum.Enum):
    MERGE = "merge"  # take the other changes in, then save: nobody's work is lost
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    SAVE_AS = "save as"
    CANCEL = "cancel"


Role = QMessageBox.ButtonRole


class SafetyPrompts:
    parent: QWidget | None

    def _choose(self, icon, title: str, text: str, detail: str, buttons, default) -> object:
        box = QMessageBox(icon, title, text, parent=self.parent)
        box.setInformativeText(detail)
        made = {}
        for label, role, value in buttons:
            made[box.addButton(label, role)] = value
        for button, value in made.items():
            if value == default:
                box.setDefaultButton(button)
        box.exec()
        return made.get(box.clickedButton(), buttons[-1][2])

    def ask_recover(self, entry: RecoveryEntry) -> RecoverChoice:
        where = f"\n\nIts file: {entry.original}" if entry.original else ""
        return self._choose(  # type: ignore[return-value]
            QMessageBox.Icon.Question, "Recover unsaved work?",
            f"Crosslight closed before {entry.name} was saved. Work autosaved at "
            f"{entry.saved} can be recovered.{where}",
            "Recovered work opens as unsaved changes; your file is not touched until you "
            "save. Discard deletes the recovered copy for good.",
            [("Recover", Role.AcceptRole, RecoverChoice.RECOVER),
             ("Discard", Role.DestructiveRole, RecoverChoice.DISCARD),
             ("Later", Role.RejectRole, RecoverChoice.LATER)],
            RecoverChoice.RECOVER,
        )

    def ask_locked(self, name: str, owner: LockOwner, possibly_stale: bool) -> LockChoice:
        stale = (
            "\n\nThe lock is old and may be left over from a crash on that computer."
            if possibly_stale else ""
        )
        return self._choose(  # type: ignore[return-value]
            QMessageBox.Icon.Warning, "Study in use",
            f"“{name}” is already open: {owner.describe()}.{stale}",
            "Open it read-only to look without changing it (Save As keeps your own copy), "
            "or take over if you are sure nobody else is editing it — their unsaved "
            "changes could otherwise be overwritten.",
            [("Open Read-Only", Role.AcceptRole, LockChoice.READ_ONLY),
             ("Take Over", Role.DestructiveRole, LockChoice.TAKE_OVER),
             ("Cancel", Role.RejectRole, LockChoice.CANCEL)],
            LockChoice.READ_ONLY,
        )

    def ask_changed_on_disk(self, name: str) -> DiskChoice:
        return self._choose(  # type: ignore[return-value]
            QMessageBox.Icon.Warning, "File changed on disk",
            f"“{name}” was changed by another program since you opened or saved it.",
            "Merge takes the other changes into yours (asking where both changed the "
            "same thing) and saves; Reload shows the file as it is now and drops your "
            "unsaved changes; Overwrite replaces the other changes with yours; Save As "
            "keeps both.",
            [("Merge…", Role.AcceptRole, DiskChoice.MERGE),
             ("Save As…", Role.AcceptRole, DiskChoice.SAVE_AS),
             ("Reload", Role.DestructiveRole, DiskChoice.RELOAD),
             ("Overwrite", Role.DestructiveRole, DiskChoice.OVERWRITE),
             ("Cancel", Role.RejectRole, DiskChoice.CANCEL)],
            DiskChoice.MERGE,
        )

    def ask_save_failed(self, name: str, reason: str) -> bool:
        """True if the user wants to save elsewhere with Save As."""
        return self._choose(  # type: ignore[return-value]
            QMessageBox.Icon.Critical, "Could not save",
            reason,
            f"Your work on “{name}” is still open and nothing was lost. Save As writes it "
            "to another place.",
            [("Save As…", Role.AcceptRole, True), ("Cancel", Role.RejectRole, False)],
            True,
        )

    def for_window(self, window: QWidget) -> Self:
        """Prompts for another window (a recovered study opened beside this one)."""
        return type(self)(window)  # type: ignore[call-arg]
