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
from desktop.domain.commands import SetHighlightNote, SetStudyNote
from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict
from desktop.domain.crosscheck_commands import (
    AddLink,
    AddReference,
    AttachReference,
    SetDocumentSource,
    SetVerdict,
)
from desktop.domain.model import Citation, Link, Reference, SourceAssessment
from desktop.storage.opening import open_path
from desktop.ui.app import make_app, window_for
from desktop.ui.main_window import MainWindow

PASSAGES = (
    ("the 9,000 troops that are currently stationed in Iraq", "claim",
     "**Check the number.** Official figures in early 2017 were lower; find the "
     "Pentagon's count for March 2017.\n\n- [ ] DoD press briefing\n- [ ] Reuters"),
    ('"We will not allow the Americans to stay one day after the liberation of Mosul,"',
     "quote", "Who said it, and on which channel? The article names neither."),
    ("militia's ties to Iran are so deep", "evidence", ""),
    ("ties to Iran", "claim", "Well documented elsewhere; find an independent source."),
    ("pretended to fight ISIS", "opinion", "Loaded: asserts motive without evidence."),
    ("Everyone in the region knows", "opinion", ""),
    ("spends billions of dollars every year on its proxies", "claim", ""),
)
STUDY_NOTE = (
    "# What to check\n\nThe article comes from an Iranian opposition outlet; weigh its "
    "claims about Tehran's proxies against independent reporting."
)


def annotate(window: MainWindow) -> None:
    session = window.session
    text = session.document.text
    first = None
    for phrase, category, note in PASSAGES:
        at = text.index(phrase)
        window.reader.select_range(window._u16.to_utf16(at),
                                   window._u16.to_utf16(at + len(phrase)))
        hid = window.highlight_selection(category)
        first = first or hid
        if note and hid:
            session.execute(SetHighlightNote(hid, note))
    session.execute(SetStudyNote(STUDY_NOTE))
    cross_check(window)
    if first:
        window.notes.select_highlight(first)
        window.reveal_highlight(first)


def cross_check(window: MainWindow) -> None:
    """Evidence, verdicts, a link and source notes on the sample's first claims."""
    session = window.session
    by_quote = {h.quote.exact: h.id for h in session.study.highlights.values()}
    troops = by_quote[PASSAGES[0][0]]
    briefing = Reference(
        url="https://www.defense.gov/News/Transcripts/",
        title="Department of Defense press briefing",
        author="U.S. Department of Defense",
        published="2017-03-08",
        excerpt="About 5,200 U.S. troops are authorized in Iraq.",
    )
    session.execute(AddReference(briefing))
    session.execute(AttachReference(troops, Citation(briefing.id, Stance.CONTRADICTS,
                                                     "Official cap is about 5,200.")))
    session.execute(SetVerdict(troops, Verdict.DISPUTED,
                               "Official figures were lower; the higher count is unsourced."))
    session.execute(SetVerdict(by_quote["pretended to fight ISIS"], Verdict.OPINION,
                               "A claim about motives."))
    session.execute(AddLink(Link(by_quote["ties to Iran"], by_quote["pretended to fight ISIS"],
                                 Relation.ELABORATES)))
    session.execute(SetDocumentSource(session.document.id, SourceAssessment(
        publisher="NCR-Iran (National Council of Resistance of Iran)",
        stance="Iranian opposition group; campaigns against the Islamic Republic",
        trust=Trust.MIXED,
        notes="Advocacy outlet: check its claims about Tehran against independent reporting.",
    )))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and quit")
    parser.add_argument("--preview", action="store_true", help="show the note's preview tab")
    parser.add_argument("--evidence", action="store_true", help="show the evidence tab")
    parser.add_argument("--tab", choices=["references", "source", "study"],
                        help="show this tab of the notes pane")
    args = parser.parse_args(argv)
    app = make_app()
    window = window_for(open_path(SAMPLE_DOCUMENT))
    window.resize(1280, 800)
    window.show()
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
