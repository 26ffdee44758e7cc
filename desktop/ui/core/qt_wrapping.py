"""Python wrappers for Qt's own child widgets, made the cheap way.

The first time PySide wraps a plain QWidget it did not create, reached through a
method typed ``QWidget*`` (``QAbstractScrollArea.viewport()``), it loads the binding
of every QWidget subclass (69 classes and their enums) to find the right type: 2% of
the instructions of a cold start, measured with callgrind. Found by name
(``findChild``), the same widget is wrapped through its meta-object without that
search, and later ``viewport()`` calls return the wrapper.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # set by QAbstractScrollArea since Qt 4


def adopt_viewport(area: QAbstractScrollArea) -> QWidget | None:
    """Wrap ``area``'s viewport before anything calls ``viewport()`` on it."""
    return area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
