"""Visible keyboard focus everywhere (issue #17): whichever widget has the focus — the
reader, a list, a button, a line edit, a check box, a tab — wears a ring in every theme,
standing out at 3:1 or more against the window, the page and the buttons (WCAG 1.4.11).
Checked on grabbed pixels, not only on the ring's own idea of its colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.reader.colormath import contrast_ratio
from desktop.ui.reader.focus_ring import MIN_RING_CONTRAST, FocusRing, ring_color, ringed
from desktop.ui.reader.themes import THEMES, build_palette, theme_manager
from tests.ui import helpers as ui


@pytest.fixture(autouse=True)
def back_to_system_theme(qapp):
    theme_manager().focus_ring  # noqa: B018 - installed (a window installs it once painted)
    yield
    theme_manager().apply("system")


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def ring() -> FocusRing:
    return theme_manager().focus_ring.ring


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.name)
def test_the_ring_stands_out_on_every_ground_of_every_theme(theme):
    palette = build_palette(theme)
    color = rgb(ring_color(palette))
    for ground in (theme.window, theme.base, theme.button, theme.alternate_base):
        assert contrast_ratio(color, rgb(QColor(ground))) >= MIN_RING_CONTRAST, ground


def _ring_pixels(qtbot, target: QWidget) -> list[tuple[int, int, int]]:
    """The colours on the middle of the ring's left and top strokes."""
    window = target.window()
    window.repaint()
    image = window.grab().toImage()
    origin = target.mapTo(window, QPoint(0, 0))
    rect = ring().ring_rect().translated(ring().mapTo(window, QPoint(0, 0)))
    mid_x, mid_y = rect.center().x(), rect.center().y()
    points = [QPoint(rect.left() + 1, mid_y), QPoint(mid_x, rect.top() + 1)]
    assert origin is not None
    return [rgb(image.pixelColor(p)) for p in points]


def _assert_ringed(qtbot, target: QWidget) -> None:
    target.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: ring().widget() is target)
    assert ring().isVisible()
    expected = rgb(ring().color())
    for pixel in _ring_pixels(qtbot, target):
        assert max(abs(a - b) for a, b in zip(pixel, expected, strict=True)) <= 40, (
            type(target).__name__, pixel, expected)


@pytest.mark.parametrize("name", list(THEMES), ids=str)
def test_every_kind_of_widget_wears_the_ring_in_every_theme(qtbot, name):
    theme_manager().apply(name)
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    edit, button, box = QLineEdit("text"), QPushButton("Button"), QCheckBox("Check box")
    items, tabs, combo = QListWidget(), QTabWidget(), QComboBox()
    items.addItems(["one", "two", "three"])
    tabs.addTab(QWidget(), "First tab")
    tabs.addTab(QWidget(), "Second")
    combo.setEditable(True)
    for widget in (edit, button, box, items, tabs, combo):
        layout.addWidget(widget)
    panel.resize(360, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    QApplication.processEvents()
    for target in (edit, button, box, items, tabs.tabBar()):
        _assert_ringed(qtbot, target)
    # An editable combo box's inner editor has the focus: the ring goes round the box.
    combo.lineEdit().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: ring().widget() is combo)
    # A tab bar rings its current tab, not the whole bar.
    tabs.tabBar().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: ring().widget() is tabs.tabBar())
    assert ring().ring_rect().width() <= tabs.tabBar().tabRect(0).width() + 1


@pytest.mark.parametrize("name", ["light", "dark"], ids=str)
def test_the_window_shows_where_typing_goes(qtbot, window, name):
    win = window(ui.SEED)
    theme_manager().apply(name)
    QApplication.processEvents()
    _assert_ringed(qtbot, win.reader)
    edits = [e for e in win.findChildren(QLineEdit) if e.isVisible() and e.isEnabled()]
    assert edits
    _assert_ringed(qtbot, edits[0])


class _PaintedArea(QObject):
    """Sums the area of the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.area = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.area += event.rect().width() * event.rect().height()
        return False


def test_the_ring_keeps_the_readers_fast_scrolling(qtbot, window):
    """A sibling laid over the reader's viewport makes Qt repaint all of it on every
    scroll step instead of moving the pixels; the ring is masked to its band."""
    win = window(ui.SEED)
    reader = win.reader
    reader.setPlainText(reader.toPlainText() * 6)
    _assert_ringed(qtbot, reader)
    viewport = reader.viewport()
    counter = _PaintedArea()
    viewport.installEventFilter(counter)
    bar = reader.verticalScrollBar()
    steps = 40
    for _ in range(steps):
        bar.setValue(bar.value() + 3)
        QApplication.processEvents()
    viewport.removeEventFilter(counter)
    whole = viewport.width() * viewport.height()
    assert counter.area / steps < whole / 3, (counter.area / steps, whole)


def _as_at_start() -> None:
    """No ring yet, as when the app starts."""
    manager = theme_manager()
    keeper = manager.focus_ring
    keeper.ring.deleteLater()
    keeper.setParent(None)
    keeper.deleteLater()
    manager._focus_ring = None


def test_the_first_key_pressed_in_the_first_window_brings_the_ring(qtbot):
    """The ring is made off the cold start: as the user first presses a key in the
    window (before the key is handled, so a Tab moves a ring that is there), round the
    widget focused meanwhile and then wherever Tab goes."""
    _as_at_start()
    manager = theme_manager()
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    first, second = QLineEdit("first"), QLineEdit("second")
    layout.addWidget(first)
    layout.addWidget(second)
    panel.show()
    manager.ring_when_used(panel)  # as the main window does when shown
    assert manager._focus_ring is None
    QTest.keyClick(panel.windowHandle(), Qt.Key.Key_Tab)  # no event loop turn before
    assert manager._focus_ring is not None


def test_the_first_window_wears_the_ring_wherever_tab_goes(qtbot, window):
    _as_at_start()
    win = window(ui.SEED)
    win.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keyClick(win.windowHandle(), Qt.Key.Key_Tab)
    assert theme_manager()._focus_ring is not None
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not win.reader
    qtbot.waitUntil(lambda: ring().widget() is ringed(focused))
    assert ring().isVisible()


def test_the_ring_comes_unasked_once_the_shown_window_leaves_the_app_idle(qtbot, window):
    """Without a key pressed, the ring is made when the event loop first waits for work
    after the window was exposed and painted (``processEvents`` alone never waits)."""
    _as_at_start()
    manager = theme_manager()
    panel = QLineEdit("typing goes here")
    qtbot.addWidget(panel)
    panel.show()
    manager.ring_when_used(panel)
    for _ in range(5):  # exposed and painted, without waiting
        QApplication.processEvents()
    assert manager._focus_ring is None
    panel.close()
    win = window(ui.SEED)  # its fixture may already wait: then the ring is there
    win.reader.setFocus(Qt.FocusReason.OtherFocusReason)
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()  # waits for the timer: idle
    assert manager._focus_ring is not None
    qtbot.waitUntil(lambda: ring().widget() is win.reader)
    edits = [e for e in win.findChildren(QLineEdit) if e.isVisible() and e.isEnabled()]
    _assert_ringed(qtbot, edits[0])


def test_a_window_closed_before_it_was_used_leaves_the_ring_to_the_next(qtbot, window):
    _as_at_start()
    manager = theme_manager()
    first = QWidget()
    first.show()
    manager.ring_when_used(first)
    first.windowHandle().destroy()
    first.destroy()  # gone before any key, any paint or any idle moment
    first.deleteLater()
    win = window(ui.SEED)
    QTest.keyClick(win.windowHandle(), Qt.Key.Key_Tab)
    assert manager._focus_ring is not None
