"""``crosslight merge`` and ``crosslight merge-driver``: two copies of a study made one,
without a window (no Qt).

    crosslight merge MINE THEIRS [-o OUT]     merged study over MINE, or to OUT
    crosslight merge-driver BASE MINE THEIRS  git's %O %A %B: the result replaces MINE

Conflicts keep *mine* and are written into the study's own ``conflicts`` list (what
differs, both versions as text), so the file stays a study that opens anywhere — never
JSON conflict markers; the app shows them (File › Merge Conflicts…). Exit status: 0 for a clean
merge, 1 when the files cannot be read, written or merged (another study), 3 when
conflicts were recorded (git then reports the file as conflicted).

A git repository uses the driver with two lines (see the README)::

    .gitattributes:  *.crosslight merge=crosslight
    git config merge.crosslight.driver "crosslight merge-driver %O %A %B"
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import NoReturn

from desktop.domain.merge import MergeRefusedError, MergeResult, merge_studies
from desktop.domain.model import Study
from desktop.domain.revisions import Revisable, history, note_history
from desktop.storage.errors import StorageError
from desktop.storage.locks import acquire
from desktop.storage.recorded_conflicts import record_theirs
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study

CONFLICTS = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"crosslight: {message} (see “{self.prog} --help”)\n")


def main(argv: list[str]) -> int:
    command, rest = argv[0], argv[1:]
    if command == "merge-driver":
        parser = _Parser(prog="crosslight merge-driver",
                         description="A git merge driver for study files: merges THEIRS "
                         "into MINE (git's %O %A %B), writing the result over MINE.")
        parser.add_argument("base", type=Path, help="the common ancestor (%%O)")
        parser.add_argument("mine", type=Path, help="our version, replaced by the result (%%A)")
        parser.add_argument("theirs", type=Path, help="their version (%%B)")
        args = parser.parse_args(rest)
        return run(args.mine, args.theirs, args.mine, base=args.base, quiet=True)
    parser = _Parser(prog="crosslight merge",
                     description="Merge another copy of the same study into yours: "
                     "changes made on one side are combined; conflicts keep yours and are "
                     "listed in the study for the app to resolve.")
    parser.add_argument("mine", type=Path, help="your study file")
    parser.add_argument("theirs", type=Path, help="the other copy")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="write the merged study here instead of over MINE")
    args = parser.parse_args(rest)
    return run(args.mine, args.theirs, args.output or args.mine)


def run(mine: Path, theirs: Path, output: Path, base: Path | None = None,
        quiet: bool = False) -> int:
    try:
        ours = load_study(mine).study
        other = load_study(theirs).study
        if base is not None and _readable(base):
            ancestor = load_study(base).study
            seed_base(ours, ancestor)
            seed_base(other, ancestor)
        result = merge_studies(ours, other)
        record_theirs(result, other)  # to decide later, in the app
        if not result.nothing_new or output != mine:
            if quiet:  # git's driver writes its own temporary file: nothing to lock
                save_study(result.study, output, keep=0)
            else:
                _save_locked(result.study, output)
    except (StorageError, MergeRefusedError) as err:
        return _fail(str(err))
    _say(result, output, quiet)
    return CONFLICTS if result.conflicts else 0


def _save_locked(study: Study, path: Path) -> None:
    """As the app saves: under the study's lock (a window that has it open is not
    overwritten), with a backup of the version replaced."""
    lock = acquire(path, secrets.token_hex(8)) if path.exists() else None
    try:
        save_study(study, path)
    finally:
        if lock is not None:
            lock.release()


def _readable(path: Path) -> bool:
    """git passes an empty file as the base when both sides added the file."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def seed_base(study: Study, base: Study) -> None:
    """Teach a copy the common ancestor git knows: each object's revision in the base
    joins its history, and objects of the base it lacks were deleted in it. Files
    written before revision stamps then merge as well as newer ones."""
    if study.id != base.id:
        return
    for kind in ("highlights", "references", "links", "documents"):
        mine, theirs = getattr(study, kind), getattr(base, kind)
        for oid, obj in theirs.items():
            _seed(study, oid, obj, mine.get(oid))
    citations = {c.id: c for h in study.highlights.values() for c in h.citations}
    for h in base.highlights.values():
        for c in h.citations:
            if h.id in study.highlights:  # a deleted highlight took its citations along
                _seed(study, c.id, c, citations.get(c.id))
    base_note = note_history(base)
    study.note_revs = _before(base_note, note_history(study))


def _seed(study: Study, oid: str, base_obj: Revisable, obj: Revisable | None) -> None:
    base_revs = history(base_obj)
    if obj is None:
        if oid not in study.deleted:
            study.deleted[oid] = base_revs
        return
    obj.revs = _before(base_revs, history(obj))


def _before(base: list[str], own: list[str]) -> list[str]:
    seen = set(own)
    return [r for r in base if r not in seen] + own


def _say(result: MergeResult, output: Path, quiet: bool) -> None:
    stream = sys.stderr if quiet else sys.stdout
    if result.conflicts:
        print(f"crosslight: {len(result.conflicts)} conflict(s) in {output.name}; kept yours "
              "and listed them in the study (open it in Crosslight to decide):", file=stream)
        for c in result.conflicts:
            print(f"  {c.kind} {c.id}: {c.field}", file=stream)
    if not quiet:
        print("\n".join(result.report()), file=stream)
    stream.flush()


def _fail(message: str) -> int:
    print(f"crosslight: {' '.join(message.split())}", file=sys.stderr)
    return 1
