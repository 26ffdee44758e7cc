"""File safety in the window: autosave and recovery, locks, changes made by other
programs, and saves that fail — every question through the scripted prompts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.factory import make_highlight
from desktop.storage import locks
from desktop.storage.locks import acquire, lock_path, read_lock
from desktop.storage.opening import open_path
from desktop.storage.recovery import pending_recoveries, read_entry, recovery_dir, write_recovery
from desktop.storage.studyfile import load_study
from desktop.ui import app as app_module
from desktop.ui.controllers.autosave import INTERVAL_MS
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.dialogs.safety_prompts import DiskChoice, LockChoice, RecoverChoice
from desktop.ui.window import main_window as main_window_module
from tests.ui import helpers as ui
from tests.ui.study_files import PHRASE, edit_note, note_of


def recovery_files() -> list[Path]:
    """Finished recovery files (not the temp file of one being written right now)."""
    folder = recovery_dir()
    return sorted(p for p in folder.iterdir() if p.suffix != ".tmp") if folder.is_dir() else []


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def crash(file: Path) -> Path:
    """Make an autosave look left behind by a process that died."""
    data = json.loads(file.read_bytes())
    data["pid"] = dead_pid()
    file.write_bytes(json.dumps(data).encode())
    return file


# --- autosave ------------------------------------------------------------------------

def test_autosave_writes_recovery_not_the_study(qtbot, window, study_file):
    win = window(study_file)
    before = study_file.read_bytes()
    saver = win.safety.autosaver
    assert saver.timer.isActive() and saver.timer.interval() == INTERVAL_MS == 60_000
    assert saver.autosave() is None and recovery_files() == []  # nothing unsaved yet
    edit_note(win, "typed, not saved")
    saver.timer.setInterval(30)  # let the real timer fire
    qtbot.waitUntil(lambda: len(recovery_files()) == 1 and not saver.writer.busy, timeout=3000)
    assert study_file.read_bytes() == before  # the user's file is never written by autosave
    entry = read_entry(recovery_files()[0])
    assert entry.original == study_file.resolve() and entry.pid == os.getpid()
    assert entry.base == win.session.fingerprint
    # nothing new: no rewrite
    stamp = recovery_files()[0].stat().st_mtime_ns
    saver.autosave()
    assert recovery_files()[0].stat().st_mtime_ns == stamp


def test_autosave_on_focus_change_and_app_deactivation(qtbot, window, seed_copy):
    win = window(seed_copy)
    win.safety.autosaver.timer.stop()
    ui.highlight(qtbot, win, PHRASE, 1)
    app = QApplication.instance()
    app.focusChanged.emit(win.reader, None)  # focus left the window
    win.safety.autosaver.writer.wait()  # these autosaves write on a worker thread
    assert len(recovery_files()) == 1
    recovery_files()[0].unlink()
    ui.highlight(qtbot, win, "Iraq", 2)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    win.safety.autosaver.writer.wait()
    (file,) = recovery_files()
    assert read_entry(file).original is None  # untitled studies are autosaved too


def test_recovery_copy_goes_once_saved_undone_or_discarded(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "one")
    win.safety.autosaver.autosave()
    assert len(recovery_files()) == 1
    assert win.files.save()
    assert recovery_files() == [] and note_of(load_study(study_file).study) == "one"
    edit_note(win, "two")
    win.safety.autosaver.autosave()
    assert len(recovery_files()) == 1
    win.session.undo_stack.undo()  # back to the saved state: nothing to recover
    assert recovery_files() == []
    edit_note(win, "three")
    win.safety.autosaver.autosave()
    win.prompts.save_choices.append(SaveChoice.DISCARD)
    assert win.close()
    assert recovery_files() == []


def test_closing_with_cancel_keeps_the_recovery_copy(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "keep me")
    win.safety.autosaver.autosave()
    win.prompts.save_choices.append(SaveChoice.CANCEL)
    assert not win.close()
    assert len(recovery_files()) == 1


def test_autosave_failure_is_reported_once_and_work_stays(qtbot, window, study_file, tmp_path,
                                                          monkeypatch):
    win = window(study_file)
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"")
    monkeypatch.setenv("CROSSLIGHT_STATE_DIR", str(blocker))
    edit_note(win, "work")
    assert win.safety.autosaver.autosave() is None
    assert "Autosave failed" in win.statusBar().currentMessage()
    assert win.isWindowModified() and note_of(win.session.study) == "work"


# --- recovery after a crash ----------------------------------------------------------

def crashed_session(path: Path | None, note: str, seed: Path) -> Path:
    """Leave the recovery file a crashed instance editing ``path`` would have left."""
    opened = open_path(path or seed)
    study = opened.study
    if path is None:
        document = study.main_document
        start = document.text.index(PHRASE)
        study.highlights["h-x"] = make_highlight(document, start, start + len(PHRASE), "claim")
    next(iter(study.highlights.values())).note = note
    return crash(write_recovery(study, path, "crashed1", opened.fingerprint))


def start_like_the_cli(monkeypatch, argv, prompts):
    """Run ``crosslight ARGV`` in-process: the real CLI → run → start, with scripted prompts
    and an event loop that returns at once. Returns the window(s) it made."""
    made = []
    monkeypatch.setattr(app_module, "make_app", lambda: QApplication.instance())
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    monkeypatch.setattr(app_module, "Prompts", lambda *_a, **_k: prompts)
    monkeypatch.setattr(main_window_module, "Prompts", lambda *_a, **_k: prompts)
    real_start = app_module.start

    def recording_start(opened, given=None):
        window = real_start(opened, given)
        made.append(window)
        return window

    monkeypatch.setattr(app_module, "start", recording_start)
    from desktop.cli import main

    assert main(argv) == 0
    return made


def close_all(*windows):
    for win in windows:
        if win is not None:
            win.prompts.tearing_down = True
            for other in [win, *win.safety.companions]:
                other.close()


def test_crosslight_start_offers_recovery_and_opens_it_unsaved(qtbot, monkeypatch, study_file,
                                                               seed_copy):
    file = crashed_session(study_file, "recovered words", seed_copy)
    before = study_file.read_bytes()
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.RECOVER)
    (win,) = start_like_the_cli(monkeypatch, [str(study_file)], prompts)
    try:
        (name, (entry,)) = prompts.dialog_calls[0]
        assert name == "ask_recover" and entry.file == file
        assert note_of(win.session.study) == "recovered words"
        assert win.isWindowModified() and win.session.path == study_file.resolve()
        assert study_file.read_bytes() == before  # nothing overwritten without asking
        assert win.files.save()  # the user saves: now it is written
        assert note_of(load_study(study_file).study) == "recovered words"
        assert recovery_files() == []
    finally:
        close_all(win)


def test_start_recovers_an_untitled_study(qtbot, monkeypatch, seed_copy):
    crashed_session(None, "untitled work", seed_copy)
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.RECOVER)
    (win,) = start_like_the_cli(monkeypatch, [str(seed_copy)], prompts)
    try:
        assert win.session.path is None and win.isWindowModified()
        assert note_of(win.session.study) == "untitled work"
        assert "Untitled study" in win.windowTitle()
        # its autosaves now replace the recovered copy, owned by this live process
        (file,) = recovery_files()
        assert read_entry(file).pid == os.getpid() and pending_recoveries() == []
    finally:
        close_all(win)


def test_start_later_keeps_it_and_discard_deletes_it(qtbot, monkeypatch, study_file, seed_copy,
                                                     ):
    file = crashed_session(study_file, "maybe", seed_copy)
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.LATER)
    (win,) = start_like_the_cli(monkeypatch, [str(study_file)], prompts)
    try:
        assert not win.isWindowModified() and note_of(win.session.study) == "on disk"
        assert file.exists()
    finally:
        close_all(win)
    assert file.exists()  # closing the window does not touch another session's copy
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.DISCARD)
    (win,) = start_like_the_cli(monkeypatch, [str(study_file)], prompts)
    close_all(win)
    assert not file.exists()


def test_two_recovered_studies_open_in_two_windows(qtbot, monkeypatch, study_file, seed_copy,
                                                   tmp_path):
    other = tmp_path / "other.crosslight"
    shutil.copyfile(study_file, other)
    crashed_session(study_file, "first", seed_copy)
    crashed_session(other, "second", seed_copy)
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.RECOVER, RecoverChoice.RECOVER)
    (win,) = start_like_the_cli(monkeypatch, [str(seed_copy)], prompts)
    try:
        (beside,) = win.safety.companions
        notes = {note_of(w.session.study) for w in (win, beside)}
        assert notes == {"first", "second"}
        assert win.isWindowModified() and beside.isWindowModified()
        assert beside.isVisible()
    finally:
        close_all(win)


def test_damaged_recovery_file_is_reported_and_kept(qtbot, monkeypatch, study_file, seed_copy,
                                                    ):
    file = crashed_session(study_file, "x", seed_copy)
    data = json.loads(file.read_bytes())
    data["study"]["documents"][0]["sha256"] = "0" * 64
    file.write_bytes(json.dumps(data).encode())
    prompts = ui.FakePrompts()
    prompts.script("ask_recover", RecoverChoice.RECOVER)
    (win,) = start_like_the_cli(monkeypatch, [str(study_file)], prompts)
    try:
        ((title, message),) = prompts.errors
        assert title == "Could not recover" and "SHA-256" in message and "kept" in message
        assert file.exists() and not win.isWindowModified()
    finally:
        close_all(win)


def test_file_open_offers_that_study_s_recovery(qtbot, window, study_file, seed_copy):
    crashed_session(study_file, "from the crash", seed_copy)
    win = window(seed_copy)
    win.prompts.script("ask_recover", RecoverChoice.RECOVER)
    assert win.files.open(study_file)
    assert note_of(win.session.study) == "from the crash" and win.isWindowModified()
    assert lock_path(study_file).exists()


# --- locks -----------------------------------------------------------------------------

def test_open_locks_and_close_unlocks(qtbot, window, study_file, seed_copy):
    win = window(seed_copy)
    assert win.files.open(study_file)
    owner = read_lock(study_file)
    assert owner.pid == os.getpid() and owner.token == win.session.token
    win.close()
    assert not lock_path(study_file).exists()


def other_instance_lock(study_file: Path):
    """A lock held by a live instance (this process, another session token)."""
    return acquire(study_file, "other-instance")


def test_locked_study_opens_read_only_and_saves_elsewhere(qtbot, window, study_file, seed_copy,
                                                          tmp_path):
    other_instance_lock(study_file)
    before = study_file.read_bytes()
    win = window(seed_copy)
    win.prompts.script("ask_locked", LockChoice.READ_ONLY)
    assert win.files.open(study_file)
    (name, (shown, owner, stale)) = win.prompts.dialog_calls[-1]
    assert name == "ask_locked" and shown == "study.crosslight"
    assert owner.token == "other-instance" and stale is False
    assert "(read-only)" in win.windowTitle()
    edit_note(win, "my version")
    copy = tmp_path / "mine.crosslight"
    win.prompts.save_paths.append(copy)
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)  # Save goes to Save As
    assert win.prompts.suggested and study_file.read_bytes() == before
    assert note_of(load_study(copy).study) == "my version"
    assert "(read-only)" not in win.windowTitle() and read_lock(copy).token == win.session.token
    assert read_lock(study_file).token == "other-instance"


def test_read_only_save_as_cannot_overwrite_the_locked_original(qtbot, window, study_file,
                                                                seed_copy):
    other_instance_lock(study_file)
    before = study_file.read_bytes()
    win = window(seed_copy)
    win.prompts.script("ask_locked", LockChoice.READ_ONLY)
    assert win.files.open(study_file)
    edit_note(win, "mine")
    win.prompts.save_paths.append(study_file)
    assert not win.files.save()
    ((_title, message),) = win.prompts.errors
    assert "already open" in message and "another name" in message
    assert study_file.read_bytes() == before and win.isWindowModified()


def test_take_over_and_cancel(qtbot, window, study_file, seed_copy):
    other = other_instance_lock(study_file)
    win = window(seed_copy)
    win.prompts.script("ask_locked", LockChoice.CANCEL)
    session = win.session
    assert not win.files.open(study_file)
    assert win.session is session
    win.prompts.script("ask_locked", LockChoice.TAKE_OVER)
    assert win.files.open(study_file)
    assert read_lock(study_file).token == win.session.token and not other.still_ours()
    assert "(read-only)" not in win.windowTitle()


def test_stale_lock_after_a_crash_is_taken_without_asking(qtbot, window, study_file, seed_copy):
    acquire(study_file, "crashed")
    data = json.loads(lock_path(study_file).read_bytes())
    data["pid"] = dead_pid()
    lock_path(study_file).write_bytes(json.dumps(data).encode())
    win = window(seed_copy)
    assert win.files.open(study_file)  # no prompt scripted: none may be asked
    assert read_lock(study_file).token == win.session.token


def test_lock_from_another_machine_at_start_says_it_may_be_stale(qtbot, monkeypatch, study_file,
                                                                 ):
    acquire(study_file, "laptop")
    data = json.loads(lock_path(study_file).read_bytes())
    data.update(host="laptop.example", user="alice")
    lock_path(study_file).write_bytes(json.dumps(data).encode())
    old = time.time() - locks.STALE_AFTER_S - 10
    os.utime(lock_path(study_file), (old, old))
    prompts = ui.FakePrompts()
    prompts.script("ask_locked", LockChoice.CANCEL)
    assert start_like_the_cli(monkeypatch, [str(study_file)], prompts) == [None]
    (_, (_name, owner, stale)) = prompts.dialog_calls[0]
    assert owner.user == "alice" and owner.host == "laptop.example" and stale is True


def test_someone_taking_over_while_open_is_noticed_at_save(qtbot, window, study_file, seed_copy):
    win = window(seed_copy)
    assert win.files.open(study_file)
    acquire(study_file, "usurper", take_over=True)
    edit_note(win, "mine")
    win.prompts.script("ask_locked", LockChoice.READ_ONLY)
    win.prompts.save_paths.append(None)  # then cancels the Save As
    assert not win.files.save()
    assert "(read-only)" in win.windowTitle()
    assert note_of(load_study(study_file).study) == "on disk"


# --- notes ------------------------------------------------------------------------------

@pytest.mark.parametrize("note", ["[" * 13000, ">" * 1000, "`" * 30000 + "x" + "``" * 5000])
def test_pathological_note_preview_does_not_freeze(qtbot, window, seed_copy, note):
    win = window(seed_copy)
    ui.highlight(qtbot, win, PHRASE, 1)
    markdown = win.notes.card.note
    markdown.set_text(note)
    started = time.perf_counter()
    markdown.show_preview()
    assert time.perf_counter() - started < 2.0
    assert markdown.preview.toPlainText().strip()[:10] == note[:10]  # shown as plain text


# --- the real dialogs behind the seam ---------------------------------------------------

def clicking(label: str):
    """A QMessageBox.exec that clicks the button labelled ``label`` (no event loop)."""
    def exec_(box):
        clicking.seen = (box.text(), box.informativeText(), [b.text() for b in box.buttons()])
        if label:
            next(b for b in box.buttons() if b.text() == label).click()
        return 0
    return exec_


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Recover", RecoverChoice.RECOVER), ("Discard", RecoverChoice.DISCARD),
     ("Later", RecoverChoice.LATER), ("", RecoverChoice.LATER)],
)
def test_real_recover_dialog(qtbot, monkeypatch, tmp_path, seed_copy, label, expected):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.dialogs.prompts import Prompts

    entry = read_entry(crashed_session(None, "x", seed_copy))
    monkeypatch.setattr(QMessageBox, "exec", clicking(label))
    assert Prompts().ask_recover(entry) is expected
    text, detail, buttons = clicking.seen
    assert sorted(buttons) == ["Discard", "Later", "Recover"]  # order is the platform's
    assert "Untitled study" in text and entry.saved in text and "not touched" in detail


def test_real_lock_disk_and_failure_dialogs(qtbot, monkeypatch, study_file):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.dialogs.prompts import Prompts

    prompts = Prompts()
    owner = acquire(study_file, "someone").owner
    monkeypatch.setattr(QMessageBox, "exec", clicking("Take Over"))
    assert prompts.ask_locked("s.crosslight", owner, True) is LockChoice.TAKE_OVER
    assert "may be left over from a crash" in clicking.seen[0] and owner.user in clicking.seen[0]
    monkeypatch.setattr(QMessageBox, "exec", clicking("Open Read-Only"))
    assert prompts.ask_locked("s.crosslight", owner, False) is LockChoice.READ_ONLY
    monkeypatch.setattr(QMessageBox, "exec", clicking(""))  # Esc / closed
    assert prompts.ask_locked("s.crosslight", owner, False) is LockChoice.CANCEL
    assert prompts.ask_changed_on_disk("s.crosslight") is DiskChoice.CANCEL
    assert prompts.ask_save_failed("s.crosslight", "the disk is full") is False
    for label, choice in [("Reload", DiskChoice.RELOAD), ("Overwrite", DiskChoice.OVERWRITE),
                          ("Save As…", DiskChoice.SAVE_AS)]:
        monkeypatch.setattr(QMessageBox, "exec", clicking(label))
        assert prompts.ask_changed_on_disk("s.crosslight") is choice
    monkeypatch.setattr(QMessageBox, "exec", clicking("Save As…"))
    assert prompts.ask_save_failed("s.crosslight", "the disk is full") is True
    assert clicking.seen[0] == "the disk is full" and "nothing was lost" in clicking.seen[1]
