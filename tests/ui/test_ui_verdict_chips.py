"""The verdict margin you can read (issue #17): chips with symbol and word in the
verdict's colour, legible in every theme, several on a line summarised, clickable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from desktop.domain.crosscheck import Verdict
from desktop.ui.reader.colormath import MIN_TEXT_CONTRAST, chip_colors, contrast_ratio, parse_hex
from desktop.ui.reader.themes import DARK, LIGHT, SEPIA
from desktop.ui.reader.verdict_chips import VERDICT_HUES


@pytest.mark.parametrize("theme", [LIGHT, DARK, SEPIA], ids=lambda t: t.name)
@pytest.mark.parametrize("verdict", list(Verdict), ids=lambda v: v.value)
def test_every_chip_is_legible_in_every_theme(theme, verdict):
    base, text = parse_hex(theme.base), parse_hex(theme.text)
    ground, _border, ink = chip_colors(parse_hex(VERDICT_HUES[verdict.value]), base, text)
    assert contrast_ratio(ink, ground) >= MIN_TEXT_CONTRAST
    assert ink != text or verdict is Verdict.UNVERIFIED or theme is DARK  # keeps its hue


def _verdict(qtbot, win, ui, number: int) -> None:
    alt = Qt.KeyboardModifier.AltModifier
    ui.press(qtbot, win.reader, getattr(Qt.Key, f"Key_{number}"), ui.CTRL | alt)


def test_a_chip_shows_symbol_and_word_at_a_legible_size(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    _verdict(qtbot, win, ui, 2)
    gutter = win.reader.gutter
    qtbot.waitUntil(lambda: bool(gutter.row_texts()))
    (_top, text, _badges), = gutter.row_texts()
    assert text == "⚖ Disputed"
    assert QFontInfo(gutter.label_font()).pixelSize() >= 11


def test_two_verdicts_on_a_line_are_summarised_never_a_bare_ellipsis(
        qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    first = ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    _verdict(qtbot, win, ui, 2)
    second = ui.highlight(qtbot, win, "one of the largest", 1)
    _verdict(qtbot, win, ui, 3)
    gutter = win.reader.gutter
    qtbot.waitUntil(lambda: bool(gutter.row_texts()))
    texts = [text for _top, text, _badges in gutter.row_texts()]
    assert "⚖ Disputed +1" in texts or "⚖ +1" in texts
    assert all("…" not in t for t in texts)
    # A click on the chip selects a highlight of the line; clicking again, the next one.
    gutter.repaint()
    (rect, _badges), = [c for c in gutter.chip_rects() if len(c[1]) == 2]
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=rect.center())
    picked = win.notes.current_id()
    qtbot.mouseClick(gutter, Qt.MouseButton.LeftButton, pos=rect.center())
    assert {picked, win.notes.current_id()} == {first, second}


def test_a_narrow_reader_still_shows_the_symbol_and_count(qtbot, window, seed_copy, ui):
    win = window(seed_copy, size=(800, 600))
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    _verdict(qtbot, win, ui, 2)
    ui.highlight(qtbot, win, "one of the largest", 1)
    _verdict(qtbot, win, ui, 3)
    gutter = win.reader.gutter
    gutter.resize(44, gutter.height())
    texts = [text for _top, text, _badges in gutter.row_texts()]
    assert texts and all(t.startswith("⚖") and "…" not in t for t in texts)


def test_the_column_gives_way_so_the_margin_keeps_the_verdicts_word(
        qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    _verdict(qtbot, win, ui, 2)
    ui.press(qtbot, win.reader, Qt.Key.Key_F9)  # the notes away: the reader alone
    reader = win.reader
    char = reader.fontMetrics().averageCharWidth()
    reader.set_measure(90)
    # Room for 90 characters and a symbol, not for 90 characters and a word.
    qtbot.wait(30)
    target = 90 * char + reader.verticalScrollBar().sizeHint().width() + 70
    win.resize(target + win.width() - reader.width(), 700)
    qtbot.waitUntil(lambda: reader.width() == target)
    qtbot.waitUntil(lambda: reader.gutter.row_texts() != [])
    qtbot.wait(30)
    assert [text for _top, text, _b in reader.gutter.row_texts()] == ["⚖ Disputed"]
    assert 59 <= reader.characters_per_line() < 89  # the column gave way


@pytest.mark.parametrize("size", [(1024, 768), (1024, 600)], ids=lambda s: "x".join(map(str, s)))
def test_at_1024_wide_with_the_notes_open_chips_keep_their_words(qtbot, window, seed_copy,
                                                                 ui, size):
    """The default window beside the notes pane: symbol and word, "+1" for a second
    verdict on the line, at a legible size, and the text still ≥ ~45 characters."""
    from desktop.ui.reader.view import MIN_MEASURE_CHARS

    win = window(seed_copy, size=size)
    assert not win.notes.isHidden()
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    _verdict(qtbot, win, ui, 5)  # ✘ Misleading: the widest word
    ui.highlight(qtbot, win, "one of the largest", 1)
    _verdict(qtbot, win, ui, 2)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    _verdict(qtbot, win, ui, 1)
    gutter = win.reader.gutter
    qtbot.wait(50)
    qtbot.waitUntil(lambda: len(gutter.row_texts()) >= 2)
    texts = [text for _top, text, _badges in gutter.row_texts()]
    labels = {b.label for _top, _text, badges in gutter.row_texts() for b in badges}
    assert all(any(label in t for label in labels) for t in texts), texts
    assert any(t.endswith(" +1") and " " in t[:-3] for t in texts), texts
    assert QFontInfo(gutter.label_font()).pixelSize() >= 11
    assert win.reader.characters_per_line() >= MIN_MEASURE_CHARS - 1


def test_the_bulk_count_of_badges_matches_adding_them_one_by_one(qtbot, window, seed_copy):
    """``set_badges`` counts words and shared paragraphs in bulk (50,000 at open):
    the same counts as badges added one at a time, and as removing them again."""
    from desktop.ui.reader.verdict_gutter import Badge

    win = window(seed_copy)
    gutter = win.reader.gutter
    block = win.reader.document().firstBlock()
    second = block.next()
    badges = [Badge(block.position(), "⚖", "Disputed", "", "a"),
              Badge(block.position() + 2, "✓", "Supported", "", "b"),
              Badge(second.position(), "⚖", "Disputed", "", "c")]
    gutter.set_badges(badges)
    bulk = (dict(gutter._words), dict(gutter._per_block), gutter._shared_blocks,
            gutter.wanted_width())
    gutter.set_badges([])
    for badge in badges:
        gutter.update_badge(badge.key, badge)
    assert (dict(gutter._words), dict(gutter._per_block), gutter._shared_blocks,
            gutter.wanted_width()) == bulk
    assert bulk[2] == 1 and bulk[0][("⚖", "Disputed")] == 2
    gutter.set_badges(badges)
    for badge in badges:
        gutter.update_badge(badge.key, None)
    assert not gutter._words and gutter._shared_blocks == 0 and gutter.wanted_width() == 0
