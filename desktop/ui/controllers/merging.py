"""File › Merge Study… and the *Merge* answer to "changed on disk": another copy of the
study comes in as one undoable step, conflicts decided in a dialog, and a report of
what came from where."""

from __future__ import annotations

from pathlib import Path

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
        """File › Merge Conflicts…: what ``crosslight merge`` or git's driver kept of
        the other side, to carry over by hand; then marked resolved (one undo step)."""
        from desktop.domain.merge import Conflict
        from desktop.domain.merge_command import ClearConflicts

        recorded = self.session.study.conflicts
        if not recorded:
            self.ctx.status("No merge conflicts are recorded in this study.", 5000)
            return
        conflicts = [Conflict(c.get("kind", ""), c.get("id", ""), c.get("field", ""),
                              c.get("mine", ""), c.get("theirs", ""), ()) for c in recorded]
        if self.prompts.recorded_conflicts(conflicts):
            self.session.execute(ClearConflicts())

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
