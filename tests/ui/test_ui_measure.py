"""The reader keeps its measure (issue #17): never fewer than ~45 characters a line;
side panels fold away (F9 notes, F10 Search Study) and the window fits 1024×600."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.crosscheck import Stance
from desktop.domain.model import Reference
from desktop.ui.dialogs.crosscheck_dialogs import AttachChoice
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
    win = window(seed_copy, size=(800, 600))
    settle(qtbot, win)
    if win.notes.isHidden():  # folded at this size by the window: F9 brings them
        ui.press(qtbot, win.reader, Qt.Key.Key_F9)
        settle(qtbot, win)
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


def test_f9_at_800_by_600_shows_the_notes_beside_a_readable_text(qtbot, window, seed_copy, ui):
    """The notes the user asks for at 800×600 fit beside the text: an open card's rows
    of buttons wrap instead of widening the pane past what the reader can spare, and
    nothing in the card overlaps."""
    win = window(seed_copy, size=(800, 600))
    ui.highlight(qtbot, win, "9,000 troops", 1)  # a card open in the notes
    settle(qtbot, win)
    if not win.notes.isHidden():
        ui.press(qtbot, win.reader, Qt.Key.Key_F9)
        settle(qtbot, win)
    ui.press(qtbot, win.reader, Qt.Key.Key_F9)
    settle(qtbot, win)
    assert not win.notes.isHidden()
    assert readable(qtbot, win)
    for comment in ("Cap is 5,200, not 9,000, by the Pentagon's count of March 2017.",
                    "A second source, with a comment long enough to wrap twice here."):
        reference = Reference(title="DoD press briefing on troop numbers in Iraq")
        win.prompts.script("attach_reference",
                           AttachChoice(reference, True, Stance.CONTRADICTS, comment))
        ui.press(qtbot, win.reader, Qt.Key.Key_R, ui.CTRL | ui.SHIFT)
    card, evidence = win.notes.card, win.notes.card.evidence
    qtbot.waitUntil(lambda: evidence.list.count() == 2)
    settle(qtbot, win)
    assert all(b.isVisible() for b in (evidence.attach, evidence.edit, evidence.open,
                                       evidence.detach))
    assert readable(qtbot, win)
    assert win.notes.minimumSizeHint().width() <= 320
    # The buttons wrapped under the list, inside the card, which is as tall as it needs.
    qtbot.waitUntil(lambda: card.height() >= card.height_for(card.width())
                    and evidence.height() >= evidence.heightForWidth(evidence.width()))
    lowest = max(b.geometry().bottom() for b in (evidence.attach, evidence.detach))
    assert evidence.attach.geometry().top() > evidence.list.geometry().bottom()
    assert lowest <= evidence.height()
    assert evidence.detach.geometry().top() > evidence.attach.geometry().top()  # wrapped
    assert card.width() >= card.minimumSizeHint().width()  # not squeezed: labels whole


def test_notes_folded_for_search_at_800_by_600_come_back_when_it_closes(qtbot, window,
                                                                        seed_copy, ui):
    """The notes the window folded to make room for Search Study return with its room:
    the same 800×600 window shows them whether or not Search Study was ever opened."""
    win = window(seed_copy, size=(800, 600))
    settle(qtbot, win)
    assert not win.notes.isHidden()
    ui.press(qtbot, win.reader, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: win.tag_ops.dock is not None and win.tag_ops.dock.isVisible())
    qtbot.waitUntil(win.notes.isHidden)
    assert readable(qtbot, win)
    ui.press(qtbot, win.reader, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not win.notes.isHidden())
    assert readable(qtbot, win)


def test_notes_folded_in_a_small_window_come_back_with_their_share_in_a_large_one(
        qtbot, window, seed_copy, ui):
    win = window(seed_copy, size=(800, 600))
    settle(qtbot, win)
    ui.press(qtbot, win.reader, Qt.Key.Key_F10)
    qtbot.waitUntil(win.notes.isHidden)
    win.resize(1280, 800)
    settle(qtbot, win)
    ui.press(qtbot, win.reader, Qt.Key.Key_F10)  # Search Study closed: the notes return
    qtbot.waitUntil(lambda: not win.notes.isHidden())
    settle(qtbot, win)
    total = sum(win.splitter.sizes())
    assert win.splitter.sizes()[1] >= total * 3 // 8 - 8  # as a fresh window gives them
    assert readable(qtbot, win)
