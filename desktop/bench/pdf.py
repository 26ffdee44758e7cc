"""``python -m desktop.bench.pdf``: opening, rendering and scrolling PDFs.

Its inputs: a generated 117-page report (prose in a standard, not embedded, font — the
best case for poppler), a 117-page pdfTeX document made of the pages of a TeX manual
found on the system (``/usr/share/doc/*/*.pdf`` made by TeX, pages repeated; skipped when
there is none), ``--pdf FILE`` if given, and a generated 500-page PDF for scrolling.
It measures, median of ``--runs``:

- whole text ready: ``load_document`` (PDFium's text of every page; a long PDF's
  pages shared with the helper process, ``storage/formats/pdf_process``, while a core
  is idle) as the app reads it, with the helper whatever the load, and alone, beside
  ``pdftotext FILE -`` (poppler) on the same file when it is installed, in turns, with
  the CPU seconds of each;
- File › Open in a window: from ``files.open`` to the first page painted (it shows
  while the text is read) and to the study made of the whole text, shown;
- rendering one page at the fit-width zoom of a 900-pixel-wide view (PDFium thread);
- scrolling the 500-page PDF: the view scrolled 60 px every 16 ms over 40 pages, and
  the longest the UI thread went without answering a 1 ms timer (its longest stall).

It reports; it is not a test gate, and it always exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.bench.data import make_text
from desktop.devtools.pdf_bytes import assemble_pdf

TARGETS = {"first page visible": 0.3, "longest UI stall while scrolling": 0.05}
LINES_PER_PAGE = 48
CHARS_PER_LINE = 88


def make_pdf(pages: int, seed: int = 7) -> bytes:
    """A PDF of ``pages`` pages of prose in Times, one content stream per page."""
    text = make_text(pages * LINES_PER_PAGE * CHARS_PER_LINE, seed=seed)
    words = text.split()
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > CHARS_PER_LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font = 3 + 2 * pages
    for number in range(pages):
        chunk = lines[number * LINES_PER_PAGE:(number + 1) * LINES_PER_PAGE]
        body = ["BT /F1 10 Tf 12 TL 72 740 Td"]
        for row in chunk:
            safe = row.encode("latin-1", "replace").decode("latin-1")
            safe = safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            body.append(f"({safe}) Tj T*")
        body.append(f"ET BT /F1 9 Tf 300 40 Td ({number + 1}) Tj ET")
        stream = "\n".join(body).encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
                       f"{4 + 2 * number} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
                       .encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    return assemble_pdf(objects)


def tex_pdf(pages: int, out: Path) -> Path | None:
    """A ``pages``-page pdfTeX PDF from a TeX-made PDF on this system, or None."""
    import pypdfium2

    for candidate in sorted(Path("/usr/share/doc").glob("*/*.pdf")):
        try:
            source = pypdfium2.PdfDocument(candidate)
        except Exception:
            continue
        if "TeX" not in source.get_metadata_dict().get("Producer", ""):
            source.close()
            continue
        made = pypdfium2.PdfDocument.new()
        while len(made) < pages:
            made.import_pages(source, list(range(min(len(source), pages - len(made)))))
        made.save(out)
        made.close()
        source.close()
        return out
    return None


def _median_row(label: str, values: list[float], target: float | None = None) -> str:
    med = statistics.median(values)
    goal = f"≤ {target * 1000:.0f} ms" if target else ""
    ok = "" if target is None else ("  ok" if med <= target else "  OVER")
    return (f"  {label:<44} {med * 1000:8.1f} ms  (min {min(values) * 1000:.1f}, "
            f"max {max(values) * 1000:.1f})  {goal}{ok}")


def _text_times(path: Path, runs: int) -> tuple[dict[str, list[float]],
                                                dict[str, list[float]]]:
    """Seconds to the whole text (``load_document``) as the app reads it now (the
    helper process only while a core is idle: ``pdf_process.spare_core``), with the
    helper whatever the load, read alone by the PDFium thread, and ``pdftotext`` —
    taking turns within each run, so a loaded machine weighs on all alike. Also their
    CPU seconds: ours (every thread), the helper's ("helper CPU"), pdftotext's."""
    from desktop.storage.documents import load_document
    from desktop.storage.formats import pdf, pdf_process

    poppler = shutil.which("pdftotext")
    times: dict[str, list[float]] = {"app": [], "helper": [], "alone": [], "pdftotext": []}
    cpu: dict[str, list[float]] = {mode: [] for mode in [*times, "helper CPU"]}
    spare_core = pdf_process.spare_core
    load_document(path)  # imports
    for _ in range(runs):
        for mode in times:
            if mode == "pdftotext" and not poppler:
                continue
            _helper_ready()  # up, as after a first long PDF: its start weighs on no row
            pdf.HELPER = mode != "alone"
            pdf_process.spare_core = (lambda: True) if mode == "helper" else spare_core
            t0, c0, h0, k0 = (time.perf_counter(), time.process_time(), _helper_cpu(),
                              _children_cpu())
            if mode == "pdftotext":
                subprocess.run([str(poppler), "-q", str(path), "-"],
                               stdout=subprocess.DEVNULL, check=False)
            else:
                load_document(path)
            times[mode].append(time.perf_counter() - t0)
            cpu[mode].append(_children_cpu() - k0 if mode == "pdftotext"
                             else time.process_time() - c0)
            if mode == "helper":
                cpu["helper CPU"].append(_helper_cpu() - h0)
    pdf.HELPER = True
    pdf_process.spare_core = spare_core
    return times, cpu


def _spare() -> str:
    from desktop.storage.formats import pdf_process

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    used = "used" if pdf_process.spare_core() else "not used"
    return f"{used} now, load {load:.1f} on {os.cpu_count()} cores"


def _helper_cpu() -> float:
    """CPU seconds of the helper process so far (Linux; 0 elsewhere)."""
    from desktop.storage.formats import pdf_process

    helper = pdf_process.running()
    if helper is None:
        return 0.0
    try:
        fields = Path(f"/proc/{helper.process.pid}/stat").read_text().rsplit(")", 1)[1]
        user, system = fields.split()[11:13]
        return (int(user) + int(system)) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _helper_ready(limit: float = 30.0) -> None:
    """Wait (untimed) until the helper process is up, as it is in a session that has
    read a long PDF before."""
    from desktop.storage.formats import pdf_process

    pdf_process.prewarm()
    end = time.perf_counter() + limit
    while pdf_process.warm_helper() is None and time.perf_counter() < end:
        time.sleep(0.005)


def _pages(path: Path) -> int:
    from desktop.storage.documents import load_document

    return len(load_document(path).pages)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait(app, done, limit: float = 30.0) -> None:
    end = time.perf_counter() + limit
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.0005)


def _window_open(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """File › Open of ``path`` in a fresh window (each run): seconds to the first page
    painted, and to the study made of the whole text (``files.open`` returning)."""
    from desktop.domain.factory import new_study_for
    from desktop.domain.model import Document
    from desktop.storage.opening import Opened
    from desktop.ui.core.session import StudySession
    from desktop.ui.dialogs.prompts import Prompts
    from desktop.ui.window.main_window import MainWindow

    class Quiet(Prompts):
        """No modal message boxes (a PDF with unreadable glyphs says so in one)."""

        def info(self, title: str, message: str) -> None:
            pass

        def error(self, title: str, message: str) -> None:
            raise SystemExit(f"{path.name}: {message}")

    app = _app()
    firsts, wholes = [], []
    for _ in range(runs):
        blank = Document(text="Nothing open yet.", title="blank", media_type="text/plain")
        window = MainWindow(StudySession.from_opened(Opened(new_study_for(blank), None)),
                            Quiet())
        window.resize(1280, 900)
        window.show()
        app.processEvents()
        first: list[float] = []
        clock = [0.0]  # when File › Open began

        def wire(view, first=first, clock=clock) -> None:
            def rendered(_token, number, *_args) -> None:
                if number == 0 and not first:
                    view.viewport().repaint()  # the frame that shows it
                    first.append(time.perf_counter() - clock[0])

            view.pdf.worker.rendered.connect(rendered)

        window.pdf.viewCreated.connect(wire)
        clock[0] = time.perf_counter()
        opened = window.files.open(path)
        wholes.append(time.perf_counter() - clock[0])
        _wait(app, lambda first=first: bool(first))
        if not opened or not first:
            raise SystemExit(f"{path.name} did not open as pages")
        firsts.append(first[0])
        assert window.pdf.view is not None
        window.pdf.view.stop()
        window.close()
        window.deleteLater()
        app.processEvents()
    return firsts, wholes


def _first_page(path: Path, runs: int) -> list[float]:
    """The page view alone, its page starts known: opening the file until page 1 is
    painted."""
    from desktop.storage.documents import load_document
    from desktop.ui.pdfview.page import PageView

    app = _app()
    starts = load_document(path).pages
    times = []
    for _ in range(runs):
        view = PageView()
        view.resize(900, 1000)
        view.show()
        t0 = time.perf_counter()
        view.load(path.read_bytes(), path.name, starts)
        _wait(app, lambda v=view: 0 in v.rendered_pages())
        view.viewport().repaint()  # the frame that shows it
        times.append(time.perf_counter() - t0)
        view.stop()
        view.deleteLater()
        app.processEvents()
    return times


def _render_times(path: Path, pages: int = 20) -> list[float]:
    from desktop.storage.formats.pdf import PdfPages

    pdf = PdfPages(path.read_bytes(), path.name)
    scale = (900 - 4 - 24 - 26) / pdf.sizes[0][0]
    times = []
    for number in range(min(pages, pdf.count)):
        t0 = time.perf_counter()
        pdf.render(number, scale)
        times.append(time.perf_counter() - t0)
    pdf.close()
    return times


def _scroll(path: Path, pages: int = 40) -> tuple[float, float, int]:
    """Scroll ``pages`` pages, 60 px per 16 ms; (longest stall s, seconds, pages drawn)."""
    from PySide6.QtCore import QTimer

    from desktop.storage.documents import load_document
    from desktop.ui.pdfview.page import PageView

    app = _app()
    document = load_document(path)
    view = PageView()
    view.resize(900, 1000)
    view.show()
    view.load(path.read_bytes(), path.name, document.pages)
    _wait(app, lambda: 0 in view.rendered_pages())
    drawn: set[int] = set()
    view.pdf.worker.rendered.connect(lambda _t, n, *_a: drawn.add(n))
    bar = view.verticalScrollBar()
    goal = round(view.layout_.tops[min(pages, view.page_count - 1)])
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def step() -> None:
        bar.setValue(min(goal, bar.value() + 60))

    monitor, stepper = QTimer(), QTimer()
    monitor.setInterval(1)
    monitor.timeout.connect(tick)
    stepper.setInterval(16)
    stepper.timeout.connect(step)
    t0 = time.perf_counter()
    last[0] = t0
    monitor.start()
    stepper.start()
    _wait(app, lambda: bar.value() >= goal, limit=120)
    seconds = time.perf_counter() - t0
    stepper.stop()
    monitor.stop()
    view.stop()
    return max(gaps, default=0.0), seconds, len(drawn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench.pdf", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", type=Path, action="append", default=[],
                        help="a PDF to measure besides the generated ones (repeatable)")
    parser.add_argument("--text-only", action="store_true",
                        help="only the whole-text rows (no window, rendering, scrolling)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crosslight-bench-pdf-") as tmp:
        # File › Open remembers the file in Open Recent: not in the user's settings.
        os.environ.setdefault("CROSSLIGHT_CONFIG_DIR", str(Path(tmp) / "config"))
        os.environ.setdefault("CROSSLIGHT_STATE_DIR", str(Path(tmp) / "state"))
        inputs = [("generated, standard font", Path(tmp) / "report-117.pdf")]
        inputs[0][1].write_bytes(make_pdf(117))
        tex = tex_pdf(117, Path(tmp) / "tex-117.pdf")
        if tex is not None:
            inputs.append(("pdfTeX pages", tex))
        inputs.extend(("given", pdf) for pdf in args.pdf)
        big = Path(tmp) / "book-500.pdf"
        big.write_bytes(make_pdf(500, seed=11))
        print("\nPDF (PDFium via pypdfium2 on one worker thread; poppler's pdftotext beside it)")
        for label, path in inputs:
            times, cpu = _text_times(path, args.runs)
            theirs = times["pdftotext"]
            goal = statistics.median(theirs) if theirs else None
            print(f" {path.name} ({label}): {path.stat().st_size / 1e6:.1f} MB, "
                  f"{_pages(path)} pages")
            print(_median_row("whole text ready (PDFium)", times["app"], goal)
                  + f"  [helper: {_spare()}]")
            print(_median_row("  … with the helper process, whatever the load",
                              times["helper"], goal))
            print(_median_row("  … read alone (the PDFium thread only)", times["alone"],
                              goal))
            if theirs:
                print(_median_row("  pdftotext on the same file (poppler)", theirs))
            else:
                print("  pdftotext is not installed: no comparison")
            print("  CPU (medians): with the helper "
                  + " + ".join(f"{statistics.median(cpu[k]) * 1000:.0f}"
                               for k in ("helper", "helper CPU"))
                  + f" ms (ours + helper's); alone {statistics.median(cpu['alone']) * 1000:.0f}"
                  + (f" ms; pdftotext {statistics.median(cpu['pdftotext']) * 1000:.0f} ms"
                     if theirs else " ms"))
            if args.text_only:
                continue
            firsts, wholes = _window_open(path, args.runs)
            print(_median_row("File › Open: first page visible", firsts,
                              TARGETS["first page visible"]))
            print(_median_row("File › Open: whole text read, study shown", wholes))
            print(_median_row("  page view alone: open + first render",
                              _first_page(path, args.runs),
                              TARGETS["first page visible"]))
            print(_median_row("render one page at fit width (900 px view)",
                              _render_times(path)))
        if args.text_only:
            return 0
        stalls, seconds, drawn = [], 0.0, 0
        for _ in range(max(1, args.runs // 2)):
            stall, seconds, drawn = _scroll(big)
            stalls.append(stall)
        print(f" {big.name}: 500 pages, scrolled 60 px per 16 ms over 40 pages")
        print(_median_row("longest UI stall while scrolling", stalls,
                          TARGETS["longest UI stall while scrolling"])
              + f"  [{seconds:.1f} s, {drawn} pages rendered]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
