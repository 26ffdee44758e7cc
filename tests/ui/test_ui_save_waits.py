"""Ctrl+S on a large study whose snapshot cache is not warm yet (just opened, or a
document's text just changed) waits for the cache, filled in slices from the event
loop, instead of building every highlight's data on the UI thread at once (2-2.5 s at
50,000 highlights). A save made otherwise meanwhile overtakes the waiting one."""

from __future__ import annotations

import orjson
from PySide6.QtCore import Qt

from desktop.domain.document_commands import UpdateDocumentText
from desktop.domain.factory import make_highlight
from desktop.storage import snapshot as snapshot_module
from desktop.storage.opening import open_path
from desktop.storage.saving import save_study
from desktop.ui.controllers import files as files_module
from desktop.ui.core import session as session_module
from tests.ui import helpers as ui


def _large_study(tmp_path, seed_copy):
    opened = open_path(seed_copy)
    document = opened.study.main_document
    words = [i for i in range(len(document.text) - 4) if document.text[i] == " "][:40]
    for at in words:
        h = make_highlight(document, at + 1, at + 4, "claim")
        opened.study.highlights[h.id] = h
    path = tmp_path / "large.crosslight"
    save_study(opened.study, path)
    return path


def _cold_window(qtbot, window, path, monkeypatch):
    monkeypatch.setattr(session_module, "SNAPSHOT_WAITS_ABOVE", 5)
    monkeypatch.setattr(session_module, "WARM_SLICE_WAITED", 0)  # one batch a turn
    win = window(path)
    win.session.snapshot.clear()  # as just after opening a large study
    return win


def test_ctrl_s_before_the_cache_is_warm_waits_for_it_in_slices(
        qtbot, window, tmp_path, seed_copy, monkeypatch):
    win = _cold_window(qtbot, window, _large_study(tmp_path, seed_copy), monkeypatch)
    warms = []
    real = snapshot_module.SnapshotCache.warm
    monkeypatch.setattr(snapshot_module.SnapshotCache, "warm",
                        lambda self, study, budget: warms.append(budget) or real(
                            self, study, budget))
    first = next(iter(win.session.study.highlights))
    ui.click_list(qtbot, win, first)
    win.notes.card.note.editor.setFocus()
    qtbot.keyClicks(win.notes.card.note.editor, "checked")
    assert not win.session.snapshot.ready
    ui.press(qtbot, win, Qt.Key.Key_S, ui.CTRL)
    assert not win.files.writer.busy and win.files.save_waiting  # the cache fills first
    assert "Saving" in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not win.session.is_modified, timeout=10_000)
    win.files.writer.wait()
    assert len(warms) >= 3  # in slices (40 highlights, 10 a turn)
    saved = orjson.loads(win.session.path.read_bytes())
    assert any(h["note"] == "checked" for h in saved["highlights"])


def test_a_save_at_once_meanwhile_overtakes_the_waiting_one(
        qtbot, window, tmp_path, seed_copy, monkeypatch):
    win = _cold_window(qtbot, window, _large_study(tmp_path, seed_copy), monkeypatch)
    first = next(iter(win.session.study.highlights))
    ui.click_list(qtbot, win, first)
    qtbot.keyClicks(win.notes.card.note.editor, "x")
    writes = []
    real = files_module.save_study
    monkeypatch.setattr(files_module, "save_study",
                        lambda *a, **k: writes.append(a[1]) or real(*a, **k))
    assert win.files.save(background=True) and not writes  # waiting
    assert win.files.save()  # at once (as when closing): written now
    assert len(writes) == 1 and not win.session.is_modified
    qtbot.waitUntil(lambda: win.session.snapshot.ready, timeout=10_000)
    qtbot.wait(50)
    win.files.writer.wait()
    assert len(writes) == 1  # the waiting save did not write again (nor ask anything)


def test_a_changed_text_warms_the_cache_again(qtbot, window, tmp_path, seed_copy,
                                              monkeypatch):
    win = _cold_window(qtbot, window, _large_study(tmp_path, seed_copy), monkeypatch)
    session = win.session
    session.warm_then(lambda: None)
    qtbot.waitUntil(lambda: session.snapshot.ready, timeout=10_000)
    session.execute(UpdateDocumentText(session.document.id, session.document.text + " More."))
    assert not session.snapshot.ready  # every entry went with the text
    qtbot.waitUntil(lambda: session.snapshot.ready, timeout=10_000)  # filled again


def test_an_autosave_before_the_cache_is_warm_waits_for_it(qtbot, window, tmp_path,
                                                          seed_copy, monkeypatch):
    win = _cold_window(qtbot, window, _large_study(tmp_path, seed_copy), monkeypatch)
    first = next(iter(win.session.study.highlights))
    ui.click_list(qtbot, win, first)
    qtbot.keyClicks(win.notes.card.note.editor, "y")
    autosaver = win.files.safety.autosaver
    assert autosaver.autosave(background=True) is None
    assert not autosaver.writer.busy and not win.session.snapshot.ready  # waiting
    qtbot.waitUntil(lambda: win.session.snapshot.ready and not autosaver.writer.busy
                    and win.session.token in autosaver.written, timeout=10_000)



def test_warming_a_large_study_freezes_what_it_built(qtbot, window, tmp_path, seed_copy,
                                                     monkeypatch):
    """What warming builds stays; frozen out of the collector's scans (``gc.freeze``),
    full collections do not stall the first seconds after a large study opens. The
    collector is on again after each slice; a small study freezes nothing."""
    import gc

    win = _cold_window(qtbot, window, _large_study(tmp_path, seed_copy), monkeypatch)
    gc.unfreeze()
    try:
        win.session.warm_then(lambda: None)
        qtbot.waitUntil(lambda: win.session.snapshot.ready, timeout=10_000)
        assert gc.get_freeze_count() == 0  # 40 highlights: small
        monkeypatch.setattr(session_module, "WARM_FREEZE_ABOVE", 5)
        win.session.snapshot.clear()
        win.session.warm_then(lambda: None)
        qtbot.waitUntil(lambda: win.session.snapshot.ready, timeout=10_000)
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
