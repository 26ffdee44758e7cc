"""Label styles are set in code (no application style sheet); they must still show."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tests.ui import helpers as ui


def test_summaries_are_bold_and_hints_italic_in_the_interface_font(window):
    win = window(ui.SEED)
    app_font = QApplication.font()
    for label in (win.notes.summary, win.notes.source.document_label,
                  win.notes.references.summary):
        assert label.font().weight() >= QFont.Weight.DemiBold
        assert label.font().family() == app_font.family()  # only the weight is set
        assert label.font().pointSizeF() == app_font.pointSizeF()
    assert win.notes.empty.font().italic()
    assert not win.notes.summary.font().italic()


def test_the_detail_quote_is_italic(qtbot, window):
    win = window(ui.SEED)
    ui.highlight(qtbot, win, "9,000 troops", 1)
    assert win.notes.card.quote.font().italic()


def test_the_verdict_margin_uses_the_interface_font_not_the_reading_font(window):
    win = window(ui.SEED)
    gutter_font = win.reader.gutter.label_font()
    assert gutter_font.family() == QApplication.font().family()
    assert gutter_font.family() != win.reader.font().family()  # a serif reading font
    assert gutter_font.pointSizeF() < win.reader.font().pointSizeF()
