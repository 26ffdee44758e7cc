"""Cold start as users see it (issue #17): on a real X server (Xvfb, the xcb platform)
the app's start to a painted main window on the sample, beside a bare PySide6 window
showing the same text in a QPlainTextEdit. Reports both medians and their ratio; exits
1 when the app takes more than twice the bare window.

``xvfb-run -a -s "-screen 0 1280x800x24" python -m desktop.bench.xcb_start [RUNS]``
(needs a DISPLAY; the runs alternate so both see the machine in the same state).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

LIMIT = 2.0


def _env() -> dict[str, str]:
    root = tempfile.mkdtemp(prefix="crosslight-xcb-")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", CROSSLIGHT_STATE_DIR=f"{root}/state",
               CROSSLIGHT_CONFIG_DIR=f"{root}/config")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_start(op: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop.bench.worker", op],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env)
    assert proc.stdout is not None
    proc.stdout.readline()  # "ready": shown and painted
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    return elapsed


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY"):
        print("xcb_start: no DISPLAY; run it under xvfb-run", file=sys.stderr)
        return 2
    runs = int(argv[0]) if argv else 7
    env = _env()
    cold_start("bare-text", env), cold_start("start", env)  # warm the file cache
    bare, app = [], []
    for _ in range(runs):
        bare.append(cold_start("bare-text", env))
        app.append(cold_start("start", env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"xcb, {runs} runs each: bare PySide6 window with the text {b * 1000:.0f} ms, "
          f"Crosslight {a * 1000:.0f} ms — {a / b:.2f}× (limit {LIMIT:.1f}×)")
    return 0 if a / b <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
