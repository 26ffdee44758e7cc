"""The merge's conflicts, one at a time: both versions side by side, and a choice of
*mine*, *theirs* or — where it makes sense — *both*. Shown through ``Prompts``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.merge import BOTH, MINE, THEIRS, Conflict
from desktop.domain.plural import plural

CHOICE_LABELS = {MINE: "Keep &mine", THEIRS: "Take &theirs", BOTH: "Keep &both"}
ABSENT = "(deleted)"


CHOSEN = {MINE: "keep mine", THEIRS: "take theirs", BOTH: "keep both"}
DIFFERS = QColor(255, 214, 0, 70)  # a line the other version does not have: a soft marker


def differing_lines(text: str, other: str) -> list[int]:
    """The lines of ``text`` (by number) that ``other`` does not have: what changed."""
    theirs = set(other.splitlines())
    return [i for i, line in enumerate(text.splitlines()) if line.strip() and line not in theirs]


def conflict_title(c: Conflict) -> str:
    first = (c.mine or c.theirs).split("\n", 1)[0]
    first = first if len(first) <= 80 else first[:79] + "…"
    return f"{c.kind.capitalize()} — {c.field}: {first}"


def item_text(c: Conflict, choice: str) -> str:
    return f"{conflict_title(c)}   → {CHOSEN[choice]}"


class ConflictDialog(QDialog):
    """Every conflict in a list; the selected one's versions side by side below it."""

    def __init__(self, conflicts: list[Conflict], their_name: str,
                 parent: QWidget | None = None, recorded: bool = False) -> None:
        """``recorded``: conflicts an earlier merge wrote into the study (read, then
        marked resolved) rather than ones to decide now."""
        super().__init__(parent)
        self.setWindowTitle("Merge Conflicts")
        self.conflicts = conflicts
        self.choices: dict[tuple[str, str], str] = {c.key: MINE for c in conflicts}
        many = plural(len(conflicts), "change")
        head = QLabel(
            f"{many} were made differently here and in “{their_name}”. Choose which "
            "version to keep; everything else merges by itself." if not recorded else
            f"A merge outside this window kept this study's version of {many} made "
            "differently in the other copy. Their versions are shown for you to carry over "
            "what should stay; then mark them resolved.", self)
        head.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Conflicts")
        for c in conflicts:
            QListWidgetItem(item_text(c, MINE) if not recorded else conflict_title(c),
                            self.list)
        self.mine = self._pane("Mine (this study)")
        self.theirs = self._pane(f"Theirs ({their_name})")
        sides = QWidget(self)
        grid = QGridLayout(sides)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (title, pane) in enumerate((self.mine, self.theirs)):
            grid.addWidget(title, 0, column)
            grid.addWidget(pane, 1, column)
            grid.setColumnStretch(column, 1)
        self.buttons_group = QButtonGroup(self)
        row = QHBoxLayout()
        for_this = QLabel("For this one:", self)
        row.addWidget(for_this)
        self.radios: dict[str, QRadioButton] = {}
        for value, text in CHOICE_LABELS.items():
            radio = QRadioButton(text, self)
            self.radios[value] = radio
            self.buttons_group.addButton(radio)
            row.addWidget(radio)
            radio.toggled.connect(lambda on, v=value: self._choose(v) if on else None)
        row.addStretch(1)
        all_mine = QPushButton("All Mine", self)
        all_theirs = QPushButton("All Theirs", self)
        all_mine.clicked.connect(lambda: self._all(MINE))
        all_theirs.clicked.connect(lambda: self._all(THEIRS))
        row.addWidget(all_mine)
        row.addWidget(all_theirs)
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton("Mark Resolved" if recorded else "Merge",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(sides)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([120, 340])  # a few conflicts listed; the versions get the room
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        if recorded:
            for widget in (*self.radios.values(), all_mine, all_theirs, for_this):
                widget.hide()
        self.list.currentRowChanged.connect(self._show)
        self.resize(860, 560)
        self.list.setCurrentRow(0)

    def _pane(self, title: str) -> tuple[QLabel, QPlainTextEdit]:
        label = QLabel(f"<b>{title}</b>", self)
        text = QPlainTextEdit(self)
        text.setReadOnly(True)
        text.setAccessibleName(title)
        return label, text

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        c = self.conflicts[row]
        self.mine[1].setPlainText(c.mine or ABSENT)
        self.theirs[1].setPlainText(c.theirs or ABSENT)
        _mark(self.mine[1], differing_lines(c.mine, c.theirs))
        _mark(self.theirs[1], differing_lines(c.theirs, c.mine))
        for value, radio in self.radios.items():
            radio.setVisible(value in c.choices)
        if c.choices:
            self.radios[self.choices[c.key]].setChecked(True)

    def _choose(self, value: str) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.conflicts):
            c = self.conflicts[row]
            self.choices[c.key] = value
            self.list.item(row).setText(item_text(c, value))

    def _all(self, value: str) -> None:
        for row, c in enumerate(self.conflicts):
            self.choices[c.key] = value
            self.list.item(row).setText(item_text(c, value))
        self._show(self.list.currentRow())

    def value(self) -> dict[tuple[str, str], str]:
        return dict(self.choices)


def _mark(pane: QPlainTextEdit, lines: list[int]) -> None:
    """Shade the lines that differ from the other version, so the eye finds them."""
    marks = []
    for number in lines:
        block = pane.document().findBlockByNumber(number)
        if not block.isValid():
            continue
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(DIFFERS)
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QTextCursor(block)  # the whole paragraph, however it wraps
        mark.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                 QTextCursor.MoveMode.KeepAnchor)
        marks.append(mark)
    pane.setExtraSelections(marks)
