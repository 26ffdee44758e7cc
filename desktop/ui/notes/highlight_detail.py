"""The selected highlight's panel: category, verdict, evidence, links and note."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.blind import Viewer, hides, seen
from desktop.domain.crosscheck import Verdict, suggest_verdict
from desktop.domain.display_text import excerpt, page_prefix, reference_line
from desktop.domain.identity import Person
from desktop.domain.model import Category, Highlight, Study
from desktop.domain.verdicts import history_lines, people_line, side_by_side
from desktop.ui.core.label_styles import style_quote
from desktop.ui.core.swatches import color_icon
from desktop.ui.core.viewer import current_viewer
from desktop.ui.notes.note_editor import MarkdownEditor
from desktop.ui.notes.tag_editor import TagEdit
from desktop.ui.reader.bidi import show_direction

ID_ROLE = Qt.ItemDataRole.UserRole


def viewer() -> tuple[Person | None, bool]:
    """Who is looking, and whether reviews are blind (Preferences)."""
    looking = current_viewer()
    return looking.person, looking.blind


def verdict_text(verdict: Verdict) -> str:
    return f"{verdict.symbol} {verdict.label}"


class _ButtonList(QWidget):
    """A list with a row of buttons under it; buttons needing a selection follow it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(name)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self._needs_selection: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)
        self.list.currentItemChanged.connect(self._update_buttons)

    def add_button(self, text: str, tip: str, needs_selection: bool) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        self.buttons.addWidget(button)
        if needs_selection:
            self._needs_selection.append(button)
            button.setEnabled(False)
        return button

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def set_items(self, rows: list[tuple[str, str, str]]) -> None:
        """Rows of (id, text, tooltip); keeps the current row when it still exists."""
        keep = self.current_id()
        self.list.clear()
        for key, text, tip in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, key)
            item.setToolTip(tip)
            self.list.addItem(item)
            if key == keep:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in self._needs_selection:
            button.setEnabled(has)


class EvidencePanel(_ButtonList):
    attachRequested = Signal()
    editRequested = Signal(str)  # citation id
    detachRequested = Signal(str)
    openRequested = Signal(str)  # citation id: open its reference's URL

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Evidence: references attached to this highlight", parent)
        self.attach = self.add_button("&Attach…", "Attach a reference with its stance", False)
        self.edit = self.add_button("Stance…", "Change the stance or comment", True)
        self.open = self.add_button("Open Link", "Open the reference's web address", True)
        self.detach = self.add_button("Detach", "Detach the reference from this highlight", True)
        self.attach.clicked.connect(self.attachRequested)
        self.edit.clicked.connect(lambda: self._emit(self.editRequested))
        self.open.clicked.connect(lambda: self._emit(self.openRequested))
        self.detach.clicked.connect(lambda: self._emit(self.detachRequested))
        self.list.itemDoubleClicked.connect(lambda _i: self._emit(self.editRequested))

    def _emit(self, signal) -> None:
        key = self.current_id()
        if key:
            signal.emit(key)

    def show_highlight(self, study: Study, h: Highlight) -> None:
        rows = []
        for c in h.citations:
            reference = study.references.get(c.reference_id)
            if reference is None:
                continue
            text = f"{c.stance.symbol} {c.stance.label}: {reference_line(reference)}"
            if c.comment:
                text += f"\n    {c.comment}"
            tip = "\n\n".join(x for x in (reference.url, reference.excerpt) if x)
            rows.append((c.id, text, tip))
        self.set_items(rows)


class LinksPanel(_ButtonList):
    linkRequested = Signal()
    goRequested = Signal(str)  # highlight id of the other end
    removeRequested = Signal(str)  # link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Links to other passages", parent)
        self.add = self.add_button("&Link to…", "Link this passage to another one", False)
        self.go = self.add_button("Go to", "Show the linked passage", True)
        self.remove = self.add_button("Remove", "Remove the link", True)
        self._other: dict[str, str] = {}
        self.add.clicked.connect(self.linkRequested)
        self.go.clicked.connect(self._go)
        self.list.itemDoubleClicked.connect(lambda _i: self._go())
        self.remove.clicked.connect(self._remove)

    def _remove(self) -> None:
        key = self.current_id()
        if key:
            self.removeRequested.emit(key)

    def _go(self) -> None:
        key = self.current_id()
        if key and key in self._other:
            self.goRequested.emit(self._other[key])

    def show_highlight(self, study: Study, h: Highlight) -> None:
        rows, self._other = [], {}
        for link in study.links_of(h.id):
            other_id = link.other_end(h.id)
            other = study.highlights.get(other_id)
            if other is None:
                continue
            arrow = "→" if link.source_id == h.id else "←"
            self._other[link.id] = other_id
            text = f"{arrow} {link.relation.label}: “{excerpt(other.quote.exact)}”"
            if other.document_id != h.document_id:  # a passage of another document
                document = study.documents.get(other.document_id)
                text += f" — in {document.title if document else 'another document'}"
            rows.append((link.id, text, other.quote.exact[:500]))
        self.set_items(rows)


class VerdictRow(QWidget):
    """Verdict, its one-line rationale, and what the attached sources suggest."""

    edited = Signal(object, str)  # Verdict, rationale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Verdict")
        for verdict in Verdict:
            self.combo.addItem(verdict_text(verdict), verdict.value)
        self.rationale = QLineEdit(self)
        self.rationale.setPlaceholderText("Why? One line of rationale")
        self.rationale.setAccessibleName("Verdict rationale")
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("verdictSuggestion")
        self.suggestion.setWordWrap(True)
        # Its line is kept even when empty, so the panel does not jump when it appears.
        self.suggestion.setMinimumHeight(self.suggestion.fontMetrics().lineSpacing())
        self.byline = QLabel(self)  # who made it, who edited it, who gave the verdict
        self.byline.setObjectName("verdictByline")
        self.byline.setWordWrap(True)
        self.byline.setTextFormat(Qt.TextFormat.PlainText)
        self.byline.setEnabled(False)  # drawn in the muted colour: small print
        self.byline.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Verdict", self)
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo)
        row.addWidget(self.rationale, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.byline)
        self.combo.activated.connect(self._emit)
        self.combo.activated.connect(lambda _i: self.rationale.setFocus())
        self.rationale.textEdited.connect(self._emit)

    def _emit(self, *_args) -> None:
        self.edited.emit(Verdict(self.combo.currentData()), self.rationale.text())

    def show_highlight(self, h: Highlight, takes_verdict: bool = True,
                       category: str = "") -> None:
        """``takes_verdict``: its category is checkable (or a verdict was recorded);
        otherwise the controls rest, saying why, in the same place (no layout jump)."""
        me, blind = viewer()
        self._show_byline(h, me, blind)
        self.combo.setEnabled(takes_verdict)
        self.rationale.setEnabled(takes_verdict)
        if not takes_verdict:
            self.combo.setCurrentIndex(self.combo.findData(seen(h, Viewer(me, blind)).verdict))
            self.rationale.clear()
            self.rationale.setPlaceholderText(
                f"{category or 'These'} passages take no verdict "
                "(Check › Categories That Take a Verdict)")
            self.suggestion.setText("")
            return
        self.rationale.setPlaceholderText("Why? One line of rationale")
        shown = seen(h, Viewer(me, blind))  # blind, yours first: the box starts empty
        verdict, rationale = shown.verdict, shown.rationale
        self.combo.setCurrentIndex(self.combo.findData(verdict.value))
        if self.rationale.text() != rationale:
            self.rationale.setText(rationale)
            self.rationale.setCursorPosition(0)
        suggested = suggest_verdict(c.stance for c in h.citations)
        if suggested is None or suggested == verdict:
            self.suggestion.setText("")
        else:
            self.suggestion.setText(f"Sources suggest: {verdict_text(suggested)}?")

    def _show_byline(self, h: Highlight, me: Person | None, blind: bool) -> None:
        # Parts break between them, never inside ("3 reviewers: ✘ ⚖" stays on one line).
        parts = people_line(h, me, blind).split(" · ")
        self.byline.setText(" · ".join(p.replace(" ", "\u00a0") for p in parts))
        hidden = hides(h, Viewer(me, blind))
        reviewers, history = ([], []) if hidden else (side_by_side(h), history_lines(h))
        tip = []
        if len(reviewers) > 1:
            tip += ["Reviewers:", *reviewers]
        if history:
            tip += [""] * bool(tip) + ["Verdict history:", *history]
        self.byline.setToolTip("\n".join(tip))
        self.byline.setVisible(True)


class HighlightDetail(QWidget):
    """Everything about the highlight selected in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = QComboBox(self)
        self.category.setAccessibleName("Highlight category")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setAccessibleName("Delete highlight")
        self.delete_button.setToolTip("Delete this highlight (Delete)")
        self.quote = QLabel(self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setObjectName("detailQuote")
        style_quote(self.quote)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict = VerdictRow(self)
        self.tags = TagEdit(self)
        self._shown_id: str | None = None
        self.note = MarkdownEditor("Write a note on this highlight (Markdown)…", "Highlight note",
                                   self)
        self.evidence = EvidencePanel(self)
        self.links = LinksPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.note, "Note")
        self.tabs.addTab(self.evidence, "Evidence")
        self.tabs.addTab(self.links, "Links")
        row = QHBoxLayout()
        label = QLabel("&Category", self)
        label.setBuddy(self.category)
        row.addWidget(label)
        row.addWidget(self.category, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.quote)
        layout.addWidget(self.verdict)
        tag_row = QHBoxLayout()
        tag_label = QLabel("&Tags", self)
        tag_label.setBuddy(self.tags)
        tag_row.addWidget(tag_label)
        tag_row.addWidget(self.tags, 1)
        layout.addLayout(tag_row)
        layout.addWidget(self.tabs, 1)

    def set_categories(self, categories: list[Category]) -> None:
        self.category.clear()
        for category in categories:
            self.category.addItem(color_icon(category.color), category.name, category.id)

    def show_highlight(self, study: Study, h: Highlight | None) -> None:
        self.setEnabled(h is not None)
        same = h is not None and h.id == self._shown_id
        self._shown_id = h.id if h is not None else None
        if h is None:
            self.quote.setText("Select a highlight to check it and write a note on it.")
            show_direction(self.quote, "")
            self.note.set_text("")
            self.evidence.set_items([])
            self.links.set_items([])
            self.verdict.combo.setCurrentIndex(0)
            self.verdict.rationale.clear()
            self.verdict.suggestion.setText("")
            self.verdict.byline.clear()
            self.verdict.byline.hide()  # no empty line of small print
            self.tags.show_tags([])
            self._count_tabs(0, 0)
            return
        self.category.setCurrentIndex(max(0, self.category.findData(h.category_id)))
        quote = excerpt(h.quote.exact, 300)
        prefix = "⚠ Orphaned — not found in the text: " if h.is_orphan else ""
        self.quote.setText(f"{prefix}{page_prefix(study, h)}“{quote}”")
        show_direction(self.quote, quote)
        category = study.category(h.category_id)
        self.verdict.show_highlight(h, study.shows_verdict(h),
                                    category.name if category else "")
        self.tags.show_tags(h.tags, keep_typing=same)
        self.note.set_text(h.note)
        self.evidence.show_highlight(study, h)
        self.links.show_highlight(study, h)
        self._count_tabs(self.evidence.list.count(), self.links.list.count())

    def _count_tabs(self, evidence: int, links: int) -> None:
        self.tabs.setTabText(1, f"Evidence ({evidence})" if evidence else "Evidence")
        self.tabs.setTabText(2, f"Links ({links})" if links else "Links")
