"""Dialogs of the cross-checking workflow: edit a reference, attach one to a highlight
with a stance, and link two passages. They return values; the window turns those into
commands, so every dialog result is undoable."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.crosscheck import Relation, Stance
from desktop.domain.display_text import excerpt, reference_line
from desktop.domain.model import Highlight, Reference, Study


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def fit_on_screen(dialog: QDialog, width: int, height: int) -> None:
    """Resize to ``width`` × ``height``, or less on a small screen (1024×600 netbooks),
    so the OK button is never below the screen's edge."""
    screen = (dialog.parentWidget() or dialog).screen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - 40)
        height = min(height, room.height() - 60)
    dialog.resize(width, max(height, dialog.minimumSizeHint().height()))


def find_box(parent: QWidget, placeholder: str) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    return box


class ReferenceDialog(QDialog):
    """Create or edit one reference of the study's library; *Fill in* looks a pasted
    address, DOI or ISBN up. With ``attach_to`` it also asks how the source bears on
    that highlight (Ctrl+Shift+V: Attach Source); ``pasted`` starts a look-up at once."""

    def __init__(self, reference: Reference | None = None, parent: QWidget | None = None,
                 *, attach_to: Highlight | None = None, pasted: str = ""):
        super().__init__(parent)
        self.setObjectName("referenceDialog")
        self.setWindowTitle("Attach Source" if attach_to is not None else
                            "Edit Reference" if reference else "New Reference")
        today = QDate.currentDate().toString(Qt.DateFormat.ISODate)
        self._original = reference or Reference(accessed=today)
        r = self._original
        self.url = QLineEdit(r.url, self)
        self.url.setPlaceholderText("https://…")
        self.title_edit = QLineEdit(r.title, self)
        self.author = QLineEdit(r.author, self)
        self.author.setPlaceholderText("author or publisher")
        self.published = QLineEdit(r.published, self)
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.accessed = QLineEdit(r.accessed, self)
        self.accessed.setPlaceholderText("YYYY-MM-DD")
        self.excerpt = QPlainTextEdit(r.excerpt, self)
        self.excerpt.setPlaceholderText("The passage of the source that matters")
        self.excerpt.setTabChangesFocus(True)
        self.note = QPlainTextEdit(r.note, self)
        self.note.setTabChangesFocus(True)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        from desktop.ui.dialogs.web_dialogs import FillInRow

        self.fill_in = FillInRow(self)
        self.fill_in.filled.connect(self.apply_draft)
        self.fill_in.fallback = lambda: self.url.text().strip()
        self._attach_to = attach_to
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        claim = None
        if attach_to is not None:  # full width above the form: a form row clips wrapping
            claim = QLabel(f"A source for “{excerpt(attach_to.quote.exact)}”", self)
            claim.setWordWrap(True)
            claim.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("&Look up", self.fill_in)
        for label, widget in (("&URL", self.url), ("&Title", self.title_edit),
                              ("&Author / publisher", self.author),
                              ("&Published", self.published), ("Date a&ccessed", self.accessed),
                              ("&Excerpt", self.excerpt), ("&Note", self.note)):
            form.addRow(label, widget)
        if r.archived is not None:
            archived = QLabel(f"{r.archived.url}\n(captured {r.archived.captured})", self)
            archived.setObjectName("archivedCopy")
            archived.setTextFormat(Qt.TextFormat.PlainText)
            archived.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            archived.setWordWrap(True)
            form.addRow("Archived copy", archived)
        if attach_to is not None:
            self.stance = stance_combo(self)
            self.comment = QLineEdit(self)
            self.comment.setPlaceholderText("How this source bears on the claim (optional)")
            form.addRow("&Stance", self.stance)
            form.addRow("Co&mment", self.comment)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        if claim is not None:
            layout.addWidget(claim)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for box in (self.excerpt, self.note):  # three lines each; they grow with the dialog
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 3 + 12)
        fit_on_screen(self, 600, 600 if attach_to is not None else 540)
        if pasted:
            self.fill_in.query.setText(pasted)
            self.fill_in.start()

    def apply_draft(self, draft) -> None:
        """Put a look-up's fields in the form (the ones it found; the rest stay)."""
        found = draft.to_reference()
        filled = []
        for name, edit, value in (("address", self.url, found.url),
                                  ("title", self.title_edit, found.title),
                                  ("author", self.author, found.author),
                                  ("date", self.published, found.published),
                                  ("date accessed", self.accessed, found.accessed)):
            if value and value != edit.text():
                edit.setText(value)
                edit.setCursorPosition(0)
                if name != "date accessed":
                    filled.append(name)
        if found.note and not self.note.toPlainText().strip():
            self.note.setPlainText(found.note)
            filled.append("note")
        sources = list(dict.fromkeys(v for v in draft.found_by.values() if v))
        self.fill_in.report(filled, sources)

    def done(self, result: int) -> None:
        self.fill_in.cancel()  # a look-up still running is of no use any more
        super().done(result)

    def problem(self) -> str | None:
        url = self.url.text().strip()
        if not url and not self.title_edit.text().strip():
            return "Give the reference a title or a URL."
        if url:
            # The reports' own test: a URL accepted here is one they will print.
            from desktop.storage.exporters.report_model import safe_url

            if safe_url(url) is None:
                return "The URL must be a web address starting with http:// or https://."
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    def attach_choice(self) -> AttachChoice:
        """The new reference and how it bears on ``attach_to`` (Attach Source)."""
        return AttachChoice(self.value(), True, Stance(self.stance.currentData()),
                            self.comment.text().strip())

    def value(self) -> Reference:
        return replace(
            self._original,
            url=self.url.text().strip(),
            title=self.title_edit.text().strip(),
            author=self.author.text().strip(),
            published=self.published.text().strip(),
            accessed=self.accessed.text().strip(),
            excerpt=self.excerpt.toPlainText().strip(),
            note=self.note.toPlainText().strip(),
        )


@dataclass
class AttachChoice:
    reference: Reference  # an existing library entry, or a new one to add first
    is_new: bool
    stance: Stance
    comment: str


def stance_combo(parent: QWidget, current: Stance = Stance.UNCLEAR) -> QComboBox:
    combo = QComboBox(parent)
    for stance in Stance:
        combo.addItem(f"{stance.symbol}  {stance.label}", stance.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


class AttachReferenceDialog(QDialog):
    """Pick a reference from the library (or create one) and say how it bears on the claim."""

    def __init__(self, study: Study, highlight: Highlight, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Attach Reference")
        self._new: Reference | None = None
        claim = QLabel(f"To: “{excerpt(highlight.quote.exact)}”", self)
        claim.setWordWrap(True)
        claim.setTextFormat(Qt.TextFormat.PlainText)
        self.find_edit = find_box(self, "Find in the library…")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Reference library")
        for reference in study.references.values():
            item = QListWidgetItem(reference_line(reference))
            item.setData(Qt.ItemDataRole.UserRole, reference.id)
            item.setToolTip(reference.url)
            self.list.addItem(item)
        self._study = study
        self.new_button = QPushButton("&New Reference…", self)
        self.stance = stance_combo(self)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText("How this source bears on the claim (optional)")
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        form = QFormLayout()
        form.addRow("&Stance", self.stance)
        form.addRow("&Comment", self.comment)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(claim)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.find_edit.textChanged.connect(self._filter)
        self.new_button.clicked.connect(self._create)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(520, 480)

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            reference = self._study.references.get(item.data(Qt.ItemDataRole.UserRole))
            haystack = " ".join((item.text(), reference.url if reference else "")).casefold()
            item.setHidden(bool(needle) and needle not in haystack)

    def _create(self) -> None:
        dialog = ReferenceDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_new_reference(dialog.value())

    def set_new_reference(self, reference: Reference) -> None:
        self._new = reference
        item = QListWidgetItem(f"✚ {reference_line(reference)} (new)")
        item.setData(Qt.ItemDataRole.UserRole, reference.id)
        self.list.addItem(item)
        self.list.setCurrentItem(item)

    def accept(self) -> None:
        if self.list.currentItem() is None or self.list.currentItem().isHidden():
            self.error.setText("Choose a reference from the library, or create a new one.")
            return
        super().accept()

    def value(self) -> AttachChoice:
        rid = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
        is_new = self._new is not None and rid == self._new.id
        reference = self._new if is_new else self._study.references[rid]
        assert reference is not None
        return AttachChoice(reference, is_new, Stance(self.stance.currentData()),
                            self.comment.text().strip())


class CitationDialog(QDialog):
    """Change the stance and comment of one attached reference."""

    def __init__(self, reference: Reference, stance: Stance, comment: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit Citation")
        title = QLabel(reference_line(reference), self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        self.stance = stance_combo(self, stance)
        self.comment = QLineEdit(comment, self)
        form = QFormLayout()
        form.addRow("&Stance", self.stance)
        form.addRow("&Comment", self.comment)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, 180)

    def value(self) -> tuple[Stance, str]:
        return Stance(self.stance.currentData()), self.comment.text().strip()


class LinkDialog(QDialog):
    """Choose another highlighted passage and how this one relates to it."""

    def __init__(self, study: Study, highlight: Highlight, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Link to Passage")
        self.relation = QComboBox(self)
        for relation in Relation:
            self.relation.addItem(relation.label, relation.value)
        self.find_edit = find_box(self, "Find a highlighted passage…")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Passages")
        several = len(study.documents) > 1  # then each passage names its document
        for document in study.documents.values():
            where = f"{document.title or 'Untitled document'} · " if several else ""
            for other in study.highlights_in_order(document.id):
                if other.id == highlight.id:
                    continue
                category = study.category(other.category_id)
                item = QListWidgetItem(
                    f"{where}{category.name if category else ''}: “{excerpt(other.quote.exact)}”"
                )
                item.setData(Qt.ItemDataRole.UserRole, other.id)
                self.list.addItem(item)
        source = QLabel(f"“{excerpt(highlight.quote.exact)}”", self)
        source.setTextFormat(Qt.TextFormat.PlainText)
        source.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        form = QFormLayout()
        form.addRow("This passage", source)
        form.addRow("&Relation", self.relation)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("to the passage:", self))
        layout.addWidget(self.find_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.find_edit.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(520, 440)

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def accept(self) -> None:
        if self.list.currentItem() is None or self.list.currentItem().isHidden():
            self.error.setText("Choose the passage to link to.")
            return
        super().accept()

    def value(self) -> tuple[str, Relation]:
        return (self.list.currentItem().data(Qt.ItemDataRole.UserRole),
                Relation(self.relation.currentData()))
