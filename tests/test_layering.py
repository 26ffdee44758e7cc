"""The domain and storage layers stay pure Python: importing them never loads Qt."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHECK = r"""
import importlib, pkgutil, sys
import desktop.domain, desktop.storage
names = []
for package in (desktop.domain, desktop.storage):
    names.append(package.__name__)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
# Some code paths import lazily; exercise the Markdown renderer too.
from desktop.domain.markdown_safe import render_markdown
render_markdown("*x*")
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5",
                                                          "PyQt6", "PySide2"))
print("IMPORTED", ",".join(names))
print("QT", ",".join(qt) or "none")
"""

EXPECTED = {
    "desktop.domain.anchoring", "desktop.domain.categories", "desktop.domain.changes",
    "desktop.domain.commands", "desktop.domain.factory", "desktop.domain.ids",
    "desktop.domain.markdown_safe", "desktop.domain.model", "desktop.domain.textunits",
    "desktop.storage.atomic", "desktop.storage.documents", "desktop.storage.errors",
    "desktop.storage.migrations", "desktop.storage.schema", "desktop.storage.studyfile",
    "desktop.storage.validate",
    # file safety
    "desktop.domain.markdown_limits", "desktop.storage.backups", "desktop.storage.disk_state",
    "desktop.storage.host", "desktop.storage.locks", "desktop.storage.recovery",
    "desktop.storage.saving", "desktop.storage.state_dir",
}


def test_domain_and_storage_never_import_qt():
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    imported = set(lines["IMPORTED"].split(","))
    assert imported >= EXPECTED, EXPECTED - imported
    assert lines["QT"] == "none", f"Qt imported by the pure layers: {lines['QT']}"


def test_check_detects_qt_when_present():
    """The subprocess check is able to fail: importing Qt first shows up in its report."""
    result = subprocess.run(
        [sys.executable, "-c", "import PySide6.QtCore\n" + CHECK],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0 and "No module named 'PySide6'" in result.stderr:
        return  # Qt not installed here; nothing to demonstrate
    assert result.returncode == 0, result.stderr
    assert "PySide6" in result.stdout.split("QT ", 1)[1]
