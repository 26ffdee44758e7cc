"""``crosslight install-desktop``: menu entry, icons and file type for the current user.

Copies the freedesktop.org files from ``resources/`` under ``$XDG_DATA_HOME`` (default
``~/.local/share``) and refreshes the desktop's caches with ``update-mime-database``,
``update-desktop-database`` and ``gtk-update-icon-cache`` when they are installed (each
is skipped quietly when absent). ``--uninstall`` removes exactly those files again.
Pure Python, no Qt: it runs without a display.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.bundled import resources_dir

RESOURCES = resources_dir()
DESKTOP_DIR = RESOURCES / "desktop"
ICONS_DIR = RESOURCES / "icons"
DESKTOP_FILE = "crosslight.desktop"
MIME_FILE = "crosslight-mime.xml"
INSTALLED_MIME_NAME = "crosslight.xml"
METAINFO_FILE = "io.github.crosslight.Crosslight.metainfo.xml"
APP_ICON = "crosslight"
STUDY_ICON = "application-x-crosslight-study"
ICON_CONTEXTS = {APP_ICON: "apps", STUDY_ICON: "mimetypes"}
TOOL_TIMEOUT = 60  # seconds; a cache refresh never needs more


@dataclass(frozen=True, slots=True)
class Placement:
    source: Path
    target: Path  # relative to the data home


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path (as the spec requires)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def placements() -> list[Placement]:
    """Every file installed, from the resources as committed."""
    out = [
        Placement(DESKTOP_DIR / DESKTOP_FILE, Path("applications") / DESKTOP_FILE),
        Placement(DESKTOP_DIR / MIME_FILE, Path("mime") / "packages" / INSTALLED_MIME_NAME),
        Placement(DESKTOP_DIR / METAINFO_FILE, Path("metainfo") / METAINFO_FILE),
    ]
    hicolor = Path("icons") / "hicolor"
    for name, context in ICON_CONTEXTS.items():
        out.append(Placement(ICONS_DIR / f"{name}.svg",
                             hicolor / "scalable" / context / f"{name}.svg"))
        for png in sorted((ICONS_DIR / "hicolor").glob(f"*/{context}/{name}.png")):
            size = png.parent.parent.name
            out.append(Placement(png, hicolor / size / context / png.name))
    return out


def exec_command() -> str:
    """How the menu entry starts Crosslight: ``crosslight`` when it is on PATH, else
    the script beside this Python (a virtual environment's), else ``python -m desktop``."""
    if shutil.which("crosslight"):
        return "crosslight"
    script = Path(sys.executable).parent / "crosslight"
    if script.is_file() and os.access(script, os.X_OK):
        return quote_exec(str(script))
    return f"{quote_exec(sys.executable)} -m desktop"


def quote_exec(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (only when needed)."""
    arg = arg.replace("%", "%%")  # a lone % starts a field code such as %f
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if not any(c in reserved for c in arg):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    # In a .desktop string value, each backslash is itself written as two.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_entry_text(command: str) -> str:
    text = (DESKTOP_DIR / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = [f"Exec={command} %f" if line.startswith("Exec=") else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def install(home: Path | None = None, run_tools: bool = True) -> list[Path]:
    """Copy the files; returns the installed paths."""
    home = home or data_home()
    done = []
    for p in placements():
        target = home / p.target
        target.parent.mkdir(parents=True, exist_ok=True)
        if p.target.name == DESKTOP_FILE:
            target.write_text(desktop_entry_text(exec_command()), encoding="utf-8")
        else:
            shutil.copyfile(p.source, target)
        done.append(target)
    if run_tools:
        refresh_caches(home)
    return done


def uninstall(home: Path | None = None, run_tools: bool = True) -> list[Path]:
    """Remove what ``install`` put there (nothing else); returns the removed paths."""
    home = home or data_home()
    removed = []
    for p in placements():
        target = home / p.target
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(target)
    if run_tools:
        refresh_caches(home)
    return removed


def refresh_caches(home: Path) -> list[str]:
    """Run the cache tools that exist; returns the names of those that ran."""
    jobs = [
        ("update-mime-database", [str(home / "mime")]),
        ("update-desktop-database", ["-q", str(home / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(home / "icons" / "hicolor")]),
    ]
    ran = []
    for tool, args in jobs:
        path = shutil.which(tool)
        if path is None or not Path(args[-1]).is_dir():
            continue
        try:
            subprocess.run([path, *args], check=False, timeout=TOOL_TIMEOUT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue  # a cache is a convenience; the files are in place
        ran.append(tool)
    return ran


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="crosslight install-desktop",
        description="Add Crosslight to your desktop's application menu, with its icon and "
                    "the .crosslight file type (for the current user only).",
    )
    parser.add_argument("--uninstall", action="store_true",
                        help="remove the menu entry, icons and file type again")
    args = parser.parse_args(argv)
    if sys.platform in ("win32", "darwin"):
        print("crosslight: install-desktop is for Linux and BSD desktops (freedesktop.org).",
              file=sys.stderr)
        return 2
    home = data_home()
    try:
        if args.uninstall:
            removed = uninstall(home)
            print(f"Removed {len(removed)} files from {home}." if removed
                  else f"Crosslight was not installed in {home}.")
        else:
            installed = install(home)
            print(f"Installed the Crosslight menu entry, icons and file type in {home} "
                  f"({len(installed)} files).")
    except OSError as err:
        print(f"crosslight: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
