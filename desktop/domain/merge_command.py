"""The merge as one undoable step: the study becomes what ``merge.merge_studies`` made."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.model import Study

_ADOPTED = ("documents", "highlights", "categories", "references", "links", "note", "title",
            "publish_url", "deleted", "note_revs", "conflicts", "note_stamps")


@dataclass
class AdoptMerge(Command):
    """Make a study what a merge produced: one undo step. Objects keep the stamps they
    came with (who made or changed them on either side), so the merge stamps nothing."""

    merged: Study
    label: str = "Merge study"
    stamps = False
    _old: dict[str, Any] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        before = set(study.highlights)
        self._old = {name: getattr(study, name) for name in _ADOPTED}
        for name in _ADOPTED:
            setattr(study, name, getattr(self.merged, name))
        return _swap_changes(before, study)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        before = set(study.highlights)
        for name, value in self._old.items():
            setattr(study, name, value)
        return _swap_changes(before, study)


def _swap_changes(before: set[str], study: Study) -> ChangeSet:
    after = set(study.highlights)
    return ChangeSet(
        highlights_added=after - before, highlights_removed=before - after,
        highlights_changed=after & before, study_changed=True, documents_changed=True,
        references_changed=set(study.references), links_changed=True, source_changed=True)


@dataclass
class ClearConflicts(Command):
    """The conflicts a merge left in the file (``crosslight merge``, git's driver) are
    dealt with: the list empties, as one undo step."""

    label: str = "Mark merge conflicts resolved"
    stamps = False
    _old: list[dict[str, str]] | None = field(default=None, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        self._old, study.conflicts = study.conflicts, []
        return ChangeSet(study_changed=True)

    def revert(self, study: Study) -> ChangeSet:
        assert self._old is not None
        study.conflicts = self._old
        return ChangeSet(study_changed=True)
