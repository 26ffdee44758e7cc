"""The conflict dialog of the README's "Working as a team", made again on demand.

The sample study goes to two people: Anna and Ben each change the troops claim's note,
each give the billions claim a verdict, and Anna deletes a passage Ben annotated. Merging
Ben's copy into Anna's lists those three conflicts::

    python -m desktop.devtools.merge_demo --screenshot docs/screenshots/merge-conflicts.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import orjson

from desktop.domain.commands import DeleteHighlight, SetHighlightNote
from desktop.domain.crosscheck import Verdict
from desktop.domain.crosscheck_commands import SetVerdict
from desktop.domain.identity import Person
from desktop.domain.merge import MergeResult, merge_studies
from desktop.domain.model import Study
from desktop.domain.sample_study import PASSAGES, build_sample_study
from desktop.domain.stamping import Stamped
from desktop.storage.saving import encode_study
from desktop.storage.studyfile import study_from_json

ANNA, BEN = Person("Anna Rahimi"), Person("Ben Lee")
TROOPS, BILLIONS = PASSAGES[0][0], "spends billions of dollars every year on its proxies"
TIES = "militia's ties to Iran are so deep"
THEIR_NAME = "iraq-militia-threat (Ben).crosslight"


def _copy(study: Study) -> Study:
    """As a file carries it: saved, revision stamps and all, and read back."""
    return study_from_json(orjson.loads(encode_study(study)), "copy").study


def _id(study: Study, quote: str) -> str:
    return next(h.id for h in study.highlights.values() if h.quote.exact == quote)


def conflicting_merge() -> MergeResult:
    """Ben's copy merged into Anna's: three conflicts, everything else merged."""
    from desktop.cli import SAMPLE_DOCUMENT
    from desktop.storage.documents import load_document

    base = _copy(build_sample_study(load_document(SAMPLE_DOCUMENT)))
    anna, ben = _copy(base), _copy(base)
    troops, billions, ties = (_id(base, q) for q in (TROOPS, BILLIONS, TIES))
    for study, person, edits in (
        (anna, ANNA, [
            SetHighlightNote(troops, "**Check the number.** The Pentagon's count for March "
                             "2017 was about 5,200 (briefing of 8 March)."),
            SetVerdict(billions, Verdict.FALSE, "No budget figure supports “billions”."),
            DeleteHighlight(ties)]),
        (ben, BEN, [
            SetHighlightNote(troops, "**Check the number.** Reuters (March 2017) reports "
                             "about 5,000; no source gives 9,000."),
            SetVerdict(billions, Verdict.DISPUTED,
                       "Estimates range from $700m to $16bn a year across sources."),
            SetHighlightNote(ties, "Quoted from a 2016 profile of the militia.")]),
    ):
        for command in edits:
            Stamped(command, person).apply(study)
    return merge_studies(_copy(anna), _copy(ben))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the dialog and quit")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from desktop.ui.dialogs.merge_dialog import ConflictDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    result = conflicting_merge()
    dialog = ConflictDialog(result.conflicts, THEIR_NAME)
    dialog.show()
    if args.screenshot is None:
        return app.exec()
    app.processEvents()
    dialog.grab().save(str(args.screenshot))
    print(f"saved {args.screenshot}: {len(result.conflicts)} conflicts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
