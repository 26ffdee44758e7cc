"""The session the window shows now, relayed to the views that outlive it.

File › Open, a reload, a recovery or the sample study replace the window's
``StudySession``. Views hold this relay instead of a session and subscribe to it once,
themselves (``follow``): it re-emits the current session's signals and drops the old
session's. It also decides, once for every view, whether a change set can be applied
in place or the document must be drawn afresh (a new version of its text). Views of a
large study finish drawing it in slices after the window shows (``later``: ``chunked``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.domain.changes import ChangeSet
from desktop.ui.core.chunked import Chunks, is_large
from desktop.ui.core.session import StudySession

SessionSlot = Callable[[StudySession], object]
ChangesSlot = Callable[[ChangeSet], object]


class CurrentSession(QObject):
    replaced = Signal(object)  # StudySession: another study is in the window now
    shown = Signal(object)  # StudySession: draw its current document afresh
    changed = Signal(object)  # ChangeSet, to apply to the document already drawn
    pathChanged = Signal()  # the study was saved under another name

    def __init__(self, session: StudySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._connected: StudySession | None = None
        self._shown_text: str | None = None  # the text views show; None before the first
        self.later = Chunks(self)  # the views' work on a large study, after the first paint

    @property
    def is_large(self) -> bool:
        """Whether views draw this study in slices (``later``) rather than at once."""
        return is_large(len(self._session.study.highlights))

    @property
    def session(self) -> StudySession:
        return self._session

    @property
    def is_shown(self) -> bool:
        return self._shown_text is not None

    def follow(self, *, shown: SessionSlot | None = None, changed: ChangesSlot | None = None,
               replaced: SessionSlot | None = None) -> None:
        """Subscribe a view. One built after the first show is brought up to date at
        once (``shown``), so it does not matter in which order views are made."""
        if replaced is not None:
            self.replaced.connect(replaced)
        if shown is not None:
            self.shown.connect(shown)
        if changed is not None:
            self.changed.connect(changed)
        if shown is not None and self.is_shown:
            shown(self._session)

    def replace(self, session: StudySession) -> None:
        """Show ``session`` (also the first one): views hear ``replaced`` then ``shown``."""
        old = self._connected
        if old is not session:
            if old is not None:
                old.changed.disconnect(self._on_changed)
                old.pathChanged.disconnect(self.pathChanged)
                old.currentDocumentChanged.disconnect(self._on_document)
            session.changed.connect(self._on_changed)
            session.pathChanged.connect(self.pathChanged)
            session.currentDocumentChanged.connect(self._on_document)
            self._connected = session
        self._session = session
        self.replaced.emit(session)
        self._show()

    def _show(self) -> None:
        self._shown_text = self._session.document.text
        self.shown.emit(self._session)

    def _on_document(self, _document_id: str) -> None:
        self._show()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.documents_changed and self._session.document.text is not self._shown_text:
            self._show()  # a new version of the text: every view rebuilds anyway
            return
        self.changed.emit(changes)
