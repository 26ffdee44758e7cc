"""Deciding later what a merge without a window left undecided (``crosslight merge``,
git's driver): the same merge, run again between this study and their version of the
conflicted objects (``storage.recorded_conflicts.their_copy``).

The first merge kept mine and marked their version as seen (their revision joined
mine's history, a deletion it overruled a *kept over* mark), so merging their version
again would change nothing. ``reopened`` takes those marks back out of a copy of this
study, for the recorded conflicts only: the merge then meets each one as it first did
and asks *mine / theirs / both* through the same dialog as Merge Study…
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.merge import _kept_over, clone
from desktop.domain.model import Study
from desktop.domain.revisions import Revisable, history, note_history


def reopened(study: Study, theirs: Study, keys: Iterable[tuple[str, str]]) -> Study:
    """A copy of ``study`` in which the conflicts ``keys`` are undecided again."""
    out = clone(study)
    for kind, oid in keys:
        if kind == "study note":
            head = note_history(theirs)[-1]
            if note_history(out)[-1] != head:
                out.note_revs = [r for r in note_history(out) if r != head]
            continue
        mine, their = _find(out, kind, oid), _find(theirs, kind, oid)
        if mine is not None and their is not None:
            _forget(mine, {history(their)[-1]} - {history(mine)[-1]})
        elif mine is not None and oid in theirs.deleted:  # deleted there, kept here
            _forget(mine, {_kept_over(theirs.deleted[oid])})
        elif their is not None and oid in out.deleted:  # deleted here, changed there
            _undelete(out, oid, their)
            if kind == "highlight":  # their links to it went with it: back as it comes
                for lid, link in theirs.links.items():
                    if oid in (link.source_id, link.target_id) and lid in out.deleted:
                        _undelete(out, lid, link)
    return out


def _undelete(out: Study, oid: str, their: Revisable) -> None:
    """Take their head back out of the tombstone, so the merge meets their version."""
    head = history(their)[-1]
    left = [r for r in out.deleted[oid] if r != head]
    if left:
        out.deleted[oid] = left
    else:  # it never existed here but as theirs (a link new there): no tombstone at all
        del out.deleted[oid]


def _forget(obj: Revisable, revs: set[str]) -> None:
    obj.revs = [r for r in history(obj) if r not in revs]


def _find(study: Study, kind: str, oid: str) -> Revisable | None:
    if kind == "highlight":
        return study.highlights.get(oid)
    if kind == "reference":
        return study.references.get(oid)
    if kind == "link":
        return study.links.get(oid)
    if kind == "document":
        return study.documents.get(oid)
    if kind == "citation":
        return next((c for h in study.highlights.values() for c in h.citations if c.id == oid),
                    None)
    return None
