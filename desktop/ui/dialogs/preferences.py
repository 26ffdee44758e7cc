"""Edit › Preferences: theme and reading font, who you are in exports, and whether
fetched web pages are kept inside the study — each applied as it is changed.

A modeless dialog: every change takes effect at once (and is saved by the caller), so
there is nothing to confirm or cancel, only Close. The identity (name, organisation,
web page) is the one every export names (``storage.settings.identity``); an empty name
means the account's full name, shown as the field's placeholder.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.reader.themes import THEME_CHOICES, THEME_LABELS
from desktop.ui.reader.view import MAX_POINT_SIZE, MEASURE_CHARS, MEASURE_RANGE, MIN_POINT_SIZE

SAMPLE = ("<p>Read critically: who says so, and how do they know?</p>"
          "<p dir='rtl'>خواندن انتقادی: چه کسی می‌گوید و از کجا می‌داند؟</p>")


MB = 1024 * 1024


class PreferencesDialog(QDialog):
    themeChosen = Signal(str)
    fontChosen = Signal(str, float)  # family ("" = built-in), size in points
    identityEdited = Signal(str, str, str)  # name ("" = the account's), organisation, url
    keepPageChosen = Signal(bool, int)  # keep fetched pages in the study, up to bytes
    measureChosen = Signal(int)  # the reading column's widest line, in characters
    noteAfterHighlightChosen = Signal(bool)  # a new highlight opens its note
    blindChosen = Signal(bool)  # blind reviews: others' verdicts wait until you gave yours

    def __init__(self, theme: str, font: QFont, base_size: int, family: str,
                 parent: QWidget | None = None, *, settings: Any = None,
                 account_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        # The saved family ("" = built-in): kept as it is until the user picks another,
        # even if this machine lacks it and the combo shows the fallback.
        self._family = family
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeChoice")
        for name in THEME_CHOICES:
            self.theme.addItem(THEME_LABELS[name].replace("&", ""), name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.family = QFontComboBox(self)
        self.family.setObjectName("readerFontFamily")
        self.family.setCurrentFont(QFont(QFontInfo(font).family()))
        self.size_box = QSpinBox(self)
        self.size_box.setObjectName("readerFontSize")
        self.size_box.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(base_size)
        self.default_font = QPushButton("Use &Default Font", self)
        self.default_font.setToolTip("The built-in serif reading font at its usual size")
        self.sample = QLabel(SAMPLE, self)
        self.sample.setObjectName("fontSample")
        self.sample.setFrameShape(QFrame.Shape.StyledPanel)  # a page-coloured card
        self.sample.setAutoFillBackground(True)
        self.sample.setBackgroundRole(QPalette.ColorRole.Base)
        self.sample.setForegroundRole(QPalette.ColorRole.Text)
        self.sample.setMargin(8)
        self.sample.setTextFormat(Qt.TextFormat.RichText)  # per-paragraph direction
        self.sample.setWordWrap(True)
        self.sample.setMinimumHeight(64)
        self.sample.setFont(font)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.theme.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow("&Theme:", self.theme)
        form.addRow("Reading &font:", self.family)
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_box)
        size_row.addStretch(1)
        size_row.addWidget(self.default_font)
        size_label = QLabel("&Size:", self)
        size_label.setBuddy(self.size_box)
        form.addRow(size_label, size_row)
        self.measure = QSpinBox(self)
        self.measure.setObjectName("readingMeasure")
        self.measure.setRange(*MEASURE_RANGE)
        self.measure.setSuffix(" characters")
        self.measure.setToolTip("The widest line of the text column, centred in the reader")
        self.measure.setValue(int(getattr(settings, "reading_measure", MEASURE_CHARS)))
        form.addRow("Column &width:", self.measure)
        self.note_after = QCheckBox("After highlighting, write its &note at once", self)
        self.note_after.setObjectName("noteAfterHighlight")
        self.note_after.setToolTip("Off: the cursor stays in the text, to go on reading")
        self.note_after.setChecked(bool(getattr(settings, "note_after_highlight", False)))
        form.addRow("", self.note_after)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        reading = QGroupBox("Reading", self)
        reading_layout = QVBoxLayout(reading)
        reading_layout.addLayout(form)
        reading_layout.addWidget(self.sample)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(reading)
        layout.addWidget(self._identity_box(settings, account_name))
        layout.addWidget(self._web_box(settings))
        layout.addWidget(buttons)
        self.setMinimumWidth(500)

        self.theme.currentIndexChanged.connect(
            lambda _i: self.themeChosen.emit(self.theme.currentData()))
        self.family.currentFontChanged.connect(self._family_changed)
        self.size_box.valueChanged.connect(lambda _v: self._emit_font())
        self.default_font.clicked.connect(self._use_default)
        self.measure.valueChanged.connect(self.measureChosen.emit)
        self.note_after.toggled.connect(self.noteAfterHighlightChosen.emit)

    def _identity_box(self, settings: Any, account_name: str) -> QGroupBox:
        box = QGroupBox("You, as exports name you", self)
        self.user_name = QLineEdit(getattr(settings, "user_name", ""), box)
        self.user_name.setObjectName("userName")
        self.user_name.setPlaceholderText(
            f"{account_name} (your account's name)" if account_name else "Your name")
        self.user_name.setToolTip("Empty: your account's full name")
        self.user_organisation = QLineEdit(getattr(settings, "user_organisation", ""), box)
        self.user_organisation.setObjectName("userOrganisation")
        self.user_organisation.setPlaceholderText("Optional: newsroom, fact-checking desk…")
        self.user_url = QLineEdit(getattr(settings, "user_url", ""), box)
        self.user_url.setObjectName("userUrl")
        self.user_url.setPlaceholderText("Optional: https://… or mailto:…")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Name:", self.user_name)
        form.addRow("&Organisation:", self.user_organisation)
        form.addRow("&Web page:", self.user_url)
        self.blind = QCheckBox("&Blind reviews: hide the others' verdicts on a claim until "
                               "you have given yours", box)
        self.blind.setObjectName("blindReviews")
        self.blind.setChecked(bool(getattr(settings, "blind_reviews", False)))
        self.blind.toggled.connect(self.blindChosen.emit)
        form.addRow(self.blind)
        for edit in (self.user_name, self.user_organisation, self.user_url):
            edit.editingFinished.connect(self._emit_identity)
        self._identity = self._identity_values()
        return box

    def _identity_values(self) -> tuple[str, str, str]:
        return (self.user_name.text().strip(), self.user_organisation.text().strip(),
                self.user_url.text().strip())

    def _emit_identity(self) -> None:
        values = self._identity_values()
        if values != self._identity:
            self._identity = values
            self.identityEdited.emit(*values)

    def _web_box(self, settings: Any) -> QGroupBox:
        box = QGroupBox("Web pages", self)
        self.keep_page = QCheckBox("&Keep each fetched page inside the study (compressed), "
                                   "as proof of what it said", box)
        self.keep_page.setObjectName("keepPage")
        self.keep_page.setChecked(bool(getattr(settings, "web_keep_page", True)))
        self.keep_limit = QSpinBox(box)
        self.keep_limit.setObjectName("keepPageLimit")
        self.keep_limit.setRange(1, 64)
        self.keep_limit.setSuffix(" MB")
        limit = getattr(settings, "web_keep_page_limit", 5 * MB)
        self.keep_limit.setValue(max(1, min(64, round(limit / MB))))
        limit_label = QLabel("Larger pages keep only their &fingerprint (SHA-256):", box)
        limit_label.setBuddy(self.keep_limit)
        limit_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(limit_label, 1)
        row.addWidget(self.keep_limit)
        layout = QVBoxLayout(box)
        layout.addWidget(self.keep_page)
        layout.addLayout(row)
        self.keep_limit.setEnabled(self.keep_page.isChecked())
        self.keep_page.toggled.connect(self._emit_keep)
        self.keep_limit.valueChanged.connect(lambda _v: self._emit_keep())
        return box

    def _emit_keep(self) -> None:
        on = self.keep_page.isChecked()
        self.keep_limit.setEnabled(on)
        self.keepPageChosen.emit(on, self.keep_limit.value() * MB)

    def closeEvent(self, event) -> None:  # a field still being typed in counts too
        self._emit_identity()
        super().closeEvent(event)

    def set_theme(self, theme: str) -> None:
        """Follow a change made elsewhere (View › Theme) without echoing it back."""
        if self.theme.currentData() != theme:
            self.theme.blockSignals(True)
            self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
            self.theme.blockSignals(False)

    def _family_changed(self, font: QFont) -> None:
        self._family = font.family()
        self._emit_font()

    def _emit_font(self) -> None:
        self.fontChosen.emit(self._family, float(self.size_box.value()))

    def _use_default(self) -> None:
        self._family = ""
        self.fontChosen.emit("", 0.0)

    def show_font(self, font: QFont, base_size: int) -> None:
        """Show the reader's font as now applied (after a reset, or zoom elsewhere)."""
        for widget in (self.family, self.size_box):
            widget.blockSignals(True)
        self.family.setCurrentFont(QFont(QFontInfo(font).family()))
        self.size_box.setValue(base_size)
        for widget in (self.family, self.size_box):
            widget.blockSignals(False)
        self.sample.setFont(font)
