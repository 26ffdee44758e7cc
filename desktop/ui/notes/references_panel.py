"""The study's reference library: every source, where it is used, find, add, edit, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.display_text import reference_line
from desktop.domain.model import Study
from desktop.domain.plural import plural
from desktop.ui.core.label_styles import style_hint, style_summary
from desktop.ui.notes.highlight_detail import _ButtonList

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

EMPTY_LIBRARY = ("<p><b>No references yet.</b></p>"
                 "<p>A reference is a source you check claims against: a report, an "
                 "article, a dataset. <b>Add…</b> puts one in the library; on a highlight, "
                 "<b>Attach…</b> (Ctrl+Shift+R) cites one with its stance: supports, "
                 "contradicts or adds context.</p>")
NO_MATCH = "<p>No reference matches “{needle}”.</p><p>Clear the find box to see them all.</p>"


class ReferencesPanel(QWidget):
    addRequested = Signal()
    editRequested = Signal(str)  # reference id
    deleteRequested = Signal(str)
    openRequested = Signal(str)
    archiveRequested = Signal(str)  # keep a copy in the Internet Archive

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("References")
        self.summary = QLabel(self)
        style_summary(self.summary)
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText("Find references (title, author, URL, excerpt)…")
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setAccessibleName("Find references")
        self.items = _ButtonList("Reference library", self)
        self.add = self.items.add_button("&Add…", "Add a reference to the library", False)
        self.edit = self.items.add_button("&Edit…", "Edit the selected reference", True)
        self.open = self.items.add_button("Open Link", "Open the reference's web address", True)
        self.archive = self.items.add_button(
            "Archi&ve", "Keep a copy of the reference's web page in the Internet Archive "
            "(an existing copy is reused)", True)
        self.delete = self.items.add_button("Delete…", "Delete the selected reference", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.summary)
        layout.addWidget(self.find_edit)
        self.empty = QLabel(self)  # instead of a blank list
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        # Its rich text is set when the panel shows: parsed and laid out in a tab nobody
        # has opened, it was ~1% of a cold start.
        self._empty_text = EMPTY_LIBRARY
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        style_hint(self.empty)
        layout.addWidget(self.empty)
        layout.addWidget(self.items, 1)
        self.add.clicked.connect(self.addRequested)
        self.edit.clicked.connect(lambda: self._emit(self.editRequested))
        self.open.clicked.connect(lambda: self._emit(self.openRequested))
        self.delete.clicked.connect(lambda: self._emit(self.deleteRequested))
        self.archive.clicked.connect(lambda: self._emit(self.archiveRequested))
        self.items.list.itemDoubleClicked.connect(lambda _i: self._emit(self.editRequested))
        self.find_edit.textChanged.connect(lambda _t: self._apply_filter())
        self._haystacks: dict[str, str] = {}

    def _emit(self, signal) -> None:
        key = self.items.current_id()
        if key:
            signal.emit(key)

    def show_study(self, study: Study) -> None:
        rows, self._haystacks = [], {}
        for r in study.references.values():
            uses = len(study.citations_of(r.id))
            used = f"cited by {plural(uses, 'highlight')}" if uses else "not cited"
            if r.archived is not None:
                used += f" · archived {r.archived.captured[:10]}"
            archived = f"Archived copy: {r.archived.url}" if r.archived is not None else ""
            rows.append((r.id, f"{reference_line(r)}\n    {used}",
                         "\n\n".join(x for x in (r.url, archived, r.excerpt, r.note) if x)))
            self._haystacks[r.id] = " ".join(
                (r.title, r.author, r.url, r.excerpt, r.note, r.published)
            ).casefold()
        self.items.set_items(rows)
        n = len(rows)
        self.summary.setText(f"{plural(n, 'reference')} in this study")
        self._apply_filter()

    def showEvent(self, event: QShowEvent) -> None:
        self.empty.setText(self._empty_text)
        super().showEvent(event)

    def _apply_filter(self) -> None:
        needle = self.find_edit.text().casefold().strip()
        for i in range(self.items.list.count()):
            item = self.items.list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setHidden(bool(needle) and needle not in self._haystacks.get(key, ""))
        shown = sum(not self.items.list.item(i).isHidden() for i in range(self.items.list.count()))
        if self.items.list.count() == 0:
            self._empty_text = EMPTY_LIBRARY
        else:
            from html import escape  # on first use: not needed to start

            self._empty_text = NO_MATCH.format(needle=escape(needle))
        if self.isVisible():
            self.empty.setText(self._empty_text)
        self.empty.setVisible(shown == 0)
        self.items.list.setVisible(shown > 0)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):  # the buttons stay at the foot of the pane
            layout.setStretchFactor(self.empty, int(shown == 0))
            layout.setStretchFactor(self.items, int(shown > 0))
