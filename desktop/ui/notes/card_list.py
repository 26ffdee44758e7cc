"""The list of cards: compact cards painted by the delegate, the open one a real editor.

The open card's editor (``CardEditor``) lies over its row and the empty rows the model
keeps under it (``HighlightListModel.open_card``), so it moves with the list as it
scrolls and pushes the cards below down, while every row keeps one height (uniform
sizes keep a 10k-card list fast: ../shared/notes/qt-performance.md). Opening another
card re-maps rows without a layout, so the view moves its current index along itself.
"""

from __future__ import annotations

from math import ceil

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QWidget

from desktop.ui.core.qt_wrapping import adopt_viewport
from desktop.ui.notes.card_editor import CardEditor
from desktop.ui.notes.highlight_list import ID_ROLE, HighlightListModel

_Move = QAbstractItemView.CursorAction


class CardListView(QListView):
    """A QListView of cards with one card open for editing."""

    def __init__(self, card: CardEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        adopt_viewport(self)  # before the first viewport() call: see qt_wrapping
        # The model's rows are a QStringListModel's, editable to Qt: the card edits.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        card.setParent(self.viewport())
        card.hide()
        card.heightChanged.connect(self.refit)
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self.refit)
        self.moving = False  # the current index follows a re-mapped card: not a new choice
        self._at_once = False  # see lay_out_at_once
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def lay_out_at_once(self) -> None:
        """Lay the rows out in one pass the next time, once shown (a large study just
        opened): Qt's batched layout shows no row until it has placed them all (25 turns
        of the event loop at 50,000), so the list looked empty well after the window
        showed. Later layouts (a filter, an edit) go back to batches."""
        self._at_once = True

    def doItemsLayout(self) -> None:
        if self._at_once and self.isVisible():
            self._at_once = False
            mode = self.layoutMode()
            self.setLayoutMode(QListView.LayoutMode.SinglePass)
            try:
                super().doItemsLayout()
            finally:
                self.setLayoutMode(mode)
            return
        super().doItemsLayout()

    def cards(self) -> HighlightListModel:
        model = self.model()
        assert isinstance(model, HighlightListModel)
        return model

    def minimumSizeHint(self) -> QSize:
        """As wide as the open card's least width, its scroll bar and frame included:
        the card lies in the viewport, where no layout would keep it from being
        squeezed (labels clipped) when the notes pane narrows."""
        hint = super().minimumSizeHint()
        least = (self.card.minimumSizeHint().width() + 2 * self.frameWidth()
                 + self.verticalScrollBar().sizeHint().width())
        hint.setWidth(max(hint.width(), least))
        return hint

    def row_height(self) -> int:
        """Every row's height (uniform sizes), the unit of the open card's room."""
        return max(1, self.sizeHintForRow(0)) if self.cards().rowCount() else 1

    # --- the open card ----------------------------------------------------------
    def open_card(self, highlight_id: str | None, keep_under_pointer: bool = False) -> None:
        """Open ``highlight_id``'s card (None: close it), making room under its row.
        ``keep_under_pointer``: a click opened it; the card stays where it was clicked."""
        model = self.cards()
        before = (model.open_row, model.spacers)
        if highlight_id is None or model.row_of(highlight_id) is None:
            model.open_card(None, 0)
            self.card.hide()
            if before[0] is not None:
                self.viewport().update()
            return
        height = self.row_height()
        needed = self.card.height_for(max(200, self.viewport().width()))
        moved_up = model.open_card(highlight_id, max(0, ceil(needed / height) - 1))
        if moved_up and keep_under_pointer:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - moved_up * height)
        row = model.row_of(highlight_id)
        current = self.currentIndex()
        if row is not None and current.isValid() and current.row() != row:
            self.moving = True
            try:
                self.selectionModel().setCurrentIndex(
                    model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            finally:
                self.moving = False
        if (model.open_row, model.spacers) != before:
            self.viewport().update()  # rows were re-mapped: the view was not told
        self.card.show()
        self.place_card()

    def refit(self) -> None:
        """The card's height changed (sources, links, the width): resize its room."""
        model = self.cards()
        row = model.open_row
        if row is None:
            return
        hid = model.index(row).data(ID_ROLE)
        self.open_card(hid)

    def place_card(self) -> None:
        model = self.cards()
        row = model.open_row
        if row is None:
            self.card.hide()
            return
        rect = self.visualRect(model.index(row))
        if not rect.isValid():
            return  # laid out in a later batch: updateGeometries places it then
        self.card.setGeometry(0, rect.top(), self.viewport().width(),
                              rect.height() * (model.spacers + 1))

    def reveal_card(self) -> None:
        """Scroll so the whole open card shows (its top first, if it is taller)."""
        model = self.cards()
        row = model.open_row
        if row is None:
            return
        self.scrollTo(model.index(row + model.spacers), QAbstractItemView.ScrollHint.EnsureVisible)
        self.scrollTo(model.index(row), QAbstractItemView.ScrollHint.EnsureVisible)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab into a field of the open card that is scrolled out of view: bring it in."""
        if new is None or not self.card.isVisible() or not self.card.isAncestorOf(new):
            return
        top = new.mapTo(self.viewport(), new.rect().topLeft()).y()
        bottom = top + new.height()
        bar, height = self.verticalScrollBar(), self.viewport().height()
        if top < 0:
            bar.setValue(bar.value() + top - 4)
        elif bottom > height:
            bar.setValue(bar.value() + min(bottom - height + 4, top))

    # --- Qt overrides -------------------------------------------------------------
    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.place_card()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.place_card()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit_timer.start()  # word wrap: the card's height follows its width
        self.place_card()

    def moveCursor(self, action: _Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """↑/↓ step from card to card over the open card's spacer rows."""
        model = self.cards()
        current = self.currentIndex()
        if action in (_Move.MoveDown, _Move.MoveNext) and current.isValid():
            row = current.row() + 1
            while row < model.rowCount() and model.is_spacer(row):
                row += 1
            return model.index(row) if row < model.rowCount() else current
        if action in (_Move.MoveUp, _Move.MovePrevious) and current.isValid():
            row = current.row() - 1
            while row >= 0 and model.is_spacer(row):
                row -= 1
            return model.index(row) if row >= 0 else current
        index = super().moveCursor(action, modifiers)
        return self._card_of(index)

    def _card_of(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        """A spacer row stands for the card above it (the open one, or the last)."""
        if not index.isValid():
            return QModelIndex()
        model = self.cards()
        row = index.row()
        while row > 0 and model.is_spacer(row):
            row -= 1
        return model.index(row)
