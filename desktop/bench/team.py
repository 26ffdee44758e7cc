"""``python -m desktop.bench.team``: what team work costs on a big study.

Merges two copies of a study of n and 4n highlights (each side adding and editing a
tenth), and times a note keystroke through the stamping every command now gets
(``domain.stamping``) at n and 4n highlights. Prints medians and the 4n/n ratios
(about 4 is linear; the keystroke should stay about 1); like ``desktop.bench`` it
reports and always exits 0.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

import orjson

from desktop.domain.model import Study

RUNS = 5


def _median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def copies(n: int) -> tuple[Study, Study]:
    """Two saved-and-read copies of one study of ``n`` highlights, each edited apart."""
    from desktop.bench.data import make_study, make_text
    from desktop.storage.saving import encode_study
    from desktop.storage.studyfile import study_from_json

    study = make_study(make_text(max(200_000, n * 120)), n)
    raw = encode_study(study)
    mine = study_from_json(orjson.loads(raw), "mine").study
    theirs = study_from_json(orjson.loads(raw), "theirs").study
    ids = list(mine.highlights)
    for i, hid in enumerate(ids[: n // 10]):
        (mine if i % 2 else theirs).highlights[hid].note = f"edited {i}"
    return (study_from_json(orjson.loads(encode_study(mine)), "m").study,
            study_from_json(orjson.loads(encode_study(theirs)), "t").study)


def keystroke_cost(n: int) -> float:
    from desktop.bench.data import make_study, make_text
    from desktop.domain.commands import SetHighlightNote
    from desktop.domain.identity import Person
    from desktop.domain.stamping import Stamped

    study = make_study(make_text(max(200_000, n * 120)), n)
    hid = next(iter(study.highlights))
    person = Person("Bench")
    counter = iter(range(10**9))
    return _median_ms(lambda: Stamped(SetHighlightNote(hid, f"n{next(counter)}"),
                                      person).apply(study))


def main() -> int:
    from desktop.domain.merge import merge_studies

    for n in (2_500, 10_000):
        small, large = copies(n), copies(4 * n)
        t_small = _median_ms(partial(merge_studies, *small))
        t_large = _median_ms(partial(merge_studies, *large))
        print(f"merge {n:>6,} vs {4 * n:>6,} highlights: {t_small:8.1f} ms, {t_large:8.1f} ms"
              f" (ratio {t_large / t_small:.1f})")
    k_small, k_large = keystroke_cost(2_500), keystroke_cost(10_000)
    print(f"stamped note keystroke at 2,500 vs 10,000 highlights: {k_small:.3f} ms, "
          f"{k_large:.3f} ms (ratio {k_large / k_small:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
