"""A combo box of the study's tags with their counts, for filtering highlights."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

ALL_TAGS = "All tags"


class TagFilter(QComboBox):
    """"All tags", then "economy (3)"…; keeps the chosen tag across refills."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Filter by tag")
        self.setToolTip("Show only highlights with this tag")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self._counts: list[tuple[str, int]] | None = None
        self.set_counts([])

    def current_tag(self) -> str | None:
        return self.currentData()

    def set_counts(self, counts: list[tuple[str, int]]) -> bool:
        """Refill; returns True when the chosen tag vanished (the filter must change)."""
        if counts == self._counts:
            return False
        self._counts = counts
        chosen = self.current_tag()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(ALL_TAGS, None)
            for tag, count in counts:
                self.addItem(f"#{tag} ({count})", tag)
            index = self._find(chosen)
            self.setCurrentIndex(max(0, index))
        finally:
            self.blockSignals(False)
        self.setEnabled(bool(counts) or chosen is not None)
        return chosen is not None and index < 0

    def choose(self, tag: str | None) -> None:
        self.setCurrentIndex(max(0, self._find(tag)))

    def _find(self, tag: str | None) -> int:
        if tag is None:
            return 0
        key = tag.casefold()
        return next((i for i in range(1, self.count())
                     if str(self.itemData(i)).casefold() == key), -1)
