"""The one thread of the process that calls PDFium.

PDFium is not thread-safe: two threads in it at once (a page rendered for the page view
while File › Open reads another PDF's text in its worker) can crash the process. Every
PDFium call goes through ``call`` (wait for the answer) or ``submit`` (a Future), which
run it on this single worker thread, in order; ``call`` from the thread itself runs at
once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_ident: list[int] = []


def _started() -> None:
    _ident.append(threading.get_ident())


_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdfium", initializer=_started)


def on_pdfium_thread() -> bool:
    return bool(_ident) and threading.get_ident() == _ident[0]


def submit(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
    return _EXECUTOR.submit(fn, *args, **kwargs)


def call(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args)`` on the PDFium thread; its result, or its exception raised here."""
    if on_pdfium_thread():
        return fn(*args, **kwargs)
    return _EXECUTOR.submit(fn, *args, **kwargs).result()
