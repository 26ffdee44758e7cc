"""The few text styles of the window's labels, set in code.

An application style sheet would say this in eight lines, but any style sheet routes
every widget through QStyleSheetStyle: building and showing the main window took
~70 ms longer with one (measured at start-up), for a bold summary and italic hints.
Fonts are set as partial fonts, so family and size still follow the application font.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def _partial_font(*, weight: QFont.Weight | None = None, italic: bool | None = None) -> QFont:
    font = QFont()  # only the attributes set here override the inherited font
    if weight is not None:
        font.setWeight(weight)
    if italic is not None:
        font.setItalic(italic)
    return font


def style_summary(label: QLabel) -> None:
    """A pane's summary line: semi-bold, a little room below."""
    label.setFont(_partial_font(weight=QFont.Weight.DemiBold))
    label.setContentsMargins(2, 2, 2, 6)


def style_hint(label: QLabel) -> None:
    """Guidance shown where content will appear: italic, padded."""
    label.setFont(_partial_font(italic=True))
    label.setContentsMargins(4, 8, 4, 8)


def style_quote(label: QLabel, rtl: bool = False) -> None:
    """A quoted passage: italic, except right-to-left text (Arabic script has no
    italics; most fonts fall back to blank boxes). ``bidi.show_direction`` switches it."""
    label.setFont(_partial_font(italic=not rtl))
    label.setContentsMargins(2, 4, 2, 4)
