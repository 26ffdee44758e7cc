"""Helpers of the UI tests, imported as ``from tests.ui import helpers as ui`` (or by name):
the scripted ``FakePrompts``, the seed document, key modifiers, and functions that drive
the real window like a user (select a phrase, press keys, highlight, read the list)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop.storage.schema import study_to_data
from desktop.ui.dialogs.prompts import Prompts, SaveChoice
from desktop.ui.notes.highlight_list import CATEGORY_ROLE, ID_ROLE, ORPHAN_ROLE
from desktop.ui.window.main_window import MainWindow
from tests.builders import SEED as SEED  # the one seed path, re-exported for ui.SEED

REPO = Path(__file__).resolve().parents[2]




CTRL = Qt.KeyboardModifier.ControlModifier


SHIFT = Qt.KeyboardModifier.ShiftModifier


class UnexpectedPromptError(AssertionError):
    """The app asked the user something the test did not script."""


class FakePrompts(Prompts):
    """Scripted answers; records every message shown."""

    def __init__(self) -> None:
        super().__init__(None)
        self.save_choices: deque[SaveChoice] = deque()
        self.save_paths: deque[Path | None] = deque()
        self.open_paths: deque[Path | None] = deque()
        self.confirms: deque[bool] = deque()
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.asked_save: list[str] = []
        self.asked_confirm: list[tuple[str, str, str]] = []
        self.suggested: list[str] = []
        self.tearing_down = False
        # Cross-checking dialogs: queues of return values, keyed by method name.
        self.dialogs: dict[str, deque] = {
            name: deque()
            for name in ("edit_reference", "attach_reference", "edit_citation", "choose_link",
                         "export_path", "import_path")
        }
        # File safety: recovery, locks, external changes, failed saves.
        for name in ("ask_recover", "ask_locked", "ask_changed_on_disk", "ask_save_failed",
                     "update_report", "document_info", "choose_title"):
            self.dialogs[name] = deque()
        self.dialogs["choose_encoding"] = deque()  # document formats
        for name in ("open_address", "publish_address", "attach_source"):  # web capture
            self.dialogs[name] = deque()
        self.dialogs["resolve_conflicts"] = deque()  # merging another copy
        self.dialogs["recorded_conflicts"] = deque()
        self.progress_dialogs: list = []
        self.dialog_calls: list[tuple[str, tuple]] = []

    def script(self, name: str, *answers) -> None:
        self.dialogs[name].extend(answers)

    def _dialog(self, name: str, *args):
        self.dialog_calls.append((name, args))
        return self._next(self.dialogs[name], name)

    def edit_reference(self, reference):
        return self._dialog("edit_reference", reference)

    def attach_reference(self, study, highlight):
        return self._dialog("attach_reference", highlight.id)

    def edit_citation(self, reference, stance, comment):
        return self._dialog("edit_citation", reference.id, stance, comment)

    def choose_link(self, study, highlight):
        return self._dialog("choose_link", highlight.id)

    def ask_recover(self, entry):
        return self._dialog("ask_recover", entry)

    def ask_locked(self, name, owner, possibly_stale):
        return self._dialog("ask_locked", name, owner, possibly_stale)

    def ask_changed_on_disk(self, name):
        return self._dialog("ask_changed_on_disk", name)

    def ask_save_failed(self, name, reason):
        return self._dialog("ask_save_failed", name, reason)

    def update_report(self, report):
        return self._dialog("update_report", report)

    def previous_versions(self, document):
        self.dialog_calls.append(("previous_versions", (document.id,)))  # nothing to answer

    def markdown_source(self, source):
        self.dialog_calls.append(("markdown_source", (source,)))  # nothing to answer

    def choose_title(self, current, new):
        return self._dialog("choose_title", current, new)

    def document_info(self, study, document):
        return self._dialog("document_info", document.id)

    def choose_encoding(self, name, current):
        return self._dialog("choose_encoding", name, current)

    def open_address(self, suggested):
        return self._dialog("open_address", suggested)

    def publish_address(self, current, why=""):
        return self._dialog("publish_address", current, why)

    def attach_source(self, study, highlight, pasted):
        return self._dialog("attach_source", highlight.id, pasted)

    def resolve_conflicts(self, conflicts, their_name):
        return self._dialog("resolve_conflicts", conflicts, their_name)

    def recorded_conflicts(self, conflicts):
        return self._dialog("recorded_conflicts", conflicts)

    def progress(self, title, label):
        """A real progress dialog, but not modal, so a test can press its Cancel."""
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(label, "Cancel", 0, 1000)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(0)
        self.progress_dialogs.append(dialog)
        return dialog

    def for_window(self, window):
        return self  # a window opened beside this one shares the script

    def export_path(self, title, suggested, file_filter):
        return self._dialog("export_path", title, suggested, file_filter)

    def import_path(self, title, directory, file_filter):
        return self._dialog("import_path", title, directory, file_filter)

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def info(self, title: str, message: str) -> None:
        self.infos.append((title, message))

    def confirm(self, title: str, message: str, accept_label: str) -> bool:
        self.asked_confirm.append((title, message, accept_label))
        return self._next(self.confirms, f"confirm({title!r})")

    def ask_save_changes(self, name: str) -> SaveChoice:
        self.asked_save.append(name)
        if self.tearing_down:
            return SaveChoice.DISCARD  # the test is over: never block closing
        return self._next(self.save_choices, f"ask_save_changes({name!r})")

    def open_path(self, directory: str) -> Path | None:
        return self._next(self.open_paths, "open_path")

    def save_path(self, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self._next(self.save_paths, "save_path")

    @staticmethod
    def _next(queue: deque, what: str):
        if not queue:
            raise UnexpectedPromptError(f"unscripted prompt: {what}")
        return queue.popleft()


class DialogGuard:
    """Fails the test on any real dialog or popup, and closes it so nothing hangs.

    Scripted prompts never reach Qt; a popup menu a test expects is handed to
    ``popup_handler`` instead (it must close the menu).
    """

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.popup_handler = None
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)

    def refuse(self, name: str):
        def _refuse(*_args, **_kwargs):
            self.shown.append(name)
            raise UnexpectedPromptError(f"a real {name} was opened")

        return _refuse

    def _poll(self) -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and self.popup_handler is not None:
            self.popup_handler(popup)
            return
        widget = popup or QApplication.activeModalWidget()
        if widget is not None:
            self.shown.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
            widget.close()


def activate(qtbot, widget: QWidget) -> None:
    """Shortcuts with window context need the window to be the active one."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)


def _stop_asking(win: MainWindow) -> None:
    win.files.writer.wait()
    if isinstance(win.prompts, FakePrompts):
        win.prompts.tearing_down = True
    # Every test doubles as a check that saving's snapshot cache followed every change
    # set: a command that forgets to name a highlight it changed would save stale data.
    session = win.session
    assert session.snapshot.study_data(session.study) == study_to_data(session.study), (
        "the save snapshot is stale: some command's ChangeSet misses a changed highlight"
    )
    # ... and that the card list's row count (kept in C++) followed its rows.
    model = win.notes.model
    assert model.rowCount() == model.card_count + model.pad_rows, "list rows out of step"


# --- helpers shared by the UI tests, handed out as ``ui`` -------------------------
def u16(text: str, cp: int) -> int:
    """UTF-16 offset of code-point offset ``cp``, computed independently of the app."""
    return len(text[:cp].encode("utf-16-le")) // 2


def span(win: MainWindow, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Code-point (start, end) of ``phrase`` in the open document."""
    text = win.session.document.text
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(phrase, at + 1)
    return at, at + len(phrase)


def select_phrase(win: MainWindow, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Select ``phrase`` in the reader by UTF-16 positions; returns its code-point span."""
    start, end = span(win, phrase, occurrence)
    text = win.session.document.text
    win.reader.select_range(u16(text, start), u16(text, end))
    return start, end


def press(qtbot, widget: QWidget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)
    settle_writes(qtbot, widget.window())


def settle_writes(qtbot, win: QWidget) -> None:
    """Wait for a save the key started on the worker thread, as a user waits for "Saved"."""
    files = getattr(win, "files", None)
    if files is not None:
        qtbot.waitUntil(lambda: not files.writer.busy, timeout=10000)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; QTest cannot type a newline itself, so press Return."""
    widget.setFocus()
    for i, line in enumerate(text.split("\n")):
        if i:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(widget, line)


def highlight(qtbot, win: MainWindow, phrase: str, number: int = 1, occurrence: int = 0) -> str:
    """Select ``phrase`` and press Ctrl+<number>; return the new highlight's id."""
    before = set(win.session.study.highlights)
    select_phrase(win, phrase, occurrence)
    press(qtbot, win.reader, getattr(Qt.Key, f"Key_{number}"), CTRL)
    (new,) = set(win.session.study.highlights) - before
    return new


def point_at(win: MainWindow, cp: int) -> QPoint:
    """Viewport point inside the character at code-point ``cp`` of the reader's text."""
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(u16(win.session.document.text, cp))
    rect = win.reader.cursorRect(cursor)
    return QPoint(rect.center().x() + 2, rect.center().y())


def rows(win: MainWindow) -> list[dict]:
    """What the highlights list shows, row by row (through any filter the view has)."""
    model = win.notes.list.model()
    out = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) is None:
            continue  # a spacer row under the open card
        out.append({
            "id": index.data(ID_ROLE),
            "text": index.data(Qt.ItemDataRole.DisplayRole),
            "category": index.data(CATEGORY_ROLE),
            "orphan": index.data(ORPHAN_ROLE),
        })
    return out


def list_point(win: MainWindow, highlight_id: str) -> QPoint:
    """Where to click in the list's viewport to pick ``highlight_id``."""
    view = win.notes.list
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(ID_ROLE) == highlight_id:
            view.scrollTo(index)
            return view.visualRect(index).center()
    raise AssertionError(f"{highlight_id} is not in the list")


def click_list(qtbot, win: MainWindow, highlight_id: str) -> None:
    point = list_point(win, highlight_id)
    qtbot.mouseClick(win.notes.list.viewport(), Qt.MouseButton.LeftButton, pos=point)


def tab_point(tabs, title: str) -> QPoint:
    """Centre of the tab called ``title`` in a QTabWidget's bar."""
    bar = tabs.tabBar()
    for i in range(bar.count()):
        if bar.tabText(i).replace("&", "") == title:
            return bar.tabRect(i).center()
    raise AssertionError(f"no tab {title!r}")


def click_tab(qtbot, tabs, title: str) -> None:
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tab_point(tabs, title))
    assert tabs.tabText(tabs.currentIndex()).replace("&", "") == title


def snapshot(win: MainWindow) -> dict:
    """Everything a saved study must bring back."""
    study = win.session.study
    return {
        "highlights": sorted(
            (h.id, h.quote.exact, h.category_id, h.start, h.end, h.note)
            for h in study.highlights.values()
        ),
        "note": study.note,
        "categories": [(c.id, c.name, c.color) for c in study.categories],
    }
