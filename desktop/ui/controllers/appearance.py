"""The window's appearance: theme, reading font and the minimap, kept in the settings.

Everything applies live and is saved at once (a few hundred bytes). The theme belongs
to the application, so a change made in one window shows in all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal

from desktop.domain.display_text import highlight_tooltip
from desktop.storage.settings import load_settings, update_settings
from desktop.ui.controllers.base import Controller
from desktop.ui.core.viewer import current_viewer
from desktop.ui.reader.minimap import Minimap
from desktop.ui.reader.themes import theme_manager
from desktop.ui.reader.view import ReaderView

if TYPE_CHECKING:
    from desktop.ui.controllers.context import AppearanceActions, WindowContext
    from desktop.ui.dialogs.preferences import PreferencesDialog


class AppearanceController(Controller):
    """Applies the settings to ``reader`` and ``minimap`` at once and on every change
    made through ``actions`` or the Preferences dialog."""

    noteAfterHighlightChanged = Signal(bool)
    viewerChanged = Signal()  # who is looking, or blind reviews, changed: redraw verdicts

    def __init__(self, ctx: WindowContext, reader: ReaderView, minimap: Minimap,
                 actions: AppearanceActions) -> None:
        super().__init__(ctx)
        settings = load_settings()
        self.themes = theme_manager(settings.theme)
        self.reader = reader
        self.minimap = minimap
        self.actions = actions
        self.preferences_dialog: PreferencesDialog | None = None
        self._family = settings.reader_font_family
        reader.set_reader_font(settings.reader_font_family, settings.reader_font_size)
        reader.set_measure(settings.reading_measure)
        minimap.describe = self.describe
        minimap.setVisible(settings.show_minimap)
        minimap.set_by_verdict(settings.minimap_by_verdict)

        a = actions
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
        reader = self.reader
        self._family = family
        reader.set_reader_font(family, size)
        update_settings(reader_font_family=family, reader_font_size=float(size))
        if self.preferences_dialog is not None:
            self.preferences_dialog.show_font(reader.font(), reader.base_point_size)

    def open_preferences(self) -> None:
        from desktop.ui.dialogs.preferences import PreferencesDialog  # not needed at start-up

        dialog = self.preferences_dialog
        if dialog is None:
            reader = self.reader
            from desktop.storage.host import full_name

            dialog = PreferencesDialog(self.themes.choice, reader.font(),
                                       reader.base_point_size, self._family, self.ctx.window(),
                                       settings=load_settings(), account_name=full_name())
            dialog.themeChosen.connect(self.set_theme)
            dialog.fontChosen.connect(self.set_font)
            dialog.identityEdited.connect(self.set_identity)
            dialog.blindChosen.connect(self.set_blind)
            dialog.keepPageChosen.connect(self.set_keep_page)
            dialog.measureChosen.connect(self.set_measure)
            dialog.noteAfterHighlightChosen.connect(self.set_note_after_highlight)
            self.preferences_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def set_note_after_highlight(self, on: bool) -> None:
        """Whether a new highlight opens its note (Preferences), now and next time."""
        update_settings(note_after_highlight=bool(on))
        self.noteAfterHighlightChanged.emit(bool(on))

    def set_measure(self, chars: int) -> None:
        """The reading column's widest line (Preferences), kept for the next run."""
        self.reader.set_measure(chars)
        update_settings(reading_measure=int(chars))

    # --- identity and web pages (Preferences) --------------------------------
    def set_identity(self, name: str, organisation: str, url: str) -> None:
        """Who every export names (an empty name: the account's full name)."""
        update_settings(user_name=name, user_organisation=organisation, user_url=url)
        self.viewerChanged.emit()  # blind reviews depend on whose verdicts are yours
        who = name or "your account's name"
        self._status(f"Exports will name you as {who}"
                     f"{f' ({organisation})' if organisation else ''}.")

    def set_blind(self, on: bool) -> None:
        """Blind reviews (Preferences): every view of a verdict follows at once."""
        update_settings(blind_reviews=bool(on))
        self.viewerChanged.emit()
        self._status("Blind reviews: others' verdicts stay hidden until you give yours."
                     if on else "Blind reviews off: every verdict shows.")

    def set_keep_page(self, on: bool, limit: int) -> None:
        update_settings(web_keep_page=on, web_keep_page_limit=limit)

    # --- minimap -------------------------------------------------------------
    def show_minimap(self, on: bool) -> None:
        self.minimap.setVisible(on)
        self.actions.minimap_by_verdict.setEnabled(on)
        update_settings(show_minimap=on)

    def color_by_verdict(self, on: bool) -> None:
        self.minimap.set_by_verdict(on)
        update_settings(minimap_by_verdict=on)

    def describe(self, key: str) -> str:
        """The minimap's tooltip for a highlight."""
        return highlight_tooltip(self.session.study, key, current_viewer())
