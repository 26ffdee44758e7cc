"""The reader keeps its ranges by start, the longest first, ties in the order given:
painting bisects by start and nests by depth on that order. Sorted by start alone
(linear for ranges given in reading order), then each run of equal starts by end."""

from __future__ import annotations

import random

import pytest

from desktop.ui.reader import view as view_module
from desktop.ui.reader.view import PaintRange, ReaderView


@pytest.mark.parametrize("by_start", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_ranges_are_kept_by_start_longest_first_ties_in_their_order(qtbot, seed, by_start,
                                                                    monkeypatch):
    """Also in steps told the ranges come by start (checked: ranges that do not are
    sorted all the same), in slices smaller than the list."""
    monkeypatch.setattr(view_module, "RANGE_STEP", 7)
    rng = random.Random(seed)
    ranges = []
    for i in range(100 + seed):
        start = rng.randrange(40)  # many equal starts, and equal ends among them
        ranges.append(PaintRange(start, start + rng.randrange(1, 6), "#336699", f"h{i}"))
    if seed % 2:  # as the presenter gives them: in reading order (start, end)
        ranges.sort(key=lambda r: (r.start, r.end))
    view = ReaderView()
    qtbot.addWidget(view)
    view.setPlainText("x" * 60)
    for _ in view.set_ranges_in_steps(ranges, by_start=by_start):
        pass
    assert [r.key for r in view.ranges] == [
        r.key for r in sorted(ranges, key=lambda r: (r.start, -r.end))]
    assert view.range_of("h7") == next(r for r in ranges if r.key == "h7")
    assert [r.key for r in view.ranges_between(10, 11)] == [
        r.key for r in view.ranges if r.start < 11 and r.end > 10]


def test_ties_and_disorder_across_the_slices_boundaries(qtbot, monkeypatch):
    """Each slice alone in order and without ties, but a run of equal starts spans two
    slices, and a later slice starts before an earlier one ends."""
    monkeypatch.setattr(view_module, "RANGE_STEP", 2)
    view = ReaderView()
    qtbot.addWidget(view)
    view.setPlainText("x" * 60)
    across = [PaintRange(0, 5, "#336699", "a"), PaintRange(1, 2, "#336699", "b"),
              PaintRange(1, 9, "#336699", "c"), PaintRange(2, 3, "#336699", "d")]
    for _ in view.set_ranges_in_steps(across, by_start=True):
        pass
    assert [r.key for r in view.ranges] == ["a", "c", "b", "d"]
    disorder = [PaintRange(5, 6, "#336699", "e"), PaintRange(6, 7, "#336699", "f"),
                PaintRange(1, 2, "#336699", "g"), PaintRange(2, 3, "#336699", "h")]
    for _ in view.set_ranges_in_steps(disorder, by_start=True):
        pass
    assert [r.key for r in view.ranges] == ["g", "h", "e", "f"]


@pytest.mark.parametrize("step", [0, 3, 1000])
@pytest.mark.parametrize("seed", range(4))
def test_margin_badges_are_kept_by_position_then_key(qtbot, seed, step):
    """The margin's badges in steps: by position, ties by key; whether they come in
    order (the presenter's) or not, in any size of step."""
    from desktop.ui.reader.verdict_gutter import Badge

    rng = random.Random(seed)
    badges = [Badge(rng.randrange(30), "✓", "Supported", "", key=f"k{rng.randrange(99):02}")
              for _ in range(80)]
    if seed % 2:
        badges.sort(key=lambda b: b.position)
    view = ReaderView()
    qtbot.addWidget(view)
    view.setPlainText("x" * 60)
    for _ in view.gutter.set_badges_in_steps(badges, step):
        pass
    assert view.gutter._badges == sorted(badges, key=lambda b: (b.position, b.key))
    assert view.gutter._positions == sorted(b.position for b in badges)
