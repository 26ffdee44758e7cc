"""``python -m desktop.bench.web_budget``: a huge web page read while the window waits.

A 1 MB page of 18,000 paragraphs (trafilatura alone took 17–25 s on it, and the window
froze for up to a second at a time) is read as Open Address and File › Open read it: on
a worker thread, while this thread ticks every 5 ms as the UI's event loop would. It
prints the time to read the page, the longest tick stall (target < 100 ms) and the load
warning that says why the article was not looked for (the extraction budget,
``formats.html.MAX_EXTRACT_BLOCKS``). Then the same for a page just under the budget.
Reports only; always exits 0.
"""

from __future__ import annotations

import sys
import threading
import time

TICK = 0.005


def _page(paragraphs: int) -> bytes:
    body = "".join(f"<p>Paragraph {i}: the official said {i} troops are stationed there.</p>\n"
                   for i in range(paragraphs))
    return (f"<html><head><title>Big</title></head><body><article>{body}</article>"
            "</body></html>").encode()


def _read_while_ticking(page: bytes) -> tuple[float, float, list[str]]:
    from desktop.storage.formats.base import Source
    from desktop.storage.formats.html import load_html

    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_html(Source(page, "p.html"))))
    t0 = time.perf_counter()
    worker.start()
    worst, last = 0.0, time.perf_counter()
    while worker.is_alive():
        time.sleep(TICK)
        now = time.perf_counter()
        worst, last = max(worst, now - last - TICK), now
    worker.join()
    return time.perf_counter() - t0, worst, result[0].load_warnings if result else ["failed"]


def main() -> int:
    from desktop.storage.formats.base import Source
    from desktop.storage.formats.html import MAX_EXTRACT_BLOCKS, load_html

    load_html(Source(_page(3), "warm.html"))  # trafilatura's import, not measured
    for label, paragraphs in (("18,000 paragraphs (over the budget)", 18_000),
                              (f"{MAX_EXTRACT_BLOCKS - 10:,} paragraphs (just under)",
                               MAX_EXTRACT_BLOCKS - 10)):
        page = _page(paragraphs)
        took, stall, warnings = _read_while_ticking(page)
        print(f"{label}, {len(page) / 1e6:.1f} MB: read in {took:.2f} s on a worker thread, "
              f"longest UI-thread stall {stall * 1000:.0f} ms (target < 100 ms)")
        for warning in warnings:
            print(f"  load warning: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
