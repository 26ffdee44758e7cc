"""Edit > Preferences: theme and reading font apply live and are remembered."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from desktop.storage.settings import load_settings, save_settings
from desktop.ui.reader.themes import DARK, theme_manager
from desktop.ui.reader.view import BASE_POINT_SIZE
from tests.ui import helpers as ui


@pytest.fixture(autouse=True)
def back_to_system_theme():
    yield
    theme_manager().apply("system")


def _open(qtbot, win, ui):
    ui.press(qtbot, win.reader, Qt.Key.Key_Comma, ui.CTRL)
    dialog = win.look.preferences_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.isModal()  # changes apply live: nothing to confirm
    return dialog


def _other_family(current: str) -> str:
    families = [f for f in QFontDatabase.families() if f != current
                and not QFontDatabase.isPrivateFamily(f)]
    assert families, "the test needs a second font family"
    return "DejaVu Sans" if "DejaVu Sans" in families else families[0]


def test_ctrl_comma_opens_one_preferences_dialog(qtbot, window):
    win = window(ui.SEED)
    dialog = _open(qtbot, win, ui)
    edit = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Edit")
    assert win.look.actions.preferences in edit.actions()
    win.look.actions.preferences.trigger()
    assert win.look.preferences_dialog is dialog  # raised again, not a second one
    assert dialog.theme.currentData() == "system"
    assert dialog.size_box.value() == BASE_POINT_SIZE


def test_theme_choice_applies_live_and_both_ways(qtbot, window):
    win = window(ui.SEED)
    dialog = _open(qtbot, win, ui)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    QApplication.processEvents()
    assert win.reader.palette().base().color().name() == DARK.base
    assert win.look.actions.themes["dark"].isChecked()
    assert load_settings().theme == "dark"
    win.look.actions.themes["sepia"].trigger()  # from the menu: the dialog follows
    assert dialog.theme.currentData() == "sepia"


def test_font_family_and_size_apply_live_and_are_saved(qtbot, window):
    win = window(ui.SEED)
    dialog = _open(qtbot, win, ui)
    family = _other_family(QFontInfo(win.reader.font()).family())
    dialog.family.setCurrentFont(QFont(family))
    assert QFontInfo(win.reader.font()).family() == family
    dialog.size_box.setValue(17)
    assert win.reader.point_size == 17
    assert QFontInfo(dialog.sample.font()).family() == family
    saved = load_settings()
    assert (saved.reader_font_family, saved.reader_font_size) == (family, 17.0)

    # Zoom still works, and Actual Size returns to the chosen size, not the built-in one.
    win.menu_actions.zoom_in.trigger()
    assert win.reader.point_size == 18
    win.menu_actions.zoom_reset.trigger()
    assert win.reader.point_size == 17

    dialog.default_font.click()
    assert win.reader.point_size == BASE_POINT_SIZE
    assert load_settings().reader_font_family == ""
    assert dialog.size_box.value() == BASE_POINT_SIZE


def test_a_new_window_reads_the_saved_font(qtbot, window):
    family = _other_family("")
    settings = load_settings()
    settings.reader_font_family, settings.reader_font_size = family, 21.0
    save_settings(settings)
    win = window(ui.SEED)
    assert QFontInfo(win.reader.font()).family() == family
    assert win.reader.point_size == 21
    dialog = _open(qtbot, win, ui)
    assert dialog.size_box.value() == 21
    assert dialog.family.currentFont().family() == family


def test_settings_with_other_keys_survive_a_preference_change(qtbot, window, config_dir):
    (config_dir / "settings.json").write_text('{"recent_files": [], "future": 7}')
    win = window(ui.SEED)
    _open(qtbot, win, ui).size_box.setValue(15)
    text = (config_dir / "settings.json").read_text()
    assert '"future": 7' in text and '"reader_font_size": 15.0' in text


def test_a_saved_family_missing_here_is_kept_when_only_the_size_changes(qtbot, window):
    settings = load_settings()
    settings.reader_font_family = "No Such Font Family 42"
    save_settings(settings)
    win = window(ui.SEED)
    assert QFontInfo(win.reader.font()).family() != "No Such Font Family 42"  # fell back
    _open(qtbot, win, ui).size_box.setValue(16)
    assert load_settings().reader_font_family == "No Such Font Family 42"
    assert win.reader.point_size == 16


def test_the_reading_column_width_applies_live_and_is_saved(qtbot, window, ui):
    win = window(ui.REPO / "seeds" / "iraq-militia-threat.txt", size=(1900, 900))
    win.notes.hide()
    dialog = _open(qtbot, win, ui)
    dialog.measure.setValue(50)
    assert win.reader.measure_chars == 50
    assert load_settings().reading_measure == 50
    qtbot.waitUntil(lambda: win.reader.characters_per_line() <= 52)
    second = window(ui.REPO / "seeds" / "iraq-militia-threat.txt")
    assert second.reader.measure_chars == 50
