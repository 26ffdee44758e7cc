"""A worked example on the sample article, for screenshots and first looks.

``python -m desktop.devtools.demo --screenshot docs/screenshots/main.png`` opens the seed
article, highlights a few claims with notes, and saves a picture of the window.
``--theme dark`` shows it in a theme (not saved in the settings); ``--document PATH
--highlight claim=PHRASE …`` shows another text with the given highlights instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QWidget

from desktop.cli import SAMPLE_DOCUMENT
from desktop.domain.crosscheck import Verdict
from desktop.domain.sample_study import PASSAGES, STUDY_NOTE, sample_commands
from desktop.storage.opening import open_path
from desktop.ui.app import make_app, window_for
from desktop.ui.window.main_window import MainWindow

__all__ = ["PASSAGES", "STUDY_NOTE", "annotate", "main"]


def annotate(window: MainWindow) -> None:
    """Apply the sample study's edits one by one, as a reader would, then show the first."""
    session = window.session
    for command in sample_commands(session.study):
        session.execute(command)
    ordered = session.study.highlights_in_order(session.document.id)
    first = next((h.id for h in ordered if h.quote.exact == PASSAGES[0][0]), None)
    if first:
        window.notes.select_highlight(first)
        window.reveal_highlight(first)


def _search(window: MainWindow, query: str) -> None:
    window.menu_actions.search_study.trigger()
    panel = window.tag_ops.panel
    assert panel is not None
    panel.query.setText(query)
    panel.run()


def _filter_tag(window: MainWindow, tag: str) -> None:
    window.notes.tag_filter.choose(tag)
    window.notes.tag_filter.activated.emit(window.notes.tag_filter.currentIndex())


def highlight_phrases(window: MainWindow, specs: list[str]) -> None:
    """Highlight each "category[:verdict]=phrase" (first occurrence) as a reader would."""
    text = window.session.document.text
    for spec in specs:
        head, _, phrase = spec.partition("=")
        category, _, verdict = head.partition(":")
        at = text.find(phrase)
        if at < 0 or not phrase:
            print(f"not in the text: {phrase!r}", file=sys.stderr)
            continue
        view = window.pdf.view
        if window.pdf.showing and view is not None:  # a PDF as its pages: select there
            view.select_range(at, at + len(phrase))
        else:
            window.presenter.select(at, at + len(phrase))
        if window.highlights.highlight_selection(category) and verdict:
            window.highlights.set_verdict(Verdict(verdict))


def show_recent(window: MainWindow) -> None:
    """Pop up File, then its Open Recent submenu, as a user would."""
    bar = window.menuBar()
    file_action = bar.actions()[0]
    bar.setActiveAction(file_action)
    file_menu = file_action.menu()
    assert isinstance(file_menu, QMenu)
    QTimer.singleShot(200, lambda: file_menu.setActiveAction(window.recent_menu.menuAction()))
    QTimer.singleShot(300, lambda: window.recent_menu.popup(
        file_menu.mapToGlobal(file_menu.actionGeometry(window.recent_menu.menuAction())
                              .topRight())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and quit")
    parser.add_argument("--preview", action="store_true", help="show the open card's note rendered")
    parser.add_argument("--evidence", action="store_true", help="focus the open card's sources")
    parser.add_argument("--tab", choices=["references", "source", "study"],
                        help="show this tab of the notes pane")
    parser.add_argument("--documents", action="store_true",
                        help="add a second document, linked to the first")
    parser.add_argument("--update-report", action="store_true",
                        help="update the article from a corrected version; shoot the report")
    parser.add_argument("--search", metavar="QUERY",
                        help="open Search Study with this query")
    parser.add_argument("--tag", metavar="TAG", help="filter the highlight list by this tag")
    parser.add_argument("--document-info", action="store_true",
                        help="update the article once, then shoot its Document Info dialog")
    parser.add_argument("--reattach-menu", action="store_true",
                        help="orphan a highlight by an update and shoot the reader's context "
                        "menu offering to re-attach it (the whole screen)")
    parser.add_argument("--theme", choices=["system", "light", "dark", "sepia"])
    parser.add_argument("--document", type=Path,
                        help="open this document (PDF, web page, Markdown…) instead of the sample")
    parser.add_argument("--highlight", action="append", default=[], metavar="CATEGORY=PHRASE",
                        help="with --document: highlight PHRASE as CATEGORY, optionally "
                        "CATEGORY:VERDICT=PHRASE (repeatable)")
    parser.add_argument("--find", help="find this word in the document")
    parser.add_argument("--shortcuts", action="store_true",
                        help="open Help › Keyboard Shortcuts (the screenshot is of the screen)")
    parser.add_argument("--size", default="1280x800",
                        help="the window's size, WIDTHxHEIGHT (the reader keeps its measure)")
    parser.add_argument("--recent", action="store_true",
                        help="open File › Open Recent (the screenshot is of the screen)")
    args = parser.parse_args(argv)
    app = make_app()
    if args.theme:
        from desktop.ui.reader.themes import theme_manager

        theme_manager().apply(args.theme)
    window = window_for(open_path(args.document or SAMPLE_DOCUMENT))
    width, _, height = args.size.partition("x")
    window.resize(int(width), int(height))
    window.show()
    if args.document:
        QTimer.singleShot(200, lambda: highlight_phrases(window, args.highlight))
    else:
        QTimer.singleShot(200, lambda: annotate(window))
    if args.find:
        def find() -> None:
            window.find_bar.open_bar()
            window.find_bar.edit.setText(args.find)

        QTimer.singleShot(500, find)
    if args.preview:
        QTimer.singleShot(400, window.notes.card.note.show_preview)
    if args.tab:
        QTimer.singleShot(400, lambda: window.notes.tabs.setCurrentIndex(
            {"references": 1, "source": 2, "study": 3}[args.tab]))
    shot: QWidget | None = window  # what the screenshot shows (None: the whole screen)
    if args.documents:
        from desktop.devtools.demo_documents import add_second_document

        QTimer.singleShot(300, lambda: add_second_document(window))
    if args.update_report:
        from desktop.devtools.demo_documents import update_report_dialog

        def report() -> None:
            nonlocal shot
            shot = update_report_dialog(window)
            shot.show()

        QTimer.singleShot(300, report)
    if args.document_info:
        from desktop.devtools.demo_documents import document_info_dialog

        def info() -> None:
            nonlocal shot
            shot = document_info_dialog(window)
            shot.show()

        QTimer.singleShot(300, info)
    if args.reattach_menu:
        from desktop.devtools.demo_documents import reattach_menu

        shot = None  # the menu is a window of its own: shoot the screen
        QTimer.singleShot(300, lambda: reattach_menu(window))
    if args.evidence:  # the open card shows its sources: scroll them into view
        QTimer.singleShot(400, lambda: window.notes.card.evidence.list.setFocus())
    if args.search:
        QTimer.singleShot(500, lambda: _search(window, args.search))
    if args.tag:
        QTimer.singleShot(500, lambda: _filter_tag(window, args.tag))
    if args.shortcuts:
        QTimer.singleShot(400, window.help.show_shortcuts)
    if args.recent:
        QTimer.singleShot(400, lambda: show_recent(window))
    if args.screenshot:
        def shoot() -> None:
            if shot is None or args.shortcuts or args.recent:  # other top-level windows
                window.screen().grabWindow(0).save(str(args.screenshot))
            else:
                shot.grab().save(str(args.screenshot))
            os._exit(0)  # skip the unsaved-changes question: this is a throwaway study

        QTimer.singleShot(1500, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
