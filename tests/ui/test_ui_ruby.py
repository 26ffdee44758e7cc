"""Ruby in the reader: the base text in the line, its reading as a tooltip over it, kept
through saving (issue #14, item 4)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.storage.studyfile import load_study
from tests.storage.test_ruby_readings import ARTICLE
from tests.ui import helpers as ui


def hover(qtbot, win, cp):
    """Ask the reader for a tooltip over the character at code point ``cp``."""
    point = ui.point_at(win, cp)
    viewport = win.reader.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_the_reading_is_a_tooltip_over_its_base_text(qtbot, window, tmp_path):
    page = tmp_path / "kusamakura.html"
    page.write_text(ARTICLE, encoding="utf-8")
    win = window(page)
    text = win.session.document.text
    assert "やまみち" not in win.reader.toPlainText()
    base = text.index("山路")
    assert win.reader.reading_at(ui.point_at(win, base + 1)) == "やまみち"
    assert win.reader.reading_at(ui.point_at(win, text.index("智"))) == "ち"
    assert win.reader.reading_at(ui.point_at(win, base + 3)) is None  # "登": no ruby
    assert hover(qtbot, win, base) == "やまみち"
    assert hover(qtbot, win, text.index("字")) == "じ"
    hid = ui.highlight(qtbot, win, "山路を登りながら", 1)
    assert win.session.study.highlights[hid].quote.exact == "山路を登りながら"

    target = tmp_path / "study.crosslight"
    win.prompts.save_paths.append(target)
    assert win.files.save()
    assert load_study(target).study.main_document.readings == win.session.document.readings
    again = window(target)
    assert again.reader.reading_at(ui.point_at(again, base)) == "やまみち"


def test_text_without_ruby_has_no_tooltip(qtbot, window, seed_copy):
    win = window(seed_copy)
    assert win.reader.reading_at(ui.point_at(win, 3)) is None
    assert hover(qtbot, win, 3) == ""
