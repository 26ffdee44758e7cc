"""``python -m desktop.bench.startup_cost``: cold start counted in CPU instructions.

Wall-clock start-up on a shared 2-core machine swings by half from one minute to the
next, which hides a 10 ms change. Instructions executed do not swing: this runs the
bare PySide6 window and the app's cold start (the bench's ``worker`` operations) once
each under valgrind's callgrind, with a fixed hash seed, and prints the counts. Use it
to compare two versions of the start-up path; the timed figures stay in
``desktop.bench``. Needs ``valgrind`` (``apt-get install valgrind``); like the other
benchmarks it reports and always exits 0.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile

COUNT = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(operation: str) -> int | None:
    """Instructions the worker's ``operation`` executes, or None if it failed."""
    with tempfile.TemporaryDirectory(prefix="crosslight-cost-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONHASHSEED="0",
                   CROSSLIGHT_CONFIG_DIR=f"{tmp}/config", CROSSLIGHT_STATE_DIR=f"{tmp}/state")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             sys.executable, "-m", "desktop.bench.worker", operation],
            capture_output=True, text=True, env=env, timeout=900, check=False,
        )
    found = COUNT.search(out.stderr)
    return int(found.group(1)) if found else None


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind); nothing measured.")
        return 0
    bare, start = instructions("bare"), instructions("start")
    if bare is None or start is None:
        print("callgrind did not report a count; nothing measured.")
        return 0
    print(f"bare PySide6 window: {bare / 1e9:.3f} billion instructions")
    print(f"cold start → main window with the seed: {start / 1e9:.3f} billion "
          f"({start / bare:.2f}× the bare window)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
