"""The wheel works on its own: built as pipx would build it, installed into a fresh venv
(no system site-packages, no checkout on the path), it finds its sample and icons, starts
offscreen and installs its desktop files.

Slow (a fresh venv and PySide6 from pip's cache or PyPI): ``pytest -m "not slow"`` skips it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "desktop", "seeds",
           "resources")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
         timeout: int = 240) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_the_wheel_installs_finds_its_files_starts_and_installs_the_desktop_entry(tmp_path):
    # A copy of the sources: building in the checkout would reuse its build/ folder.
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
          "-w", wheels, source], cwd=tmp_path)
    (wheel,) = wheels.glob("crosslight-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)  # no system site-packages
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run([bin_dir / "python", "-m", "pip", "install", "-q", "--no-compile",
          "--disable-pip-version-check", wheel], cwd=tmp_path, timeout=600)

    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               CROSSLIGHT_STATE_DIR=str(tmp_path / "state"),
               CROSSLIGHT_CONFIG_DIR=str(tmp_path / "config"),
               PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}")
    crosslight = bin_dir / "crosslight"
    where = _run([bin_dir / "python", "-c",
                  "import desktop, desktop.bundled as b; print(desktop.__file__); "
                  "print(b.sample_document()); print(b.app_icon())"], cwd=tmp_path, env=env)
    package, sample, icon = (Path(line) for line in where.stdout.split())
    assert venv in package.parents, "the installed package, not the checkout, was imported"
    assert package.parent in sample.parents and sample.is_file()
    assert package.parent in icon.parents and icon.is_file()

    info = _run([crosslight, "info", sample], cwd=tmp_path, env=env)
    assert "iraq" in info.stdout.lower() or "militia" in info.stdout.lower(), info.stdout
    started = _run([crosslight, "--check"], cwd=tmp_path, env=env, timeout=120)
    assert "window: shown" in started.stdout and "icon: loaded" in started.stdout

    _run([crosslight, "install-desktop"], cwd=tmp_path, env=env)
    data = tmp_path / "data"
    for installed in ("applications/crosslight.desktop", "mime/packages/crosslight.xml",
                      "icons/hicolor/scalable/apps/crosslight.svg",
                      "icons/hicolor/48x48/apps/crosslight.png",
                      "metainfo/io.github.crosslight.Crosslight.metainfo.xml"):
        assert (data / installed).is_file(), installed
    assert _run([crosslight, "--version"], cwd=tmp_path, env=env).stdout.split()[-1] == (
        _version())


def _version() -> str:
    from desktop import __version__

    return __version__
