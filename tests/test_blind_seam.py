"""Blind reviews have one seam (``domain.blind.seen``): no view of the window reads a
highlight's verdict, rationale or reviews itself, so a new surface cannot forget to hide
them. A highlight is spelled ``h``/``highlight`` (or ``….highlights[…]``) in this code."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "desktop"
FIELDS = {"verdict", "rationale", "reviews"}
HIGHLIGHT_NAMES = {"h", "highlight", "hl", "claim"}
# Below the UI, the surfaces the window shows through (tooltips, search).
DOMAIN_SURFACES = [ROOT / "domain" / "display_text.py", ROOT / "domain" / "search.py"]


def _reads_highlight(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in HIGHLIGHT_NAMES
    if isinstance(node, ast.Subscript):  # study.highlights[hid].verdict
        base = node.value
        return isinstance(base, ast.Attribute) and base.attr == "highlights"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value  # study.highlights.get(hid).verdict
        return node.func.attr == "get" and isinstance(owner, ast.Attribute) \
            and owner.attr == "highlights"
    return False


def offenders(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path}:{node.lineno} .{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in FIELDS
            and _reads_highlight(node.value)]


def test_the_window_reads_verdicts_only_through_the_blind_seam():
    files = sorted((ROOT / "ui").rglob("*.py")) + DOMAIN_SURFACES
    found = [line for path in files for line in offenders(path)]
    assert found == [], "read verdicts through desktop.domain.blind.seen:\n" + "\n".join(found)


def test_the_check_catches_a_direct_read(tmp_path):
    sample = tmp_path / "surface.py"
    sample.write_text("def f(h, study, hid, shown):\n    return h.verdict, shown.verdict, "
                      "study.highlights[hid].rationale, study.highlights.get(hid).reviews\n")
    assert len(offenders(sample)) == 3
