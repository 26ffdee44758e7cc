"""A quiet, non-modal bar under the text after a deletion: "Highlight deleted — Undo".

A deletion takes the verdict, note and sources with it; the bar says so and offers the
way back (Ctrl+Z does the same) without asking first. It hides by itself after a while,
or at once when the user undoes or closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

SHOWN_MS = 12000


class UndoBar(QFrame):
    def __init__(self, undo: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setAccessibleName("Undo bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_action = undo
        self.label = QLabel(self)
        self.undo_button = QPushButton("&Undo", self)
        self.undo_button.setToolTip("Bring it back, with its note, verdict and sources (Ctrl+Z)")
        close = QToolButton(self)
        close.setText("✕")
        close.setAccessibleName("Close the undo bar")
        close.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(close)
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self.undo_button.clicked.connect(self._undo)
        close.clicked.connect(self.hide)
        self.hide()

    def announce(self, text: str) -> None:
        self.label.setText(text)
        self.show()
        self._timer.start()

    def _undo(self) -> None:
        self.hide()
        if self.undo_action.isEnabled():
            self.undo_action.trigger()
