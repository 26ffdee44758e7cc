"""CI runs the type checker and the linter with the tests: ``mypy desktop`` and
``ruff check desktop tests`` must stay clean (configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=600, check=False)


def test_mypy_finds_no_errors_in_desktop():
    done = _tool("mypy", "desktop")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_ruff_finds_nothing_in_desktop_and_tests():
    done = _tool("ruff", "check", "desktop", "tests", "setup.py")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
