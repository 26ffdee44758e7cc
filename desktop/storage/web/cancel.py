"""A cancel token a worker checks between reads, and that can cut a read already blocked.

The UI's Cancel button calls ``cancel()`` on the GUI thread; the worker asks
``cancelled`` (or ``check()``) between chunks. A read blocked waiting for a slow server
would otherwise only notice at its read timeout, so whoever holds a connection registers
a callback (``on_cancel``) that shuts it down; the blocked read then fails at once.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from desktop.storage.web.errors import FetchCancelledError


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        """A token is also a ``Cancelled`` callable, as the document loaders take."""
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            with contextlib.suppress(Exception):  # a connection already closed: nothing to cut
                callback()

    def check(self, what: str = "", url: str = "") -> None:
        if self._event.is_set():
            raise FetchCancelledError(f"{what or 'Fetching'} was cancelled.", url=url)

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run ``callback`` when cancelled (at once if already); returns an unregister."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._forget(callback)
        callback()
        return lambda: None

    def _forget(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, waking early on cancel; True if cancelled."""
        return self._event.wait(seconds)
