"""The recent files of File › Open Recent, kept in the settings file.

Each change is written at once (read, change, write), so a crash loses nothing and a
second window's additions are not overwritten. Missing files are pruned on reading.
"""

from __future__ import annotations

from pathlib import Path

from desktop.storage.settings import load_settings, save_settings, update_settings


def remember(path: str | Path) -> None:
    """Put ``path`` at the top of the recent files and persist it now."""
    settings = load_settings()
    settings.add_recent(path)
    save_settings(settings)


def recent_paths() -> list[str]:
    """The recent files that still exist; missing ones are pruned from the settings."""
    settings = load_settings()
    before = list(settings.recent_files)
    existing = settings.existing_recent()
    if existing != before:
        save_settings(settings)
    return existing


def clear_recent() -> None:
    update_settings(recent_files=[])
