"""Shortcut names as the platform writes them (“Ctrl+T” here, “⌘T” on macOS), for the
hints and tooltips that name a key in running text. Menus do this by themselves."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

MAX_CATEGORY_KEYS = 9  # Ctrl+1 … Ctrl+9 highlight with the first nine categories


def native_keys(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def category_keys_text(count: int) -> str:
    """The keys that highlight with the first ``count`` categories: “Ctrl+1…Ctrl+5”."""
    last = min(count, MAX_CATEGORY_KEYS)
    if last <= 1:
        return native_keys("Ctrl+1")
    return f"{native_keys('Ctrl+1')}…{native_keys(f'Ctrl+{last}')}"
