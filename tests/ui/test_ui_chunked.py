"""``ui/core/chunked``: a view's work in slices from the event loop, replaced when the
model changes, never run again after it fails."""

from __future__ import annotations

import pytest

from desktop.ui.core.chunked import Chunks


def _job(log: list, name: str, steps: int):
    for i in range(steps):
        log.append((name, i))
        yield


def test_a_job_does_its_first_step_at_once_and_the_rest_from_the_event_loop(qtbot):
    chunks, log = Chunks(), []
    chunks.run("a", _job(log, "a", 4))
    assert log == [("a", 0)] and chunks.busy
    with qtbot.waitSignal(chunks.finished, timeout=5000):
        pass
    assert log == [("a", i) for i in range(4)] and not chunks.busy


def test_a_job_run_again_replaces_the_one_under_way(qtbot):
    chunks, log = Chunks(), []
    chunks.run("a", _job(log, "old", 50))
    chunks.run("a", _job(log, "new", 3))
    qtbot.waitUntil(lambda: not chunks.busy, timeout=5000)
    assert log == [("old", 0), ("new", 0), ("new", 1), ("new", 2)]


def test_at_once_and_finish_run_to_the_end_now():
    chunks, log = Chunks(), []
    chunks.run("a", _job(log, "a", 3), at_once=True)
    assert len(log) == 3 and not chunks.busy
    chunks.run("b", _job(log, "b", 3))
    chunks.finish()
    assert len(log) == 6 and not chunks.busy


def test_a_job_that_fails_is_dropped(qtbot):
    chunks = Chunks()

    def failing():
        yield
        raise ValueError("broken view")

    chunks.run("a", failing())
    with pytest.raises(ValueError, match="broken view"):
        chunks.finish()
    assert not chunks.busy


def test_no_cyclic_collection_runs_while_views_catch_up(qtbot):
    """Full collections over the ranges and badges being made were the longest stalls:
    collection is paused while jobs run, and back (with the survivors frozen) after."""
    import gc

    assert gc.isenabled()
    chunks, log = Chunks(), []
    chunks.run("a", _job(log, "a", 3))
    assert not gc.isenabled()
    qtbot.waitUntil(lambda: not chunks.busy, timeout=5000)
    assert gc.isenabled()
    chunks.run("b", _job(log, "b", 2))

    def failing():
        yield
        raise ValueError("broken view")

    chunks.run("c", failing())
    with pytest.raises(ValueError):
        chunks.finish()
    assert gc.isenabled() and not chunks.busy
    gc.unfreeze()


def test_a_window_closed_before_its_views_caught_up_leaves_collection_on(qtbot):
    import gc

    from PySide6.QtCore import QObject
    from shiboken6 import delete

    owner = QObject()
    chunks, log = Chunks(owner), []
    chunks.run("a", _job(log, "a", 50))
    assert not gc.isenabled()
    delete(owner)  # the window and its continuation are gone, jobs unfinished
    assert gc.isenabled()
    gc.unfreeze()
