"""File › Merge Study… and the *Merge* answer to "changed on disk": another copy of the
study comes in as one undoable step, conflicts decided in a dialog, and a report of
what came from where."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.plural import plural
from desktop.storage.errors import StorageError
from desktop.storage.studyfile import LoadedStudy, load_study
from desktop.ui.controllers.base import Controller
from desktop.ui.dialogs.prompts import STUDY_FILTER


class MergeController(Controller):
    def merge_dialog(self) -> None:
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        path = self.prompts.import_path("Merge Study", start, STUDY_FILTER)
        if path is not None:
            self.merge_file(path)

    def show_recorded(self) -> None:
        """File › Merge Conflicts…: the conflicts ``crosslight merge`` or git's driver
        left, decided *mine / theirs / both* in the Merge Study… dialog (one undo step);
        any recorded without their version (older files) are shown to carry over by
        hand, then marked resolved."""
        from desktop.domain.merge import Conflict
        from desktop.domain.merge_command import ClearConflicts
        from desktop.storage.recorded_conflicts import decidable

        if not self.session.study.conflicts:
            self.ctx.status("No merge conflicts are recorded in this study.", 5000)
            return
        if decidable(self.session.study) and not self._decide_recorded():
            return
        recorded = self.session.study.conflicts
        if not recorded:
            return
        conflicts = [Conflict(c.get("kind", ""), c.get("id", ""), c.get("field", ""),
                              c.get("mine", ""), c.get("theirs", ""), ()) for c in recorded]
        if self.prompts.recorded_conflicts(conflicts):
            self.session.execute(ClearConflicts())

    def _decide_recorded(self) -> bool:
        """The recorded conflicts that carry their version, decided as in Merge Study…;
        False when cancelled or unreadable (nothing changes)."""
        from desktop.domain.merge import MINE, merge_studies
        from desktop.domain.merge_command import AdoptMerge
        from desktop.domain.merge_replay import reopened
        from desktop.storage.recorded_conflicts import decidable, their_copy

        study = self.session.study
        keys = {(c.get("kind", ""), c.get("id", "")) for c in decidable(study)}
        try:
            theirs = their_copy(study)
        except StorageError as err:
            self.prompts.error("Could not read the merge conflicts",
                               f"{err}\n\nYour study is unchanged.")
            return False
        mine = reopened(study, theirs, keys)
        result = merge_studies(mine, theirs)
        if result.conflicts:
            choices = self.prompts.resolve_conflicts(result.conflicts, "their version")
            if choices is None:
                return False
            result = merge_studies(mine, theirs, lambda c: choices.get(c.key, MINE))
        result.study.conflicts = [  # decided now (or settled since): no longer recorded
            c for c in study.conflicts if (c.get("kind", ""), c.get("id", "")) not in keys]
        self.session.execute(AdoptMerge(result.study, label="Resolve merge conflicts"))
        self.ctx.status(f"Resolved {plural(len(keys), 'recorded merge conflict')} (Undo "
                        "takes it back).", 8000)
        return True

    def merge_file(self, path: Path) -> LoadedStudy | None:
        """Merge the study at ``path`` into this one; what was read (None if the merge
        did not happen: unreadable, another study, or cancelled)."""
        from desktop.domain.merge import MINE, MergeRefusedError, merge_studies
        from desktop.domain.merge_command import AdoptMerge

        try:
            loaded = load_study(path)
            result = merge_studies(self.session.study, loaded.study)
        except (StorageError, MergeRefusedError) as err:
            self.prompts.error("Could not merge", f"{err}\n\nYour study is unchanged.")
            return None
        if result.conflicts:
            choices = self.prompts.resolve_conflicts(result.conflicts, Path(path).name)
            if choices is None:
                return None
            decided = set(choices)
            result = merge_studies(self.session.study, loaded.study,
                                   lambda c: choices.get(c.key, MINE))
            result.study.conflicts = [  # decided now: not left in the file for later
                c for c in result.study.conflicts
                if (c.get("kind", ""), c.get("id", "")) not in decided]
        if result.nothing_new:
            self.ctx.status(f"Nothing new in {Path(path).name}: this study has it all.", 8000)
            return loaded
        self.session.execute(AdoptMerge(result.study))
        self.prompts.info("Study merged",
                          f"Merged “{Path(path).name}” into this study (Undo takes it "
                          "back):\n\n" + "\n".join(result.report()))
        return loaded
