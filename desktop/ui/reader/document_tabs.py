"""The document switcher above the reader: one tab per document of the study.

Hidden while the study holds a single document, so a one-document study looks as it
always did. Choosing a tab asks for that document; the window answers by showing it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.display_text import short_title
from desktop.domain.model import Study
from desktop.ui.core.current import CurrentSession
from desktop.ui.core.session import StudySession


class DocumentTabs(QTabBar):
    documentChosen = Signal(str)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentTabs")
        self.setAccessibleName("Documents")
        self.setToolTip("The study's documents: choose one to read it")
        self.setDocumentMode(True)
        self.setExpanding(False)
        self.setElideMode(self.elideMode().ElideRight)
        self.setUsesScrollButtons(True)
        self.setDrawBase(True)
        self._ids: list[str] = []
        self._filling = False
        self.currentChanged.connect(self._on_current)
        self.hide()

    def follow(self, current: CurrentSession) -> None:
        """Show the current session's documents from now on."""
        self._current = current
        current.follow(shown=self._on_shown, changed=self._on_changed)

    def _on_shown(self, session: StudySession) -> None:
        self.show_study(session.study, session.document.id)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.documents_changed:  # a title, an added or removed document
            session = self._current.session
            self.show_study(session.study, session.document.id)

    def show_study(self, study: Study, current_id: str) -> None:
        """Rebuild the tabs for ``study`` and select ``current_id`` without signalling."""
        self._filling = True
        try:
            ids = list(study.documents)
            if ids != self._ids:
                while self.count():
                    self.removeTab(0)
                for _ in ids:
                    self.addTab("")
                self._ids = ids
            for i, document in enumerate(study.documents.values()):
                self.setTabText(i, short_title(document.title))
                self.setTabToolTip(i, document.title or "Untitled document")
            if current_id in self._ids:
                self.setCurrentIndex(self._ids.index(current_id))
        finally:
            self._filling = False
        self.setVisible(len(ids) > 1)

    def _on_current(self, index: int) -> None:
        if not self._filling and 0 <= index < len(self._ids):
            self.documentChosen.emit(self._ids[index])
