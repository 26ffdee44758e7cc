"""Which highlights the notes pane lists: the current document's or every document's,
and all of them or only the orphans (to find what a new version left without a place)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget


class ListScope(QWidget):
    changed = Signal(bool, bool)  # all documents, orphans only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.all_documents = QCheckBox("All documents", self)
        self.all_documents.setAccessibleName("List the highlights of all documents")
        self.all_documents.setToolTip("List the highlights of every document of the study")
        self.orphans = QCheckBox("Show orphans only", self)
        self.orphans.setAccessibleName("Show orphaned highlights only")
        self.orphans.setToolTip("Only highlights whose passage is not in the text any more")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.all_documents)
        layout.addWidget(self.orphans)
        layout.addStretch(1)
        self.all_documents.toggled.connect(self._emit)
        self.orphans.toggled.connect(self._emit)

    def _emit(self) -> None:
        self.changed.emit(self.all_documents.isChecked(), self.orphans.isChecked())

    def update_for(self, documents: int, orphans: int) -> None:
        """Offer each box only where it matters (a checked one stays to be unchecked)."""
        self.all_documents.setVisible(documents > 1 or self.all_documents.isChecked())
        self.orphans.setVisible(orphans > 0 or self.orphans.isChecked())
        self.setVisible(self.all_documents.isVisibleTo(self) or self.orphans.isVisibleTo(self))

    def clear_orphans_only(self) -> None:
        self.orphans.setChecked(False)
