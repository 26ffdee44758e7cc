"""The window's size, place, toolbar state, splitter sizes and Search Study dock,
kept across runs.

Stored in the settings as base64 of what Qt's saveGeometry/saveState give. Anything
unreadable is ignored, so a damaged settings file only costs the default layout.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDataStream, QTimer

from desktop.storage.settings import load_settings, update_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMainWindow, QSplitter

SPLITTER_SEPARATOR = ";"  # never in base64: "main;notes"
SPLITTER_MARKER = 0xFF  # what QSplitter.saveState writes first


def encode(data: QByteArray | bytes) -> str:
    raw = bytes(data.data()) if isinstance(data, QByteArray) else bytes(data)
    return base64.b64encode(raw).decode("ascii")


def decode(text: str) -> QByteArray | None:
    if not text:
        return None
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def save_window_state(window: QMainWindow, splitters: list[QSplitter],
                      search_open: bool) -> None:
    update_settings(
        window_geometry=encode(window.saveGeometry()),
        window_state=encode(window.saveState()),
        splitter_state=SPLITTER_SEPARATOR.join(encode(s.saveState()) for s in splitters),
        search_open=search_open,
    )


def restore_window_state(window: QMainWindow, splitters: list[QSplitter],
                         open_search: Callable[[], object]) -> bool:
    """Apply the saved layout over the defaults; True if the geometry came back.
    ``open_search`` brings back the Search Study dock if it was open."""
    settings = load_settings()
    geometry = decode(settings.window_geometry)
    restored = geometry is not None and window.restoreGeometry(geometry)
    state = decode(settings.window_state)
    if state is not None:
        window.restoreState(state)
    parts = settings.splitter_state.split(SPLITTER_SEPARATOR) if settings.splitter_state else []
    for splitter, text in zip(splitters, parts, strict=False):
        _restore_splitter(splitter, decode(text))
    if settings.search_open:  # made once the window shows: start-up does not wait for it
        QTimer.singleShot(0, open_search)
    return restored


def splitter_sizes(data: QByteArray | None, count: int) -> list[int] | None:
    """The pane sizes in a QSplitter.saveState, or None unless there are ``count``
    of them and every pane keeps some room (a hidden pane is a damaged state here)."""
    if data is None:
        return None
    stream = QDataStream(data)
    marker, _version, n = stream.readInt32(), stream.readInt32(), stream.readInt32()
    if marker != SPLITTER_MARKER or n != count:
        return None
    sizes = [stream.readInt32() for _ in range(n)]
    if stream.status() != QDataStream.Status.Ok or any(size <= 0 for size in sizes):
        return None
    return sizes


def _restore_splitter(splitter: QSplitter, data: QByteArray | None) -> None:
    sizes = splitter_sizes(data, splitter.count())
    if sizes is not None:
        splitter.setSizes(sizes)
