"""How a cost grows: the time for 4n over the time for n (best of five runs).

Linear work gives about 4, quadratic about 16. Tests assert a ratio below ``LINEAR``,
a margin that a quadratic cost cannot pass even on a busy machine, and never an
absolute time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

LINEAR = 8.0


def _best(run: Callable[[Any], object], data: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(data)
        best = min(best, time.perf_counter() - start)
    return best


def growth(make: Callable[[int], Any], run: Callable[[Any], object], n: int,
           repeat: int = 5) -> float:
    """time(run(make(4n))) / time(run(make(n))); inputs are made outside the timing."""
    small, large = make(n), make(4 * n)
    run(small)  # warm caches and imports
    return _best(run, large, repeat) / max(_best(run, small, repeat), 1e-9)
