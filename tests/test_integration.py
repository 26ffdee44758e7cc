"""Desktop integration files parse and install/uninstall under a private XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import integration
from desktop.cli import main as cli_main
from desktop.integration import (
    DESKTOP_DIR,
    ICONS_DIR,
    METAINFO_FILE,
    MIME_FILE,
    desktop_entry_text,
    install,
    placements,
    quote_exec,
    uninstall,
)

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
STUDY_TYPE = "application/x-crosslight-study"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def desktop_entry(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(path))
    return path


def test_desktop_entry_has_the_keys_a_menu_needs():
    entry = desktop_entry((DESKTOP_DIR / "crosslight.desktop").read_text(encoding="utf-8"))
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Crosslight"
    assert entry["Exec"] == "crosslight %f"
    assert entry["Icon"] == "crosslight"
    assert entry["Categories"] == "Office;Education;Viewer;"
    assert STUDY_TYPE in entry["MimeType"].split(";")
    assert entry["Terminal"] == "false"


def test_mime_type_defines_the_study_glob():
    root = ET.parse(DESKTOP_DIR / MIME_FILE).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == STUDY_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.crosslight"]
    assert mime.find(f"{MIME_NS}icon").get("name") == "application-x-crosslight-study"


def test_metainfo_names_the_app_its_launcher_and_screenshots():
    root = ET.parse(DESKTOP_DIR / METAINFO_FILE).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO_FILE.removesuffix(".metainfo.xml")
    assert root.findtext("launchable") == "crosslight.desktop"
    images = [i.text for i in root.iter("image")]
    assert images and all(i.endswith(".png") and "docs/screenshots/" in i for i in images)
    repo = Path(__file__).resolve().parents[1]
    for image in images:  # each screenshot named is in the repository
        assert (repo / "docs" / "screenshots" / image.rsplit("/", 1)[1]).is_file()
    assert STUDY_TYPE in [m.text for m in root.iter("mediatype")]


@pytest.mark.parametrize("name, context", [("crosslight", "apps"),
                                           ("application-x-crosslight-study", "mimetypes")])
def test_icons_come_in_every_size(name, context):
    ET.parse(ICONS_DIR / f"{name}.svg")  # well-formed
    for size in SIZES:
        png = ICONS_DIR / "hicolor" / f"{size}x{size}" / context / f"{name}.png"
        assert png_size(png) == (size, size)


def test_install_puts_every_file_in_place_and_uninstall_removes_them(home, monkeypatch):
    monkeypatch.setattr(integration, "exec_command", lambda: "crosslight")
    installed = install(run_tools=False)
    expected = {
        home / "applications" / "crosslight.desktop",
        home / "mime" / "packages" / "crosslight.xml",
        home / "metainfo" / METAINFO_FILE,
        home / "icons" / "hicolor" / "scalable" / "apps" / "crosslight.svg",
        home / "icons" / "hicolor" / "256x256" / "apps" / "crosslight.png",
        home / "icons" / "hicolor" / "16x16" / "mimetypes" / "application-x-crosslight-study.png",
    }
    assert expected <= set(installed)
    assert all(p.is_file() for p in installed)
    assert len(installed) == 3 + 2 * (1 + len(SIZES))
    entry = desktop_entry((home / "applications" / "crosslight.desktop").read_text())
    assert entry["Exec"] == "crosslight %f"

    mine = home / "applications" / "someone-else.desktop"
    mine.write_text("[Desktop Entry]\n")
    removed = uninstall(run_tools=False)
    assert set(removed) == set(installed)
    assert not any(p.exists() for p in installed)
    assert mine.exists()  # only our files go
    assert uninstall(run_tools=False) == []


def test_the_menu_entry_finds_crosslight_when_it_is_not_on_path(monkeypatch):
    monkeypatch.setenv("PATH", "")
    command = integration.exec_command()
    assert command != "crosslight"
    entry = desktop_entry(desktop_entry_text(command))
    assert entry["Exec"].endswith(" %f")
    assert "crosslight" in entry["Exec"] or "-m desktop" in entry["Exec"]


def test_exec_arguments_are_quoted_as_the_spec_asks():
    assert quote_exec("/usr/bin/crosslight") == "/usr/bin/crosslight"
    assert quote_exec("/home/a b/.venv/bin/crosslight") == '"/home/a b/.venv/bin/crosslight"'
    assert quote_exec('/x/"q"') == '"/x/\\\\"q\\\\""'
    assert quote_exec("/x/100%") == "/x/100%%"


def test_cli_installs_and_uninstalls(home, monkeypatch, capsys):
    monkeypatch.setattr(integration, "refresh_caches", lambda h: [])
    assert cli_main(["install-desktop"]) == 0
    assert (home / "applications" / "crosslight.desktop").is_file()
    assert "Installed" in capsys.readouterr().out
    assert cli_main(["install-desktop", "--uninstall"]) == 0
    assert not (home / "applications" / "crosslight.desktop").exists()
    assert cli_main(["install-desktop", "--uninstall"]) == 0
    assert "was not installed" in capsys.readouterr().out


def test_install_desktop_needs_no_qt(tmp_path):
    """The command runs where there is no display: Qt is never imported."""
    code = ("import sys; from desktop.cli import main; "
            "sys.argv = ['crosslight']; rc = main(['install-desktop']); "
            "assert 'PySide6' not in sys.modules, 'Qt was loaded'; sys.exit(rc)")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "share" / "applications" / "crosslight.desktop").is_file()


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="update-mime-database is not installed")
def test_the_mime_database_learns_the_study_type(home):
    install()
    globs = (home / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{STUDY_TYPE}:*.crosslight" in globs
    uninstall()
    globs = home / "mime" / "globs2"
    assert not globs.exists() or "crosslight" not in globs.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (desktop-file-utils)")
def test_desktop_file_validates_as_committed_and_as_installed(home, monkeypatch):
    monkeypatch.setattr(integration, "exec_command",
                        lambda: quote_exec("/opt/my apps/.venv/bin/crosslight"))
    install(run_tools=False)
    for path in (DESKTOP_DIR / "crosslight.desktop", home / "applications" / "crosslight.desktop"):
        result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "error" not in result.stdout.lower()


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (appstream)")
def test_metainfo_validates():
    result = subprocess.run(["appstreamcli", "validate", "--no-net",
                             str(DESKTOP_DIR / METAINFO_FILE)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_placements_cover_every_committed_icon():
    sources = {p.source for p in placements()}
    for png in (ICONS_DIR / "hicolor").rglob("*.png"):
        assert png in sources


def test_the_desktop_entry_claims_every_document_format_the_app_opens():
    from desktop.storage.formats import FORMATS

    entry = desktop_entry((DESKTOP_DIR / "crosslight.desktop").read_text(encoding="utf-8"))
    claimed = set(entry["MimeType"].split(";")) - {""}
    assert {f.media_type for f in FORMATS.values()} <= claimed
