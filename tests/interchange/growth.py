"""How a cost grows: the time for 4n over the time for n (best of five runs).

Linear work gives about 4, quadratic about 16. Tests assert a ratio below ``LINEAR``,
a margin that a quadratic cost cannot pass even on a busy machine, and never an
absolute time. The measuring lives in ``desktop.bench.growth`` (CPU time, garbage
collection held off while timing, so other processes' load does not skew a ratio).
"""

from __future__ import annotations

from desktop.bench.growth import LINEAR, growth

__all__ = ["LINEAR", "growth"]
