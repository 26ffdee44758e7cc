"""Checkable categories in the window (issue #17): only passages that take a verdict get
verdict controls, margin chips and a place in the counts; a study may change which."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.crosscheck import Verdict


def _verdict(qtbot, win, ui, number: int) -> None:
    alt = Qt.KeyboardModifier.AltModifier
    ui.press(qtbot, win.reader, getattr(Qt.Key, f"Key_{number}"), ui.CTRL | alt)


def _category_number(win, category_id: str) -> int:
    return [c.id for c in win.session.study.categories].index(category_id) + 1


def test_a_question_takes_no_verdict_until_its_category_is_made_checkable(
        qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    hid = ui.highlight(qtbot, win, "9,000 troops", _category_number(win, "question"))
    _verdict(qtbot, win, ui, 3)  # ✘ False: refused, with a word on why
    h = win.session.study.highlights[hid]
    assert h.verdict is Verdict.UNVERIFIED
    assert "take no verdict" in win.statusBar().currentMessage()
    detail = win.notes.card
    assert not detail.verdict.combo.isEnabled()
    assert win.reader.gutter.badges() == []
    assert "claims checked" not in win.status_summary.text()

    menu = win.findChild(type(win.highlight_menu), "checkableCategoriesMenu")
    (question,) = [a for a in menu.actions() if a.text() == "Question"]
    question.trigger()
    assert win.session.study.category("question").checkable
    _verdict(qtbot, win, ui, 3)
    assert h.verdict is Verdict.FALSE
    assert "1/1 claims checked" in win.status_summary.text()
    assert len(win.reader.gutter.badges()) == 1
    win.menu_actions.undo.trigger()  # the verdict
    win.menu_actions.undo.trigger()  # the category's checkability
    assert not win.session.study.category("question").checkable


def test_after_a_verdict_the_rationale_has_the_focus(qtbot, window, seed_copy, ui):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "9,000 troops", _category_number(win, "claim"))
    win.notes.focus_tags()
    _verdict(qtbot, win, ui, 2)
    rationale = win.notes.card.verdict.rationale
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rationale)
    qtbot.keyClicks(rationale, "two sources disagree")
    qtbot.waitUntil(lambda: any(h.rationale == "two sources disagree"
                                for h in win.session.study.highlights.values()))
    assert all(not h.tags for h in win.session.study.highlights.values())


def test_a_card_shows_stances_review_state_and_the_notes_first_line():
    from desktop.domain.crosscheck import Stance
    from desktop.domain.factory import make_highlight
    from desktop.domain.model import Citation, Document
    from desktop.domain.sample_study import build_sample_study  # noqa: F401 (a real study)
    from desktop.ui.notes.highlight_list import card_parts
    from tests.domain.crosscheck_helpers import TEXT

    h = make_highlight(Document(text=TEXT, title="t", id="d"), 0, 5, "claim")
    h.citations = [Citation("r1", Stance.SUPPORTS, ""), Citation("r2", Stance.CONTRADICTS, ""),
                   Citation("r3", Stance.CONTRADICTS, "")]
    h.note = "\n## **Check the number.** Find the count\n- [ ] briefing"
    stances, state, line = card_parts(h, True)
    assert stances == f"{Stance.SUPPORTS.symbol}1 {Stance.CONTRADICTS.symbol}2"
    assert state == ""  # a draft says nothing
    assert line == "Check the number. Find the count"
    assert card_parts(h, False)[1] == ""
