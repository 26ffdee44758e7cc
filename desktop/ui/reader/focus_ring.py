"""Visible keyboard focus: a ring round whichever widget has the focus, in every theme.

Fusion marks focus faintly (a dotted rectangle, a slightly tinted frame) and on some
widgets not at all, so after Tab the user cannot tell where typing will go. One ring for
the whole application follows ``QApplication.focusChanged``. It is a ``QFocusFrame``
(Qt's own widget for this: it follows the widget's moves, resizes, hiding and deletion)
painting a 2 px rounded frame just inside the widget's edge, so a parent's edge never
clips it, in the theme's selection colour moved toward the text colour until it stands
out against the window, the page and the buttons at 3:1 (WCAG 1.4.11, non-text
contrast). A tab bar rings its current tab; a combo box's or spin box's inner editor
rings the whole box. No style sheet is involved, so the widgets keep Fusion's looks.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QMenu,
    QMenuBar,
    QProxyStyle,
    QStyle,
    QTabBar,
    QWidget,
)

from desktop.ui.reader.colormath import RGB, legible_ink

RING_WIDTH = 2
MIN_RING_CONTRAST = 3.0  # WCAG 1.4.11: user-interface components and focus indicators


def _rgb(color: QColor) -> RGB:
    return color.red(), color.green(), color.blue()


def ring_color(palette: QPalette) -> QColor:
    """The selection colour, moved toward the text colour until it stands out (≥ 3:1)
    against the window, the page and the buttons of ``palette``."""
    role = QPalette.ColorRole
    grounds = [_rgb(palette.color(r)) for r in
               (role.Window, role.Base, role.Button, role.AlternateBase)]
    color = _rgb(palette.color(role.Highlight))
    toward = _rgb(palette.color(role.WindowText))
    for _ in range(len(grounds)):  # moving for one ground may lose another: settle
        for ground in grounds:
            color = legible_ink(color, ground, toward, MIN_RING_CONTRAST)
    return QColor(*color)


def ringed(widget: QWidget) -> QWidget:
    """The widget the ring goes round: the box whose inner editor has the focus."""
    parent = widget.parentWidget()
    if isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return parent
    return widget


class _WholeFrameStyle(QProxyStyle):
    """The ring's own style: stacked above the widget and unmasked, so it may paint
    just inside the widget's edge (by default it lies under the widget, masked to a
    thin band outside it, which a parent's edge clips)."""

    def styleHint(self, hint, option=None, widget=None, return_data=None) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_Mask:
            return 0
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1
        return super().styleHint(hint, option, widget, return_data)


class FocusRing(QFocusFrame):
    """The ring: Qt places it over the widget (with the style's margin around it), as
    a sibling stacked above it; it dies with the widget's parent."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("crosslightFocusRing")
        self._style = _WholeFrameStyle("Fusion")
        self.setStyle(self._style)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def ring_rect(self) -> QRect:
        """Where the frame is drawn, in this widget's coordinates: just inside the
        target's edge (or round a tab bar's current tab)."""
        target = self.widget()
        if target is None:
            return QRect()
        inner = target.rect()
        if isinstance(target, QTabBar) and target.currentIndex() >= 0:
            inner = target.tabRect(target.currentIndex())
        origin = QPoint(0, 0)
        window = self.window()
        return inner.translated(target.mapTo(window, origin) - self.mapTo(window, origin))

    def color(self) -> QColor:
        return ring_color(QApplication.palette())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._mask_to_band()
        return handled

    def _mask_to_band(self) -> None:
        """Only the ring's band belongs to it: a widget overlapped by a sibling loses
        Qt's fast scrolling (the viewport is repainted whole on every step), and the
        reader's viewport lies inside its margins, clear of the band. A tab bar's ring
        moves with the current tab, so it is not masked (tab bars do not scroll)."""
        inner = self.ring_rect()
        if isinstance(self.widget(), QTabBar) or inner.isEmpty():
            self.clearMask()
            return
        band = RING_WIDTH + 1
        self.setMask(QRegion(inner) - QRegion(inner.adjusted(band, band, -band, -band)))

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = QRectF(self.ring_rect()).adjusted(1, 1, -1, -1)
        if rect.width() <= 2 * RING_WIDTH or rect.height() <= 2 * RING_WIDTH:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.color(), RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 3, 3)
        painter.end()


class FocusRingKeeper(QObject):
    """Gives the one ring to the focused widget."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("crosslightFocusRingKeeper")
        self._ring = FocusRing()
        app.focusChanged.connect(self._focus_changed)
        focused = app.focusWidget()
        if focused is not None:  # installed after the first window took the focus
            self._focus_changed(None, focused)

    @property
    def ring(self) -> FocusRing:
        """The ring, made again if it died with the parent of the widget it ringed."""
        if not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        return self._ring

    def target(self) -> QWidget | None:
        return self.ring.widget()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or isinstance(new, (QMenu, QMenuBar)) or new.isWindow():
            self.ring.setWidget(None)  # type: ignore[arg-type]  # Qt takes None: no widget
            return
        self.ring.setWidget(ringed(new))
        self.ring.update()


def install_focus_ring(app: QApplication) -> FocusRingKeeper:
    """The application's focus ring, made on first call (by the theme manager, soon
    after the first window is painted), round the widget focused by then."""
    keeper = app.findChild(FocusRingKeeper, "crosslightFocusRingKeeper")
    if keeper is None:
        keeper = FocusRingKeeper(app)
    return keeper
