"""The devtool behind the README's conflict-dialog picture still makes that picture:
three conflicts (two notes, two verdicts, a deletion), shown and saved."""

from __future__ import annotations

from desktop.devtools.merge_demo import conflicting_merge, main


def test_the_demo_merge_lists_the_three_conflicts_of_the_picture(qtbot, tmp_path):
    result = conflicting_merge()
    assert [c.field for c in result.conflicts] == [
        "changed on both sides", "changed on both sides", "deleted here, changed there"]
    assert "Pentagon" in result.conflicts[0].mine and "Reuters" in result.conflicts[0].theirs
    shot = tmp_path / "conflicts.png"
    assert main(["--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000
