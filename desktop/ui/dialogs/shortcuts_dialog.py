"""Help › Keyboard Shortcuts: every command of the window, grouped by menu, with its keys.

Built from the menus each time it opens, so it never disagrees with them (categories
change with the study). Keys are shown as the platform writes them (Ctrl / ⌘).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.core.key_names import native_keys

DYNAMIC_MENUS = {"recentMenu"}  # lists of files, not commands
NAME_PROPERTY = "commandName"  # set on actions whose text changes (Undo …)


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    group: str  # "Check › Verdict"
    name: str
    keys: str  # native text, "" when the command has none
    tip: str


def plain(text: str) -> str:
    """Menu text without mnemonics or the trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def typed(sequence: QKeySequence) -> bool:
    """False for the dedicated Open/Copy/Undo… keys of multimedia and old Sun keyboards
    (F13 and up): Qt adds them to the standard shortcuts, but listing them would only
    confuse."""
    if sequence.isEmpty():
        return False
    key = sequence[0].key().value  # type: ignore[index]  # QKeySequence supports [i]
    if Qt.Key.Key_F13.value <= key <= Qt.Key.Key_F35.value:
        return False
    return not Qt.Key.Key_Back.value <= key < Qt.Key.Key_unknown.value


def command_name(action: QAction) -> str:
    """The command's own name: Undo/Redo texts also name the step they would undo."""
    fixed = action.property(NAME_PROPERTY)
    return fixed if isinstance(fixed, str) and fixed else plain(action.text())


def key_text(action: QAction) -> str:
    fmt = QKeySequence.SequenceFormat.NativeText
    return ", ".join(k.toString(fmt) for k in action.shortcuts() if typed(k))


def menu_rows(menu: QMenu, group: str) -> list[ShortcutRow]:
    rows: list[ShortcutRow] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            if sub.objectName() not in DYNAMIC_MENUS:
                rows.extend(menu_rows(sub, f"{group} › {plain(sub.title())}"))
            continue
        rows.append(ShortcutRow(group, command_name(action), key_text(action),
                                action.statusTip()))
    return rows


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """One row per command in the menu bar, in menu order."""
    rows: list[ShortcutRow] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows.extend(menu_rows(menu, plain(top.text())))
    return rows


def matches(row: ShortcutRow, query: str) -> bool:
    words = query.lower().split()
    haystack = f"{row.group} {row.name} {row.keys} {row.tip}".lower()
    return all(word in haystack for word in words)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts — Crosslight")
        self.window_ = window
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(
            f"Filter by command or key, e.g. “verdict” or “{native_keys('Ctrl+1')}”")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setAccessibleDescription("Shows only the commands whose name, menu or keys "
                                             "contain these words")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsTree")
        self.tree.setAccessibleName("Commands and their shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("No command matches this filter.", self)
        self.empty.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.resize(560, 640)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild from the window's menus (the categories may have changed)."""
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for row in shortcut_rows(self.window_):
            parent = groups.get(row.group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [row.group])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.setFirstColumnSpanned(True)
                groups[row.group] = parent
            item = QTreeWidgetItem(parent, [row.name, row.keys])
            item.setToolTip(0, row.tip)
            item.setData(0, Qt.ItemDataRole.UserRole, row)
        self.tree.expandAll()
        self.apply_filter(self.filter.text())

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each menu's item and its command items."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is not None:
                children = (group.child(c) for c in range(group.childCount()))
                out.append((group, [child for child in children if child is not None]))
        return out

    def apply_filter(self, query: str) -> None:
        shown = 0
        for group, children in self._groups():
            visible = 0
            for child in children:
                hit = matches(child.data(0, Qt.ItemDataRole.UserRole), query)
                child.setHidden(not hit)
                visible += hit
            group.setHidden(visible == 0)
            shown += visible
        self.empty.setVisible(shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(group, command, keys) of every row the filter leaves, for tests and checks."""
        return [(group.text(0), child.text(0), child.text(1))
                for group, children in self._groups() for child in children
                if not child.isHidden() and not group.isHidden()]
