"""``python -m desktop.bench``: measure the hot paths against their targets.

Generates its own inputs (deterministic seeds) in a temporary folder, runs each
operation several times (fresh processes where start-up or memory matter), and prints
median/min/max beside each target, then how cost grows from 1k to 50k highlights.
It reports; it is not a test gate, and it always exits 0.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from desktop.bench.data import make_study, make_text, scattered_edits, score_placements
from desktop.storage.saving import save_study

BOOK_CHARS = 3_200_000


_PRIVATE_DIRS: dict[str, str] = {}


def _env() -> dict[str, str]:
    """Offscreen, and the app's state and config dirs in a temp folder: the saves
    measured here must not fill the user's real backup folder."""
    if not _PRIVATE_DIRS:
        root = tempfile.mkdtemp(prefix="crosslight-bench-dirs-")
        _PRIVATE_DIRS.update(CROSSLIGHT_STATE_DIR=f"{root}/state",
                             CROSSLIGHT_CONFIG_DIR=f"{root}/config")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **_PRIVATE_DIRS)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run_worker(*args: str) -> dict:
    env = _env()
    out = subprocess.run(
        [sys.executable, "-m", "desktop.bench.worker", *args],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"worker {args} failed: {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def _cold_start(op: str) -> float:
    env = _env()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.bench.worker", op],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "ready": the window is shown and painted
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    return elapsed


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(self, name: str, samples: list[float], target: float | None, unit: str = "s"):
        if not samples:
            self.rows.append((name, "n/a", "", "", _fmt(target, unit) if target else "", ""))
            return
        med = statistics.median(samples)
        verdict = "" if target is None else ("ok" if med <= target else "OVER")
        self.rows.append((name, _fmt(med, unit), _fmt(min(samples), unit),
                          _fmt(max(samples), unit), _fmt(target, unit) if target else "",
                          verdict))

    def print(self, title: str) -> None:
        print(f"\n{title}")
        head = ("operation", "median", "min", "max", "target", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(6)]
        for row in [head, *self.rows]:
            print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                            for i, (cell, w) in enumerate(zip(row, widths, strict=True))))


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.0f} {unit}"


def _timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="repetitions per operation")
    parser.add_argument("--quick", action="store_true", help="skip the scaling runs")
    args = parser.parse_args(argv)
    runs = args.runs
    from desktop.domain.reanchor import reanchor_all

    # Installed Python packages start from compiled bytecode; an editable checkout with
    # PYTHONDONTWRITEBYTECODE set would recompile every module on every start instead.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=1)

    with tempfile.TemporaryDirectory(prefix="crosslight-bench-") as tmp:
        # Saves take the app's path, backups included: kept in the temporary folder.
        os.environ["CROSSLIGHT_STATE_DIR"] = str(Path(tmp) / "state")
        text = make_text(BOOK_CHARS)
        edited, edits = scattered_edits(text, 0.01)
        sizes = [10_000, 20_000] if args.quick else [1_000, 10_000, 20_000, 50_000]
        paths, studies = {}, {}
        for n in sizes:
            studies[n] = make_study(text, n)
            paths[n] = Path(tmp) / f"book-{n}.crosslight"
            save_study(studies[n], paths[n])
        print(f"inputs: {len(text) / 1e6:.1f} M characters; study file with 10k highlights "
              f"{paths[10_000].stat().st_size / 1e6:.1f} MB; {runs} runs each; "
              f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")

        table = Table()
        _cold_start("bare"), _cold_start("start")  # unmeasured: warm the file cache
        bare, start = [], []
        for _ in range(runs):  # in turn, so both see the machine in the same state
            bare.append(_cold_start("bare"))
            start.append(_cold_start("start"))
        table.add("bare PySide6 window (reference)", bare, None)
        table.add("cold start → main window with the seed", start,
                  max(0.6, 1.3 * statistics.median(bare)))
        opens = [_run_worker("open", str(paths[10_000])) for _ in range(runs)]
        table.add("open 3.2 MB study, 10k highlights", [o["open"] for o in opens], 1.5)
        ui10 = _run_worker("ui", str(paths[10_000]), str(runs))
        table.add("save that study: until written (Ctrl+S)", ui10["save_total"], 0.3)
        table.add("  UI thread held by Ctrl+S (snapshot)", ui10["save_held"], None)
        table.add("  longest UI stall while writing", ui10["save_stall"], 0.05)
        table.add("  save on the UI thread (before: blocking)",
                  _timed(lambda: save_study(studies[10_000], paths[10_000]), runs), None)
        ui20 = _run_worker("ui", str(paths[20_000]), str(runs))
        table.add("type a character in a note, 20k loaded", ui20["typing"], 0.016)
        table.add("click in the list → scrolled and shown", ui10["click"], 0.050)
        table.add("filter the list by a typed word", ui10["filter"], 0.050)
        if ui10.get("search"):
            table.add("search the study for a word (panel)", ui10["search"], 0.100)
        if 50_000 in studies:
            opens50 = [_run_worker("open", str(paths[50_000])) for _ in range(runs)]
            table.add("open 50k highlights: window shown (first paint)",
                      [o["open"] for o in opens50], 1.5)
            table.add("  all work done (ranges, badges, counts in slices)",
                      [o["done"] for o in opens50], None)
            table.add("  longest UI stall meanwhile", [o["stall"] for o in opens50], 0.05)
            table.add("  peak memory", [o["rss_mb"] for o in opens50], 350, "MB")
            held, written, checked = _writer_thread_save(studies[50_000], paths[50_000], runs)
            table.add("save 50k highlights: UI thread (snapshot)", held, None)
            table.add("  the writer thread: encode, back up, write", written, 0.5)
            table.add("  the same with the on-disk check (as Ctrl+S)", checked, None)
        highlights = list(studies[10_000].highlights.values())
        table.add("re-anchor 10k after 1% scattered edits",
                  _timed(lambda: reanchor_all(text, edited, highlights), runs), 2.0)
        table.add("peak memory, 10k study open", [o["rss_mb"] for o in opens], 400, "MB")
        table.print("Targets (2-core machine, offscreen)")
        placements = reanchor_all(text, edited, highlights)
        accuracy = score_placements(highlights, placements, edits, old=text, new=edited)
        statuses = Counter(p.status for p in placements)
        print(f"\nre-anchoring accuracy, 10k highlights after {len(edits):,} scattered edits: "
              f"precision {accuracy.precision:.2%} (wrongly placed: "
              f"{round(accuracy.placed * (1 - accuracy.precision))}), recall "
              f"{accuracy.recall:.2%}, mid-word edges {accuracy.mid_word}; "
              + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items())))

        if not args.quick:
            _scaling(text, edited, studies, paths, runs)
    # PDFs: opening beside pdftotext, rendering, scrolling 500 pages (its own process).
    subprocess.run([sys.executable, "-m", "desktop.bench.pdf", "--runs", str(runs)],
                   env=_env(), timeout=1800, check=False)
    return 0


def _writer_thread_save(study, path: Path, runs: int
                        ) -> tuple[list[float], list[float], list[float]]:
    """What Ctrl+S costs where: the snapshot on the UI thread (the cache warmed, as the
    app warms it after opening), then ``save_study`` of that snapshot, which the app runs
    on its writer thread (encode, previous version to the backups, atomic write); and
    that save with the app's check that no other program changed the file (``expect``:
    the previous version hashed)."""
    from desktop.storage.saving import take_snapshot
    from desktop.storage.snapshot import SnapshotCache

    cache = SnapshotCache()
    while not cache.warm(study, 1_000_000):
        pass
    held, written, checked = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        snapshot = take_snapshot(study, cache)
        t1 = time.perf_counter()
        result = save_study(snapshot, path)
        written.append(time.perf_counter() - t1)
        held.append(t1 - t0)
        snapshot = take_snapshot(study, cache)
        t2 = time.perf_counter()
        save_study(snapshot, path, expect=result.fingerprint)  # the app's last save
        checked.append(time.perf_counter() - t2)
    return held, written, checked


def _scaling(text, edited, studies, paths, runs) -> None:
    from desktop.domain.reanchor import reanchor_all

    rows = []
    for n, study in studies.items():
        opens = [_run_worker("open", str(paths[n])) for _ in range(max(2, runs // 2))]
        opened = [o["open"] for o in opens]
        done = statistics.median(o["done"] for o in opens)
        saved = _timed(lambda s=study, p=paths[n]: save_study(s, p), runs)
        ui = _run_worker("ui", str(paths[n]), "3")
        anchored = _timed(lambda s=study: reanchor_all(text, edited, list(s.highlights.values())),
                          max(2, runs // 2))
        rows.append((n, statistics.median(opened), done, statistics.median(saved),
                     statistics.median(ui["typing"]), statistics.median(ui["filter"] or [0]),
                     statistics.median(anchored), ui["rss_mb"]))
    print("\nScaling (medians): highlights, open (shown / all done), save, keystroke, "
          "filter, re-anchor, RSS")
    for n, o, d, s, k, f, r, m in rows:
        print(f"  {n:>6}  open {o:6.2f} s / {d:5.2f} s  save {s * 1000:6.0f} ms  "
              f"key {k * 1000:5.1f} ms  filter {f * 1000:5.1f} ms  re-anchor {r:5.2f} s  "
              f"RSS {m:4.0f} MB")
    for (n, o, d, s, k, _f, r, _m), (n0, o0, d0, s0, k0, _f0, r0, _m0) in zip(
        rows[1:], rows, strict=False
    ):
        grow = n / n0
        print(f"  ×{grow:g} highlights ({n0}→{n}): open ×{o / o0:.1f} (all done "
              f"×{d / d0:.1f}), save ×{s / s0:.1f}, key ×{k / max(k0, 1e-9):.1f}, "
              f"re-anchor ×{r / r0:.1f}")


if __name__ == "__main__":
    sys.exit(main())
