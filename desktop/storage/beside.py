"""Work that waits on the disk or hashes, run on a thread beside the interpreter's.

Reading a file and hashing bytes release the GIL, so on a second core they cost nothing
next to work that holds it (parsing, encoding): a 50 MB study's SHA-256 is ~0.1 s of
opening and of saving it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")


BESIDE_ABOVE = 1024 * 1024  # bytes: below this a thread costs more than it saves


def beside(work: Callable[[], T], size: int = BESIDE_ABOVE + 1) -> Callable[[], T]:
    """Start ``work`` on a thread of its own; the returned call waits for its result (or
    raises what it raised). For work that releases the GIL: reading, hashing. Work on
    ``size`` bytes at most ``BESIDE_ABOVE`` is done at once, on this thread."""
    outcome: list[Any] = []
    if size <= BESIDE_ABOVE:
        try:
            outcome.append((True, work()))
        except BaseException as err:  # raised by the returned call, as from a thread
            outcome.append((False, err))
        return partial(_result, outcome)

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as err:  # handed to the caller, raised there
            outcome.append((False, err))

    thread = threading.Thread(target=run, name="crosslight-beside", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        return _result(outcome)

    return result


def _result(outcome: list[Any]) -> Any:
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
