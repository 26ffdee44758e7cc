"""Persian, English and emoji in one document: Qt counts UTF-16, the study code points."""

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.storage.studyfile import load_study
from tests.ui import helpers as ui

FAMILY = "👩\u200d👩\u200d👧"  # five code points, eight UTF-16 units
TEXT = (
    "گزارش: گروه نجبا اعلام کرد که نیروهای آمریکایی باید از عراق خارج شوند.\n"
    "According to the report 😀" + FAMILY + " the group said 9,000 US troops remain in Iraq.\n"
    "سخنگوی گروه گفت: «ما هرگز فراموش نمی‌کنیم» — this quote was aired on television.\n"
    "در مارس ۲۰۱۷ این گروه اعلام کرد که تیپ جدیدی تشکیل می‌دهد (March 2017) 🎉.\n"
)
WORD = "troops"
PERSIAN = "فراموش نمی‌کنیم"


@pytest.fixture
def mixed(tmp_path):
    path = tmp_path / "گزارش-mixed.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def u16(cp):
    return len(TEXT[:cp].encode("utf-16-le")) // 2


def test_text_after_emoji_is_stored_in_code_points(qtbot, window, mixed, tmp_path):
    win = window(mixed)
    assert win.reader.toPlainText() == TEXT
    start = TEXT.index(WORD)
    end = start + len(WORD)
    assert u16(start) == start + 4  # 😀 and three in the family: one extra unit each

    win.reader.select_range(u16(start), u16(end))
    assert win.reader.textCursor().selectedText() == WORD
    ui.press(qtbot, win.reader, Qt.Key.Key_2, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert (h.start, h.end, h.quote.exact) == (start, end, WORD)
    assert h.quote.prefix.endswith(FAMILY + " the group said 9,000 US ")
    assert ui.rows(win)[0]["text"] == WORD
    (painted,) = win.reader.ranges_at(u16(start))
    assert (painted.start, painted.end, painted.key) == (u16(start), u16(end), h.id)
    assert win.reader.ranges_at(start) == []  # a code-point offset would be 4 units early
    assert win.reader.ranges_at(u16(end)) == []

    # The emoji themselves, and Persian with a zero-width non-joiner.
    fam_at = TEXT.index(FAMILY)
    win.reader.select_range(u16(fam_at), u16(fam_at + len(FAMILY)))
    assert win.reader.textCursor().selectedText() == FAMILY
    qtbot.keyClick(win.reader, Qt.Key.Key_5, ui.CTRL)
    fa_at = TEXT.index(PERSIAN)
    win.reader.select_range(u16(fa_at), u16(fa_at + len(PERSIAN)))
    qtbot.keyClick(win.reader, Qt.Key.Key_3, ui.CTRL)
    study = win.session.study
    spans = sorted((x.start, x.end, x.quote.exact) for x in study.highlights.values())
    assert spans == [
        (fam_at, fam_at + 5, FAMILY),
        (start, end, WORD),
        (fa_at, fa_at + len(PERSIAN), PERSIAN),
    ]
    assert [r["text"] for r in ui.rows(win)] == [FAMILY, WORD, PERSIAN]  # document order
    (fam_range,) = win.reader.ranges_at(u16(fam_at) + 7)  # last unit of the family
    assert fam_range.end - fam_range.start == 8
    assert win.reader.ranges_at(u16(fa_at))[0].end == u16(fa_at + len(PERSIAN))

    # Click on the Persian phrase in the reader (right-to-left line) selects it.
    win.notes.list.setCurrentIndex(QModelIndex())
    qtbot.mouseClick(win.reader.viewport(), Qt.MouseButton.LeftButton,
                     pos=ui.point_at(win, fa_at + 3))
    assert win.notes.current_id() == win.reader.ranges_at(u16(fa_at))[0].key

    saved = ui.snapshot(win)
    path = tmp_path / "mixed.crosslight"
    win.prompts.save_paths.append(path)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert load_study(path).orphans == []
    again = window(path)
    assert ui.snapshot(again) == saved
    assert again.reader.ranges_at(u16(start))[0].key == h.id
    assert again.reader.ranges_at(u16(end) - 1)[0].key == h.id
    assert again.reader.ranges_at(u16(end)) == []


def test_selection_ending_inside_a_surrogate_pair_keeps_whole_characters(
    qtbot, window, mixed
):
    win = window(mixed)
    at = TEXT.index("report 😀")
    # End the selection between the two halves of 😀: the stored text stays valid.
    win.reader.select_range(u16(at), u16(at + len("report ")) + 1)
    ui.press(qtbot, win.reader, Qt.Key.Key_1, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    assert h.quote.exact == "report"  # half an emoji rounds down, then blanks are trimmed
    h.quote.exact.encode("utf-8")  # no lone surrogate: this would raise
    assert TEXT[h.start:h.end] == h.quote.exact
