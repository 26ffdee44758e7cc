"""Lock files beside a study: who has it open, stale locks after a crash, take-over."""

import json
import os
import subprocess
import sys
import time

import pytest

from desktop.storage import host, locks
from desktop.storage.locks import (
    STALE_AFTER_S,
    StudyLockedError,
    acquire,
    lock_path,
    read_lock,
)


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "shared" / "s.crosslight"
    path.parent.mkdir()
    path.write_bytes(b"{}")
    return path


def rewrite(study, **changes):
    path = lock_path(study)
    data = json.loads(path.read_bytes())
    data.update(changes)
    path.write_bytes(json.dumps(data).encode())


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_lock_file_is_libreoffice_style_and_says_who(study):
    lock = acquire(study, "tok-a")
    assert lock.path == study.with_name(".~lock.s.crosslight#")
    data = json.loads(lock.path.read_bytes())
    assert data["app"] == "Crosslight"
    assert data["pid"] == os.getpid() and data["host"] == host.hostname()
    assert data["user"] == host.username() and data["token"] == "tok-a"
    assert data["since"].endswith("Z") and isinstance(data["boot"], float)
    owner = read_lock(study)
    assert owner.token == "tok-a"
    assert host.username() in owner.describe() and host.hostname() in owner.describe()


def test_second_session_is_refused_with_the_owner(study):
    acquire(study, "first")
    with pytest.raises(StudyLockedError) as info:
        acquire(study, "second")
    err = info.value
    assert err.owner.token == "first" and not err.possibly_stale
    assert "already open" in str(err) and "s.crosslight" in str(err)


def test_second_instance_in_another_process_is_refused(study):
    acquire(study, "first")
    code = (
        "import sys\nfrom desktop.storage.locks import acquire, StudyLockedError\n"
        f"try:\n    acquire({str(study)!r}, 'other')\nexcept StudyLockedError as e:\n"
        "    print('LOCKED', e.owner.token)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "LOCKED first"


def test_the_same_session_may_lock_again(study):
    acquire(study, "me")
    assert acquire(study, "me").owner.token == "me"


def test_take_over(study):
    first = acquire(study, "first")
    second = acquire(study, "second", take_over=True)
    assert read_lock(study).token == "second"
    assert not first.still_ours() and second.still_ours()
    first.release()  # must not remove the lock the other session now holds
    assert lock_path(study).exists()
    second.release()
    assert not lock_path(study).exists()
    assert read_lock(study) is None


def test_stale_lock_of_a_crashed_process_on_this_machine_is_taken_silently(study):
    acquire(study, "crashed")
    rewrite(study, pid=dead_pid())
    lock = acquire(study, "after-restart")
    assert lock.still_ours()


def test_stale_lock_from_before_a_reboot_is_taken_even_if_the_pid_runs(study):
    acquire(study, "before-reboot")
    rewrite(study, pid=os.getppid(), boot=host.boot_time() - 7 * 86400)
    assert acquire(study, "now").still_ours()


def test_lock_from_another_machine_asks_and_says_when_it_looks_abandoned(study):
    acquire(study, "laptop")
    rewrite(study, host="laptop.example", pid=1)
    with pytest.raises(StudyLockedError) as info:
        acquire(study, "desktop")
    assert not info.value.possibly_stale  # fresh: someone may be working there
    old = time.time() - STALE_AFTER_S - 60
    os.utime(lock_path(study), (old, old))
    with pytest.raises(StudyLockedError) as info:
        acquire(study, "desktop")
    assert info.value.possibly_stale and info.value.owner.host == "laptop.example"


@pytest.mark.parametrize("content", [b"", b"garbage", b"[1, 2]", b'{"pid": "x"}'])
def test_garbled_lock_reads_as_an_unknown_owner(study, content):
    lock_path(study).write_bytes(content)
    owner = read_lock(study)
    assert owner.user == "someone" and owner.pid == -1
    with pytest.raises(StudyLockedError):
        acquire(study, "me")
    assert acquire(study, "me", take_over=True).still_ours()


def test_refresh_updates_the_time_and_keeps_it_ours(study, monkeypatch):
    lock = acquire(study, "me")
    monkeypatch.setattr(locks, "utc_now", lambda: "2031-01-01T00:00:00Z")
    lock.refresh()
    assert read_lock(study).since == "2031-01-01T00:00:00Z" and lock.still_ours()


def test_unwritable_folder_gives_no_lock_but_no_error(tmp_path, monkeypatch):
    study = tmp_path / "s.crosslight"

    def read_only(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(locks.os, "open", read_only)
    assert acquire(study, "me") is None


def test_release_of_a_deleted_lock_is_harmless(study):
    lock = acquire(study, "me")
    lock.path.unlink()
    lock.release()
    assert not lock.still_ours()


def test_pid_checks():
    assert host.pid_alive(os.getpid())
    assert not host.pid_alive(dead_pid())
    assert not host.pid_alive(0) and not host.pid_alive(-1)
    assert host.process_alive(host.hostname(), os.getpid(), host.boot_time()) is True
    assert host.process_alive("elsewhere", os.getpid(), None) is None
