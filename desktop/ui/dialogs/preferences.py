"""Edit › Preferences: theme and reading font, applied as they are changed.

A modeless dialog: every change takes effect at once (and is saved by the caller), so
there is nothing to confirm or cancel, only Close.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.reader.themes import THEME_CHOICES, THEME_LABELS
from desktop.ui.reader.view import MAX_POINT_SIZE, MIN_POINT_SIZE

SAMPLE = ("<p>Read critically: who says so, and how do they know?</p>"
          "<p dir='rtl'>خواندن انتقادی: چه کسی می‌گوید و از کجا می‌داند؟</p>")


class PreferencesDialog(QDialog):
    themeChosen = Signal(str)
    fontChosen = Signal(str, float)  # family ("" = built-in), size in points

    def __init__(self, theme: str, font: QFont, base_size: int, family: str,
                 parent: QWidget | None = None) -> None:
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.sample)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

        self.theme.currentIndexChanged.connect(
            lambda _i: self.themeChosen.emit(self.theme.currentData()))
        self.family.currentFontChanged.connect(self._family_changed)
        self.size_box.valueChanged.connect(lambda _v: self._emit_font())
        self.default_font.clicked.connect(self._use_default)

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
