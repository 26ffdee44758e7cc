"""Who did what, as the user sees it: the detail panel's small print and the status bar
name whoever made the highlight and gave the verdict; it survives save and reopen."""

from __future__ import annotations

from desktop.domain.crosscheck import Verdict
from desktop.storage.opening import open_path
from desktop.storage.saving import save_study
from desktop.storage.settings import update_settings
from tests.ui.helpers import SEED


def choose_verdict(qtbot, win, verdict: Verdict) -> None:
    combo = win.notes.card.verdict.combo
    combo.setCurrentIndex(combo.findData(verdict.value))
    combo.activated.emit(combo.currentIndex())


def shown(label) -> str:
    """The label's text as read (its spaces are non-breaking within each part)."""
    return label.text().replace("\u00a0", " ")


def test_verdicts_and_highlights_name_their_people(qtbot, window, ui, tmp_path):
    update_settings(user_name="A. Rahimi", user_organisation="", blind_reviews=False)
    win = window(SEED)
    hid = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    byline = win.notes.card.verdict.byline
    assert shown(byline) == "made by A. Rahimi"
    choose_verdict(qtbot, win, Verdict.FALSE)
    assert shown(byline).startswith("made by A. Rahimi · verdict by A. Rahimi, ")
    assert win.status_summary.text().endswith("1/1 claims checked")
    # A colleague gives their own verdict on the same claim: side by side, and reviewed.
    update_settings(user_name="B. Lee")
    choose_verdict(qtbot, win, Verdict.DISPUTED)
    assert "2 reviewers: ✘ ⚖" in shown(byline)
    assert win.status_summary.text().endswith("1/1 claims checked, 1 reviewed")
    h = win.session.study.highlights[hid]
    assert [r.by.name for r in h.reviews] == ["A. Rahimi", "B. Lee"]
    win.session.undo_stack.undo()
    assert "reviewers" not in shown(byline) and len(h.reviews) == 1
    win.session.undo_stack.redo()
    path = tmp_path / "team.crosslight"
    save_study(win.session.study, path)
    back = open_path(path).study.highlights[hid]
    assert back.creator.name == "A. Rahimi"
    assert [(r.value, r.by.name) for r in back.reviews] == [
        (Verdict.FALSE, "A. Rahimi"), (Verdict.DISPUTED, "B. Lee")]


def test_blind_reviews_hide_others_until_you_gave_yours(qtbot, window, ui):
    update_settings(user_name="A. Rahimi", blind_reviews=True)
    win = window(SEED)
    ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    choose_verdict(qtbot, win, Verdict.FALSE)
    update_settings(user_name="B. Lee", blind_reviews=True)
    choose_verdict(qtbot, win, Verdict.DISPUTED)
    update_settings(user_name="C. Diaz", blind_reviews=True)
    byline = win.notes.card.verdict.byline
    hid = win.notes.current_id()
    win.notes.select_highlight(hid)
    win.notes.card.show_highlight(win.session.study, win.session.study.highlights[hid])
    text = byline.text().replace("\u00a0", " ")
    assert "2 reviewers (give yours to see theirs)" in text
    assert "✘" not in text and "verdict by" not in text and byline.toolTip() == ""
    assert win.notes.card.verdict.combo.currentData() == Verdict.UNVERIFIED.value
    choose_verdict(qtbot, win, Verdict.FALSE)
    text = byline.text().replace("\u00a0", " ")
    assert "3 reviewers: ✘ ⚖ ✘" in text
    assert "Verdict history:" in byline.toolTip()
    assert "Reviewers:\nA. Rahimi: ✘ False" in byline.toolTip()  # side by side
    assert "B. Lee: ⚖ Disputed" in byline.toolTip()


def test_the_editor_rules_and_the_ruling_stays_published(qtbot, window, ui):
    update_settings(user_name="A. Rahimi", blind_reviews=False)
    win = window(SEED)
    hid = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    choose_verdict(qtbot, win, Verdict.DISPUTED)
    update_settings(user_name="E. Editor")
    choose_verdict(qtbot, win, Verdict.FALSE)
    win.menu_actions.rule_verdict.trigger()
    h = win.session.study.highlights[hid]
    assert h.verdict is Verdict.FALSE and h.reviews[-1].kind == "ruling"
    update_settings(user_name="A. Rahimi")
    choose_verdict(qtbot, win, Verdict.SUPPORTED)  # a reviewer changes their mind later
    assert h.verdict is Verdict.FALSE
    assert "ruling by E. Editor" in win.notes.card.verdict.byline.text().replace("\u00a0", " ")
    assert win.status_summary.text().endswith("1/1 claims checked, 1 reviewed")
    win.session.undo_stack.undo()
    win.session.undo_stack.undo()
    assert h.verdict is Verdict.FALSE and all(r.kind == "review" for r in h.reviews)


def test_claims_filter_by_review_status(qtbot, window, ui):
    update_settings(user_name="A. Rahimi", blind_reviews=False)
    win = window(SEED)
    first = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    win.checks.set_verdict(first, Verdict.FALSE, "")
    update_settings(user_name="B. Lee")
    win.checks.set_verdict(first, Verdict.FALSE, "agree")
    combo = win.notes.verdict_filter
    for state, expected in (("reviewed", 1), ("draft", 1), ("ruled", 0)):
        combo.setCurrentIndex(combo.findData(f"status:{state}"))
        combo.activated.emit(combo.currentIndex())
        assert win.notes.model.card_count == expected, state
