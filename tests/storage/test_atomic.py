"""atomic_write_bytes: all-or-nothing replacement, no temp files left behind."""

import os
import stat

import pytest

from desktop.storage import atomic
from desktop.storage.atomic import atomic_write_bytes


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_creates_new_file(tmp_path):
    target = tmp_path / "new.crosslight"
    atomic_write_bytes(target, b"hello \xf0\x9f\x98\x80")
    assert target.read_bytes() == b"hello \xf0\x9f\x98\x80"
    assert listing(tmp_path) == ["new.crosslight"]


def test_replaces_existing_file(tmp_path):
    target = tmp_path / "s.crosslight"
    target.write_bytes(b"old content that is longer than the new one")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == ["s.crosslight"]


def test_empty_and_large_payloads(tmp_path):
    target = tmp_path / "x.bin"
    atomic_write_bytes(target, b"")
    assert target.read_bytes() == b""
    big = os.urandom(3 * 1024 * 1024)
    atomic_write_bytes(target, big)
    assert target.read_bytes() == big
    assert listing(tmp_path) == ["x.bin"]


def test_accepts_str_path_and_relative_path(tmp_path, monkeypatch):
    atomic_write_bytes(str(tmp_path / "a.txt"), b"a")
    assert (tmp_path / "a.txt").read_bytes() == b"a"
    monkeypatch.chdir(tmp_path)
    atomic_write_bytes("b.txt", b"b")
    assert (tmp_path / "b.txt").read_bytes() == b"b"
    assert listing(tmp_path) == ["a.txt", "b.txt"]


def test_preserves_mode_of_existing_file(tmp_path):
    target = tmp_path / "shared.crosslight"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    os.chmod(target, 0o604)
    atomic_write_bytes(target, b"newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_failed_replace_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "s.crosslight"
    target.write_bytes(b"precious")
    calls = []

    def failing_replace(src, dst):
        calls.append((src, dst))
        assert os.path.exists(src)  # the temp file was written completely first
        with open(src, "rb") as fh:
            assert fh.read() == b"replacement"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"replacement")
    assert calls and os.path.dirname(calls[0][0]) == str(tmp_path)
    assert target.read_bytes() == b"precious"
    assert listing(tmp_path) == ["s.crosslight"]


def test_failed_write_removes_temp_and_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "s.crosslight"
    target.write_bytes(b"precious")

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_bytes(target, b"replacement")
    assert target.read_bytes() == b"precious"
    assert listing(tmp_path) == ["s.crosslight"]


def test_interrupt_during_write_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "s.crosslight"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"data")
    assert listing(tmp_path) == []


def test_missing_directory_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "missing" / "x.bin", b"x")
    assert listing(tmp_path) == []


def test_directory_fsync_failure_is_tolerated(tmp_path, monkeypatch):
    real_open = os.open

    def no_dir_open(path, flags, *args):
        if os.path.isdir(path):
            raise PermissionError(13, "nope")
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "open", no_dir_open)
    atomic_write_bytes(tmp_path / "x.bin", b"ok")
    assert (tmp_path / "x.bin").read_bytes() == b"ok"


def test_new_file_gets_ordinary_mode_not_private(tmp_path):
    target = tmp_path / "new.crosslight"
    old = os.umask(0o022)
    try:
        atomic_write_bytes(target, b"{}")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
