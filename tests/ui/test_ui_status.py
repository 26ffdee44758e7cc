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
