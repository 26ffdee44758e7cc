"""The window's appearance: theme, reading font and the minimap, kept in the settings.

Everything applies live and is saved at once (a few hundred bytes). The theme belongs
to the application, so a change made in one window shows in all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QMenu, QWidget

from desktop.storage.settings import load_settings, update_settings
from desktop.ui.reader.minimap import Minimap
from desktop.ui.reader.themes import theme_manager
from desktop.ui.window.actions import create_look_actions

if TYPE_CHECKING:
    from desktop.ui.dialogs.preferences import PreferencesDialog
    from desktop.ui.window.main_window import MainWindow

QUOTE_CHARS = 70


class AppearanceOps(QObject):
    """A QObject child of the window, so the application-wide theme manager stops
    calling it when the window is gone."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        settings = load_settings()
        self.themes = theme_manager(settings.theme)
        self.actions = create_look_actions(window)
        self.preferences_dialog: PreferencesDialog | None = None
        reader = window.reader
        self._family = settings.reader_font_family
        reader.set_reader_font(settings.reader_font_family, settings.reader_font_size)
        self.minimap = Minimap(reader, window)
        self.minimap.describe = self.describe
        self.minimap.setVisible(settings.show_minimap)
        self.minimap.set_by_verdict(settings.minimap_by_verdict)

        a = self.actions
        a.show_minimap.setChecked(settings.show_minimap)
        a.minimap_by_verdict.setChecked(settings.minimap_by_verdict)
        a.minimap_by_verdict.setEnabled(settings.show_minimap)
        self._sync_theme(self.themes.choice)
        for name, action in a.themes.items():
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
        self.themes.changed.connect(self._sync_theme)
        a.show_minimap.toggled.connect(self.show_minimap)
        a.minimap_by_verdict.toggled.connect(self.color_by_verdict)
        a.preferences.triggered.connect(self.open_preferences)

    def reader_with_minimap(self) -> QWidget:
        """The reader with the minimap to the right of its scroll bar, for the layout."""
        row = QWidget(self.window)
        row.setObjectName("readerRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.window.reader, 1)
        layout.addWidget(self.minimap)
        return row

    def add_menus(self, edit: QMenu, view: QMenu) -> None:
        a = self.actions
        edit.addSeparator()
        edit.addAction(a.preferences)
        view.addSeparator()
        themes = view.addMenu("&Theme")
        themes.addActions(list(a.themes.values()))
        view.addSeparator()
        view.addActions([a.show_minimap, a.minimap_by_verdict])

    # --- theme ---------------------------------------------------------------
    def set_theme(self, name: str) -> None:
        if name != self.themes.choice:
            self.themes.apply(name)
            update_settings(theme=name)

    def _sync_theme(self, choice: str) -> None:
        action = self.actions.themes.get(choice)
        if action is not None:
            action.setChecked(True)
        if self.preferences_dialog is not None:
            self.preferences_dialog.set_theme(choice)

    # --- font ----------------------------------------------------------------
    def set_font(self, family: str, size: float) -> None:
        reader = self.window.reader
        self._family = family
        reader.set_reader_font(family, size)
        update_settings(reader_font_family=family, reader_font_size=float(size))
        if self.preferences_dialog is not None:
            self.preferences_dialog.show_font(reader.font(), reader.base_point_size)

    def open_preferences(self) -> None:
        from desktop.ui.dialogs.preferences import PreferencesDialog  # not needed at start-up

        dialog = self.preferences_dialog
        if dialog is None:
            reader = self.window.reader
            dialog = PreferencesDialog(self.themes.choice, reader.font(),
                                       reader.base_point_size, self._family, self.window)
            dialog.themeChosen.connect(self.set_theme)
            dialog.fontChosen.connect(self.set_font)
            self.preferences_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # --- minimap -------------------------------------------------------------
    def show_minimap(self, on: bool) -> None:
        self.minimap.setVisible(on)
        self.actions.minimap_by_verdict.setEnabled(on)
        update_settings(show_minimap=on)

    def color_by_verdict(self, on: bool) -> None:
        self.minimap.set_by_verdict(on)
        update_settings(minimap_by_verdict=on)

    def describe(self, key: str) -> str:
        """One tooltip line: category, verdict if checked, and the start of the quote."""
        study = self.window.session.study
        h = study.highlights.get(key)
        if h is None:
            return ""
        names = {c.id: c.name for c in study.categories}
        head = names.get(h.category_id, h.category_id)
        if h.verdict.is_checked:
            head += f" · {h.verdict.symbol} {h.verdict.short_label}"
        quote = " ".join(h.quote.exact.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "…"
        return f"{head}: “{quote}”"
