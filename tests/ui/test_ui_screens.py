"""The screenshot matrix (issue #17), a few of its shots offscreen: each keeps a reader
of at least ~45 characters a line and a margin whose chips read (symbol and word at
every size, legible size and contrast). ``python -m desktop.devtools.screens OUTDIR``
takes the whole matrix."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.devtools.demo import annotate
from desktop.devtools.screens import Shot, check, matrix, take
from desktop.ui.reader.themes import theme_manager
from tests.ui import helpers as ui

SUBSET = [Shot(800, 600, "light", True), Shot(1024, 768, "dark", False),
          Shot(1024, 768, "sepia", True), Shot(800, 600, "dark", False)]


@pytest.fixture(autouse=True)
def back_to_system_theme(qapp):
    yield
    theme_manager().apply("system")


def test_the_matrix_is_four_sizes_three_themes_search_open_and_closed():
    shots = matrix()
    assert len(shots) == 24 and len({s.name for s in shots}) == 24
    assert {(s.width, s.height) for s in shots} == {(800, 600), (1024, 768), (1280, 800),
                                                    (1920, 1080)}


def test_a_few_shots_keep_a_readable_text_and_a_legible_margin(qtbot, window, tmp_path):
    win = window(ui.SEED)
    annotate(win)
    results = take(SUBSET, tmp_path, window=win, app=QApplication.instance())
    for result in results:
        assert result.ok, result.line()
        assert result.chips
        image = QImage(str(result.path))
        assert (image.width(), image.height()) == (result.shot.width, result.shot.height)
    by_name = {r.shot.name: r for r in results}
    # Beside the notes at 1024×768, and beside Search Study at 800×600 (the reader at
    # its least measure), the chips keep their words.
    for name in ("1024x768-dark-notes", "800x600-light-search"):
        assert all(" " in chip for chip in by_name[name].chips), by_name[name].line()


def test_the_check_catches_a_chip_that_lost_its_word(qtbot, window):
    win = window(ui.SEED)
    annotate(win)
    win.resize(1024, 768)
    qtbot.wait(50)
    win.reader.gutter.setFixedWidth(30)  # a margin without room for words
    qtbot.wait(20)
    problems = check(win, Shot(1024, 768, "light", False), None).problems
    assert any("lost its word" in p for p in problems)
