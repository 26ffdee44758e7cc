"""The status bar counts words, highlights by category and checked claims."""

from __future__ import annotations

from desktop.domain.crosscheck import Verdict
from tests.ui import helpers as ui
from tests.ui.helpers import SEED


def test_status_bar_counts_words_highlights_and_checked_claims(qtbot, window):
    win = window(SEED)
    words = len(win.session.document.text.split())
    label = win.status_summary
    assert label.isVisible()
    assert label.text() == f"{words:,} words  ·  0 highlights"
    first = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    ui.highlight(qtbot, win, "pretended to fight ISIS", 2)
    assert label.text() == (f"{words:,} words  ·  3 highlights (2 claim, 1 evidence)"
                            "  ·  0/2 claims checked")
    win.checks.set_verdict(first, Verdict.DISPUTED, "")
    assert label.text().endswith("1/2 claims checked")
    win.session.undo_stack.undo()
    assert label.text().endswith("0/2 claims checked")
    before = label.text()
    ui.type_text(qtbot, win.notes.card.note.editor, "a note")  # typing changes no count
    assert label.text() == before


def test_japanese_words_are_counted_by_character(qtbot, window, tmp_path):
    path = tmp_path / "kusamakura.txt"
    path.write_text("山路を登りながら、こう考えた。\n智に働けば角が立つ。", encoding="utf-8")
    win = window(path)
    # 13 + 9 Han/kana characters; str.split() saw two "words"
    assert win.status_summary.text().startswith("22 words  ·  ")


def message_room(win) -> int:
    """How wide the status bar's message may be: up to its first visible permanent
    widget (QStatusBar paints the message there and clips it)."""
    bar = win.statusBar()
    shown = [w for w in (win.status_summary, win.document_status) if w.isVisible()]
    edge = min((w.x() for w in shown), default=bar.width())
    return edge - 6  # the bar's own margin before the message


def test_the_notes_folded_message_is_not_clipped_in_the_narrowest_window(qtbot, window):
    """At the least window width (760) the notes fold away and say so; the summary
    steps aside while the message shows, and comes back after."""
    win = window(SEED, size=(1024, 700))
    for phrase, category in (("9,000 troops", 1), ("Harakat al-Nujaba", 1),
                             ("pretended to fight ISIS", 4), ("ties to Iran", 2),
                             ("occupiers", 3)):
        ui.highlight(qtbot, win, phrase, category)
    win.resize(760, 600)
    bar = win.statusBar()
    qtbot.waitUntil(lambda: "Notes folded" in bar.currentMessage())
    message = bar.currentMessage()
    qtbot.waitUntil(lambda: bar.fontMetrics().horizontalAdvance(message) <= message_room(win))
    bar.clearMessage()
    qtbot.waitUntil(win.status_summary.isVisible)
    assert "5 highlights" in win.status_summary.text()


def test_a_short_message_leaves_the_summary_in_place(qtbot, window):
    win = window(SEED, size=(1280, 800))
    win.statusBar().showMessage("Saved", 2000)
    qtbot.wait(20)
    assert win.status_summary.isVisible()


def test_the_fold_message_goes_when_the_notes_come_back(qtbot, window):
    win = window(SEED, size=(1024, 700))
    bar = win.statusBar()
    win.resize(760, 600)
    qtbot.waitUntil(lambda: "Notes folded" in bar.currentMessage())
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: not win.notes.isHidden(), timeout=3000)
    qtbot.waitUntil(lambda: "Notes folded" not in bar.currentMessage())
