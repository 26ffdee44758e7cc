"""Fault injection: a process killed with SIGKILL at random moments while saving.

Each trial starts ``crash_child.py``, which saves a 2 MB study over the same file again
and again, and kills it after a random delay (seeded, so a failure can be replayed).
After every kill the file must load and be one complete version, byte for byte what
Crosslight writes for the study it holds. Temp files the kills leave behind must be
gone after the next successful save. Run with ``pytest -s`` to see the figures.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.saving import encode_study, save_study
from desktop.storage.studyfile import load_study
from tests.builders import SEED

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("crash_child.py")
SEED = SEED
TRIALS = 104
WORKERS = 4  # trials on separate files run side by side; each file's trials in sequence
MAX_DELAY_S = 0.3  # a save takes 25–80 ms (the first, cold, longest): kills land in all stages
DELAY_SAVES = 4  # under load a save takes longer: kills spread over this many measured saves

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def big_study():
    seed = SEED.read_text(encoding="utf-8")
    text = "\n\n".join(f"{i}. {seed}" for i in range(400))
    document = Document(text=text, title="Crash test")
    study = new_study_for(document)
    for i, start in enumerate(range(0, len(text) - 100, 997)):
        h = make_highlight(document, start, start + 40, "claim")
        h.note = f"note {i} " + "✓" * (i % 7)
        study.highlights[h.id] = h
    study.note = "original"
    return study


def temps_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def start_child(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    return child


def stop_child(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    child.stderr.close()


def longest_delay(path: Path) -> float:
    """Kills must be able to land after the first save (or none lands mid-write): on a
    loaded machine a save takes far longer than the 25–80 ms of a quiet one."""
    child = start_child(path)
    try:
        started = time.monotonic()
        for n in (1, 2):
            assert child.stdout.readline().strip() == f"saved {n}", child.stderr.read()
        two_saves = time.monotonic() - started
    finally:
        stop_child(child)
    return max(MAX_DELAY_S, DELAY_SAVES * two_saves / 2)


def run_trials(path: Path, count: int, rng: random.Random, expected: dict,
               max_delay: float = MAX_DELAY_S) -> dict:
    figures = {"trials": 0, "failures": [], "mid_write": 0, "progressed": 0}
    last_note = "original"
    verified: dict[str, str] = {}  # sha256 of a file already checked -> its note
    for _ in range(count):
        child = start_child(path)
        try:
            time.sleep(rng.uniform(0, max_delay))
        finally:
            stop_child(child)
        figures["trials"] += 1
        figures["mid_write"] += bool(temps_of(path))
        try:
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in verified:  # the same bytes as an earlier trial passed already
                loaded = load_study(path)
                study = loaded.study
                assert encode_study(study) == raw, "the file is not one complete save"
                assert study.note == "original" or study.note.startswith("save ")
                assert len(study.highlights) == expected["highlights"]
                assert study.main_document.text == expected["text"]
                assert loaded.orphans == []
                verified[digest] = study.note
        except Exception as err:  # keep going: the figures count every failure
            figures["failures"].append(f"{path.name}: {type(err).__name__}: {err}")
            continue
        figures["progressed"] += verified[digest] != last_note
        last_note = verified[digest]
    return figures


@pytest.mark.slow
def test_sigkill_during_save_leaves_old_or_new_file(tmp_path):
    study = big_study()
    expected = {"highlights": len(study.highlights), "text": study.main_document.text}
    paths = []
    for n in range(WORKERS):
        folder = tmp_path / f"w{n}"
        folder.mkdir()
        paths.append(folder / "study.crosslight")
        save_study(study, paths[-1])
    rngs = [random.Random(20240611 + n) for n in range(WORKERS)]
    per_worker = -(-TRIALS // WORKERS)
    max_delay = longest_delay(paths[0])
    save_study(study, paths[0])  # back to the original note
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda i: run_trials(paths[i], per_worker, rngs[i], expected,
                                                         max_delay),
                                range(WORKERS)))
    elapsed = time.monotonic() - started
    trials = sum(r["trials"] for r in results)
    failures = [f for r in results for f in r["failures"]]
    mid_write = sum(r["mid_write"] for r in results)
    progressed = sum(r["progressed"] for r in results)
    print(f"\ncrash safety: {trials} SIGKILL trials, {len(failures)} failures, "
          f"{mid_write} killed mid-write (temp file left), {progressed} kills after a newer "
          f"save had landed, kills within {max_delay:.2f} s, {elapsed:.1f} s")
    assert trials >= 100
    assert failures == []
    assert mid_write > 0, "no kill landed during a write: the test proved nothing"
    assert progressed > 0, "no save ever completed before a kill"

    # The next successful save removes the temp files the killed writers left behind.
    for path in paths:
        save_study(load_study(path).study, path)
        assert temps_of(path) == []
        assert sorted(p.name for p in path.parent.iterdir()) == ["study.crosslight"]


def test_temp_files_of_a_live_writer_are_left_alone(tmp_path):
    """Cleaning up must not break a save another process is making right now."""
    study = big_study()
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    parent_pid = os.getppid()  # alive for sure, and not us
    live = tmp_path / f".{path.name}.{parent_pid}.abcd1234.tmp"
    dead = tmp_path / f".{path.name}.999999999.abcd1234.tmp"
    legacy = tmp_path / f".{path.name}.x1y2z3.tmp"  # a name from before PIDs were in it
    other = tmp_path / ".other.crosslight.999999999.abcd.tmp"
    for p in (live, dead, legacy, other):
        p.write_bytes(b"partial")
    save_study(study, path)
    assert live.exists() and other.exists()
    assert not dead.exists() and not legacy.exists()
    old = time.time() - 2 * 3600
    os.utime(live, (old, old))
    save_study(study, path)
    assert not live.exists(), "an abandoned temp file is removed even if its PID was reused"


def test_opening_a_study_removes_a_killed_save_s_temp_file(tmp_path):
    from desktop.storage.opening import open_path

    path = tmp_path / "s.crosslight"
    save_study(big_study(), path)
    leftover = tmp_path / f".{path.name}.999999999.zz.tmp"
    leftover.write_bytes(b"half a save")
    open_path(path)
    assert not leftover.exists()
