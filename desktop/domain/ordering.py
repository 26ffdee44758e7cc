"""Sorting by start in steps: what a large study's views need, cut into slices.

Views order passages by start and break ties another way (reading order: end, then
creation; the reader's paint: the longest first). Sorting 50,000 by a tuple key costs
several times a sort by an int, and any single pass over them holds the window for
tens of milliseconds on a slow machine. So the list is sorted by start, the starts are
collected and checked for ties a slice at a time, and only the (few, short) runs of
equal starts are sorted by the whole key.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")
_START = attrgetter("start")


def starts_in_steps(ordered: list[Any], step: int, key: Callable[[Any], int] = _START,
                    ) -> Generator[None, None, tuple[list[int], list[int]] | None]:
    """(every item's start, the positions whose start equals the one before), a slice
    of ``step`` at a time; None if ``ordered`` is not by start after all. ``key``:
    another int to go by (a margin badge's position)."""
    starts: list[int] = []
    tied: list[int] = []
    for at in range(0, len(ordered), step):
        first = list(map(key, ordered[at:at + step]))
        if first != sorted(first) or (starts and starts[-1] > first[0]):
            return None
        if len(set(first)) != len(first) or (starts and starts[-1] == first[0]):
            tied += [i for i in range(max(at, 1), at + len(first))
                     if (starts[i - 1] if i == at else first[i - at - 1]) == first[i - at]]
        starts += first
        yield
    return starts, tied


def sort_tied_runs(ordered: list[T], starts: list[int], tied: list[int],
                   key: Callable[[T], Any], reverse: bool = False) -> None:
    """Sort each run of equal starts (``tied`` from ``starts_in_steps``) by ``key``."""
    done = 0
    for i in tied:
        if i <= done:
            continue
        stop = i + 1
        while stop < len(starts) and starts[stop] == starts[i]:
            stop += 1
        ordered[i - 1:stop] = sorted(ordered[i - 1:stop], key=key, reverse=reverse)
        done = stop


def sort_by_start(items: list[T], key: Callable[[T], Any], reverse: bool = False) -> None:
    """Sort by start, then each run of equal starts by ``key``: in one go, for lists a
    view sorts at once (``starts_in_steps`` with one slice: nothing to wait between)."""
    items.sort(key=_START)
    steps = starts_in_steps(items, len(items) or 1)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            found = done.value
            break
    assert found is not None  # sorted by start just above
    starts, tied = found
    sort_tied_runs(items, starts, tied, key, reverse)
