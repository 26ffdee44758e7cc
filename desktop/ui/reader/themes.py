"""Light, Dark and Sepia themes, and following the system's light/dark scheme.

Every colour the app paints comes from the application palette built here (Fusion
style, so the palette is honoured the same way on every platform). Widgets that paint
themselves read the palette at paint time and so follow a theme change live; the
style sheet is re-applied so its ``palette(...)`` references resolve again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.reader.colormath import blend_hex

if TYPE_CHECKING:
    from desktop.ui.reader.focus_ring import FocusRingKeeper

THEME_CHOICES = ("system", "light", "dark", "sepia")
# The focus ring is made when the user first presses a key or a mouse button in the
# first window, or when the event loop first waits for work after the window is
# exposed (and so painted), if sooner: making it (QFocusFrame, its proxy style, ~75
# Qt enum classes) was ~2% of a cold start's instructions, on the way to the first paint.
_FIRST_INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
THEME_LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark", "sepia": "S&epia"}


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    window: str  # chrome: panes, toolbars, the reader's margins
    window_text: str
    base: str  # the page: reader, lists, editors
    alternate_base: str
    text: str
    button: str
    highlight: str  # selection and find matches
    highlighted_text: str
    link: str
    link_visited: str
    placeholder: str
    mid: str  # borders
    dark: str
    tooltip_base: str

    @property
    def is_dark(self) -> bool:
        return self.name == "dark"


LIGHT = Theme(
    name="light", window="#f0f0ee", window_text="#1f1f22", base="#ffffff",
    alternate_base="#f5f5f3", text="#1f1f22", button="#f4f4f2", highlight="#2f6cc7",
    highlighted_text="#ffffff", link="#1a5aa8", link_visited="#6a3d9a", placeholder="#6b6b70",
    mid="#c2c2c0", dark="#8e8e8c", tooltip_base="#fffff0",
)
DARK = Theme(
    name="dark", window="#26282c", window_text="#e4e2dd", base="#1b1c1f",
    alternate_base="#222428", text="#e6e4df", button="#30333a", highlight="#3a70c2",
    highlighted_text="#ffffff", link="#8ab4f8", link_visited="#c5a3f0", placeholder="#9a9ca3",
    mid="#4a4d54", dark="#121315", tooltip_base="#30333a",
)
SEPIA = Theme(
    name="sepia", window="#eadfc8", window_text="#3b2e20", base="#f7efdd",
    alternate_base="#f0e6d0", text="#3b2e20", button="#e9dcc1", highlight="#8a5a24",
    highlighted_text="#fffaf0", link="#7a4510", link_visited="#6a3d6a", placeholder="#7a6a55",
    mid="#c7b697", dark="#9c8a6b", tooltip_base="#fbf5e6",
)
THEMES = {t.name: t for t in (LIGHT, DARK, SEPIA)}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str, dark_system: bool) -> Theme:
    """The theme a choice means: 'system' follows the platform's light/dark scheme."""
    if choice == "system":
        return DARK if dark_system else LIGHT
    return THEMES.get(choice, LIGHT)


def build_palette(theme: Theme) -> QPalette:
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    t = theme
    colors = {
        role.Window: t.window, role.WindowText: t.window_text, role.Base: t.base,
        role.AlternateBase: t.alternate_base, role.Text: t.text, role.Button: t.button,
        role.ButtonText: t.window_text, role.BrightText: "#ff5252" if t.is_dark else "#b00020",
        role.Highlight: t.highlight, role.HighlightedText: t.highlighted_text,
        role.Link: t.link, role.LinkVisited: t.link_visited,
        role.PlaceholderText: t.placeholder, role.ToolTipBase: t.tooltip_base,
        role.ToolTipText: t.text, role.Mid: t.mid, role.Dark: t.dark,
        role.Light: blend_hex(t.button, "#ffffff", 0.7 if t.is_dark else 0.4),
        role.Midlight: blend_hex(t.button, t.mid, 0.5),
        role.Shadow: blend_hex(t.dark, "#000000", 0.6),
    }
    palette = QPalette()
    for r, color in colors.items():
        palette.setColor(r, QColor(color))
    # Disabled text is faded toward its background, but stays readable (> 3:1 here).
    for r, over in ((role.WindowText, t.window), (role.Text, t.base),
                    (role.ButtonText, t.button)):
        palette.setColor(group.Disabled, r, QColor(blend_hex(colors[r], over, 0.55)))
    palette.setColor(group.Disabled, role.Highlight, QColor(t.mid))
    palette.setColor(group.Disabled, role.Base, QColor(t.window))
    # An inactive window keeps its selection colour: the reader's find matches use it.
    palette.setColor(group.Inactive, role.Highlight, QColor(t.highlight))
    palette.setColor(group.Inactive, role.HighlightedText, QColor(t.highlighted_text))
    return palette


class ThemeManager(QObject):
    """The application's one theme: the user's choice, resolved and applied.

    Owned by the QApplication (see ``theme_manager()``), so every window shares it.
    """

    changed = Signal(str)  # the choice ("system", "light", …)

    def __init__(self, app: QApplication, choice: str = "system") -> None:
        super().__init__(app)
        self.setObjectName("crosslightThemes")
        self._app = app
        self.choice = choice if choice in THEME_CHOICES else "system"
        self.theme = LIGHT
        self._focus_ring: FocusRingKeeper | None = None
        self._awaited: QObject | None = None  # the window whose first use brings the ring
        self._idle: QAbstractEventDispatcher | None = None  # waited on for the ring
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    @property
    def focus_ring(self) -> FocusRingKeeper:
        """Visible keyboard focus in every theme, installed on first use (or soon after
        the first window is touched or painted, see ``ring_when_used``)."""
        if self._focus_ring is None:
            from desktop.ui.reader.focus_ring import install_focus_ring

            self._focus_ring = install_focus_ring(self._app)
        return self._focus_ring

    def ring_when_used(self, window: QWidget) -> None:
        """Make the focus ring as the user first presses a key or a button in ``window``
        (before the press is handled, so a Tab moves a ring that is there), or when the
        event loop is first idle after ``window`` is exposed (its first paint is done
        while the expose is handled): off the path to a painted window. The ring then
        goes round the widget focused meanwhile."""
        if self._focus_ring is not None or self._waiting():
            return
        handle = window.windowHandle()
        if handle is None:  # not shown: no paint to wait for
            self._ring_when_idle()
            return
        self._awaited = handle
        handle.installEventFilter(self)

    def _waiting(self) -> bool:
        """A window shown earlier still waits for its first use (one closed before
        that no longer does: the next window waits instead)."""
        return self._idle is not None or (
            self._awaited is not None and shiboken6.isValid(self._awaited))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._awaited:
            kind = event.type()
            if kind == QEvent.Type.Expose:
                self._ring_when_idle()
            elif kind in _FIRST_INPUT:
                self._ring_now()
        return False

    def _ring_when_idle(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is None:
            self._ring_now()
        elif self._idle is None:
            self._idle = dispatcher
            dispatcher.aboutToBlock.connect(self._ring_now)

    def _ring_now(self) -> None:
        if self._awaited is not None:
            if shiboken6.isValid(self._awaited):
                self._awaited.removeEventFilter(self)
            self._awaited = None
        if self._idle is not None:
            self._idle.aboutToBlock.disconnect(self._ring_now)
            self._idle = None
        self.focus_ring  # noqa: B018 - made on first use

    def apply(self, choice: str | None = None) -> None:
        if choice is not None:
            self.choice = choice if choice in THEME_CHOICES else "system"
        self.theme = resolve(self.choice, system_is_dark())
        app = self._app
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(build_palette(self.theme))
        self.changed.emit(self.choice)

    def _on_scheme_changed(self, _scheme) -> None:
        if self.choice == "system":
            self.apply()


def theme_manager(choice: str | None = None) -> ThemeManager:
    """The application's theme manager, created (and applied) on first use.

    ``choice`` is only used on creation: the saved theme at start-up.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    manager = app.findChild(ThemeManager, "crosslightThemes")
    if manager is None:
        manager = ThemeManager(app, choice or "system")
        manager.apply()
    return manager
