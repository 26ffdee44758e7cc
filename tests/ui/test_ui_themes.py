"""Themes: View > Theme applies live, follows the system scheme, and every theme renders
a full, legible window (checked on grabbed pixels, not just on the palette)."""

from collections import Counter

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop.devtools.demo import annotate
from desktop.domain.sample_study import PASSAGES
from desktop.storage.settings import load_settings, save_settings
from desktop.ui.reader import themes
from desktop.ui.reader.colormath import MIN_TEXT_CONTRAST, contrast_ratio, parse_hex
from desktop.ui.reader.themes import DARK, LIGHT, SEPIA, theme_manager
from tests.ui import helpers as ui


@pytest.fixture(autouse=True)
def back_to_system_theme():
    """The theme belongs to the application, which outlives each test."""
    yield
    theme_manager().apply("system")


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def test_view_menu_offers_four_checkable_exclusive_themes(window):
    win = window(ui.SEED)
    view = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    theme_menu = next(a.menu() for a in view.actions() if a.text() == "&Theme")
    names = [a.text().replace("&", "") for a in theme_menu.actions()]
    assert names == ["System", "Light", "Dark", "Sepia"]
    assert all(a.isCheckable() for a in theme_menu.actions())
    assert [a.isChecked() for a in theme_menu.actions()] == [True, False, False, False]
    win.look.actions.themes["dark"].trigger()
    assert [a.isChecked() for a in theme_menu.actions()] == [False, False, True, False]


@pytest.mark.parametrize("theme", [DARK, SEPIA, LIGHT], ids=lambda t: t.name)
def test_a_theme_applies_live_to_every_widget_and_is_saved(qtbot, window, theme):
    win = window(ui.SEED)
    hid = ui.highlight(qtbot, win, PASSAGES[0][0], 1)
    win.look.actions.themes[theme.name].trigger()
    QApplication.processEvents()  # palette changes reach widgets as events
    for widget in (win.reader, win.notes.list, win.notes.card.note.editor, win.statusBar()):
        palette = widget.palette()
        assert palette.base().color().name() == theme.base
        assert palette.text().color().name() == theme.text
    assert win.palette().window().color().name() == theme.window
    assert load_settings().theme == theme.name
    # The highlight's fill is blended for this page and keeps the text legible.
    painted = win.reader.ranges_at(win.reader.ranges[0].start)[0]
    assert painted.key == hid
    fill = win.reader.fill_color(painted.color)
    assert contrast_ratio(rgb(fill), parse_hex(theme.text)) >= MIN_TEXT_CONTRAST


def test_system_follows_the_platform_scheme_live(window, monkeypatch):
    win = window(ui.SEED)
    hints = QApplication.styleHints()
    monkeypatch.setattr(themes, "system_is_dark", lambda: True)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert win.reader.palette().base().color().name() == DARK.base
    monkeypatch.setattr(themes, "system_is_dark", lambda: False)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    QApplication.processEvents()
    assert win.reader.palette().base().color().name() == LIGHT.base
    # An explicit choice is not overridden by the platform.
    win.look.actions.themes["sepia"].trigger()
    QApplication.processEvents()
    monkeypatch.setattr(themes, "system_is_dark", lambda: True)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert win.reader.palette().base().color().name() == SEPIA.base


def test_the_saved_theme_is_used_at_start(window):
    save_settings(load_settings().__class__(theme="sepia"))
    manager = theme_manager()
    manager.setParent(None)  # as if the application had just started
    manager.deleteLater()
    QApplication.processEvents()
    from desktop.ui.app import make_app

    make_app()
    assert theme_manager().choice == "sepia"
    win = window(ui.SEED)
    assert win.look.actions.themes["sepia"].isChecked()
    assert win.reader.palette().base().color().name() == SEPIA.base
    # No application style sheet: it would route every widget through QStyleSheetStyle
    # (~70 ms more at start-up); label styles are set in code instead.
    assert QApplication.instance().styleSheet() == ""


def _grab(qtbot, win) -> QImage:
    annotate(win)
    qtbot.wait(50)
    return win.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.parametrize("theme", [LIGHT, DARK, SEPIA], ids=lambda t: t.name)
def test_screenshot_of_each_theme_is_a_full_legible_window(qtbot, window, theme):
    win = window(ui.SEED)
    win.look.actions.themes[theme.name].trigger()
    QApplication.processEvents()
    image = _grab(qtbot, win)
    assert image.width() >= 1000 and image.height() >= 700
    colors = Counter(image.pixel(x, y) for x in range(0, image.width(), 3)
                     for y in range(0, image.height(), 3))
    assert len(colors) > 300, "a real window has text, fills, icons and borders"
    # The reader's page is the theme's base colour…
    viewport = win.reader.viewport()
    corner = viewport.mapTo(win, QPoint(viewport.width() - 4, viewport.height() - 4))
    assert QColor(image.pixel(corner)).name() == theme.base
    # …with text on it: dark-on-light or light-on-dark pixels near the text colour.
    text = parse_hex(theme.text)
    top_left = viewport.mapTo(win, QPoint(0, 0))
    near_text = 0
    for x in range(top_left.x(), top_left.x() + viewport.width(), 2):
        for y in range(top_left.y(), top_left.y() + viewport.height(), 2):
            c = QColor(image.pixel(x, y))
            if sum(abs(a - b) for a, b in zip(rgb(c), text, strict=True)) < 60:
                near_text += 1
    assert near_text > 500
    # The chrome follows the theme too: the status bar is the window colour.
    bar = win.statusBar()
    point = bar.mapTo(win, QPoint(4, bar.height() // 2))
    assert QColor(image.pixel(point)).name() == theme.window


def test_a_theme_chosen_in_one_window_shows_in_all(window):
    first = window(ui.SEED)
    second = window(ui.SEED)
    second.look.actions.themes["sepia"].trigger()
    QApplication.processEvents()
    assert first.look.actions.themes["sepia"].isChecked()
    assert first.reader.palette().base().color().name() == SEPIA.base
    second.close()
    second.deleteLater()
    QApplication.processEvents()
    first.look.actions.themes["dark"].trigger()  # the closed window is no longer told
    assert first.look.actions.themes["dark"].isChecked()
