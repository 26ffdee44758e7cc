"""Right-to-left reading: Persian and Arabic paragraphs align right with correct bidi,
and selecting, highlighting, painting, clicking and verdicts work on them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

from desktop.domain.crosscheck import Verdict
from desktop.ui.notes.highlight_list import _body_flags
from tests.ui import helpers as ui

PERSIAN = ("گزارش تازه نشان می‌دهد که نیروهای محلی در شهر مستقر هستند و هیچ برنامه‌ای "
           "برای خروج ندارند؛ مقام‌ها می‌گویند این وضعیت تا پایان سال ادامه خواهد داشت "
           "و مردم باید صبور باشند.")
ENGLISH = "According to the report, 9,000 troops remain in the region 🙂 today."
ARABIC = "قال المتحدث إن القوات ستبقى في المدينة حتى نهاية العام المقبل."
MIXED = "سخنگو گفت: «ما هرگز فراموش نمی‌کنیم» — this quote was aired yesterday."
EMOJI = "خبر خوب 🎉 برای همه مردم این شهر است."
TEXT = "\n\n".join([PERSIAN, ENGLISH, ARABIC, MIXED, EMOJI]) + "\n"


@pytest.fixture
def rtl_window(window, tmp_path):
    path = tmp_path / "rtl-fa.txt"
    path.write_text(TEXT, encoding="utf-8")
    return window(path)


def _block_of(win, ui, phrase):
    start = ui.u16(TEXT, TEXT.index(phrase))
    return win.reader.document().findBlock(start)


def _rects(win, ui, phrase):
    """The rectangles the reader paints for ``phrase`` (viewport coordinates)."""
    reader = win.reader
    at = TEXT.index(phrase)
    start, end = ui.u16(TEXT, at), ui.u16(TEXT, at + len(phrase))
    block = reader.document().findBlock(start)
    origin = reader.blockBoundingGeometry(block).translated(reader.contentOffset()).topLeft()
    return reader.line_rects(block, origin, start, end)


def _x_of(win, ui, cp):
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(ui.u16(TEXT, cp))
    return win.reader.cursorRect(cursor).center()


def test_rtl_paragraphs_align_right_and_ltr_ones_left(rtl_window):
    win = rtl_window
    block = win.reader.document().firstBlock()
    seen = {Qt.LayoutDirection.RightToLeft: 0, Qt.LayoutDirection.LeftToRight: 0}
    while block.isValid():
        layout = block.layout()
        if block.text():
            direction = block.textDirection()
            seen[direction] += 1
            for i in range(layout.lineCount()):  # every line, the short last one too
                line = layout.lineAt(i)
                rect = line.naturalTextRect()
                if direction == Qt.LayoutDirection.RightToLeft:
                    assert rect.right() == pytest.approx(line.x() + line.width(), abs=2)
                    assert rect.left() > line.x() + 2 or rect.width() > line.width() - 40
                else:
                    assert rect.left() == pytest.approx(line.x(), abs=1)
        block = block.next()
    assert seen == {Qt.LayoutDirection.RightToLeft: 4, Qt.LayoutDirection.LeftToRight: 1}
    assert win.reader.document().firstBlock().layout().lineCount() >= 2  # it wraps


def test_keyboard_selection_of_a_persian_word_makes_a_highlight_of_it(qtbot, rtl_window):
    win = rtl_window
    word = "نیروهای"
    cursor = win.reader.textCursor()
    cursor.setPosition(ui.u16(TEXT, TEXT.index(word)))
    win.reader.setTextCursor(cursor)
    # In a right-to-left paragraph the next word is to the left.
    ui.press(qtbot, win.reader, Qt.Key.Key_Left, ui.CTRL | ui.SHIFT)
    assert win.reader.textCursor().selectedText().strip() == word
    ui.press(qtbot, win.reader, Qt.Key.Key_1, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert h.quote.exact == word
    assert (h.start, h.end) == (TEXT.index(word), TEXT.index(word) + len(word))


def test_double_click_on_an_arabic_word_selects_it_for_a_highlight(qtbot, rtl_window):
    win = rtl_window
    word = "المتحدث"
    at = TEXT.index(word)
    middle = (_x_of(win, ui, at) + _x_of(win, ui, at + len(word))) / 2
    qtbot.mouseDClick(win.reader.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert win.reader.textCursor().selectedText() == word
    ui.press(qtbot, win.reader, Qt.Key.Key_2, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert (h.quote.exact, h.category_id) == (word, "evidence")


def test_a_highlight_in_an_rtl_paragraph_is_painted_on_the_right(qtbot, rtl_window):
    win = rtl_window
    phrase = "گزارش تازه"  # the paragraph's first words: at its right edge
    hid = ui.highlight(qtbot, win, phrase, 1)
    win.reader.select_range(0, 0)
    win.notes.list.clearSelection()
    win.reader.set_selected_key(None)
    (rect,) = _rects(win, ui, phrase)
    half = win.reader.viewport().width() / 2
    assert rect.left() > half and rect.width() > 20
    # The fill is really there on screen, and not on the left of that line.
    fill = win.reader.fill_color(win.reader.ranges[0].color)
    image = win.reader.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    y = int(rect.top() + 3)
    hits = [x for x in range(image.width()) if QColor(image.pixel(x, y)) == fill]
    assert hits and min(hits) >= rect.left() - 1 and max(hits) <= rect.right() + 1
    # Clicking the painted passage picks the highlight.
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center().toPoint())
    assert win.notes.current_id() == hid


def test_a_span_across_a_direction_change_paints_each_run_apart(qtbot, rtl_window):
    win = rtl_window
    phrase = "نمی‌کنیم» — this quote"
    ui.highlight(qtbot, win, phrase, 3)
    assert _block_of(win, ui, phrase).layout().lineCount() == 1
    rects = _rects(win, ui, phrase)
    assert len(rects) == 2
    assert rects[0].top() == rects[1].top()  # one line, two runs
    left, right = sorted(rects, key=lambda r: r.left())
    assert left.right() < right.left()
    # Between the two runs lies text that is not highlighted: "was aired … yesterday".
    for word in ("aired", "yesterday"):
        x = _x_of(win, ui, MIXED.index(word) + TEXT.index(MIXED) + 1).x()
        assert left.right() < x < right.left()
    # The English part is where "this quote" is drawn, left of the Persian part.
    this_x = _x_of(win, ui, TEXT.index("this quote") + 2).x()
    assert left.left() <= this_x <= left.right()


def test_emoji_inside_an_rtl_paragraph(qtbot, rtl_window):
    win = rtl_window
    phrase = "🎉 برای"
    hid = ui.highlight(qtbot, win, phrase, 4)
    assert win.session.study.highlights[hid].quote.exact == phrase
    rects = _rects(win, ui, phrase)
    assert rects and all(r.width() > 0 for r in rects)
    assert min(r.left() for r in rects) > win.reader.viewport().width() / 2


def test_the_verdict_gutter_marks_an_rtl_claim_on_its_line(qtbot, rtl_window):
    win = rtl_window
    word = "المدينة"
    hid = ui.highlight(qtbot, win, word, 1)  # a claim
    win.highlights.set_verdict(Verdict.FALSE)
    (badge,) = win.reader.gutter.badges()
    assert (badge.key, badge.symbol) == (hid, Verdict.FALSE.symbol)
    ((top, height, badges),) = win.reader.gutter._visible_rows()
    assert badges == [badge]
    (rect,) = _rects(win, ui, word)
    assert top <= rect.center().y() <= top + height


def test_lists_and_detail_show_rtl_quotes_from_the_right(qtbot, rtl_window):
    win = rtl_window
    ui.highlight(qtbot, win, "مقام‌ها می‌گویند", 2)
    flags = _body_flags("مقام‌ها می‌گویند")
    assert flags & Qt.AlignmentFlag.AlignRight.value
    assert flags & Qt.TextFlag.TextForceRightToLeft.value
    assert not _body_flags("9,000 troops") & Qt.AlignmentFlag.AlignRight.value
    label = win.notes.card.quote
    assert label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert label.property("rtl") is True
    assert not label.font().italic()  # Arabic script is set upright
    ui.highlight(qtbot, win, "9,000 troops", 2)
    assert label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert label.font().italic()


def test_mixed_english_line_with_a_persian_phrase(qtbot, window, tmp_path):
    """A left-to-right paragraph holding a Persian phrase: the phrase still paints where
    it is drawn, and a highlight of English words beside it stays one rectangle."""
    text = "The minister said «ما هرگز فراموش نمی‌کنیم» and then left the room.\n"
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    win = window(path)
    reader = win.reader
    block = reader.document().firstBlock()
    assert block.textDirection() == Qt.LayoutDirection.LeftToRight
    origin = reader.blockBoundingGeometry(block).translated(reader.contentOffset()).topLeft()
    phrase = "فراموش نمی‌کنیم"
    at = text.index(phrase)
    (rect,) = reader.line_rects(block, origin, at, at + len(phrase))
    ends = [reader.cursorRect(_cursor(reader, at + k)).center().x() for k in (1, len(phrase) - 1)]
    assert all(rect.left() <= x <= rect.right() for x in ends)
    english = text.index("and then")
    (rect,) = reader.line_rects(block, origin, english, english + len("and then"))
    x = reader.cursorRect(_cursor(reader, english + 4)).center().x()
    assert rect.width() > 20 and rect.left() < x < rect.right()


def _cursor(reader, pos):
    cursor = QTextCursor(reader.document())
    cursor.setPosition(pos)
    return cursor
