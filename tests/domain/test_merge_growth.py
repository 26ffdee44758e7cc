"""The merge grows linearly with the study (4n over n well below quadratic's 16), and a
stamped keystroke does not grow with it at all. Ratios, never absolute times."""

from __future__ import annotations

import gc
import time

from desktop.bench.team import copies
from desktop.domain.commands import SetHighlightNote
from desktop.domain.identity import Person
from desktop.domain.merge import merge_studies
from desktop.domain.stamping import Stamped

LINEAR = 8.0  # linear work gives about 4; quadratic about 16


def best(fn, repeat: int = 3) -> float:
    """Best of ``repeat``, without the garbage collector (whose full passes grow with
    everything alive in the test process, not with the work measured)."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def test_merge_grows_linearly():
    small, large = copies(500), copies(2000)
    merge_studies(*small)  # warm the caches
    ratio = best(lambda: merge_studies(*large)) / best(lambda: merge_studies(*small))
    assert ratio < LINEAR, ratio


def test_a_stamped_keystroke_does_not_grow_with_the_study():
    def cost(n: int) -> float:
        study = copies(n)[0]
        hid = next(iter(study.highlights))
        counter = iter(range(10**6))

        def keystroke() -> None:
            for _ in range(300):
                Stamped(SetHighlightNote(hid, f"n{next(counter)}"), Person("P")).apply(study)

        keystroke()
        return best(keystroke, 5)

    # 16 times the highlights: a cost growing with the study would give about 16.
    assert cost(8000) / cost(500) < 4
