"""The parts of an open card (``card_editor``): its verdict row, its sources with their
stances and its links to other passages, each a short list with the buttons that act on it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.blind import Viewer, hides, seen
from desktop.domain.crosscheck import Verdict, suggest_verdict
from desktop.domain.display_text import excerpt, reference_line
from desktop.domain.identity import Person
from desktop.domain.model import Highlight, Study
from desktop.domain.verdicts import history_lines, people_line, side_by_side
from desktop.ui.core.flow_layout import FlowLayout
from desktop.ui.core.key_names import native_keys
from desktop.ui.core.viewer import current_viewer

ID_ROLE = Qt.ItemDataRole.UserRole


def viewer() -> tuple[Person | None, bool]:
    """Who is looking, and whether reviews are blind (Preferences)."""
    looking = current_viewer()
    return looking.person, looking.blind


def narrow_combo(combo: QComboBox, chars: int = 8) -> None:
    """Sized by ``chars`` characters, not its longest entry: a narrow notes pane must
    leave the reader its measure (the popup still shows whole entries)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)


def verdict_text(verdict: Verdict) -> str:
    return f"{verdict.symbol} {verdict.label}"


class _ButtonList(QWidget):
    """A titled list with a row of buttons under it; buttons needing a selection follow
    it. In a card (``fit``) the list is as tall as its rows (up to ``MAX_ROWS``) and is
    hidden when empty, its title saying so; the references library keeps a full list."""

    MAX_ROWS = 4

    def __init__(self, name: str, parent: QWidget | None = None, title: str = "",
                 empty: str = "", fit: bool = False) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self._title, self._empty, self._fit = title, empty, fit
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)  # "Sources — none yet: Attach…" fits a narrow card
        self.title.setVisible(bool(title))
        self.buttons = FlowLayout(spacing=4)  # wraps: four buttons never widen the pane
        self._needs_selection: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 0 if fit else 1)
        layout.addLayout(self.buttons)
        self.list.currentItemChanged.connect(self._update_buttons)

    def add_button(self, text: str, tip: str, needs_selection: bool) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        self.buttons.add_widget(button)
        if needs_selection:
            self._needs_selection.append(button)
            button.setEnabled(False)
        return button

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def set_items(self, rows: list[tuple[str, str, str]]) -> None:
        """Rows of (id, text, tooltip); keeps the current row when it still exists."""
        keep = self.current_id()
        self.list.clear()
        for key, text, tip in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, key)
            item.setToolTip(tip)
            self.list.addItem(item)
            if key == keep:  # in a card: current, not painted as selected
                self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate
                                         if self._fit else
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if self._fit:
            self.fit_rows()
        self._update_buttons()

    def fit_rows(self) -> None:
        """Make the list as tall as its rows at its width now (word wrap)."""
        count = self.list.count()
        self.title.setText(f"{self._title} ({count})" if count else
                           f"{self._title} — {self._empty}")
        self.list.setVisible(count > 0)
        if count and self.list.currentItem() is None:  # Tab lands on a row, buttons live
            self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        # The rows' own hints wrap at a width Qt guessed; measure at the real one.
        fm = self.list.fontMetrics()
        width = max(80, self.list.viewport().width() - 8)
        height = 0
        for i in range(min(count, self.MAX_ROWS)):
            item = self.list.item(i)
            text = item.text() if item is not None else ""
            wrapped = fm.boundingRect(QRect(0, 0, width, 100_000),
                                      int(Qt.TextFlag.TextWordWrap), text).height()
            height += max(self.list.sizeHintForRow(i), wrapped + 4)
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 2)

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in self._needs_selection:
            button.setEnabled(has)
            if self._fit:  # an empty card shows no greyed-out buttons
                button.setVisible(self.list.count() > 0)


class EvidencePanel(_ButtonList):
    attachRequested = Signal()
    editRequested = Signal(str)  # citation id
    detachRequested = Signal(str)
    openRequested = Signal(str)  # citation id: open its reference's URL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sources attached to this highlight", parent, "Sources",
                         f"none yet: Attach… ({native_keys('Ctrl+Shift+R')})", fit=True)
        self.attach = self.add_button("&Attach…", "Attach a reference with its stance", False)
        self.edit = self.add_button("Stance…", "Change the stance or comment", True)
        self.open = self.add_button("Open Link", "Open the reference's web address", True)
        self.detach = self.add_button("Detach", "Detach the reference from this highlight", True)
        self.attach.clicked.connect(self.attachRequested)
        self.edit.clicked.connect(lambda: self._emit(self.editRequested))
        self.open.clicked.connect(lambda: self._emit(self.openRequested))
        self.detach.clicked.connect(lambda: self._emit(self.detachRequested))
        self.list.itemDoubleClicked.connect(lambda _i: self._emit(self.editRequested))

    def _emit(self, signal) -> None:
        key = self.current_id()
        if key:
            signal.emit(key)

    def show_highlight(self, study: Study, h: Highlight) -> None:
        rows = []
        for c in h.citations:
            reference = study.references.get(c.reference_id)
            if reference is None:
                continue
            text = f"{c.stance.symbol} {c.stance.label}: {reference_line(reference)}"
            if c.comment:
                text += f"\n    {c.comment}"
            tip = "\n\n".join(x for x in (reference.url, reference.excerpt) if x)
            rows.append((c.id, text, tip))
        self.set_items(rows)


class LinksPanel(_ButtonList):
    linkRequested = Signal()
    goRequested = Signal(str)  # highlight id of the other end
    removeRequested = Signal(str)  # link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Links to other passages", parent, "Links",
                         f"none: Link to… ({native_keys('Ctrl+L')})", fit=True)
        self.add = self.add_button("&Link to…", "Link this passage to another one", False)
        self.go = self.add_button("Go to", "Show the linked passage", True)
        self.remove = self.add_button("Remove", "Remove the link", True)
        self._other: dict[str, str] = {}
        self.add.clicked.connect(self.linkRequested)
        self.go.clicked.connect(self._go)
        self.list.itemDoubleClicked.connect(lambda _i: self._go())
        self.remove.clicked.connect(self._remove)

    def _remove(self) -> None:
        key = self.current_id()
        if key:
            self.removeRequested.emit(key)

    def _go(self) -> None:
        key = self.current_id()
        if key and key in self._other:
            self.goRequested.emit(self._other[key])

    def show_highlight(self, study: Study, h: Highlight) -> None:
        rows, self._other = [], {}
        for link in study.links_of(h.id):
            other_id = link.other_end(h.id)
            other = study.highlights.get(other_id)
            if other is None:
                continue
            arrow = "→" if link.source_id == h.id else "←"
            self._other[link.id] = other_id
            text = f"{arrow} {link.relation.label}: “{excerpt(other.quote.exact)}”"
            if other.document_id != h.document_id:  # a passage of another document
                document = study.documents.get(other.document_id)
                text += f" — in {document.title if document else 'another document'}"
            rows.append((link.id, text, other.quote.exact[:500]))
        self.set_items(rows)


class VerdictRow(QWidget):
    """Verdict, its one-line rationale, and what the attached sources suggest."""

    edited = Signal(object, str)  # Verdict, rationale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Verdict")
        for verdict in Verdict:
            self.combo.addItem(verdict_text(verdict), verdict.value)
        narrow_combo(self.combo)
        self.rationale = QLineEdit(self)
        self.rationale.setPlaceholderText("Why? One line of rationale")
        self.rationale.setAccessibleName("Verdict rationale")
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("verdictSuggestion")
        self.suggestion.setWordWrap(True)
        # Its line is kept even when empty, so the panel does not jump when it appears.
        self.suggestion.setMinimumHeight(self.suggestion.fontMetrics().lineSpacing())
        self.byline = QLabel(self)  # who made it, who edited it, who gave the verdict
        self.byline.setObjectName("verdictByline")
        self.byline.setWordWrap(True)
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setEnabled(False)  # drawn in the muted colour: small print
        self.byline.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)  # not the column's 2: the label must not touch its box
        label = QLabel("&Verdict", self)
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.rationale)  # the card's full width: the whole line shows
        layout.addWidget(self.suggestion)
        layout.addWidget(self.byline)
        self.combo.activated.connect(self._emit)
        self.combo.activated.connect(lambda _i: self.rationale.setFocus())
        self.rationale.textEdited.connect(self._emit)

    def _emit(self, *_args) -> None:
        self.edited.emit(Verdict(self.combo.currentData()), self.rationale.text())

    def show_highlight(self, h: Highlight, takes_verdict: bool = True,
                       category: str = "") -> None:
        """``takes_verdict``: its category is checkable (or a verdict was recorded);
        otherwise the controls rest, saying why, in the same place (no layout jump)."""
        me, blind = viewer()
        self._show_byline(h, me, blind)
        self.combo.setEnabled(takes_verdict)
        self.rationale.setEnabled(takes_verdict)
        if not takes_verdict:
            self.combo.setCurrentIndex(self.combo.findData(seen(h, Viewer(me, blind)).verdict))
            self.rationale.clear()
            self.rationale.setPlaceholderText(
                f"{category or 'These'} passages take no verdict "
                "(Check › Categories That Take a Verdict)")
            self.suggestion.setText("")
            return
        self.rationale.setPlaceholderText("Why? One line of rationale")
        shown = seen(h, Viewer(me, blind))  # blind, yours first: the box starts empty
        verdict, rationale = shown.verdict, shown.rationale
        self.combo.setCurrentIndex(self.combo.findData(verdict.value))
        if self.rationale.text() != rationale:
            self.rationale.setText(rationale)
            self.rationale.setCursorPosition(0)
        suggested = suggest_verdict(c.stance for c in h.citations)
        if suggested is None or suggested == verdict:
            self.suggestion.setText("")
        else:
            self.suggestion.setText(f"Sources suggest: {verdict_text(suggested)}?")

    def _show_byline(self, h: Highlight, me: Person | None, blind: bool) -> None:
        # Parts break between them, never inside ("3 reviewers: ✘ ⚖" stays on one line).
        parts = people_line(h, me, blind).split(" · ")
        self.byline.setText(" · ".join(p.replace(" ", "\u00a0") for p in parts))
        hidden = hides(h, Viewer(me, blind))
        reviewers, history = ([], []) if hidden else (side_by_side(h), history_lines(h))
        tip = []
        if len(reviewers) > 1:
            tip += ["Reviewers:", *reviewers]
        if history:
            tip += [""] * bool(tip) + ["Verdict history:", *history]
        self.byline.setToolTip("\n".join(tip))
        self.byline.setVisible(True)
