"""Saving over a study file that changed or failed under us: another program's edit,
a touch, a deleted file, a full disk, a vanished folder, a read-only file."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.storage import saving
from desktop.storage.backups import list_backups
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.ui.dialogs.safety_prompts import DiskChoice
from tests.ui.study_files import edit_note, note_of

# --- changed on disk -------------------------------------------------------------------

def change_on_disk(path: Path, note: str) -> None:
    study = load_study(path).study
    next(iter(study.highlights.values())).note = note
    save_study(study, path)


@pytest.fixture
def raced(qtbot, window, study_file):
    """A window with unsaved work on a study another program has just rewritten."""
    win = window(study_file)
    edit_note(win, "in the window")
    change_on_disk(study_file, "from elsewhere")
    return win


def test_external_change_cancel_writes_nothing(raced, study_file):
    raced.prompts.script("ask_changed_on_disk", DiskChoice.CANCEL)
    assert not raced.files.save()
    assert raced.prompts.dialog_calls[-1] == ("ask_changed_on_disk", ("study.crosslight",))
    assert note_of(load_study(study_file).study) == "from elsewhere"
    assert raced.isWindowModified()


def test_external_change_overwrite(raced, study_file):
    raced.prompts.script("ask_changed_on_disk", DiskChoice.OVERWRITE)
    assert raced.files.save()
    assert note_of(load_study(study_file).study) == "in the window"
    # the other program's version is still among the backups
    assert note_of(load_study(list_backups(study_file)[0]).study) == "from elsewhere"
    assert not raced.isWindowModified()
    raced.files.save()  # the fingerprint is current now: no second question


def test_external_change_save_as_keeps_both(raced, study_file, tmp_path):
    raced.prompts.script("ask_changed_on_disk", DiskChoice.SAVE_AS)
    raced.prompts.save_paths.append(tmp_path / "both.crosslight")
    assert raced.files.save()
    assert note_of(load_study(study_file).study) == "from elsewhere"
    assert note_of(load_study(tmp_path / "both.crosslight").study) == "in the window"


def test_external_change_reload(raced, study_file):
    raced.prompts.script("ask_changed_on_disk", DiskChoice.RELOAD)
    assert not raced.files.save()
    assert note_of(raced.session.study) == "from elsewhere"
    assert not raced.isWindowModified()
    assert "Reloaded" in raced.statusBar().currentMessage()


def ctrl_s(qtbot, win) -> None:
    """Save as the user does: Ctrl+S writes in the background; wait for the outcome."""
    qtbot.keyClick(win.reader, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not win.files.writer.busy, timeout=10000)


def test_ctrl_s_compares_the_file_on_the_writer_not_the_ui_thread(
    qtbot, raced, study_file, monkeypatch
):
    """A big study's file is not read and hashed on the UI thread: the writer compares
    the bytes it reads for the backup anyway, and writes nothing if they changed."""
    from desktop.ui.controllers import safety as safety_ops

    hashed_here = []
    monkeypatch.setattr(safety_ops, "changed_on_disk", lambda *a: hashed_here.append(a))
    raced.prompts.script("ask_changed_on_disk", DiskChoice.CANCEL)
    ctrl_s(qtbot, raced)
    assert hashed_here == []
    assert raced.prompts.dialog_calls[-1] == ("ask_changed_on_disk", ("study.crosslight",))
    assert note_of(load_study(study_file).study) == "from elsewhere"
    assert raced.isWindowModified()


@pytest.mark.parametrize("choice", [DiskChoice.OVERWRITE, DiskChoice.SAVE_AS,
                                    DiskChoice.RELOAD])
def test_ctrl_s_after_an_external_change_offers_the_same_choices(
    qtbot, raced, study_file, tmp_path, choice
):
    raced.prompts.script("ask_changed_on_disk", choice)
    if choice is DiskChoice.SAVE_AS:
        raced.prompts.save_paths.append(tmp_path / "both.crosslight")
    ctrl_s(qtbot, raced)
    on_disk = note_of(load_study(study_file).study)
    if choice is DiskChoice.OVERWRITE:
        assert on_disk == "in the window" and not raced.isWindowModified()
        assert note_of(load_study(list_backups(study_file)[0]).study) == "from elsewhere"
        ctrl_s(qtbot, raced)  # the fingerprint is current now: no second question
        assert len(raced.prompts.dialog_calls) == 1
    elif choice is DiskChoice.SAVE_AS:
        assert on_disk == "from elsewhere"
        assert note_of(load_study(tmp_path / "both.crosslight").study) == "in the window"
    else:
        assert note_of(raced.session.study) == "from elsewhere"
        assert not raced.isWindowModified()


def test_ctrl_s_after_a_touch_asks_nothing(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "x")
    os.utime(study_file, (1, 1))
    ctrl_s(qtbot, win)
    assert note_of(load_study(study_file).study) == "x"
    assert not win.isWindowModified()


def test_a_touch_without_change_asks_nothing(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "x")
    os.utime(study_file, (1, 1))
    assert win.files.save()


def test_file_deleted_by_someone_is_written_back(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "still here")
    study_file.unlink()
    assert win.files.save()
    assert note_of(load_study(study_file).study) == "still here"


# --- saves that fail -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission"), (errno.EROFS, "read-only")],
    ids=["ENOSPC", "EACCES", "EROFS"],
)
def test_failed_save_explains_and_offers_save_as(qtbot, window, study_file, tmp_path,
                                                 monkeypatch, code, words):
    win = window(study_file)
    edit_note(win, "precious")
    before = study_file.read_bytes()
    real = saving.atomic_write_bytes

    def failing(path, data):
        if Path(path).parent == study_file.parent:
            raise OSError(code, os.strerror(code))
        return real(path, data)

    monkeypatch.setattr(saving, "atomic_write_bytes", failing)
    win.prompts.script("ask_save_failed", False)
    assert not win.files.save()
    (_, (name, reason)) = win.prompts.dialog_calls[-1]
    assert name == "study.crosslight" and words in reason
    assert study_file.read_bytes() == before
    assert win.isWindowModified() and note_of(win.session.study) == "precious"  # nothing lost
    # Again, accepting Save As: the work lands elsewhere.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    win.prompts.script("ask_save_failed", True)
    win.prompts.save_paths.append(elsewhere / "rescued.crosslight")
    assert win.files.save()
    assert note_of(load_study(elsewhere / "rescued.crosslight").study) == "precious"
    assert win.session.path == (elsewhere / "rescued.crosslight").resolve()


def test_folder_gone_explains_and_offers_save_as(qtbot, window, study_file, tmp_path):
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    path = folder / "s.crosslight"
    shutil.copyfile(study_file, path)
    win = window(path)
    edit_note(win, "unplugged")
    shutil.rmtree(folder)
    win.prompts.script("ask_save_failed", True)
    win.prompts.save_paths.append(tmp_path / "saved.crosslight")
    assert win.files.save()
    (_, (_name, reason)) = next(c for c in win.prompts.dialog_calls if c[0] == "ask_save_failed")
    assert "folder does not exist" in reason
    assert note_of(load_study(tmp_path / "saved.crosslight").study) == "unplugged"


def test_read_only_file_is_respected(qtbot, window, study_file, monkeypatch):
    win = window(study_file)
    edit_note(win, "mine")
    before = study_file.read_bytes()
    monkeypatch.setattr(saving.os, "access", lambda *_a, **_k: False)
    win.prompts.script("ask_save_failed", False)
    assert not win.files.save()
    (_, (_name, reason)) = win.prompts.dialog_calls[-1]
    assert "read-only" in reason and study_file.read_bytes() == before
