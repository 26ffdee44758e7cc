"""Keyboard order and screen-reader names for the main window, set in one place.

Tab goes reader → document tabs (several documents) → highlights list → the selected
highlight's fields (category, delete, verdict, rationale, tags, note) → the pane's tabs,
filters and list scope, then back to the reader. The
widgets are made by several modules; naming them here keeps the whole story readable.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.ui.core.key_names import native_keys
from desktop.ui.notes.note_editor import MarkdownEditor

if TYPE_CHECKING:  # Described is for the type checker only: nothing to load at start
    from typing import Protocol

    from PySide6.QtWidgets import QSplitter, QToolBar

    from desktop.ui.notes.pane import NotesPane
    from desktop.ui.reader.document_tabs import DocumentTabs
    from desktop.ui.reader.find_bar import FindBar
    from desktop.ui.reader.view import ReaderView
    from desktop.ui.window.status import StatusSummary

    class Described(Protocol):
        """The window as this module sees it: the widgets it orders and names."""

        reader: ReaderView
        document_tabs: DocumentTabs
        notes: NotesPane
        find_bar: FindBar
        splitter: QSplitter
        toolbar: QToolBar
        status_summary: StatusSummary

        def window(self) -> QWidget: ...


def _describe(widget: QWidget, name: str, description: str = "") -> None:
    if not widget.accessibleName():
        widget.setAccessibleName(name)
    if description and not widget.accessibleDescription():
        widget.setAccessibleDescription(description)


def tab_chain(window: Described) -> list[QWidget]:
    """The focus order, first to last (hidden or disabled ones are skipped by Qt)."""
    notes = window.notes
    return [
        window.reader,
        window.document_tabs,
        notes.list,
        *notes.card.fields(),  # the open card, top to bottom
        notes.tabs.tabBar(),
        notes.text_filter,
        notes.category_filter,
        notes.verdict_filter,
        notes.tag_filter,
        notes.scope.all_documents,
        notes.scope.orphans,
    ]


def apply_accessibility(window: Described) -> None:
    window.reader.setTabChangesFocus(True)  # read-only: Tab has nothing to insert
    for tabs in window.window().findChildren(QTabWidget):
        # Only the tab bar takes focus. A tab widget forwarding focus to its bar is one
        # "compound" stop to Qt: setTabOrder would move all its pages along with it,
        # and left where it was it would send Tab back to the bar from there.
        tabs.setFocusProxy(None)  # type: ignore[arg-type]  # None removes the proxy
        tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
    chain = tab_chain(window)
    find = window.find_bar
    # The find bar (when open) comes just before the text it searches.
    order = [find.edit, find.prev_button, find.next_button, find.close_button, *chain]
    for first, second in pairwise(order):
        QWidget.setTabOrder(first, second)

    notes, card = window.notes, window.notes.card
    _describe(window.reader, "Document reader",
              "The document's text with your highlights. Select a passage and press "
              f"{native_keys('Ctrl+1')} to {native_keys('Ctrl+9')} to highlight it.")
    _describe(window.reader.gutter, "Verdicts",
              "The verdict of each checked claim, as a symbol and a word, beside its line.")
    _describe(window.splitter, "Reader and notes")
    row = window.reader.parentWidget()
    if row is not None:
        _describe(row, "Reader pane", "The document and its find bar.")
    _describe(window.toolbar, "Main toolbar")
    _describe(window.status_summary, "Study summary",
              "Word count, highlights by category and how many claims are checked.")
    _describe(notes, "Notes pane", "Highlights, references, the source and the study note.")
    _describe(notes.tabs, "Notes pane sections")
    _describe(notes.list, "Highlights",
              "Every highlight as a card, in text order. The selected card opens for "
              "editing; Enter writes its note, Esc goes back to the text.")
    _describe(notes.summary, "Highlight counts")
    _describe(notes.text_filter, "Filter highlights by text",
              "Shows only highlights whose quote, note, rationale or sources contain this.")
    _describe(notes.category_filter, "Filter by category")
    _describe(notes.verdict_filter, "Filter by verdict")
    _describe(card, "Selected highlight",
              "The open card: note, verdict, sources, links and tags. Esc leaves it.")
    _describe(card.quote, "Highlighted passage")
    _describe(card.delete_button, "Delete highlight", "Deletes the selected highlight.")
    _describe(find.prev_button, "Previous match", "Go to the previous match (Shift+Enter)")
    _describe(find.next_button, "Next match", "Go to the next match (Enter)")
    _describe(find.close_button, "Close the find bar", "Close the find bar (Esc)")
    _describe(find.edit, "Find text", "Words to find in the document.")
    for editor in window.window().findChildren(MarkdownEditor):
        name = editor.editor.accessibleName() or "Note"
        _describe(editor.stack, f"{name}: write or preview")
    for tabs in window.window().findChildren(QTabWidget):
        _describe(tabs, "Sections")
