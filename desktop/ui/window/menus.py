"""The menu bar, the toolbar, and the context menus of the reader and of a PDF's pages.

Built from the actions declared in ``actions`` and rebuilt for each study (its
categories are actions of their own). The window passes what the menus are made of
(``MenuParts``) and the few calls a context menu makes on a highlight (``HighlightHooks``);
nothing here decides what a command does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from desktop.domain.blind import seen
from desktop.domain.crosscheck import Verdict
from desktop.domain.model import Study
from desktop.ui.core.viewer import current_viewer
from desktop.ui.window.actions import Actions

if TYPE_CHECKING:
    from desktop.ui.controllers.context import AppearanceActions
    from desktop.ui.pdfview.page import PageView
    from desktop.ui.reader.view import ReaderView


@dataclass(slots=True)
class MenuParts:
    """What the menus are made of: every action, the study's category actions, the
    verdicts, and the submenus the window keeps (Open Recent, Highlight)."""

    actions: Actions
    look: AppearanceActions  # window.actions.LookActions
    categories: dict[str, QAction]
    verdicts: dict[Verdict, QAction]
    recent: QMenu
    highlight: QMenu


@dataclass(slots=True)
class HighlightHooks:
    """The calls a context menu makes: select the highlight under the pointer, change
    its category, offer re-attaching an orphan, and (per category) whether it takes a
    verdict."""

    study: Callable[[], Study]
    select: Callable[[str], None]
    set_category: Callable[[str, str], None]
    set_checkable: Callable[[str, bool], None]
    add_reattach_item: Callable[[QMenu], object]


def build_menus(bar: QMenuBar, toolbar: QToolBar, parts: MenuParts,
                hooks: HighlightHooks) -> None:
    a, look = parts.actions, parts.look
    bar.clear()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a.new_study, a.new_empty_study])
    file_menu.addAction(a.open)
    file_menu.addAction(a.open_address)
    file_menu.addMenu(parts.recent)
    file_menu.addAction(a.reopen_encoding)
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.add_document, a.remove_document])
    file_menu.addSeparator()
    export = file_menu.addMenu("&Export")
    export.addActions([a.export_markdown, a.export_html])
    export.addSeparator()
    export.addActions([a.export_w3c, a.export_claimreview, a.export_csv])
    export.addSeparator()
    export.addAction(a.publish_address)
    imports = file_menu.addMenu("&Import")
    imports.addActions([a.import_w3c, a.import_references])
    file_menu.addActions([a.merge_study, a.merge_conflicts])
    file_menu.addSeparator()
    file_menu.addActions([a.close, a.quit])
    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.copy, a.select_all])
    edit.addSeparator()
    edit.addActions([a.find, a.find_next, a.find_previous, a.search_study])
    highlight = parts.highlight
    highlight.clear()
    highlight.addActions(list(parts.categories.values()))
    highlight.addSeparator()
    highlight.addActions([a.edit_note, a.edit_tags, a.delete_highlight])
    highlight.addSeparator()
    highlight.addAction(a.reattach_highlight)
    bar.addMenu(highlight)
    document_menu = bar.addMenu("&Document")
    document_menu.addActions([a.next_document, a.previous_document])
    document_menu.addSeparator()
    document_menu.addActions([a.update_document, a.previous_versions])
    document_menu.addSeparator()
    document_menu.addActions([a.check_new_version, a.archive_document])
    document_menu.addSeparator()
    document_menu.addActions([a.document_info, a.show_source, a.markdown_source])
    check = bar.addMenu("&Check")
    verdicts = check.addMenu("&Verdict")
    verdicts.addActions(list(parts.verdicts.values()))
    check.addAction(a.rule_verdict)
    takes = check.addMenu("&Categories That Take a Verdict")
    takes.setObjectName("checkableCategoriesMenu")
    takes.aboutToShow.connect(lambda: fill_checkable_menu(takes, hooks))
    fill_checkable_menu(takes, hooks)
    check.addActions([a.attach_reference, a.paste_source, a.link_passage])
    check.addSeparator()
    check.addActions([a.add_reference, a.show_references])
    view = bar.addMenu("&View")
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
    view.addActions([a.fit_width, a.fit_page, a.pdf_text])
    edit.addSeparator()
    edit.addAction(look.preferences)
    view.addSeparator()
    themes = view.addMenu("&Theme")
    themes.addActions(list(look.themes.values()))
    view.addSeparator()
    view.addActions([look.show_minimap, look.minimap_by_verdict])
    view.addSeparator()
    view.addActions([a.toggle_notes, a.toggle_search])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a.shortcuts, a.open_sample])
    help_menu.addSeparator()
    help_menu.addAction(a.about)

    toolbar.clear()
    toolbar.addActions([a.open, a.save])
    toolbar.addSeparator()
    toolbar.addActions(list(parts.categories.values()))


def fill_checkable_menu(menu: QMenu, hooks: HighlightHooks) -> None:
    """One checkable item per category of this study: does it take a verdict?"""
    menu.clear()
    for category in hooks.study().categories:
        action = menu.addAction(category.name)
        action.setCheckable(True)
        action.setChecked(category.checkable)
        action.toggled.connect(lambda on, c=category.id: hooks.set_checkable(c, on))


def show_reader_menu(reader: ReaderView, pos: QPoint, parts: MenuParts,
                     hooks: HighlightHooks) -> None:
    """The reader's context menu: Qt's own, then highlighting, then (on a highlight)
    its category, verdict and the commands on it."""
    a = parts.actions
    menu = reader.createStandardContextMenu(pos)
    menu.addSeparator()
    as_menu = menu.addMenu("Highlight &as")
    as_menu.addActions(list(parts.categories.values()))
    as_menu.setEnabled(reader.selection_range() is not None)
    hooks.add_reattach_item(menu)  # an orphan selected in the list
    hid = reader.key_at(pos)
    if hid is not None:
        study = hooks.study()
        hooks.select(hid)
        menu.addSeparator()
        change = menu.addMenu("Change Cate&gory")
        current = study.highlights[hid].category_id
        for category in study.categories:
            action = change.addAction(category.name)
            action.setCheckable(True)
            action.setChecked(category.id == current)
            action.triggered.connect(
                lambda _=False, c=category.id: hooks.set_category(hid, c)
            )
        verdicts = menu.addMenu("&Verdict")
        current_verdict = seen(study.highlights[hid], current_viewer()).verdict
        for verdict, action in parts.verdicts.items():
            action.setChecked(verdict == current_verdict)
            verdicts.addAction(action)
        menu.addActions([a.attach_reference, a.paste_source, a.link_passage])
        menu.addSeparator()
        menu.addAction(a.edit_note)
        menu.addAction(a.edit_tags)
        menu.addAction(a.delete_highlight)
    menu.exec(reader.viewport().mapToGlobal(pos))
    menu.deleteLater()


def show_page_menu(parent: QWidget, view: PageView, pos: QPoint, parts: MenuParts,
                   hooks: HighlightHooks) -> None:
    """The page view's context menu: copy, highlight the selection, and the
    commands on the highlight under the pointer."""
    a = parts.actions
    menu = QMenu(parent)
    menu.addAction(a.copy)
    as_menu = menu.addMenu("Highlight &as")
    as_menu.addActions(list(parts.categories.values()))
    as_menu.setEnabled(view.selection_range() is not None)
    hid = view.key_at(QPointF(pos))  # viewport coordinates, as for the reader
    if hid is not None:
        hooks.select(hid)
        menu.addSeparator()
        menu.addActions([a.attach_reference, a.link_passage])
        menu.addSeparator()
        menu.addActions([a.edit_note, a.edit_tags, a.delete_highlight])
    menu.exec(view.viewport().mapToGlobal(pos))
    menu.deleteLater()
