"""The minimap: marks where the highlights and matches are, scrolls on click, names
highlights in tooltips, repaints its marks only on change, copes with 20,000."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop.bench.data import make_text
from desktop.domain.crosscheck import Verdict
from desktop.storage.settings import load_settings
from desktop.ui.reader.minimap import PAD, VERDICT_COLORS
from desktop.ui.reader.themes import theme_manager
from desktop.ui.reader.view import PaintRange
from tests.ui import helpers as ui

CLAIM, EVIDENCE = "#f2b134", "#3fb57d"


@pytest.fixture
def book(tmp_path):
    """A text long enough to scroll many screens."""
    path = tmp_path / "book.txt"
    path.write_text(make_text(120_000, seed=5), encoding="utf-8")
    return path


def _marks(minimap) -> QImage:
    return minimap.render_marks().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _color_at(image: QImage, x: int, y: float) -> str:
    return QColor(image.pixel(x, int(y))).name()


def _mark_x(minimap) -> int:
    return minimap.width() // 2 - 1


def _highlight_near(qtbot, win, ui, fraction: float, number: int) -> tuple[str, int]:
    """Highlight a word about ``fraction`` of the way into the text; its id and start."""
    text = win.session.document.text
    at = text.index(" ", int(len(text) * fraction)) + 1
    word = text[at:text.index(" ", at)]
    before = set(win.session.study.highlights)
    win.reader.select_range(ui.u16(text, at), ui.u16(text, at + len(word)))
    ui.press(qtbot, win.reader, getattr(Qt.Key, f"Key_{number}"), ui.CTRL)
    (hid,) = set(win.session.study.highlights) - before
    return hid, at


def test_the_minimap_sits_beside_the_reader_and_toggles(window, book):
    win = window(book)
    minimap = win.look.minimap
    assert minimap.isVisible()
    reader_right = win.reader.mapTo(win, QPoint(win.reader.width(), 0)).x()
    assert minimap.mapTo(win, QPoint(0, 0)).x() == reader_right  # right of the scroll bar
    assert minimap.height() == win.reader.height()
    view = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    assert win.look.actions.show_minimap in view.actions()
    win.look.actions.show_minimap.trigger()
    assert not minimap.isVisible() and load_settings().show_minimap is False
    assert not win.look.actions.minimap_by_verdict.isEnabled()


def test_hidden_minimap_stays_hidden_in_a_new_window(window, book):
    window(book).look.actions.show_minimap.trigger()
    assert not window(book).look.minimap.isVisible()


def test_marks_are_where_the_highlights_are_in_category_colours(qtbot, window, book):
    win = window(book)
    minimap = win.look.minimap
    empty = _marks(minimap)
    _, early = _highlight_near(qtbot, win, ui, 0.1, 1)
    _, late = _highlight_near(qtbot, win, ui, 0.8, 2)
    image = _marks(minimap)
    x = _mark_x(minimap)
    assert _color_at(image, x, minimap.y_of(early) + 1) == CLAIM
    assert _color_at(image, x, minimap.y_of(late) + 1) == EVIDENCE
    assert minimap.y_of(early) < minimap.height() * 0.2 < minimap.height() * 0.7 \
        < minimap.y_of(late)
    middle = minimap.y_of(int(len(win.session.document.text) * 0.45))
    assert _color_at(image, x, middle) == _color_at(empty, x, middle)  # nothing there


def test_colour_by_verdict(qtbot, window, book):
    win = window(book)
    minimap = win.look.minimap
    hid, at = _highlight_near(qtbot, win, ui, 0.5, 1)
    win.look.actions.minimap_by_verdict.trigger()
    assert minimap.by_verdict and load_settings().minimap_by_verdict
    x, y = _mark_x(minimap), minimap.y_of(at) + 1
    assert _color_at(_marks(minimap), x, y) == minimap.palette().mid().color().name()
    win.notes.select_highlight(hid)
    win.highlights.set_verdict(Verdict.FALSE)
    assert _color_at(_marks(minimap), x, y) == VERDICT_COLORS["false"]


def test_marks_are_cached_until_something_changes(qtbot, window, book):
    win = window(book)
    minimap = win.look.minimap
    minimap.repaint()
    painted = minimap.render_count
    bar = win.reader.verticalScrollBar()
    for value in (bar.maximum() // 3, bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        minimap.repaint()
    assert minimap.render_count == painted  # scrolling only moves the viewport box
    _highlight_near(qtbot, win, ui, 0.3, 1)
    minimap.repaint()
    assert minimap.render_count == painted + 1
    win.look.actions.themes["dark"].trigger()
    QApplication.processEvents()
    minimap.repaint()
    assert minimap.render_count == painted + 2
    theme_manager().apply("system")


def test_the_viewport_box_follows_scrolling(window, book):
    win = window(book)
    minimap = win.look.minimap
    first, last = win.reader.visible_span()
    assert minimap.y_of(first) == pytest.approx(PAD)
    bar = win.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    first, last = win.reader.visible_span()
    assert minimap.y_of(last) > minimap.height() - 2 * PAD - 2


def test_click_and_drag_scroll_the_reader_there(qtbot, window, book):
    win = window(book)
    minimap, reader = win.look.minimap, win.reader
    cursor_before = reader.textCursor().position()
    for fraction in (0.75, 0.25, 0.5):
        y = int(minimap.height() * fraction)
        qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(7, y))
        first, last = reader.visible_span()
        assert first <= minimap.offset_at(y) <= last
    qtbot.mousePress(minimap, Qt.MouseButton.LeftButton, pos=QPoint(7, 40))
    qtbot.mouseMove(minimap, QPoint(7, minimap.height() - 40))
    qtbot.mouseRelease(minimap, Qt.MouseButton.LeftButton, pos=QPoint(7, minimap.height() - 40))
    first, last = reader.visible_span()
    assert first <= minimap.offset_at(minimap.height() - 40) <= last
    assert reader.textCursor().position() == cursor_before  # scrolled, not moved


def test_tooltip_names_the_highlight_under_the_pointer(qtbot, window, book):
    win = window(book)
    minimap = win.look.minimap
    hid, at = _highlight_near(qtbot, win, ui, 0.6, 1)
    minimap.repaint()
    quote = win.session.study.highlights[hid].quote.exact
    tip = minimap.tooltip_at(minimap.y_of(at) + 1)
    assert tip.startswith("Claim: ") and quote in tip
    win.notes.select_highlight(hid)
    win.highlights.set_verdict(Verdict.DISPUTED)
    assert minimap.tooltip_at(minimap.y_of(at) + 1).startswith("Claim · ⚖ Disputed: ")
    assert minimap.tooltip_at(minimap.y_of(int(len(win.session.document.text) * 0.2))) == ""


def test_find_matches_show_as_ticks_and_stepping_keeps_the_marks(qtbot, window, book):
    win = window(book)
    minimap = win.look.minimap
    text = win.session.document.text
    word = "natasha"
    win.find_bar.open_bar()
    win.find_bar.edit.setText(word)
    assert win.reader.match_count > 3
    image = _marks(minimap)
    first = text.lower().index(word)
    tick = minimap.palette().highlight().color().name()
    assert _color_at(image, minimap.width() - 2, minimap.y_of(first)) == tick
    minimap.repaint()
    painted = minimap.render_count
    win.find_bar.next()
    win.find_bar.next()
    minimap.repaint()
    assert minimap.render_count == painted


def test_a_short_text_maps_onto_the_lines_it_covers(window):
    win = window(ui.SEED, size=(1280, 2400))
    minimap = win.look.minimap
    if win.reader.verticalScrollBar().maximum() > 0:
        pytest.skip("the screen is too small to show the whole article")
    minimap.repaint()
    end = len(win.session.document.text)
    assert minimap.y_of(end) < minimap.height() - 20


def test_twenty_thousand_highlights_on_a_book(qtbot, window, tmp_path):
    text = make_text(3_200_000)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    win = window(path)
    minimap = win.look.minimap
    step = len(text) // 20_000
    colors = [CLAIM, EVIDENCE]
    ranges = [PaintRange(i * step, i * step + 30, colors[i % 2], f"h{i}") for i in range(20_000)]
    win.reader.set_ranges(ranges)
    image = _marks(minimap)
    x = _mark_x(minimap)
    marked = [_color_at(image, x, y) for y in range(PAD, minimap.height() - PAD)]
    assert marked.count(CLAIM) + marked.count(EVIDENCE) > 0.9 * len(marked)
    assert minimap.tooltip_at(minimap.height() / 2).count("\n") >= 1


@pytest.mark.parametrize("by_verdict", [False, True], ids=["by category", "by verdict"])
def test_a_recoloured_highlight_repaints_only_its_rows(qtbot, window, book, by_verdict):
    win = window(book)
    minimap = win.look.minimap
    if by_verdict:
        win.look.actions.minimap_by_verdict.trigger()
    ids = [_highlight_near(qtbot, win, ui, f, 1)[0] for f in (0.2, 0.2005, 0.5, 0.9)]
    minimap.repaint()
    painted = minimap.render_count
    win.highlights.set_category(ids[0], "question")  # ids[1], later, is drawn over it in their rows
    win.notes.select_highlight(ids[2])
    win.highlights.set_verdict(Verdict.FALSE)
    minimap.repaint()
    assert minimap.render_count == painted  # patched in place
    patched = minimap._pixmap.toImage()
    assert patched == minimap.render_marks().toImage()  # the same as painting it all again


def _rows_one_by_one(ranges, scale, height, by_verdict, unchecked):
    """The minimap's rows as painting each range in turn leaves them (the loop that
    ``highlight_rows`` replaced): the reference its runs must match."""
    from PySide6.QtGui import QColor

    from desktop.ui.reader.minimap import MIN_MARK, PAD, VERDICT_COLORS

    limit = height + MIN_MARK + 1
    rows, checked = [None] * limit, [False] * limit
    for r in ranges:
        name = VERDICT_COLORS.get(r.verdict, "") if by_verdict else r.color
        color = QColor(name) if name else unchecked
        y0 = int(PAD + r.start * scale)
        y1 = max(int(PAD + r.end * scale) + 1, y0 + MIN_MARK)
        if y1 > limit:
            y0, y1 = min(y0, limit), limit
        for y in range(y0, y1):
            if not by_verdict or name:
                rows[y] = color
                checked[y] = checked[y] or bool(name)
            elif not checked[y]:
                rows[y] = color
    return [c.name() if c is not None else None for c in rows]


@pytest.mark.parametrize("by_verdict", [False, True], ids=["by category", "by verdict"])
def test_rows_painted_in_runs_match_painting_each_range(qtbot, by_verdict):
    import random

    from PySide6.QtGui import QColor

    from desktop.domain.crosscheck import Verdict
    from desktop.ui.reader.minimap import highlight_rows
    from desktop.ui.reader.view import PaintRange

    rng = random.Random(5)
    verdicts = [v.value for v in Verdict]
    colors = ["#f2b134", "#3fb57d", "#1aa9bc", "#e0567a"]
    for trial in range(40):
        text = rng.choice([2_000, 50_000, 3_000_000])
        ranges = []
        for i in range(rng.choice([1, 5, 300, 3_000])):
            start = rng.randrange(text)
            end = min(text + rng.choice([0, 500]), start + rng.choice([1, 5, 40, 2_000, 90_000]))
            ranges.append(PaintRange(start, end, rng.choice(colors), f"h{i}",
                                     rng.choice(verdicts)))
        ranges.sort(key=lambda r: (r.start, -r.end))
        height = rng.choice([40, 300, 700])
        scale = (height - 6) / text
        unchecked = QColor("#888888")
        ours = [c.name() if c is not None else None
                for c in highlight_rows(ranges, scale, height, by_verdict, unchecked)]
        assert ours == _rows_one_by_one(ranges, scale, height, by_verdict, unchecked), trial
