"""Replays the loader's fuzz corpus (``fuzz_corpus/``): curated hostile inputs and every
crasher the fuzzer (``fuzz_loader.py``) ever found. Nothing may escape but StudyFileError.

``ok-*`` files must load, ``bad-*`` files must be refused with a message naming the
file; ``crash-*`` / ``slow-*`` files (fuzzer finds, fixed since) may do either, quickly.
"""

import contextlib
import random
import time

import pytest

from desktop.storage.errors import StudyFileError
from desktop.storage.studyfile import load_study
from tests.storage.fuzz_loader import CORPUS, curated, mutate

FILES = sorted(CORPUS.glob("*.crosslight"))
HANG_GUARD_S = 5.0  # generous: a regression to a hang fails, a slow machine does not


def test_corpus_is_present_and_current():
    names = {p.stem for p in FILES}
    assert set(curated()) <= names, "run: python tests/storage/fuzz_loader.py --seed-corpus"
    for name, content in curated().items():
        assert (CORPUS / f"{name}.crosslight").read_bytes() == content, name


@pytest.mark.parametrize("file", FILES, ids=lambda p: p.name)
def test_corpus_file(tmp_path, file):
    target = tmp_path / "replay.crosslight"
    target.write_bytes(file.read_bytes())
    started = time.perf_counter()
    try:
        load_study(target)
        outcome = "ok"
    except StudyFileError as err:
        outcome = "refused"
        message = str(err)
        assert "replay.crosslight" in message and "Traceback" not in message
    assert time.perf_counter() - started < HANG_GUARD_S
    if file.name.startswith("ok-"):
        assert outcome == "ok"
    elif file.name.startswith("bad-"):
        assert outcome == "refused"


def test_short_mutation_run_over_the_corpus(tmp_path):
    """A few hundred fresh mutations each run; the long runs are ``fuzz_loader.py``."""
    rng = random.Random(20240611)
    corpus = [p.read_bytes() for p in FILES if p.stat().st_size < 100_000]
    target = tmp_path / "m.crosslight"
    for _ in range(300):
        target.write_bytes(mutate(rng.choice(corpus), rng, corpus))
        with contextlib.suppress(StudyFileError):
            load_study(target)
