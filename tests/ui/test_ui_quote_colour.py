"""The Quote fill is not the text selection (issue #17): in every theme a quoted passage
and a selected one look like two different colours, not two shades of one blue.

Measured in CIELAB, where distance follows what the eye sees: CIE76 ΔE ≈ 2.3 is just
noticeable and two colours over ~40 apart read as different colours; hues 45° or more
apart have different names (blue vs teal). Before the fix the dark theme's Quote fill was
ΔE 25 and 10° of hue from its selection: the same blue, only darker.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.domain.categories import DEFAULT_CATEGORIES
from desktop.ui.reader.colormath import (
    delta_e,
    hue_difference,
    parse_hex,
    reading_fill,
)
from desktop.ui.reader.themes import THEMES, theme_manager
from tests.ui import helpers as ui

MIN_DELTA_E, MIN_HUE_DEGREES = 40.0, 45.0
QUOTE = next(color for cid, _name, color in DEFAULT_CATEGORIES if cid == "quote")


def test_colour_differences_measure_what_the_eye_sees():
    blue, same_blue, teal = parse_hex("#2f6cc7"), parse_hex("#2f6cc8"), parse_hex("#1aa9bc")
    assert delta_e(blue, same_blue) < 1 and hue_difference(blue, same_blue) < 1
    assert delta_e(blue, teal) > MIN_DELTA_E and hue_difference(blue, teal) > MIN_HUE_DEGREES
    assert hue_difference((255, 0, 0), (255, 0, 0)) == 0
    assert 0 <= hue_difference(parse_hex("#ff0040"), parse_hex("#ff4000")) <= 180


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.name)
def test_the_quote_fill_is_not_the_selection_in_any_theme(theme):
    base, text = parse_hex(theme.base), parse_hex(theme.text)
    quote = reading_fill(parse_hex(QUOTE), base, text)
    selection = parse_hex(theme.highlight)
    assert delta_e(quote, selection) >= MIN_DELTA_E, theme.name
    assert hue_difference(quote, selection) >= MIN_HUE_DEGREES, theme.name


@pytest.mark.parametrize("name", list(THEMES), ids=str)
def test_the_reader_paints_a_quote_unlike_its_selection(qtbot, window, name):
    """The same, on the colours the real reader paints with in the applied theme."""
    win = window(ui.SEED)
    try:
        theme_manager().apply(name)
        QApplication.processEvents()
        palette = win.reader.palette()
        fill = win.reader.fill_color(QUOTE)
        painted = fill.red(), fill.green(), fill.blue()
        sel = palette.highlight().color()
        selection = sel.red(), sel.green(), sel.blue()
        assert delta_e(painted, selection) >= MIN_DELTA_E
        assert hue_difference(painted, selection) >= MIN_HUE_DEGREES
    finally:
        theme_manager().apply("system")
