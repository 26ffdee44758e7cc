"""A second process that reads some pages of a PDF's text while the PDFium thread reads
the others: PDFium is not thread-safe, so a second core helps only from another process.

The helper is a fresh interpreter (``python -m desktop.storage.formats.pdf_process``,
started with ``subprocess``: fork and exec at once, so no copy of a process holding Qt
threads ever runs Python), started once a long PDF has been read (``prewarm``, on the
PDFium thread) and kept for the next ones: a first long PDF is read alone. Requests
(a batch of pages of one document) are pickled frames on its stdin; answers are JSON on
its stdout, never pickles: it parses untrusted PDFs, and what it says must not be able
to run code in the window's process.

It is used only while a core is idle (``spare_core``): with none, two processes share
the cores other work leaves, and reading with it measured no faster than alone. It
runs at a lower priority (``NICE``), so it takes no CPU from the reader or other work.

Nothing waits for it: the reader (``pdf._Reading``) reads pages from the front, gives
the helper batches from the back, and when it runs out of pages of its own reads the
batches the helper has not answered yet itself. A helper that dies, hangs, is slow to
start or cannot start at all only means the reader reads every page itself.
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

BATCH = 4  # pages per request: an answer costs ~0.2 ms, a page ~2 ms
MIN_PAGES = 16  # a shorter PDF is read by the PDFium thread alone
NICE = 10  # the helper takes only CPU nothing else wants: the reader and the rest of
# the machine keep their share (on the loaded machine: 0.92–1.05 x reading alone)
HUNG_SECONDS = 20.0  # a batch unanswered this long: the helper is hung (replaced)
MAX_BYTES = 256 << 20  # a budget: a larger PDF is not copied to the helper (read alone)
_HEADER = struct.Struct(">I")
MAX_FRAME = 1 << 30  # a budget: a frame announcing more is garbled
COMMAND = [sys.executable, "-m", "desktop.storage.formats.pdf_process"]

# A request: (ticket, key, raw or None, page numbers); raw comes with a document's
# first batch, later batches name it by key. An answer: (ticket, pages, error), pages
# a list of (number, text, unreadable, left_out).
Request = tuple[int, int, bytes | None, list[int]]
PageText = tuple[str, int, int]  # text, unreadable, left out (``pdf.read_page``)
Answer = tuple[int, list[tuple[int, str, int, int]] | None, str | None]
_tickets = itertools.count(1)


def _write(stream: IO[bytes], data: bytes) -> None:
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> bytes | None:
    """The next frame, or None at the end of the stream (or a garbled frame)."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    if size > MAX_FRAME:
        return None
    data = stream.read(size)
    return data if len(data) == size else None


def _request(data: bytes) -> Request:
    return pickle.loads(data)  # from our own parent: trusted


def _answer(data: bytes) -> Answer:
    """An answer is JSON, not a pickle: the helper parses untrusted PDFs, and what it
    says must not be able to run code here."""
    value = json.loads(data)
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], int):
        raise ValueError("not an answer")
    return value[0], value[1], value[2]


class Helper:
    """The parent's end of one helper process: a writer and a listener thread, so
    neither sending a large PDF nor waiting for an answer ever blocks the reader."""

    def __init__(self, command: list[str] | None = None) -> None:
        root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            command or COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, close_fds=True)
        self.answers: queue.SimpleQueue[Answer | None] = queue.SimpleQueue()
        self._outbox: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
        self.dead = False
        self.ready = False  # it said so once its imports were done
        self.busy = False  # one reading at a time uses it; another reads alone
        self._asked: dict[int, float] = {}  # ticket → when sent, until answered
        self._asked_lock = threading.Lock()
        for target, name in ((self._send_loop, "pdf-helper-send"),
                             (self._listen, "pdf-helper-listen")):
            threading.Thread(target=target, name=name, daemon=True).start()

    def send(self, request: Request) -> None:
        if request[3]:  # an empty batch (done with a document) has no answer
            with self._asked_lock:
                self._asked[request[0]] = time.monotonic()
        self._outbox.put(request)

    def hung(self) -> bool:
        """Whether a batch has waited ``HUNG_SECONDS`` for its answer (PDFium stuck on a
        page: its pipe would fill and every later PDF wait in memory to be sent)."""
        with self._asked_lock:
            oldest = min(self._asked.values(), default=None)
        return oldest is not None and time.monotonic() - oldest > HUNG_SECONDS

    def _send_loop(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        while (request := self._outbox.get()) is not None:
            try:
                _write(stdin, pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, ValueError):  # the helper is gone
                self.dead = True
                return

    def _listen(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while (frame := _read(stdout)) is not None:
                answer = _answer(frame)
                if answer[0] == 0:  # ticket 0: "ready"
                    self.ready = True
                else:
                    with self._asked_lock:
                        self._asked.pop(answer[0], None)
                    self.answers.put(answer)
        except Exception:  # a garbled answer: as good as dead
            pass
        self.dead = True
        self.answers.put(None)

    def stop(self) -> None:
        self.dead = True
        self._outbox.put(None)
        try:
            self.process.kill()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass


_helper: list[Helper] = []
_lock = threading.Lock()


def helper() -> Helper | None:
    """The process's helper, started if need be (a dead one is replaced); None when it
    cannot be started (the caller then reads alone)."""
    if getattr(sys, "frozen", False):  # a bundled app: sys.executable is the app itself
        return None
    with _lock:
        if _helper and not _helper[0].dead:
            return _helper[0]
        if _helper:
            _helper.pop().stop()
        try:
            _helper.append(Helper())
        except OSError:
            return None
        return _helper[0]


def spare_core() -> bool:
    """Whether a core is left idle by the last minute's load (a second process only
    helps then: on two cores shared with other work, reading with the helper measured
    as slow as reading alone, and slower in some runs). Without a load average (Windows)
    a machine of two cores or more is taken to have one."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cores >= 2
    return cores >= 2 and load <= cores - 1


def warm_helper() -> Helper | None:
    """The helper if it is up, ready and free; None otherwise (the reader reads alone).

    Never started here: starting one costs ~0.1 s of CPU (0.5 s on a loaded machine),
    which on two busy cores slowed the very read it was to help. ``prewarm`` starts it
    once a long PDF has been read, for the next one."""
    with _lock:
        found = _helper[0] if _helper else None
        if found is not None and not found.busy and found.hung():
            _helper.pop().stop()  # ``prewarm`` starts a fresh one after this read
            return None
    if found is None or found.dead or not found.ready or found.busy:
        return None
    return found


def running() -> Helper | None:
    """The helper process if one was started (for measurements)."""
    with _lock:
        return _helper[0] if _helper else None


def prewarm() -> None:
    """Start the helper now if it is not running (cheap here: it boots on its own)."""
    helper()


@atexit.register
def shutdown() -> None:
    with _lock:
        while _helper:
            _helper.pop().stop()


class Split:
    """Which page of one PDF the reader reads next, and the pages read so far.

    The reader takes pages from the front; batches of ``BATCH`` pages from the back go
    to the helper (two waiting, so it is never idle) while at least two batches' worth
    is left between them. Out of pages of its own, the reader takes those of the batches
    not answered yet, the last sent first (the helper reaches them last): nothing waits
    for the helper, and a dead, hung or slow one costs at most the pages read twice.
    """

    def __init__(self, raw: bytes, count: int, helper: Helper | None) -> None:
        self.count = count
        self.results: dict[int, PageText] = {}
        self.front = 0
        self.back = count  # pages from here on went to the helper
        self.stolen = count  # next page of an unanswered batch the reader takes
        self.sent: dict[int, list[int]] = {}  # ticket → its pages
        self.helped = 0  # pages the helper's answers gave
        self.raw: bytes | None = raw
        self.key = next(_tickets)
        free = helper is not None and not helper.busy and len(raw) <= MAX_BYTES
        self.helper = helper if free else None
        if self.helper is not None:
            self.helper.busy = True
            self._send()
            self._send()

    def _send(self) -> None:
        helper = self.helper
        if helper is None or helper.dead or self.back - self.front < 2 * BATCH:
            return
        pages = list(range(self.back - BATCH, self.back))
        self.back -= BATCH
        self.stolen = self.back
        ticket = next(_tickets)
        self.sent[ticket] = pages
        helper.send((ticket, self.key, self.raw, pages))
        self.raw = None  # sent once; later batches name the document by its key

    def collect(self) -> None:
        """Take the helper's answers that arrived (others' stale ones are dropped)."""
        helper = self.helper
        while helper is not None:
            try:
                answer = helper.answers.get_nowait()
            except queue.Empty:
                return
            if answer is None:  # it died: the reader reads what it had
                return
            ticket, pages, _error = answer
            if self.sent.pop(ticket, None) is None:
                continue
            for number, text, unreadable, left_out in pages or ():
                if number not in self.results:
                    self.results[number] = (text, unreadable, left_out)
                    self.helped += 1
            self._send()

    def next_page(self) -> int | None:
        """The page the reader reads now; None once every page is read."""
        self.collect()
        while self.front < self.back:
            self.front += 1
            if self.front - 1 not in self.results:
                return self.front - 1
        while self.stolen < self.count:
            self.stolen += 1
            if self.stolen - 1 not in self.results:
                return self.stolen - 1
        return None

    def close(self) -> None:
        """Done (or cancelled): the helper closes the document (an empty batch) and is
        free for the next reading; answers still on their way are dropped then."""
        if self.helper is not None:
            self.helper.send((next(_tickets), self.key, None, []))
            self.helper.busy = False
            self.helper = None


def main() -> int:
    """The helper's loop: answer batches of pages until stdin closes."""
    if NICE and hasattr(os, "nice"):
        os.nice(NICE)
    from desktop.storage.formats.pdf import open_pdf, read_text_of_page

    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints spoil no frame
    document, opened = None, -1
    _write(answers, json.dumps([0, None, None]).encode())  # ready
    while (frame := _read(requests)) is not None:
        ticket, key, raw, numbers = _request(frame)
        if not numbers:  # that document is done with: free its memory
            if document is not None and key == opened:
                document.close()
                document, opened = None, -1
            continue
        try:
            if raw is not None:
                if document is not None:
                    document.close()
                document, opened = None, -1
                document = open_pdf(raw, "helper")
                opened = key
            if document is None or key != opened:
                raise LookupError("that document is not open here")
            pages = [(n, *read_text_of_page(document, n)) for n in numbers]
            reply = [ticket, pages, None]
        except Exception as err:  # the reader reads these pages itself and says why
            reply = [ticket, None, f"{type(err).__name__}: {err}"]
        _write(answers, json.dumps(reply).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
