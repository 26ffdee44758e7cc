"""A conflict git's merge driver recorded, decided in the window (issue #19): two branches
change one note, ``git merge`` runs with the driver, the study opens, *theirs* is taken
in the Merge Study… dialog as one undo step, and the saved study keeps no conflict."""

from __future__ import annotations

import shutil
import sys

import pytest

from desktop.domain.merge import THEIRS
from desktop.storage.studyfile import load_study
from tests.storage.test_git_merge import base_study, edit, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def test_git_driver_conflict_taken_as_theirs_in_the_window(qtbot, window, seed_copy,
                                                           tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / ".gitattributes").write_text("*.crosslight merge=crosslight\n")
    git(repo, "config", "merge.crosslight.driver",
        f"'{sys.executable}' -m desktop merge-driver %O %A %B")
    study = repo / "study.crosslight"
    shared = base_study(study)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "anna")
    edit(study, "pretended to fight ISIS", shared, "Anna's note")
    git(repo, "commit", "-qam", "anna")
    git(repo, "checkout", "-q", "main")
    edit(study, "militia's ties to Iran", shared, "My note")
    git(repo, "commit", "-qam", "mine")
    merged = git(repo, "merge", "anna", check=False)
    assert merged.returncode != 0  # git reports the study as conflicted

    win = window(seed_copy)
    assert win.files.open(study)  # File › Open, as a user would
    assert "1 merge conflict recorded" in win.statusBar().currentMessage()
    note = lambda: win.session.study.highlights[shared].note  # noqa: E731
    assert note() == "My note"
    win.prompts.script("resolve_conflicts", {("highlight", shared): THEIRS})
    win.menu_actions.merge_conflicts.trigger()
    name, (conflicts, _) = win.prompts.dialog_calls[-1]
    assert name == "resolve_conflicts" and [c.id for c in conflicts] == [shared]
    assert note() == "Anna's note" and win.session.study.conflicts == []
    win.session.undo_stack.undo()
    assert note() == "My note" and len(win.session.study.conflicts) == 1
    win.session.undo_stack.redo()
    assert win.files.save()
    qtbot.waitUntil(lambda: not win.files.writer.busy, timeout=10000)
    reopened = load_study(study).study
    assert reopened.highlights[shared].note == "Anna's note"
    assert reopened.conflicts == []
    # git hears it is resolved the usual way, and the branch merges nothing more.
    git(repo, "add", "study.crosslight")
    git(repo, "commit", "-qm", "merged")
    again = git(repo, "merge", "anna", check=False)
    assert again.returncode == 0 and "up to date" in again.stdout.lower()
