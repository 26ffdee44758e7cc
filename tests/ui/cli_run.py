"""Running ``python -m desktop …`` as a user would, for the command-line tests."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
