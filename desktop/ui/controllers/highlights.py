"""The edit flow of highlights: make one from the selection, change its category or
verdict, delete it, write its note, and show it in the text.

Each edit is one domain command run through the session, so it undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence

from desktop.domain.blind import EVERYONE, Viewer, seen
from desktop.domain.commands import (
    AddHighlight,
    DeleteHighlight,
    SetHighlightCategory,
    SetHighlightNote,
    SetStudyNote,
)
from desktop.domain.crosscheck import Verdict
from desktop.domain.factory import make_highlight
from desktop.domain.plural import plural
from desktop.domain.selection import trim_span
from desktop.ui.controllers.base import Controller
from desktop.ui.controllers.crosscheck import CrossCheckController
from desktop.ui.core.viewer import current_viewer

if TYPE_CHECKING:
    from desktop.domain.model import Highlight
    from desktop.ui.controllers.context import NotesView, TextSelection, WindowContext


def describe_deleted(h: Highlight, looking: Viewer = EVERYONE) -> str:
    """"Highlight deleted — with its note and 2 sources": what Undo brings back."""
    kept = [what for what, has in (("note", bool(h.note.strip())),
                                   ("verdict", seen(h, looking).verdict.is_checked),
                                   (plural(len(h.citations), "source"), bool(h.citations)))
            if has]
    return "Highlight deleted" + (f" with its {', '.join(kept)}" if kept else "")


class HighlightController(Controller):
    deleted = Signal(str)  # a highlight was deleted: what went with it, for the undo bar

    """Works on the highlight selected in ``notes`` and the passage selected in
    ``text``; verdicts go through ``checks``. ``reattach`` is the action whose keys
    the orphan hint names."""

    status_ms = 5000

    def __init__(self, ctx: WindowContext, notes: NotesView, text: TextSelection,
                 checks: CrossCheckController, reattach: QAction) -> None:
        super().__init__(ctx)
        self.notes = notes
        self.text = text
        self.checks = checks
        self.reattach = reattach
        self.note_after_highlight = False  # Preferences: a new highlight opens its note

    # --- edits ---------------------------------------------------------------
    def highlight_selection(self, category_id: str) -> str | None:
        """Highlight the selected passage as ``category_id``; the new id, or None."""
        selection = self.text.selection()
        if selection is None:
            self._status("Select a passage in the text first.")
            return None
        document = self.session.document
        span = trim_span(document.text, *selection)
        if span is None:
            self._status("The selection holds no text to highlight.")
            return None
        highlight = make_highlight(document, *span, category_id)
        self.session.execute(AddHighlight(highlight))
        self.text.collapse_selection()  # drop the selection: show the colour
        self.notes.select_highlight(highlight.id)
        if self.note_after_highlight:  # a preference: write at once, as Zotero does
            self.notes.focus_note()
        return highlight.id

    def set_category(self, highlight_id: str, category_id: str) -> None:
        if self.session.study.highlights[highlight_id].category_id != category_id:
            self.session.execute(SetHighlightCategory(highlight_id, category_id))

    def set_note(self, highlight_id: str, text: str) -> None:
        self.session.execute(SetHighlightNote(highlight_id, text))

    def set_study_note(self, text: str) -> None:
        self.session.execute(SetStudyNote(text))

    def delete(self, highlight_id: str) -> None:
        h = self.session.study.highlights.get(highlight_id)
        self.session.execute(DeleteHighlight(highlight_id))
        if h is not None:
            self.deleted.emit(describe_deleted(h, current_viewer()))

    def delete_current(self) -> None:
        hid = self.notes.current_id()
        if hid is None:
            self._status("Select a highlight to delete.")
            return
        self.delete(hid)

    def on_current(self, handler: Callable[[str], object]) -> None:
        """Run ``handler(highlight_id)`` on the selected highlight, or say to select one."""
        hid = self.notes.current_id()
        if hid is None:
            self._status("Select a highlight first.")
            return
        handler(hid)

    def set_verdict(self, verdict: Verdict) -> None:
        """The verdict of the selected highlight (its rationale kept); then the rationale
        is where the user types next. Only passages whose category takes a verdict."""
        def apply(hid: str) -> None:
            study = self.session.study
            h = study.highlights[hid]
            if not study.shows_verdict(h):
                category = study.category(h.category_id)
                name = category.name if category else "These"
                self._status(f"{name} passages take no verdict: Check › Categories That "
                             "Take a Verdict makes them checkable in this study.", 8000)
                return
            self.checks.set_verdict(hid, verdict, seen(h, current_viewer()).rationale)
            self.notes.focus_rationale()

        self.on_current(apply)

    def set_checkable(self, category_id: str, on: bool) -> None:
        """Whether a category's passages take a verdict in this study (undoable)."""
        from desktop.domain.commands import SetCategoryCheckable

        category = self.session.study.category(category_id)
        if category is not None and category.checkable != on:
            self.session.execute(SetCategoryCheckable(category_id, on))

    def edit_note(self) -> None:
        if self.notes.current_id() is None:
            self._status("Select a highlight to write a note on it.")
            return
        self.notes.focus_note()

    # --- navigation ----------------------------------------------------------
    def reveal(self, highlight_id: str) -> None:
        """Show the highlight in the text (switching documents if it is in another)."""
        session = self.session
        h = session.study.highlights.get(highlight_id)
        if h is not None and h.document_id != session.document.id:
            session.set_current_document(h.document_id)  # another document's passage
            self.notes.select_highlight(highlight_id)
        if h is None or h.is_orphan:
            if h is not None:
                keys = self.reattach.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText)  # as menus show it (⇧⌘A on macOS)
                self._status("This highlight is orphaned; to re-attach it, "
                             f"select its passage and press {keys}.", 8000)
            return
        assert h.start is not None and h.end is not None
        self.text.reveal(h.start, h.end)
