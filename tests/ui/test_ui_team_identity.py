"""Who did what, as the user sees it: the detail panel's small print and the status bar
name whoever made the highlight and gave the verdict; it survives save and reopen."""

from __future__ import annotations

from desktop.domain.crosscheck import Verdict
from desktop.storage.opening import open_path
from desktop.storage.settings import update_settings
from desktop.storage.studyfile import save_study
from tests.ui.conftest import SEED


def choose_verdict(qtbot, win, verdict: Verdict) -> None:
    combo = win.notes.detail.verdict.combo
    combo.setCurrentIndex(combo.findData(verdict.value))
    combo.activated.emit(combo.currentIndex())


def test_verdicts_and_highlights_name_their_people(qtbot, window, ui, tmp_path):
    update_settings(user_name="A. Rahimi", user_organisation="")
    win = window(SEED)
    hid = ui.highlight(qtbot, win, "the 9,000 troops that are currently stationed in Iraq", 1)
    byline = win.notes.detail.verdict.byline
    assert byline.text() == "made by A. Rahimi"
    choose_verdict(qtbot, win, Verdict.FALSE)
    assert byline.text().startswith("made by A. Rahimi · verdict by A. Rahimi, ")
    assert win.status_summary.text().endswith("1/1 claims checked")
    # A colleague gives their own verdict on the same claim: side by side, and reviewed.
    update_settings(user_name="B. Lee")
    choose_verdict(qtbot, win, Verdict.DISPUTED)
    assert "2 reviewers: ✘ ⚖" in byline.text()
    assert win.status_summary.text().endswith("1/1 claims checked, 1 reviewed")
    h = win.session.study.highlights[hid]
    assert [r.by.name for r in h.reviews] == ["A. Rahimi", "B. Lee"]
    win.session.undo_stack.undo()
    assert "reviewers" not in byline.text() and len(h.reviews) == 1
    win.session.undo_stack.redo()
    path = tmp_path / "team.crosslight"
    save_study(win.session.study, path)
    back = open_path(path).study.highlights[hid]
    assert back.creator.name == "A. Rahimi"
    assert [(r.value, r.by.name) for r in back.reviews] == [
        (Verdict.FALSE, "A. Rahimi"), (Verdict.DISPUTED, "B. Lee")]
