"""Small generated icons: category colour swatches."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon, QPixmap


@cache
def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)
