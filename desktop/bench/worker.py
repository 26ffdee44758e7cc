"""One measurement in a fresh process: ``python -m desktop.bench.worker OP [ARGS]``.

Prints one JSON object. Run by ``desktop.bench``; separate processes keep cold-start
and memory figures honest.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import sys
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    """Peak resident memory of this process image. ru_maxrss survives exec on Linux, so
    it would report the (larger) benchmark parent that forked us; VmHWM does not."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _settle(app) -> None:
    """Let Qt finish showing and painting: process events until the queue stays empty."""
    for _ in range(5):
        app.processEvents()


def cold_start(bare: bool, text: bool = False) -> dict:
    if bare:
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication.instance() or QApplication([])
        window = QMainWindow()
        window.resize(1280, 820)
        if text:  # the same article in a plain text view: what a reader must at least do
            from PySide6.QtWidgets import QPlainTextEdit

            from desktop.cli import SAMPLE_DOCUMENT

            view = QPlainTextEdit(window)
            view.setReadOnly(True)
            view.setPlainText(SAMPLE_DOCUMENT.read_text(encoding="utf-8"))
            window.setCentralWidget(view)
        window.show()
    else:  # the steps of `crosslight` (desktop.cli.main → desktop.ui.app.run), in order
        from desktop.cli import SAMPLE_DOCUMENT
        from desktop.storage.opening import open_path

        opened = open_path(SAMPLE_DOCUMENT)
        from desktop.ui.app import make_app, start

        app = make_app([])
        if start(opened) is None:
            raise SystemExit("the sample study did not open")
    _settle(app)
    print(json.dumps({"ready": True}), flush=True)
    os._exit(0)


def open_study(path: str) -> dict:
    """Open as the app does, then measure: until the window is shown and painted
    (``open``), until the views' continuation (``chunked``: a large study's ranges,
    badges and counts, in slices) is done (``done``), and the longest gap between
    event-loop turns meanwhile (``stall``: what a user feels while it finishes)."""
    from desktop.ui.app import make_app

    app = make_app([])
    from desktop.storage.opening import open_path
    from desktop.ui.app import window_for

    t0 = time.perf_counter()
    window = window_for(open_path(Path(path)))
    window.show()
    _settle(app)
    shown = time.perf_counter()
    later = window.current.later
    turns = [shown]
    while later.busy:
        app.processEvents()
        turns.append(time.perf_counter())
    done = time.perf_counter()
    stall = max((b - a for a, b in itertools.pairwise(turns)), default=0.0)
    return {"open": shown - t0, "done": done - t0, "stall": stall, "rss_mb": _peak_rss_mb()}


def ui_ops(path: str, repeats: int) -> dict:
    """Typing in a note, clicking in the list, filtering the list: per-action times."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.storage.opening import open_path
    from desktop.ui.app import make_app, window_for

    app = make_app([])
    window = window_for(open_path(Path(path)))
    window.show()
    _settle(app)
    while window.current.later.busy:  # the views finish drawing a large study
        app.processEvents()
    notes = window.notes
    view = notes.list
    model = view.model()

    typing = []
    first = model.index(0, 0)
    view.setCurrentIndex(first)
    editor = notes.card.note.editor
    editor.setFocus()
    _settle(app)
    for _ in range(repeats * 4):
        t0 = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_A)
        app.processEvents()
        typing.append(time.perf_counter() - t0)

    clicks = []
    rows = model.card_count if hasattr(model, "card_count") else model.rowCount()
    for i in range(repeats):
        index = model.index((i + 1) * rows // (repeats + 1), 0)
        view.scrollTo(index)
        app.processEvents()
        t0 = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(index).center())
        app.processEvents()
        clicks.append(time.perf_counter() - t0)

    filters = []
    box = getattr(notes, "text_filter", None)
    if box is not None:
        for word in ["prince", "natasha", "regiment", "xyzzy", "battle"][:repeats]:
            box.clear()
            app.processEvents()
            t0 = time.perf_counter()
            box.setText(word)
            app.processEvents()
            filters.append(time.perf_counter() - t0)
    searches = []
    ops = getattr(window, "tag_ops", None)
    if ops is not None:  # Search Study: the panel's search and repaint, debounce excluded
        window.menu_actions.search_study.trigger()
        _settle(app)
        panel = ops.panel
        for word in ["prince", "natasha", "regiment", "xyzzy", "battle"][:repeats]:
            panel.query.setText(word)
            t0 = time.perf_counter()
            panel.run()
            app.processEvents()
            searches.append(time.perf_counter() - t0)
    saves = _saves(app, window, editor, repeats)
    return {"typing": typing, "click": clicks, "filter": filters, "search": searches,
            "rss_mb": _peak_rss_mb(), **saves}


def _saves(app, window, editor, repeats: int) -> dict:
    """Ctrl+S as the user has it: the write runs on a worker thread. Measured: how long
    the UI thread is held (the snapshot), the longest gap between event-loop turns while
    the file is written (what a user feels), and the time until the file is written."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    held, stalls, totals = [], [], []
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    for _ in range(repeats):
        QTest.keyClick(editor, Qt.Key.Key_B)  # one change to save
        app.processEvents()
        timer.start()
        t0 = time.perf_counter()
        window.files.save(background=True)
        held.append(time.perf_counter() - t0)
        ticks[:] = [time.perf_counter()]
        files = window.files  # (a save may first wait for the snapshot cache, in slices)
        while files.writer.busy or files.save_waiting:
            app.processEvents()
            time.sleep(0.0005)
        end = time.perf_counter()
        totals.append(end - t0)
        ticks.append(end)
        timer.stop()
        stalls.append(max(b - a for a, b in itertools.pairwise(ticks)))
    return {"save_held": held, "save_stall": stalls, "save_total": totals}


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    op = argv[0]
    if op in ("start", "bare", "bare-text"):
        cold_start(op != "start", text=op == "bare-text")
    elif op == "open":
        print(json.dumps(open_study(argv[1])), flush=True)
    elif op == "ui":
        print(json.dumps(ui_ops(argv[1], int(argv[2]))), flush=True)
    else:
        print(json.dumps({"error": f"unknown op {op}"}))
        return 2
    os._exit(0)  # skip teardown (and the unsaved-changes question)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
