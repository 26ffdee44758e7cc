"""File › Open Recent: the last studies and documents (``desktop.storage.recent``).

Missing files are pruned whenever the menu is about to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from desktop.storage.recent import clear_recent, recent_paths


def entry_text(number: int, path: str) -> str:
    """``&1 name`` for 1–9, ``1&0 name`` for the tenth; ``&`` in names is doubled."""
    name = Path(path).name.replace("&", "&&")
    label = f"&{number}" if number < 10 else f"1&{number - 10}"
    return f"{label}  {name}"


def folder_text(path: str, home: Path | None = None) -> str:
    """The folder a recent file is in, with the home folder as ``~``: two files of the
    same name in different folders can be told apart."""
    folder = Path(path).parent
    home = Path.home() if home is None else home
    try:
        shown = "~/" + str(folder.relative_to(home)) if folder != home else "~"
    except ValueError:
        shown = str(folder)
    return shown.replace("&", "&&")


class RecentMenu(QMenu):
    """The submenu; rebuilt from the settings each time it opens. A chosen file opens
    with ``open_file``; what happened is said with ``status``."""

    def __init__(self, parent: QWidget, open_file: Callable[[Path], object],
                 status: Callable[[str, int], None]) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self.setToolTipsVisible(True)
        self.open_file = open_file
        self.status = status
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        paths = recent_paths()
        for number, path in enumerate(paths, start=1):
            action = self.addAction(f"{entry_text(number, path)}   —  {folder_text(path)}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda _=False, p=path: self.open(p))
        if not paths:
            empty = self.addAction("No Recent Files")
            empty.setEnabled(False)
        self.addSeparator()
        clear = self.addAction("&Clear Menu")
        clear.setObjectName("clearRecent")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.clear_all)

    def open(self, path: str) -> None:
        if not Path(path).is_file():
            self.status(f"“{Path(path).name}” is no longer there; removed from Open Recent.",
                        8000)
            recent_paths()
            return
        self.open_file(Path(path))

    def clear_all(self) -> None:
        clear_recent()
        self.rebuild()
        self.status("Cleared the recent files.", 5000)
