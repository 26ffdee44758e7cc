"""Files written by Crosslight: modes set on the temp file's descriptor (the umask is
process-wide and never touched), temp files of killed backup writes cleaned, and a
read-only disk told apart from a read-only file. Also the steps of an atomic write
that a mutant could drop unnoticed."""

import os
import stat
import threading

import pytest

from desktop.domain.factory import new_study_for
from desktop.domain.model import Document
from desktop.storage import atomic, backups
from desktop.storage.atomic import (
    atomic_write_bytes,
    read_only_reason,
    remove_stale_temps,
    remove_stale_temps_in,
)
from desktop.storage.backups import backup_dir_for, keep_backup
from desktop.storage.errors import StorageError
from desktop.storage.saving import save_study

posix = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


@posix
def test_the_umask_is_never_changed_while_writing(tmp_path, monkeypatch):
    """Another thread creating a file meanwhile must get the umask's mode, so
    atomic writes may not call os.umask at all."""
    calls = []
    monkeypatch.setattr(atomic.os, "umask", lambda *a: calls.append(a) or 0o022,
                        raising=True)
    atomic_write_bytes(tmp_path / "new.crosslight", b"{}")
    atomic_write_bytes(tmp_path / "new.crosslight", b"{}")
    assert calls == []


@posix
def test_new_files_get_the_umask_mode_from_the_kernel(tmp_path):
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "a.crosslight", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.crosslight").stat().st_mode) == 0o640


@posix
def test_concurrent_writers_never_expose_a_world_writable_file(tmp_path):
    """Two writer threads and a third creating plain files: no file ends 0666."""
    old = os.umask(0o022)
    stop = threading.Event()
    made = []

    def writer(name):
        for i in range(150):
            atomic_write_bytes(tmp_path / f"{name}.crosslight", b"x" * i)

    def creator():
        i = 0
        while not stop.is_set():
            path = tmp_path / f"plain-{i}"
            with open(path, "wb"):
                pass
            made.append(path)
            i += 1

    try:
        threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
        other = threading.Thread(target=creator)
        other.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        stop.set()
        other.join()
    finally:
        os.umask(old)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in made}
    assert modes == {0o644}


@posix
def test_mode_is_set_before_the_data_is_visible(tmp_path):
    target = tmp_path / "s.crosslight"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_temp_file_carries_the_name_and_pid_and_is_closed(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        fds = os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []
        seen.append(any(os.path.realpath(f"/proc/self/fd/{fd}") == os.path.realpath(src)
                        for fd in fds))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    atomic_write_bytes(tmp_path / "s.crosslight", b"data")
    name, still_open = seen
    assert name.startswith(f".s.crosslight.{os.getpid()}.") and name.endswith(".tmp")
    assert still_open is False  # closed (so flushed) before the rename


def test_data_is_flushed_before_fsync_and_the_folder_is_synced(tmp_path, monkeypatch):
    order = []
    real_fsync = os.fsync

    def spy(fd):
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            order.append("dir")
        else:
            order.append(("file", os.fstat(fd).st_size))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)
    atomic_write_bytes(tmp_path / "s.crosslight", b"12345")
    assert order[0] == ("file", 5)  # the bytes reached the file before its fsync
    if os.name != "nt":
        assert order[-1] == "dir"


def test_directory_descriptor_is_closed(tmp_path, monkeypatch):
    opened, closed = [], []
    real_open, real_close = os.open, os.close

    def spy_open(path, flags, *args):
        fd = real_open(path, flags, *args)
        if os.path.isdir(path):
            opened.append(fd)
        return fd

    def spy_close(fd):
        closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(atomic.os, "open", spy_open)
    monkeypatch.setattr(atomic.os, "close", spy_close)
    atomic_write_bytes(tmp_path / "s.crosslight", b"x")
    assert opened and set(opened) <= set(closed)


def test_temps_of_killed_backup_writes_are_cleaned(tmp_path):
    study = tmp_path / "s.crosslight"
    folder = backup_dir_for(study)
    folder.mkdir(parents=True)
    dead = 2**22 + 12345  # above any pid_max: no such process
    leftovers = [folder / f".s.2026010{i}T000000Z.crosslight.{dead}.abc{i}.tmp" for i in range(3)]
    for path in leftovers:
        path.write_bytes(b"partial")
    unrelated = folder / ".notes.txt.1.x.tmp"
    unrelated.write_bytes(b"")
    keep_backup(study, b"version 1")
    assert not any(p.exists() for p in leftovers)
    assert unrelated.exists()  # not a backup's temp file
    assert len(backups.list_backups(study)) == 1


def test_temps_of_live_writers_stay(tmp_path, monkeypatch):
    folder = tmp_path
    live = folder / f".b.crosslight.{os.getppid()}.zz.tmp"
    live.write_bytes(b"")
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: True)
    assert remove_stale_temps_in(folder, ".crosslight") == []
    assert remove_stale_temps(folder / "b.crosslight") == []
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    assert remove_stale_temps_in(folder, ".crosslight") == [live]


def test_old_temps_are_removed_even_if_their_pid_runs(tmp_path, monkeypatch):
    old = tmp_path / ".b.crosslight.1.zz.tmp"
    old.write_bytes(b"")
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: True)
    stamp = os.stat(old).st_mtime - atomic.STALE_TEMP_AGE_S + 60
    os.utime(old, (stamp, stamp))
    assert remove_stale_temps(tmp_path / "b.crosslight") == []  # not old enough
    stamp -= 120
    os.utime(old, (stamp, stamp))
    assert remove_stale_temps(tmp_path / "b.crosslight") == [old]


def test_malformed_temp_names_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    names = [".b.crosslight.tmp", "b.crosslight.1.x.tmp", ".b.crosslight.1.x.tmpx",
             ".c.crosslight.1.x.tmp"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert remove_stale_temps(tmp_path / "b.crosslight") == []
    (tmp_path / ".b.crosslight.notapid.x.tmp").write_bytes(b"")  # pid -1: not alive
    assert remove_stale_temps(tmp_path / "b.crosslight") == [
        tmp_path / ".b.crosslight.notapid.x.tmp"]


class _Vfs:
    def __init__(self, flag):
        self.f_flag = flag


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="statvfs")
def test_a_read_only_disk_is_told_apart_from_a_read_only_file(tmp_path, monkeypatch):
    study = tmp_path / "s.crosslight"
    study.write_bytes(b"{}")
    monkeypatch.setattr("desktop.storage.saving.os.access", lambda *a, **k: False)
    monkeypatch.setattr(atomic.os, "statvfs", lambda p: _Vfs(os.ST_RDONLY))
    with pytest.raises(StorageError, match="disk or folder is read-only"):
        save_study(new_study_for(Document(text="x", title="x")), study)
    monkeypatch.setattr(atomic.os, "statvfs", lambda p: _Vfs(0))
    with pytest.raises(StorageError, match="the file is read-only"):
        save_study(new_study_for(Document(text="x", title="x")), study)
    assert study.read_bytes() == b"{}"


def test_read_only_reason_without_statvfs(tmp_path, monkeypatch):
    def fails(path):
        raise OSError(38, "not supported")

    monkeypatch.setattr(atomic.os, "statvfs", fails, raising=False)
    assert read_only_reason(tmp_path) == "the file is read-only"


# --- boundaries the mutation test found untested --------------------------------------
def test_a_write_removes_the_temp_of_a_dead_writer(tmp_path):
    dead = tmp_path / f".s.crosslight.{2**22 + 7}.zz.tmp"
    dead.write_bytes(b"partial")
    atomic_write_bytes(tmp_path / "s.crosslight", b"x")
    assert not dead.exists()


@posix
def test_writing_over_a_fifo_gives_an_ordinary_file_mode(tmp_path):
    target = tmp_path / "s.crosslight"
    os.mkfifo(target, 0o600)
    old = os.umask(0o022)
    try:
        atomic_write_bytes(target, b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and target.read_bytes() == b"x"


def test_no_free_temp_name_is_an_error_not_a_loop(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_token", lambda: "same")
    (tmp_path / f".s.crosslight.{os.getpid()}.same.tmp").write_bytes(b"")
    with pytest.raises(FileExistsError, match="no free temporary name"):
        atomic_write_bytes(tmp_path / "s.crosslight", b"x")


def test_stale_temp_removal_takes_a_str_and_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    (tmp_path / ".b.crosslight.5.x.tmp").write_bytes(b"")
    assert remove_stale_temps(str(tmp_path / "b.crosslight")) == [
        tmp_path / ".b.crosslight.5.x.tmp"]
    assert remove_stale_temps(tmp_path / "gone" / "b.crosslight") == []
    assert remove_stale_temps_in(tmp_path / "gone", ".crosslight") == []


def test_backup_temp_names_need_a_name_and_a_leading_dot(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    keep = [".crosslight.5.x.tmp", "s.crosslight.5.x.tmp", ".s.crosslight.tmp"]
    for name in keep:
        (tmp_path / name).write_bytes(b"")
    gone = tmp_path / ".s.20260101.crosslight.5.x.tmp"
    gone.write_bytes(b"")
    assert remove_stale_temps_in(tmp_path, ".crosslight") == [gone]
    assert all((tmp_path / name).exists() for name in keep)


def test_the_pid_is_read_from_its_place_with_at_most_ten_digits(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: asked.append(pid) or True)
    for name in (".b.crosslight.123.abc.tmp", ".b.crosslight.1234567890.x.tmp",
                 ".b.crosslight.12345678901.x.tmp", ".b.crosslight.7.tmp"):
        (tmp_path / name).write_bytes(b"")
    remove_stale_temps(tmp_path / "b.crosslight")
    assert sorted(asked) == [-1, 7, 123, 1234567890]


@posix
def test_a_dangling_symlink_temp_is_removed_not_followed(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    link = tmp_path / ".b.crosslight.5.x.tmp"
    os.symlink(tmp_path / "nowhere", link)
    assert remove_stale_temps(tmp_path / "b.crosslight") == [link]
    assert not os.path.lexists(link)


def test_a_temp_just_past_the_age_limit_is_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: True)
    old = tmp_path / ".b.crosslight.5.x.tmp"
    old.write_bytes(b"")
    stamp = time_now() - atomic.STALE_TEMP_AGE_S - 0.5
    os.utime(old, (stamp, stamp))
    assert remove_stale_temps(tmp_path / "b.crosslight") == [old]


def time_now() -> float:
    import time

    return time.time()


# --- found by the mutation test's second round ------------------------------------------
def test_an_abandoned_temp_is_one_older_than_an_hour(tmp_path, monkeypatch):
    """The age limit is one hour: a temp 3,599.5 s old whose PID runs stays, one
    3,600.5 s old goes (the PID may have been reused by another program)."""
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: True)
    temp = tmp_path / ".b.crosslight.5.x.tmp"
    temp.write_bytes(b"")
    for age, removed in ((3_599.5, []), (3_600.5, [temp])):
        stamp = time_now() - age
        os.utime(temp, (stamp, stamp))
        assert remove_stale_temps(tmp_path / "b.crosslight") == removed


def test_a_temp_exactly_an_hour_old_stays(tmp_path, monkeypatch):
    """Older than the limit, not as old: whole seconds, so the age is exact."""
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: True)
    now = 2_000_000_000.0
    monkeypatch.setattr(atomic.time, "time", lambda: now)
    temp = tmp_path / ".b.crosslight.5.x.tmp"
    temp.write_bytes(b"")
    os.utime(temp, (now - 3_600, now - 3_600))
    assert remove_stale_temps(tmp_path / "b.crosslight") == []
    os.utime(temp, (now - 3_601, now - 3_601))
    assert remove_stale_temps(tmp_path / "b.crosslight") == [temp]


def test_two_writes_of_one_file_at_once_get_temp_files_of_their_own(tmp_path):
    """Writer threads of one process share its PID: the random part tells them apart."""
    target = tmp_path / "s.crosslight"
    first = atomic._create_temp(target, tmp_path)
    second = atomic._create_temp(target, tmp_path)
    try:
        assert first[1] != second[1]
        assert {os.path.basename(first[1]), os.path.basename(second[1])} == {
            p.name for p in tmp_path.iterdir()}
    finally:
        for fd, _ in (first, second):
            os.close(fd)


def test_a_temp_name_is_tried_a_hundred_times(tmp_path, monkeypatch):
    tries = []
    monkeypatch.setattr(atomic, "_token", lambda: tries.append(1) or "same")
    (tmp_path / f".s.crosslight.{os.getpid()}.same.tmp").write_bytes(b"")
    with pytest.raises(FileExistsError):
        atomic_write_bytes(tmp_path / "s.crosslight", b"x")
    assert len(tries) == 100


def test_temps_of_a_hidden_studys_backups_are_cleaned_too(tmp_path, monkeypatch):
    """A study named ".crosslight" or ".crosslight.x.crosslight" has backups whose names
    begin with the suffix; their temps are still recognised by the suffix's last place.
    A temp with nothing before the suffix is nobody's backup."""
    monkeypatch.setattr(atomic, "pid_alive", lambda pid: False)
    names = ["..crosslight.20260101T000000Z.crosslight.5.x.tmp",
             "..crosslight.x.20260101T000000Z.crosslight.5.y.tmp"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    nobody = tmp_path / "..crosslight.5.x.tmp"
    nobody.write_bytes(b"")
    assert sorted(remove_stale_temps_in(tmp_path, ".crosslight")) == [
        tmp_path / name for name in sorted(names)]
    assert nobody.exists()
