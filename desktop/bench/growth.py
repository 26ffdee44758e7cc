"""How a cost grows: the time for 4n over the time for n (best of five runs, in CPU time).

Linear work gives about 4, quadratic about 16. Tests assert a ratio below ``LINEAR``,
a margin that a quadratic cost cannot pass even on a busy machine, and never an
absolute time. Shared by the unit tests and ``python -m desktop.bench.complexity``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

LINEAR = 8.0


def best_time(run: Callable[[Any], object], data: Any, repeat: int = 5,
              fresh: Callable[[], Any] | None = None) -> float:
    """The fastest of ``repeat`` runs; ``fresh`` makes new data for each run (for
    operations that consume their input, such as a command's apply)."""
    best = float("inf")
    for _ in range(repeat):
        item = fresh() if fresh is not None else data
        gc.collect()
        gc.disable()  # a collection landing in one run only would skew the ratio
        try:
            start = time.process_time()  # CPU time: other processes' load does not count
            run(item)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(make: Callable[[int], Any], run: Callable[[Any], object], n: int,
           repeat: int = 5, *, consumes: bool = False, tries: int = 3) -> float:
    """time(run(make(4n))) / time(run(make(n))); inputs are made outside the timing.

    With ``consumes`` each run gets freshly made data (``run`` changes what it gets).
    A ratio of ``LINEAR`` or more is measured again, up to ``tries`` times in all, and
    the smallest kept: CPU time counts every thread of the process, and one stray stall
    in a long test run once gave 8.01 for a cost that measures 5; a quadratic cost
    shows about 16 every time.
    """
    ratio = _growth_once(make, run, n, repeat, consumes)
    for _ in range(tries - 1):
        if ratio < LINEAR:
            break
        ratio = min(ratio, _growth_once(make, run, n, repeat, consumes))
    return ratio


def _growth_once(make: Callable[[int], Any], run: Callable[[Any], object], n: int,
                 repeat: int, consumes: bool) -> float:
    if consumes:
        run(make(n))
        t_small = best_time(run, None, repeat, fresh=lambda: make(n))
        t_large = best_time(run, None, repeat, fresh=lambda: make(4 * n))
    else:
        small, large = make(n), make(4 * n)
        run(small)  # warm caches and imports
        t_small = best_time(run, small, repeat)
        t_large = best_time(run, large, repeat)
    return t_large / max(t_small, 1e-9)
