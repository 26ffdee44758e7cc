"""``python -m desktop PATH`` refuses what it cannot open: a message, exit 1, no traceback.

Qt is never started here: these paths fail before the GUI is imported.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.cli_run import REPO, run_cli


def newer(tmp_path: Path) -> Path:
    data = {"format": "crosslight-study", "version": 999, "study": {}}
    path = tmp_path / "future.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


CASES = {
    "missing": (lambda d: d / "missing.txt", "does not exist"),
    "binary": (lambda d: write(d / "image.txt", b"GIF89a\x00\x01\x00\x00\xff"), "binary file"),
    "malformed": (lambda d: write(d / "cut.crosslight", b'{"format": "crosslight-st'),
                  "not valid JSON"),
    "not-a-study": (lambda d: write(d / "other.crosslight", b'{"hello": 1}'),
                    "not a Crosslight study file"),
    "newer": (newer, "newer Crosslight"),
    "empty": (lambda d: write(d / "empty.md", b"  \n\n"), "is empty"),
    "folder": (lambda d: d, "not a Crosslight study"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_cli_refuses_with_a_message(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path)
    result = run_cli(str(path))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("crosslight: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1  # one clear line


def test_cli_missing_path_message_names_the_path(tmp_path):
    result = run_cli("/missing.txt")
    assert result.returncode == 1
    assert result.stderr.strip() == "crosslight: “/missing.txt” does not exist."


def test_cli_version_and_help():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("crosslight ")
    result = run_cli("--help")
    assert result.returncode == 0 and "study file (.crosslight)" in result.stdout


def test_cli_does_not_load_qt_for_a_bad_file(tmp_path):
    """The refusal must come before Qt loads: fast, and no display needed."""
    code = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"rc = main([{str(tmp_path / 'missing.txt')!r}])\n"
        "assert rc == 1\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
