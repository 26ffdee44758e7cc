"""The reader keeps its measure (issue #17): never fewer than ~45 characters a line;
side panels fold away (F9 notes, F10 Search Study) and the window fits 1024×600."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.reader.view import MIN_MEASURE_CHARS


def settle(qtbot, win) -> None:
    qtbot.wait(30)  # the keeper fits once the layout has settled (a zero timer)


def readable(qtbot, win) -> bool:
    """Wait for the text to be laid out again, then: does a line hold the minimum?"""
    try:
        qtbot.waitUntil(lambda: win.reader.characters_per_line() >= MIN_MEASURE_CHARS - 1,
                        timeout=2000)
    except AssertionError:
        return False
    settle(qtbot, win)
    return win.reader.characters_per_line() >= MIN_MEASURE_CHARS - 1


def test_the_window_fits_a_1024_by_600_screen(window, seed_copy):
    win = window(seed_copy)
    assert win.minimumSize().width() <= 1024 and win.minimumSize().height() <= 560
    assert win.minimumSizeHint().width() <= 1024 or win.minimumSize().width() <= 1024


def test_a_narrow_window_folds_the_panels_before_crushing_the_reader(qtbot, window, seed_copy):
    win = window(seed_copy, size=(1280, 800))
    win.open_search_pane()
    settle(qtbot, win)
    for width in (1024, 800):
        win.resize(width, 600)
        assert readable(qtbot, win), width
    assert win.tag_ops.dock.isHidden()  # Search Study went first
    assert not win.menu_actions.toggle_search.isChecked()
    # Wide again: what the window folded on its own comes back.
    win.resize(1600, 900)
    qtbot.waitUntil(lambda: not win.notes.isHidden(), timeout=3000)
    assert win.menu_actions.toggle_notes.isChecked()


def test_f9_and_f10_toggle_the_panels_and_search_never_crushes_the_reader(
        qtbot, window, seed_copy, ui):
    win = window(seed_copy, size=(1024, 700))
    ui.press(qtbot, win.reader, Qt.Key.Key_F9)
    assert win.notes.isHidden() and not win.menu_actions.toggle_notes.isChecked()
    ui.press(qtbot, win.reader, Qt.Key.Key_F9)
    assert not win.notes.isHidden()
    ui.press(qtbot, win.reader, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: win.tag_ops.dock is not None and win.tag_ops.dock.isVisible())
    settle(qtbot, win)
    assert readable(qtbot, win)
    assert win.notes.isHidden()  # no room for both: the notes folded, F9 brings them
    ui.press(qtbot, win.reader, Qt.Key.Key_F9)
    settle(qtbot, win)
    assert not win.notes.isHidden() and win.tag_ops.dock.isHidden()
    assert readable(qtbot, win)


def test_the_reading_column_has_a_maximum_width_kept_centred(qtbot, window, seed_copy):
    win = window(seed_copy, size=(1900, 900))
    win.notes.hide()
    settle(qtbot, win)
    reader = win.reader
    reader.set_measure(50)
    qtbot.wait(30)
    assert reader.characters_per_line() <= 52
    margins = reader.viewportMargins()
    assert abs(margins.left() - margins.right()) <= 4 + reader.verticalScrollBar().width()
    reader.set_measure(90)
    qtbot.wait(30)
    assert reader.characters_per_line() > 80


def test_a_wide_notes_pane_gives_the_verdicts_words_room(qtbot, window, seed_copy, ui):
    """Notes wider than their minimum narrow (never fold) so the margin keeps words."""
    win = window(seed_copy, size=(1024, 768))
    ui.highlight(qtbot, win, "9,000 troops", 1)
    ui.press(qtbot, win.reader, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    total = sum(win.splitter.sizes())
    win.splitter.setSizes([total - 560, 560])  # the reader at its least measure
    win.splitter.splitterMoved.emit(total - 560, 1)
    gutter = win.reader.gutter
    qtbot.waitUntil(lambda: [t for _top, t, _b in gutter.row_texts()] == ["⚖ Disputed"])
    assert not win.notes.isHidden()
    assert readable(qtbot, win)


def test_search_study_at_800_by_600_narrows_before_crushing_the_reader(qtbot, window,
                                                                         seed_copy):
    win = window(seed_copy, size=(800, 600))
    settle(qtbot, win)
    win.open_search_pane()
    qtbot.waitUntil(lambda: win.tag_ops.dock is not None and win.tag_ops.dock.isVisible())
    assert readable(qtbot, win)
