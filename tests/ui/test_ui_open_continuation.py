"""A large study's window shows first and finishes drawing after (``ui/core/chunked``).

The reader's ranges and margin badges beyond the screen, the counts above the list and
in the status bar are made in slices from the event loop once the window shows. A user
must see complete data when that is done, exactly what drawing it all at once shows,
and an edit, an undo or a save meanwhile must be safe. Here "large" is lowered to a few
highlights and the slices are held until the test lets them run, so the continuation
is still under way whatever the machine's speed.
"""

from __future__ import annotations

import pytest

from desktop.domain.crosscheck import Verdict
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.ui.core import chunked
from desktop.ui.core.chunked import Chunks
from desktop.ui.reader import presenter
from tests.builders import study_with

WORDS = [f"passage{i:04d}" for i in range(300)]
VERDICTS = [Verdict.FALSE, Verdict.MISLEADING, Verdict.UNVERIFIED]


@pytest.fixture(params=["", "😀 𝔄 "], ids=["plain", "astral"])
def large(tmp_path, request):
    """A study of 300 highlights; "astral": UTF-16 offsets differ from code points."""
    study = study_with(request.param + " ".join(WORDS), WORDS)
    for i, h in enumerate(study.highlights.values()):
        h.verdict = Verdict.SUPPORTED if i < 60 else VERDICTS[i % 3]  # the screen: one kind
        h.category_id = "claim" if i % 2 else "question"
        h.tags = ["economy"] if i % 5 == 0 else ["sanctions"] if i % 7 == 0 else []
    path = tmp_path / "large.crosslight"
    save_study(study, path)
    return path


@pytest.fixture
def held(monkeypatch):
    """Large from 10 highlights, the first screen 600 characters; the continuation's
    slices wait while ``held["on"]``."""
    monkeypatch.setattr(chunked, "CHUNK_ABOVE", 10)
    monkeypatch.setattr(presenter, "FIRST_SCREEN_U16", 600)
    monkeypatch.setattr(presenter, "SLICE_HIGHLIGHTS", 7)
    state = {"on": True}
    real = Chunks._slice

    def slice_(self):
        if state["on"]:
            self._timer.start(5)  # look again soon
        else:
            real(self)

    monkeypatch.setattr(Chunks, "_slice", slice_)
    return state


def _seen(win):
    """What the user sees of the study: ranges, chips, counts."""
    return ([(r.start, r.end, r.color, r.key, r.verdict) for r in win.reader.ranges],
            [(b.position, b.symbol, b.label, b.key) for b in win.reader.gutter.badges()],
            win.notes.summary.text(), win.status_summary.text(),
            win.reader.gutter.wanted_width(),
            [win.notes.tag_filter.itemText(i) for i in range(win.notes.tag_filter.count())])


def _minimap_marks(win) -> bytes:
    """The minimap's marks as painted now (rows worked out in slices, or at once),
    without the viewport box, which follows scrolling."""
    win.minimap.grab()  # paints: the cached marks are made if stale
    image = win.minimap._pixmap.toImage()
    return bytes(image.constBits())


def _all_at_once(window, path, monkeypatch, marks: bool = False):
    with monkeypatch.context() as m:
        m.setattr(chunked, "CHUNK_ABOVE", 10**9)
        win = window(path)
        assert not win.current.later.busy
        seen = _seen(win) + ((_minimap_marks(win),) if marks else ())
        win.close()
        return seen


def _finish(qtbot, win, held):
    held["on"] = False
    qtbot.waitUntil(lambda: not win.current.later.busy, timeout=10_000)


def test_the_screen_shows_first_and_everything_after(qtbot, window, large, held, monkeypatch):
    whole = _all_at_once(window, large, monkeypatch, marks=True)
    assert len(whole[0]) == len(WORDS) and whole[1] and len(whole[-1]) > 2
    win = window(large)
    assert win.current.later.busy
    ranges = win.reader.ranges
    assert 0 < len(ranges) < len(WORDS)
    assert all(r.start < 600 for r in ranges)  # the screen's passages, nothing else yet
    assert win.notes.summary.text() == f"{len(WORDS)} highlights"  # until counted
    # The margin is as wide as the chips to come ("⚠ Misleading"), not only the
    # screen's ("✔ Supported"): the text is not laid out again when they arrive.
    assert {b.label for b in win.reader.gutter.badges()} == {"Supported"}
    assert win.reader.gutter.wanted_width() == whole[4]
    marks = _minimap_marks(win)  # the screen's passages only, for now
    _finish(qtbot, win, held)
    assert (*_seen(win), _minimap_marks(win)) == whole  # the minimap's too, in slices
    assert marks != whole[-1]


def test_an_edit_and_an_undo_during_the_continuation_are_drawn(
        qtbot, window, large, held, monkeypatch):
    study = load_study(large).study
    far = list(study.highlights)[-1]  # well past the first screen
    gone = list(study.highlights)[-2]
    win = window(large)
    assert win.current.later.busy and win.reader.range_of(far) is None
    win.checks.set_verdict(far, Verdict.MISLEADING, "out of context")
    win.highlights.delete(gone)
    _finish(qtbot, win, held)
    assert win.reader.range_of(far).verdict == Verdict.MISLEADING.value
    assert win.reader.range_of(gone) is None
    assert len(win.reader.ranges) == len(WORDS) - 1
    assert win.notes.summary.text().startswith(f"{len(WORDS) - 1} highlights")
    held["on"] = True
    win.session.undo_stack.undo()  # the deletion comes back
    win.session.undo_stack.undo()  # and the verdict goes
    assert win.current.later.busy
    _finish(qtbot, win, held)
    assert _seen(win) == _all_at_once(window, large, monkeypatch)


def test_a_save_right_after_opening_writes_every_highlight(qtbot, window, large, held):
    before = load_study(large).study
    win = window(large)
    assert win.current.later.busy
    win.checks.set_verdict(next(iter(before.highlights)), Verdict.FALSE, "checked")
    assert win.files.save()
    after = load_study(large).study
    assert set(after.highlights) == set(before.highlights)
    assert after.highlights[next(iter(before.highlights))].rationale == "checked"
    _finish(qtbot, win, held)
    assert len(win.reader.ranges) == len(WORDS)


def test_the_status_summary_counted_in_steps_says_what_counting_at_once_says(large):
    """``summary_steps`` adds up its counts step by step (a blind reviewer too)."""
    from desktop.domain.blind import EVERYONE, Viewer
    from desktop.domain.identity import Person
    from desktop.ui.window.status import summary_steps

    study = load_study(large).study
    document_id = next(iter(study.documents))
    for i, h in enumerate(study.highlights.values()):
        h.creator = Person("A. Rahimi" if i % 4 else "B. Lee")
    for viewer in (EVERYONE, Viewer(Person("B. Lee"), blind=True)):
        texts = {[t for t in summary_steps(study, document_id, 300, viewer, step)
                  if t is not None][-1] for step in (1, 7, 100, 10**6)}
        assert len(texts) == 1, texts
        assert "claims checked" in next(iter(texts))


def test_the_first_cards_show_with_the_window(qtbot, window, large, held, monkeypatch):
    """Qt's batched layout shows no row until it has placed every one; a large study's
    first layout is done in one pass, so the list is not empty when the window shows."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QListView

    from desktop.ui.notes.card_list import CardListView

    monkeypatch.setattr(CardListView, "setBatchSize",
                        lambda self, _n: QListView.setBatchSize(self, 5))  # 60 turns
    win = window(large)
    lst = win.notes.list
    assert lst.indexAt(QPoint(10, 10)).isValid()
    assert lst.layoutMode() == QListView.LayoutMode.Batched  # later layouts: in batches
    _finish(qtbot, win, held)
