"""``python -m desktop.bench.minimap``: what the minimap costs on a book.

Paints the minimap's marks for 10,000 and 20,000 highlights on a 3.2 MB text (by
category and by verdict), then the per-frame cost of a scroll once the marks are
cached. Prints medians; like ``desktop.bench`` it reports and always exits 0.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

BOOK_CHARS = 3_200_000
RUNS = 7


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _measure(app, text: str, n: int) -> str:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from desktop.bench.data import make_study
    from desktop.domain.categories import DEFAULT_CATEGORIES
    from desktop.ui.reader.minimap import Minimap
    from desktop.ui.reader.view import PaintRange, ReaderView

    colors = {cid: color for cid, _name, color in DEFAULT_CATEGORIES}
    study = make_study(text, n)
    ranges = [PaintRange(h.start, h.end, colors[h.category_id], h.id, h.verdict.value)
              for h in study.highlights.values()
              if h.start is not None and h.end is not None]  # ASCII text: code points = UTF-16
    host = QWidget()
    layout = QHBoxLayout(host)
    reader = ReaderView()
    minimap = Minimap(reader)
    layout.addWidget(reader, 1)
    layout.addWidget(minimap)
    host.resize(1000, 800)
    host.show()
    reader.set_text(text)
    reader.set_ranges(ranges)
    app.processEvents()
    by_category = _median_ms(minimap.render_marks)
    minimap.set_by_verdict(True)
    by_verdict = _median_ms(minimap.render_marks)
    image = QImage(minimap.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def frame() -> None:
        painter = QPainter(image)
        minimap.paint_to(painter)
        painter.end()

    frame()  # caches the marks
    cached = _median_ms(frame)
    host.close()
    return (f"{n:>6,} highlights: marks by category {by_category:6.1f} ms, by verdict "
            f"{by_verdict:6.1f} ms; cached frame (scroll) {cached:5.2f} ms")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.bench.data import make_text

    app = QApplication.instance() or QApplication(sys.argv[:1])
    text = make_text(BOOK_CHARS)
    print(f"minimap on {len(text) / 1e6:.1f} M characters, {RUNS} runs each (median)")
    for n in (10_000, 20_000):
        print(_measure(app, text, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
