"""A worked example on the sample article, for screenshots and first looks.

``python -m desktop.ui.demo --screenshot docs/screenshots/main.png`` opens the seed
article, highlights a few claims with notes, and saves a picture of the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop.cli import SAMPLE_DOCUMENT
from desktop.domain.sample_study import PASSAGES, STUDY_NOTE, sample_commands
from desktop.storage.opening import open_path
from desktop.ui.app import make_app, window_for
from desktop.ui.main_window import MainWindow

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and quit")
    parser.add_argument("--preview", action="store_true", help="show the note's preview tab")
    parser.add_argument("--evidence", action="store_true", help="show the evidence tab")
    parser.add_argument("--tab", choices=["references", "source", "study"],
                        help="show this tab of the notes pane")
    parser.add_argument("--document", type=Path,
                        help="open this document (PDF, web page, Markdown…) unannotated")
    args = parser.parse_args(argv)
    app = make_app()
    window = window_for(open_path(args.document or SAMPLE_DOCUMENT))
    window.resize(1280, 800)
    window.show()
    if args.document is None:
        QTimer.singleShot(200, lambda: annotate(window))
    if args.preview:
        QTimer.singleShot(400, window.notes.detail.note.show_preview)
    if args.tab:
        QTimer.singleShot(400, lambda: window.notes.tabs.setCurrentIndex(
            {"references": 1, "source": 2, "study": 3}[args.tab]))
    if args.evidence:
        QTimer.singleShot(400, lambda: window.notes.detail.tabs.setCurrentIndex(1))
    if args.screenshot:
        def shoot() -> None:
            window.grab().save(str(args.screenshot))
            os._exit(0)  # skip the unsaved-changes question: this is a throwaway study

        QTimer.singleShot(1500, shoot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
