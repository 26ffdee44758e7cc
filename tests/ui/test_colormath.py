"""Colour arithmetic and the themes' contrast: every default category stays legible."""

import pytest

from desktop.domain.categories import DEFAULT_CATEGORIES
from desktop.ui.reader.colormath import (
    MIN_TEXT_CONTRAST,
    blend_hex,
    contrast_ratio,
    fill_strength,
    is_dark,
    mix,
    parse_hex,
    reading_fill,
    relative_luminance,
    to_hex,
)
from desktop.ui.reader.themes import DARK, LIGHT, SEPIA, THEMES, resolve
from desktop.ui.reader.view import CURRENT_MATCH_STRENGTH, FLASH_STRENGTH, MATCH_STRENGTH

WHITE, BLACK = (255, 255, 255), (0, 0, 0)
CATEGORY_COLORS = [color for _id, _name, color in DEFAULT_CATEGORIES]


def test_parse_and_format():
    assert parse_hex("#f2b134") == (0xF2, 0xB1, 0x34)
    assert parse_hex("#FFF") == WHITE
    assert to_hex((0xF2, 0xB1, 0x34)) == "#f2b134"
    for bad in ("", "#12", "#1234567", "red"):
        with pytest.raises(ValueError):
            parse_hex(bad)


def test_wcag_reference_values():
    assert relative_luminance(BLACK) == 0
    assert relative_luminance(WHITE) == pytest.approx(1)
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21)
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21)  # symmetric
    assert contrast_ratio((0x77, 0x77, 0x77), WHITE) == pytest.approx(4.48, abs=0.01)


def test_mix_is_alpha_compositing():
    assert mix(WHITE, BLACK, 0) == BLACK
    assert mix(WHITE, BLACK, 1) == WHITE
    assert mix(WHITE, BLACK, 0.5) == (128, 128, 128)
    assert mix(WHITE, BLACK, 7) == WHITE  # clamped
    assert blend_hex("#ff0000", "#0000ff", 0.5) == "#800080"


def test_fill_strength_is_stronger_on_dark_pages():
    assert is_dark(parse_hex(DARK.base)) and not is_dark(parse_hex(SEPIA.base))
    assert fill_strength(parse_hex(DARK.base)) > fill_strength(parse_hex(LIGHT.base))


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.parametrize("color", CATEGORY_COLORS)
def test_every_default_category_is_legible_and_visible_on_every_theme(theme, color):
    base, text = parse_hex(theme.base), parse_hex(theme.text)
    fill = reading_fill(parse_hex(color), base, text)
    assert contrast_ratio(fill, text) >= MIN_TEXT_CONTRAST
    assert contrast_ratio(fill, base) >= 1.15, "the fill must still show on the page"


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.parametrize("strength", [MATCH_STRENGTH, CURRENT_MATCH_STRENGTH, FLASH_STRENGTH])
def test_find_matches_and_flash_are_legible(theme, strength):
    base, text = parse_hex(theme.base), parse_hex(theme.text)
    fill = reading_fill(parse_hex(theme.highlight), base, text, strength)
    assert contrast_ratio(fill, text) >= MIN_TEXT_CONTRAST


def test_a_fill_that_would_hide_the_text_is_faded_until_legible():
    base, text = parse_hex(DARK.base), parse_hex(DARK.text)
    bright = parse_hex("#f2f2a0")  # a pale user colour: at full strength text vanishes
    assert contrast_ratio(mix(bright, base, 0.9), text) < MIN_TEXT_CONTRAST
    fill = reading_fill(bright, base, text, 0.9)
    assert contrast_ratio(fill, text) >= MIN_TEXT_CONTRAST
    assert fill != base


def test_an_illegible_page_gives_the_page_colour_back():
    assert reading_fill(parse_hex("#ff0000"), WHITE, WHITE) == WHITE


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
def test_theme_text_contrast(theme):
    ratio = lambda a, b: contrast_ratio(parse_hex(a), parse_hex(b))  # noqa: E731
    assert ratio(theme.base, theme.text) >= 7  # AAA for the page
    assert ratio(theme.window, theme.window_text) >= 7
    assert ratio(theme.highlight, theme.highlighted_text) >= MIN_TEXT_CONTRAST
    assert ratio(theme.base, theme.placeholder) >= MIN_TEXT_CONTRAST
    assert ratio(theme.base, theme.link) >= MIN_TEXT_CONTRAST


def test_system_choice_follows_the_scheme():
    assert resolve("system", dark_system=True) is DARK
    assert resolve("system", dark_system=False) is LIGHT
    assert resolve("sepia", dark_system=True) is SEPIA
    assert resolve("neon", dark_system=False) is LIGHT
