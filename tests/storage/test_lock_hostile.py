"""Hostile lock files cannot freeze or crash opening, and taking over a stale lock is
exclusive: of instances racing for it, exactly one wins."""

import json
import multiprocessing
import os
import subprocess
import sys
import time

import pytest

from desktop.storage import host, locks
from desktop.storage.locks import (
    MAX_LOCK_BYTES,
    StudyLockedError,
    acquire,
    lock_path,
    read_lock,
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX files (FIFOs, symlinks)")


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "shared" / "s.crosslight"
    path.parent.mkdir()
    path.write_bytes(b"{}")
    return path


def _in_child(study, code: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter: a hang is a failure, not a frozen suite."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from desktop.storage.locks import *; study = Path(sys.argv[1]); " + code,
         str(study)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def test_a_fifo_lock_is_read_as_unknown_not_waited_on(study):
    os.mkfifo(lock_path(study))
    done = _in_child(study, "o = read_lock(study); print(o.user, o.host, o.pid)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["someone", "an", "unknown", "computer", "-1"]


def test_a_symlink_to_dev_zero_is_not_read(study):
    os.symlink("/dev/zero", lock_path(study))
    done = _in_child(study, "o = read_lock(study); print(o.pid)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-1"


def test_a_fifo_lock_can_be_taken_over_and_becomes_a_file(study):
    os.mkfifo(lock_path(study))
    done = _in_child(study, "print(acquire(study, 'tok', take_over=True) is not None)")
    assert done.stdout.strip() == "True", done.stderr
    assert json.loads(lock_path(study).read_bytes())["token"] == "tok"


def test_a_huge_lock_is_read_only_up_to_the_cap(study, monkeypatch):
    lock_path(study).write_bytes(b"[" + b" " * (MAX_LOCK_BYTES * 4))
    reads = []
    real_read = os.read

    def counting(fd, n):
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(locks.os, "read", counting)
    owner = read_lock(study)
    assert owner.pid == -1 and owner.user == "someone"
    assert sum(reads) <= MAX_LOCK_BYTES + 1


def test_a_lock_of_exactly_the_cap_is_read_whole(study):
    data = {"user": "ann", "host": "elsewhere", "pid": 7, "token": "t"}
    raw = json.dumps(data).encode()
    lock_path(study).write_bytes(raw + b" " * (MAX_LOCK_BYTES - len(raw)))
    assert read_lock(study).user == "ann"
    lock_path(study).write_bytes(raw + b" " * (MAX_LOCK_BYTES - len(raw)) + b"x")
    assert read_lock(study).user == "someone"  # beyond the cap: garbled, not misread


@pytest.mark.parametrize("pid", [1e300, -1e300, "12", True, 2**31, 2**80, -5, 0,
                                 None, [1], {"a": 1}])
def test_a_pid_no_process_can_have_is_harmless(study, pid):
    data = {"user": "mallory", "host": host.hostname(), "pid": pid, "boot": host.boot_time(),
            "token": "x"}
    lock_path(study).write_bytes(json.dumps(data).encode())
    owner = read_lock(study)
    assert owner.pid == -1
    assert acquire(study, "mine") is not None  # no such process: taken, no OverflowError


def test_an_unparsable_pid_makes_a_garbled_lock_that_asks(study):
    lock_path(study).write_bytes(b'{"pid": 1e999, "host": "%s"}' % host.hostname().encode())
    assert read_lock(study).pid == -1
    with pytest.raises(StudyLockedError):  # cannot be checked: the user is asked
        acquire(study, "mine")
    assert acquire(study, "mine", take_over=True) is not None


@pytest.mark.parametrize("pid", [1, 2**31 - 1])
def test_pids_at_the_bounds_are_kept(study, pid):
    lock_path(study).write_bytes(json.dumps({"pid": pid}).encode())
    assert read_lock(study).pid == pid


def test_boot_time_of_a_hostile_lock_is_ignored(study):
    lock_path(study).write_bytes(json.dumps({"pid": 5, "boot": 1e300}).encode())
    assert read_lock(study).boot is None
    lock_path(study).write_bytes(json.dumps({"pid": 5, "boot": True}).encode())
    assert read_lock(study).boot is None
    lock_path(study).write_bytes(json.dumps({"pid": 5, "boot": 12.5}).encode())
    assert read_lock(study).boot == 12.5


def _race(args):
    study, token, start = args
    while time.time() < start:
        pass
    try:
        return token if acquire(study, token) is not None else "none"
    except StudyLockedError:
        return "refused"


def _stale_lock(study):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    lock_path(study).write_bytes(json.dumps(
        {"user": "old", "host": host.hostname(), "pid": child.pid, "boot": host.boot_time(),
         "since": "", "token": "crashed"}).encode())


@pytest.mark.slow
def test_taking_over_a_stale_lock_is_exclusive(study):
    """Two instances finding the same stale lock at once: exactly one wins."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        for _ in range(12):
            _stale_lock(study)
            start = time.time() + 0.3
            results = pool.map(_race, [(study, "a", start), (study, "b", start)])
            winners = [r for r in results if r in ("a", "b")]
            assert len(winners) == 1, results
            assert "refused" in results
            assert read_lock(study).token == winners[0]
            lock_path(study).unlink()
            assert not lock_path(study).with_name(lock_path(study).name + ".claim").exists()


def test_a_claim_left_by_a_killed_taker_expires(study, monkeypatch):
    _stale_lock(study)
    claim = lock_path(study).with_name(lock_path(study).name + ".claim")
    claim.write_bytes(b"")
    old = time.time() - locks.CLAIM_STALE_S - 5
    os.utime(claim, (old, old))
    assert acquire(study, "mine") is not None
    assert not claim.exists()


def test_a_fresh_claim_of_another_taker_is_waited_for_then_refused(study, monkeypatch):
    _stale_lock(study)
    claim = lock_path(study).with_name(lock_path(study).name + ".claim")
    claim.write_bytes(b"")
    monkeypatch.setattr(locks, "CLAIM_WAIT_S", 0.1)
    with pytest.raises(StudyLockedError):
        acquire(study, "mine")
    assert read_lock(study).token == "crashed"
