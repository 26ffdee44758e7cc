"""A long PDF's text is read by the PDFium thread and a helper process together; the
text, page starts and warnings are exactly those of reading alone, and a helper that
dies, hangs, talks nonsense or is busy only means the reader reads the pages itself."""

import sys
import time

import pytest

from desktop.storage.errors import DocumentError
from desktop.storage.formats import pdf as pdf_format
from desktop.storage.formats import pdf_process
from desktop.storage.formats.base import Source
from desktop.storage.formats.pdf import UNREADABLE, load_pdf, open_pdf, read_text_of_page
from desktop.storage.formats.pdf_process import Helper, Split
from tests.format_fixtures import _with_new_xref, make_image_pdf, make_pdf

PAGES = 40


@pytest.fixture(autouse=True)
def _a_spare_core(monkeypatch):
    """These tests are about the helper: as on a machine with a core to spare."""
    monkeypatch.setattr(pdf_process, "spare_core", lambda: True)


def _long_pdf() -> bytes:
    """``PAGES`` pages of distinct prose; page 31 ends in three glyphs no font maps."""
    pages = [f"page {n} says " + " ".join(["the quick brown fox"] * 6) for n in range(PAGES)]
    pages[30] += "\x7f"
    raw = make_pdf(pages)
    raw = raw.replace(b"\x7f) Tj ET", b") Tj /F2 12 Tf (ABC) Tj ET")
    raw = raw.replace(b"/Font << /F1 ", b"/Font << /F2 99 0 R /F1 ")
    raw += (b"99 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
            b"<< /Differences [65 /g1 /g2 /g3] >> >>\nendobj\n")
    return _with_new_xref(raw)


RAW = _long_pdf()


def _alone() -> tuple[str, list[int], list[str]]:
    pdf_format.HELPER = False
    try:
        doc = load_pdf(Source(RAW, "long.pdf"))
    finally:
        pdf_format.HELPER = True
    return doc.text, doc.pages, doc.load_warnings


ALONE = _alone()


def _read_with(monkeypatch, helper: Helper | None) -> tuple[str, list[int], list[str]]:
    monkeypatch.setattr(pdf_process, "warm_helper", lambda: helper)
    doc = load_pdf(Source(RAW, "long.pdf"))
    return doc.text, doc.pages, doc.load_warnings


def _dead_helper(code: str) -> Helper:
    return Helper([sys.executable, "-c", code])


def test_reading_alone_is_what_it_was():
    text, pages, warnings = ALONE
    assert len(pages) == PAGES and text.startswith("page 0 says the quick")
    assert "page 30 says" in text and UNREADABLE * 3 in text
    assert warnings == [warnings[0]] and warnings[0].startswith("page 31: 3 characters")


def test_the_helper_reads_batches_from_the_back_exactly_as_the_reader_would():
    """Driven without the reader reading a page: every answer comes from the helper."""
    helper = pdf_process.helper()
    assert helper is not None
    split = Split(RAW, PAGES, helper)
    try:
        deadline = time.monotonic() + 120  # a wait for the answers, not a measurement
        while split.sent and not helper.dead:
            split.collect()
            if time.monotonic() > deadline:
                pytest.fail("the helper never answered")
            time.sleep(0.01)
        # Batches go from the back, and stop short of the reader's front.
        assert 0 < split.back <= 2 * pdf_process.BATCH
        assert set(split.results) == set(range(split.back, PAGES))
        assert split.helped == len(split.results)
    finally:
        split.close()
    document = open_pdf(RAW, "long.pdf")
    try:
        for number, result in split.results.items():
            assert result == read_text_of_page(document, number)
    finally:
        document.close()
    assert not helper.busy


def test_a_long_pdf_read_with_the_helper_is_the_same_document(monkeypatch):
    assert _read_with(monkeypatch, pdf_process.helper()) == ALONE


@pytest.mark.parametrize("code", [
    "import sys; sys.exit(3)",  # dies at once
    "import sys; sys.stdin.buffer.read(64); sys.exit(3)",  # dies while being sent to
    "import sys; sys.stdin.buffer.read()",  # hangs: never answers
    "import sys; sys.stdout.buffer.write(b'\\xff' * 8); sys.stdout.flush(); "
    "sys.stdin.buffer.read()",  # nonsense
], ids=["dies", "dies-reading", "hangs", "nonsense"])
def test_a_helper_that_fails_only_means_the_reader_reads_every_page(monkeypatch, code):
    helper = _dead_helper(code)
    try:
        assert _read_with(monkeypatch, helper) == ALONE
    finally:
        helper.stop()


def test_a_helper_killed_while_reading_costs_nothing_but_time(monkeypatch):
    helper = Helper()
    real = Split.collect

    def kill_then_collect(split: Split) -> None:
        if split.helper is not None and helper.process.poll() is None:
            helper.process.kill()
        real(split)

    monkeypatch.setattr(Split, "collect", kill_then_collect)
    try:
        assert _read_with(monkeypatch, helper) == ALONE
    finally:
        helper.stop()


def test_the_helper_that_cannot_start_is_none(monkeypatch):
    monkeypatch.setattr(pdf_process, "COMMAND", ["/nonexistent/python"])
    monkeypatch.setattr(pdf_process, "_helper", [])
    assert pdf_process.helper() is None
    assert load_pdf(Source(RAW, "long.pdf")).text == ALONE[0]


def test_a_busy_helper_is_not_shared_and_stale_answers_are_dropped():
    """Two PDFs read at once: the second reads alone. A reading closed early (cancel)
    leaves answers behind that the next reading must not take for its own pages."""
    helper = pdf_process.helper()
    assert helper is not None
    first = Split(RAW, PAGES, helper)
    assert first.helper is helper and Split(RAW, PAGES, helper).helper is None
    first.close()
    other = make_pdf([f"other {n}" for n in range(PAGES)])
    second = Split(other, PAGES, helper)
    try:
        deadline = time.monotonic() + 120
        while second.sent and not helper.dead and time.monotonic() < deadline:
            second.collect()
            time.sleep(0.01)
    finally:
        second.close()
    assert second.results and all(text.startswith("other ") for text, *_ in
                                  second.results.values())


def test_a_long_image_only_pdf_is_still_refused():
    with pytest.raises(DocumentError, match=r"no text layer.*run OCR first"):
        load_pdf(Source(make_image_pdf(pdf_process.MIN_PAGES + 4), "scan.pdf"))


def test_the_helper_is_a_fresh_interpreter_never_a_fork():
    """A fork of a process holding Qt threads must never run Python: the helper is
    started by exec of ``python -m``, not by multiprocessing's fork."""
    assert pdf_process.COMMAND[:2] == [sys.executable, "-m"]
    assert pdf_process.COMMAND[2] == pdf_process.__name__


def _wait_ready(helper: Helper) -> None:
    deadline = time.monotonic() + 120  # a wait for it to boot, not a measurement
    while not helper.ready and not helper.dead and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_first_long_pdf_is_read_alone_and_starts_the_helper_for_the_next(monkeypatch):
    """Starting the helper during a read slowed that read on a loaded machine: it is
    started after it, and used once it says it is ready."""
    monkeypatch.setattr(pdf_process, "_helper", [])
    started: list[Helper] = []
    real = Split.__init__

    def spy(split: Split, raw: bytes, count: int, helper: Helper | None) -> None:
        started.append(helper)  # type: ignore[arg-type]
        real(split, raw, count, helper)

    monkeypatch.setattr(Split, "__init__", spy)
    assert load_pdf(Source(RAW, "long.pdf")).text == ALONE[0]
    assert started == [None] and len(pdf_process._helper) == 1
    helper = pdf_process._helper[0]
    try:
        _wait_ready(helper)
        assert pdf_process.warm_helper() is helper
        assert load_pdf(Source(RAW, "long.pdf")).text == ALONE[0]
        assert started[-1] is helper and not helper.busy
        # A short PDF neither uses nor needs it.
        load_pdf(Source(make_pdf(["short"] * 3), "short.pdf"))
        assert started[-1] is None
    finally:
        pdf_process.shutdown()


@pytest.mark.parametrize(("cores", "load", "spare"), [
    (2, 0.3, True), (2, 1.0, True), (2, 1.4, False), (2, 3.5, False), (8, 5.0, True),
    (1, 0.0, False), (2, None, True), (1, None, False)])
def test_the_helper_is_used_only_with_a_core_to_spare(monkeypatch, cores, load, spare):
    """On two cores shared with other work, reading with the helper was no faster."""
    import os

    monkeypatch.undo()  # the real spare_core
    monkeypatch.setattr(os, "cpu_count", lambda: cores)

    def loadavg() -> tuple[float, float, float]:
        if load is None:
            raise OSError("no load average here")
        return (load, load, load)

    monkeypatch.setattr(os, "getloadavg", loadavg)
    assert pdf_process.spare_core() is spare
    assert pdf_format.use_helper(PAGES) is spare
    assert not pdf_format.use_helper(pdf_process.MIN_PAGES - 1)


def test_a_pdf_over_the_budget_is_not_copied_to_the_helper(monkeypatch):
    helper = _dead_helper("import sys; sys.stdin.buffer.read()")
    try:
        monkeypatch.setattr(pdf_process, "MAX_BYTES", len(RAW) - 1)
        assert Split(RAW, PAGES, helper).helper is None
        monkeypatch.setattr(pdf_process, "MAX_BYTES", len(RAW))
        split = Split(RAW, PAGES, helper)
        assert split.helper is helper
        split.close()
    finally:
        helper.stop()


def test_the_helper_runs_at_a_lower_priority():
    """It must take only CPU nothing else wants (the reader's own thread included)."""
    import os

    if not hasattr(os, "getpriority"):
        pytest.skip("no process priorities here")
    helper = Helper()
    try:
        _wait_ready(helper)
        assert helper.ready
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, helper.process.pid) == min(mine + 10, 19)
    finally:
        helper.stop()


class _Scripted:
    """A helper whose answers the test writes: what Split sees of a real one."""

    def __init__(self) -> None:
        import queue

        self.answers: queue.SimpleQueue = queue.SimpleQueue()
        self.sent: list = []
        self.busy = self.dead = False

    def send(self, request) -> None:
        self.sent.append(request)


def test_pages_the_helper_could_not_read_are_read_by_the_reader_who_says_why():
    """An error in a batch (a damaged page) gives no text: the reader reads those pages
    itself, so the refusal names the page as reading alone does."""
    helper = _Scripted()
    split = Split(RAW, PAGES, helper)  # type: ignore[arg-type]
    (last, *_), (below, *_) = helper.sent[0], helper.sent[1]
    helper.answers.put((last, None, "PdfiumError: damaged"))
    helper.answers.put((below, [(n, "ok", 0, 0) for n in helper.sent[1][3]], None))
    mine = []
    while (number := split.next_page()) is not None:
        mine.append(number)
        split.results[number] = ("mine", 0, 0)
    assert set(mine) | set(helper.sent[1][3]) == set(range(PAGES))
    assert set(helper.sent[0][3]) <= set(mine)  # the failed batch: read by the reader
    assert all(split.results[n][0] == "ok" for n in helper.sent[1][3])
    split.close()
    assert helper.sent[-1][3] == [] and not helper.busy


def test_a_hung_helper_is_replaced_before_the_next_pdf(monkeypatch):
    """PDFium stuck on a page in the helper: the reader went on alone; the next long
    PDF must not queue its bytes behind a helper that never reads them."""
    hung = _dead_helper("import struct, sys; ready = b'[0, null, null]'; "
                        "sys.stdout.buffer.write(struct.pack('>I', len(ready)) + ready); "
                        "sys.stdout.flush(); sys.stdin.buffer.read()")  # ready, then stuck
    monkeypatch.setattr(pdf_process, "_helper", [hung])
    _wait_ready(hung)
    assert hung.ready and pdf_process.warm_helper() is hung
    assert load_pdf(Source(RAW, "long.pdf")).text == ALONE[0]  # read alone, unanswered
    assert not hung.hung() and pdf_process.warm_helper() is not None  # not yet
    monkeypatch.setattr(pdf_process, "HUNG_SECONDS", 0.0)
    time.sleep(0.01)
    assert hung.hung()
    assert pdf_process.warm_helper() is None and hung.dead
    assert hung not in pdf_process._helper
    pdf_process.shutdown()


@pytest.mark.parametrize("frame", [
    b"\x80\x04\x95", b"[1, 2]", b'{"a": 1}', b'["1", null, null]', b"not json"])
def test_an_answer_is_json_never_a_pickle(frame):
    """The helper parses untrusted PDFs: what it sends back must not run code here."""
    import pickle

    with pytest.raises(ValueError):
        pdf_process._answer(frame)
    with pytest.raises(ValueError):
        pdf_process._answer(pickle.dumps((1, [], None)))
    assert pdf_process._answer(b'[7, [[1, "text", 0, 0]], null]') == (7, [[1, "text", 0, 0]],
                                                                       None)
