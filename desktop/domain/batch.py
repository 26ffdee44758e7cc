"""Many commands as one: an import is one undo step and one refresh of the views.

A Qt undo macro would also make one undo step, but every inner command would
broadcast its own change set; a thousand imported highlights would redraw a thousand
times. A Batch applies them all and reports the union of what they touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.changes import ChangeSet
from desktop.domain.commands import Command
from desktop.domain.model import Study


def merge_changes(changes: list[ChangeSet]) -> ChangeSet:
    merged = ChangeSet()
    any_field = False  # a change with no field hint may have touched any attribute
    for c in changes:
        if c.highlights_changed:
            any_field |= not c.highlight_fields
            merged.highlight_fields |= c.highlight_fields
        merged.highlights_added |= c.highlights_added
        merged.highlights_removed |= c.highlights_removed
        merged.highlights_changed |= c.highlights_changed
        merged.references_changed |= c.references_changed
        merged.study_changed |= c.study_changed
        merged.documents_changed |= c.documents_changed
        merged.links_changed |= c.links_changed
        merged.source_changed |= c.source_changed
    if any_field:
        merged.highlight_fields = set()
    # Something added and removed within one batch is neither, as far as views care.
    both = merged.highlights_added & merged.highlights_removed
    merged.highlights_added -= both
    merged.highlights_removed -= both
    return merged


@dataclass
class Batch(Command):
    """Apply ``commands`` in order, revert them in reverse; all or nothing."""

    commands: list[Command]
    label: str = "Edit"
    _applied: int = field(default=0, repr=False)

    def apply(self, study: Study) -> ChangeSet:
        changes = []
        try:
            for command in self.commands:
                changes.append(command.apply(study))
                self._applied += 1
        except Exception:
            for command in reversed(self.commands[: self._applied]):
                command.revert(study)
            self._applied = 0
            raise
        self._applied = 0
        return merge_changes(changes)

    def revert(self, study: Study) -> ChangeSet:
        return merge_changes([c.revert(study) for c in reversed(self.commands)])
