"""The counts above the highlights list read alike past a thousand."""

from __future__ import annotations

from desktop.domain.factory import make_highlight
from desktop.storage.opening import open_path
from desktop.storage.saving import save_study


def test_the_counts_above_the_list_group_thousands(qtbot, window, tmp_path, seed_copy):
    """Counts past a thousand read alike: "1,001 of 1,200 claims checked", not
    "1001 of 1,200"; the verdicts' counts and "Showing … of …" too."""
    from desktop.domain.crosscheck import Verdict

    opened = open_path(seed_copy)
    document = opened.study.main_document
    for i in range(1_200):
        h = make_highlight(document, i % 300, i % 300 + 5, "claim")
        h.verdict = Verdict.SUPPORTED if i < 1_001 else Verdict.UNVERIFIED
        opened.study.highlights[h.id] = h
    path = tmp_path / "many.crosslight"
    save_study(opened.study, path)
    win = window(path)
    summary = win.notes.summary
    qtbot.waitUntil(lambda: "claims checked" in summary.text())
    assert "1,001 of 1,200 claims checked" in summary.text()
    assert "Supported 1,001" in summary.text()
    combo = win.notes.verdict_filter
    combo.setCurrentIndex(combo.findData("supported"))
    combo.activated.emit(combo.currentIndex())  # as a user's choice
    assert "Showing 1,001 of 1,200" in summary.text()
