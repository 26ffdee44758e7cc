"""``python -m desktop.bench.web_fetch``: what fetching costs, against a server on 127.0.0.1.

- time to fetch n and 4n bytes (plain and gzip): the ratio should be about 4 (streamed,
  linear), whatever the machine's speed;
- peak Python memory while a gzip bomb (100 MB of zeros in ~100 kB) is refused at a
  1 MB and a 16 MB cap: it should stay near the cap, never near 100 MB;
- Open Address on a saved article (the sample web page of the tests), split into
  download and reading.

Nothing leaves the machine. Prints medians; like ``desktop.bench`` it reports and
always exits 0.
"""

from __future__ import annotations

import contextlib
import gzip
import statistics
import sys
import threading
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

RUNS = 5
N = 4 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    bodies: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        body, coding = self.bodies[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # a capped fetch hangs up
            self.wfile.write(body)


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    from desktop.storage.web.client import fetch
    from desktop.storage.web.config import WebConfig
    from desktop.storage.web.errors import FetchError

    text = (b"The official said 9,000 troops are stationed there. " * 200_000)
    _Handler.bodies = {
        "/n": (text[:N], ""), "/4n": (text[: 4 * N], ""),
        "/n.gz": (gzip.compress(text[:N], 6), "gzip"),
        "/4n.gz": (gzip.compress(text[: 4 * N], 6), "gzip"),
        "/bomb": (gzip.compress(b"\0" * (100 * 1024 * 1024), 9), "gzip"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = WebConfig()
    try:
        print(f"fetch over loopback (median of {RUNS}; compare the ratios, the machine is "
              "shared):")
        for label, small, large in (("plain", "/n", "/4n"), ("gzip", "/n.gz", "/4n.gz")):
            t1 = _median_ms(lambda p=small: fetch(base + p, config=config))
            t4 = _median_ms(lambda p=large: fetch(base + p, config=config))
            print(f"  {label:<5} {N >> 20} MB {t1:7.1f} ms   {4 * N >> 20} MB {t4:7.1f} ms   "
                  f"ratio {t4 / t1:.2f}")
        print("gzip bomb (100 MB of zeros in "
              f"{len(_Handler.bodies['/bomb'][0]) // 1024} kB), refused at the cap:")
        for cap in (1 << 20, 16 << 20):
            tracemalloc.start()
            try:
                fetch(base + "/bomb", config=config.with_(max_bytes=cap))
            except FetchError as err:
                outcome = err.kind
            else:
                outcome = "not refused!"
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  cap {cap >> 20:>2} MB: {outcome}, peak Python memory {peak / 2**20:.1f} MB")
        _open_address(base, config)
    finally:
        server.shutdown()
        server.server_close()
    return 0


def _open_address(base: str, config) -> None:
    from pathlib import Path

    from desktop.storage.web.actions import open_address

    page = Path(__file__).resolve().parents[2] / "tests" / "web" / "fixtures" / "article.html"
    if not page.is_file():
        return
    _Handler.bodies["/article.html"] = (page.read_bytes(), "")
    stages: dict[str, float] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        stages.setdefault(stage.split()[0], time.perf_counter())

    open_address(base + "/article.html", config=config)  # warm: trafilatura's import
    t0 = time.perf_counter()
    open_address(base + "/article.html", config=config, progress=progress)
    t1 = time.perf_counter()
    read_at = stages.get("Reading", t1)
    print(f"Open Address, the tests' article ({page.stat().st_size:,} bytes, warm): "
          f"{(t1 - t0) * 1000:.1f} ms (download {(read_at - t0) * 1000:.1f} ms, "
          f"reading {(t1 - read_at) * 1000:.1f} ms)")


if __name__ == "__main__":
    sys.exit(main())
