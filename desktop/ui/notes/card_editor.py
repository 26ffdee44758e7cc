"""The open card: one highlight edited in place in the list of cards (#17).

One widget for the whole list, laid over the selected card's row and the empty rows the
model keeps under it (``HighlightListModel.open_card``), so ten thousand compact cards
stay painted by the delegate and only this one is made of real widgets. Everything
about the highlight is here, top to bottom in Tab order, with no tab levels: category
and Delete, the passage, the note (Write/Preview toggle), verdict and rationale, sources
with their stances, links, tags. Esc anywhere in it goes back to the list.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.display_text import excerpt, page_prefix
from desktop.domain.model import Category, Highlight, Study
from desktop.ui.core.flow_layout import FlowLayout
from desktop.ui.core.key_names import native_keys
from desktop.ui.core.label_styles import style_quote
from desktop.ui.core.swatches import color_icon
from desktop.ui.notes.highlight_detail import EvidencePanel, LinksPanel, VerdictRow, narrow_combo
from desktop.ui.notes.note_editor import MarkdownEditor
from desktop.ui.notes.tag_editor import TagField
from desktop.ui.reader.bidi import show_direction

#: How many characters of a long passage the card shows before "Show all".
QUOTE_CLAMP = 280
NOTE_LINES = 5  # the note box's height, in lines, before the card's spare room
STRIPE = 5


class CardEditor(QFrame):
    """The selected highlight, open for editing inside the list."""

    escaped = Signal()  # Esc: leave the card, back to the list
    heightChanged = Signal()  # sources, links or the passage changed the card's height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openCard")
        self.setAccessibleName("Selected highlight")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)  # its fields (Base) stand out
        self._color = QColor("#888888")
        self._shown_id: str | None = None
        self._full_quote = ""
        self._expanded = False

        self.category = QComboBox(self)
        self.category.setAccessibleName("Highlight category")
        narrow_combo(self.category)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete highlight")
        self.delete_button.setToolTip(f"Delete this highlight ({native_keys('Del')}); "
                                      f"{native_keys('Ctrl+Z')} brings it back")
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setObjectName("detailQuote")
        style_quote(self.quote)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QToolButton(self)
        self.more.setAutoRaise(True)
        self.more.setText("Show all")
        self.more.setAccessibleName("Show the whole passage")
        self.more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.more.clicked.connect(self._toggle_quote)
        self.note = MarkdownEditor("Write a note on this highlight (Markdown)…",
                                   "Highlight note", self)
        self.note.editor.preferred_lines = NOTE_LINES
        self.verdict = VerdictRow(self)
        self.evidence = EvidencePanel(self)
        self.links = LinksPanel(self)
        self.tag_field = TagField(self)
        self.tags = self.tag_field.entry  # where Ctrl+T puts the cursor
        self.tag_field.before = self.links.remove

        head = FlowLayout(spacing=6)  # wraps in a narrow pane rather than widen it
        label = QLabel("&Category", self)
        label.setBuddy(self.category)
        head.add_widget(label)
        head.add_widget(self.category, 1)
        head.add_widget(self.delete_button)
        quote_row = QHBoxLayout()
        quote_row.addWidget(self.quote, 1)
        quote_row.addWidget(self.more, 0, Qt.AlignmentFlag.AlignBottom)
        tag_row = QHBoxLayout()
        tag_row.setSpacing(6)
        tag_label = QLabel("&Tags", self)
        tag_label.setBuddy(self.tags)
        tag_row.addWidget(tag_label, 0, Qt.AlignmentFlag.AlignVCenter)
        tag_row.addWidget(self.tag_field, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(STRIPE + 8, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(quote_row)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.evidence)
        layout.addWidget(self.links)
        layout.addLayout(tag_row)
        self.note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        for part in (self.evidence, self.links):
            # Not Fixed: a Fixed height is the one-line size hint, and would clip a row
            # of buttons that wrapped; the note (Expanding) still takes the spare room.
            part.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._chain()
        self._refit = QTimer(self)  # word-wrapped sources and links follow the width
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_parts)

    def fields(self) -> list[QWidget]:
        """The card's fields in Tab order, top to bottom."""
        return [self.category, self.delete_button, self.more, self.note.write_button,
                self.note.preview_button, self.note.editor, self.verdict.combo,
                self.verdict.rationale, self.evidence.list, self.evidence.attach,
                self.evidence.edit, self.evidence.open, self.evidence.detach,
                self.links.list, self.links.add, self.links.go, self.links.remove, self.tags]

    def _chain(self) -> None:
        for first, second in pairwise(self.fields()):
            QWidget.setTabOrder(first, second)

    @property
    def first_field(self) -> QWidget:
        return self.category

    @property
    def last_field(self) -> QWidget:
        return self.tags

    # --- keys -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:  # what a field does not want reaches here
            event.accept()
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit.start()

    def _fit_parts(self) -> None:
        """A new width: lists re-wrap and rows of buttons may wrap onto more lines."""
        self.evidence.fit_rows()
        self.links.fit_rows()
        self.heightChanged.emit()

    # --- drawing ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.fillRect(QRect(2, 2, STRIPE, self.height() - 4), self._color)
        painter.end()

    # --- what is shown ----------------------------------------------------------
    def set_categories(self, categories: list[Category]) -> None:
        self.category.clear()
        for category in categories:
            self.category.addItem(color_icon(category.color), category.name, category.id)

    @property
    def shown_id(self) -> str | None:
        return self._shown_id

    def show_highlight(self, study: Study, h: Highlight | None) -> None:
        same = h is not None and h.id == self._shown_id
        self._shown_id = h.id if h is not None else None
        if h is None:
            self.hide()
            return
        category = study.category(h.category_id)
        self._color = QColor(category.color) if category else QColor("#888888")
        self.category.setCurrentIndex(max(0, self.category.findData(h.category_id)))
        prefix = "⚠ Orphaned — not found in the text: " if h.is_orphan else ""
        self._full_quote = f"{prefix}{page_prefix(study, h)}“{h.quote.exact.strip()}”"
        if not same:
            self._expanded = False
        self._show_quote()
        self.verdict.show_highlight(h, study.shows_verdict(h),
                                    category.name if category else "")
        self.tag_field.show_tags(h.tags, keep_typing=same)
        self.note.set_text(h.note)
        if not same and self.note.previewing:
            self.note.show_write()
        self.evidence.show_highlight(study, h)
        self.links.show_highlight(study, h)
        self.update()

    def _show_quote(self) -> None:
        text = self._full_quote
        long = len(text) > QUOTE_CLAMP
        self.more.setVisible(long)
        if long and not self._expanded:
            text = excerpt(text, QUOTE_CLAMP)
        self.more.setText("Show less" if self._expanded else "Show all")
        self.quote.setText(text)
        show_direction(self.quote, text)

    def _toggle_quote(self) -> None:
        self._expanded = not self._expanded
        self._show_quote()
        self.heightChanged.emit()

    def height_for(self, width: int) -> int:
        """The card's natural height at ``width``: what the list makes room for."""
        layout = self.layout()
        assert layout is not None
        # Parts whose content just changed (a source attached, buttons shown) have told
        # their own layouts, but the card's layout hears of it only through posted
        # layout requests: handle them now, or the card measures its old self.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout.activate()
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()
