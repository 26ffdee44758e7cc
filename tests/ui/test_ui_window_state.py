"""Window size and splitter sizes come back in the next window; damage is ignored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.storage.opening import open_path
from desktop.storage.settings import load_settings, save_settings
from desktop.ui.core.session import StudySession
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.window_state import decode, encode
from tests.ui.helpers import SEED, FakePrompts


def new_window(qtbot) -> MainWindow:
    """A window as the app makes one at start-up (no resize after construction)."""
    win = MainWindow(StudySession.from_opened(open_path(SEED)), FakePrompts())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def default_size(win: MainWindow) -> tuple[int, int]:
    """The window's default size as the fonts allow it: 1280×820 unless its own
    minimum (which grows with the default font, e.g. Noto Sans) is larger."""
    size = QSize(1280, 820).expandedTo(win.minimumSizeHint())
    return size.width(), size.height()


def small_size(win: MainWindow) -> tuple[int, int]:
    """A size well below the default yet above the window's own minimum."""
    minimum = win.minimumSizeHint().expandedTo(win.minimumSize())
    return max(780, minimum.width() + 10), max(580, minimum.height() + 10)


def close_like(a: list[int], b: list[int], slack: int = 12) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def test_first_run_uses_the_default_layout(qtbot):
    assert load_settings().window_geometry == ""
    win = new_window(qtbot)
    assert (win.width(), win.height()) == default_size(win)
    main = win.splitter.sizes()
    assert main[0] > main[1] > 300  # reader wider than the notes pane, both roomy
    assert win.notes.stack.height() > 400  # the cards have the pane's height (no split)


def test_geometry_and_splitters_come_back_in_the_next_window(qtbot):
    first = new_window(qtbot)
    small = small_size(first)
    first.resize(*small)
    first.splitter.setSizes([300, 480])
    qtbot.waitUntil(lambda: first.splitter.sizes()[0] < 320)
    sizes = first.splitter.sizes()
    assert first.close()
    saved = load_settings()
    assert saved.window_geometry and saved.window_state and saved.splitter_state

    second = new_window(qtbot)
    assert (second.width(), second.height()) == small
    qtbot.waitUntil(lambda: close_like(second.splitter.sizes(), sizes))


@pytest.fixture
def big_font(qapp):
    """A default font as large as Noto Sans makes the window's minimum (614 px high
    where the usual font gives 580): layouts must follow the window's own hints."""
    old = QApplication.font()
    font = QFont(old)
    font.setPointSizeF(old.pointSizeF() * 1.3)
    QApplication.setFont(font)
    yield
    QApplication.setFont(old)


def test_layout_comes_back_with_a_larger_default_font(qtbot, big_font):
    first = new_window(qtbot)
    assert (first.width(), first.height()) == default_size(first)
    small = small_size(first)
    first.resize(*small)
    assert first.close()
    second = new_window(qtbot)
    assert (second.width(), second.height()) == small


@pytest.mark.parametrize("geometry, splitters", [
    ("not base64 at all!", "%%%;???"),
    (encode(b"\x00\x01garbage"), encode(b"junk") + ";" + encode(b"more junk")),
    ("", "AAAA/wAAAAEAAAACAAAAAAAAAAAA/////wEAAAABAA=="),  # a state hiding the reader
])
def test_a_damaged_saved_layout_is_ignored(qtbot, geometry, splitters):
    settings = load_settings()
    settings.window_geometry, settings.window_state = geometry, geometry
    settings.splitter_state = splitters
    save_settings(settings)
    win = new_window(qtbot)
    assert (win.width(), win.height()) == default_size(win)
    assert min(win.splitter.sizes()) > 300


def test_decode_refuses_what_is_not_base64():
    assert decode("") is None
    assert decode("a b c") is None
    assert decode("éé") is None
    assert bytes(decode(encode(b"\x01\x02")).data()) == b"\x01\x02"


def test_the_search_dock_comes_back_open_where_it_was_left(qtbot):
    from PySide6.QtCore import Qt

    first = new_window(qtbot)
    first.tag_ops.open_search()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.tag_ops.dock)
    assert first.close()
    assert load_settings().search_open

    second = new_window(qtbot)
    qtbot.waitUntil(second.tag_ops.search_visible)  # made once the window shows
    assert second.dockWidgetArea(second.tag_ops.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not second.tag_ops.panel.query.hasFocus()  # the reader keeps the focus
    second.tag_ops.dock.close()
    assert second.close()
    assert not load_settings().search_open

    third = new_window(qtbot)
    qtbot.wait(20)
    assert third.tag_ops.dock is None  # closed last time: not even made
