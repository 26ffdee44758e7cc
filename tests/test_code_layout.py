"""The README's "Code layout" section names every package of ``desktop/`` and every room
of ``desktop/ui/``, and names no folder that is gone."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _section() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## Code layout")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def _packages(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}


def test_the_code_layout_table_matches_the_folders():
    section = _section()
    named = set(re.findall(r"`desktop/(\w+)/`", section))
    rooms = set(re.findall(r"`(?:desktop/)?ui/(\w+)/`", section))
    assert named == _packages(REPO / "desktop")
    assert rooms == _packages(REPO / "desktop" / "ui") | {"pdfview"}  # pdfview: reserved
