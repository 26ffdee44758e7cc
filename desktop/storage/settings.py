"""The user's preferences and window state, kept as one small JSON file.

Pure Python so the headless commands and tests can read it without Qt. A missing,
unreadable or malformed file gives the defaults: preferences are never worth a crash.
Unknown keys are kept on save so a newer Crosslight's settings survive an older one.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import orjson
import platformdirs

from desktop.domain.identity import Person
from desktop.storage.atomic import atomic_write_bytes

ENV_VAR = "CROSSLIGHT_CONFIG_DIR"
FILE_NAME = "settings.json"
MAX_RECENT = 10
THEMES = ("system", "light", "dark", "sepia")


def config_dir() -> Path:
    """``$CROSSLIGHT_CONFIG_DIR`` if set, else platformdirs' user config dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("crosslight", appauthor=False))


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    theme: str = "system"  # one of THEMES
    reader_font_family: str = ""  # "" = the platform's default
    reader_font_size: float = 0.0  # points; 0 = the platform's default
    show_minimap: bool = True  # the overview strip beside the reader's scroll bar
    minimap_by_verdict: bool = False  # colour the strip by verdict, not by category
    reading_measure: int = 72  # the reading column's widest line, in characters (centred)
    note_after_highlight: bool = False  # a new highlight puts the cursor in its note
    start_on_last_study: bool = True  # no path given: reopen the last study, not the sample
    # Window state as Qt gives it (base64 of saveGeometry/saveState), opaque here.
    window_geometry: str = ""
    window_state: str = ""
    splitter_state: str = ""
    search_open: bool = False  # the Search Study dock was open when the window closed
    # Identity (Preferences): recorded on what this user makes and used by every export.
    user_name: str = ""  # "" = the account's full name
    user_organisation: str = ""
    user_url: str = ""  # a web address or mailto:
    blind_reviews: bool = False  # hide others' verdicts on a claim until you gave yours
    # Web capture: keep the page as received inside the study (compressed), up to a size;
    # the services asked ("" = the public one: doi.org, Open Library, the Wayback Machine).
    web_keep_page: bool = True
    web_keep_page_limit: int = 5 * 1024 * 1024  # bytes; larger pages keep only their hash
    web_doi_base: str = ""
    web_openlibrary_base: str = ""
    web_wayback_save: str = ""
    web_wayback_available: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self.recent_files = [text, *(p for p in self.recent_files if p != text)][:MAX_RECENT]

    def existing_recent(self) -> list[str]:
        """Recent files that still exist; the missing ones are pruned from the list."""
        self.recent_files = [p for p in self.recent_files if Path(p).is_file()]
        return list(self.recent_files)


def identity(settings: Settings) -> Person:
    """The user as recorded on their work: Preferences, else the account's full name."""
    from desktop.storage.host import full_name

    name = settings.user_name.strip() or full_name()
    return Person(name, settings.user_organisation.strip(), settings.user_url.strip())


_KNOWN = {f.name for f in fields(Settings)} - {"extra"}


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_dir() / FILE_NAME
    try:
        data = orjson.loads(path.read_bytes()[: 1 << 20])
    except (OSError, orjson.JSONDecodeError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in _KNOWN:
        value, default = data.get(name), getattr(defaults, name)
        if isinstance(default, float) and isinstance(value, int | float):
            value = float(value)
        if isinstance(value, type(default)):
            values[name] = value
    if not all(isinstance(p, str) for p in values.get("recent_files", [])):
        values.pop("recent_files")
    if values.get("theme") not in THEMES:
        values.pop("theme", None)
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    return Settings(**values, extra=extra)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically; an unwritable config dir is silently skipped (not worth a dialog)."""
    path = path or config_dir() / FILE_NAME
    data = asdict(settings)
    data.update(data.pop("extra"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, orjson.dumps(data, option=orjson.OPT_INDENT_2))
    except OSError:
        pass


def update_settings(path: Path | None = None, **values: Any) -> Settings:
    """Change a few preferences on disk, keeping whatever else is there (another window,
    or another part of the app, may have saved since this one loaded)."""
    settings = load_settings(path)
    for name, value in values.items():
        if name not in _KNOWN:
            raise TypeError(f"unknown setting {name!r}")
        setattr(settings, name, value)
    save_settings(settings, path)
    return settings
