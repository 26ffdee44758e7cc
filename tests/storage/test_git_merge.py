"""Studies in git: ``crosslight merge-driver %O %A %B`` merges two branches' edits, and
``crosslight merge`` two copies; the file stays sorted and line-diffable.

A real repository: a study is committed, edited on two branches (different highlights,
one note on both), and ``git merge`` runs with the driver configured the README's way.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from desktop.cli import main as cli_main
from desktop.domain.factory import make_highlight
from desktop.storage.opening import open_path
from desktop.storage.saving import encode_study, save_study
from desktop.storage.studyfile import load_study

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "iraq-militia-threat.txt"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def base_study(path: Path) -> str:
    """A study with one highlight (its id returned), saved at ``path``."""
    study = open_path(SEED).study
    doc = study.main_document
    phrase = "Harakat al-Nujaba"
    start = doc.text.index(phrase)
    h = make_highlight(doc, start, start + len(phrase), "claim")
    h.note = "base note"
    study.highlights[h.id] = h
    save_study(study, path)
    return h.id


def edit(path: Path, phrase: str, note_of: str | None = None, note: str = "") -> str:
    """Add a highlight on ``phrase`` (and change one note); return the new id."""
    study = load_study(path).study
    doc = study.main_document
    start = doc.text.index(phrase)
    h = make_highlight(doc, start, start + len(phrase), "evidence")
    study.highlights[h.id] = h
    if note_of is not None:
        study.highlights[note_of].note = note
    save_study(study, path)
    return h.id


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PYTHONPATH": str(REPO), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check,
                          capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    # The README's two lines: the attribute, and the driver (here run by this Python).
    (root / ".gitattributes").write_text("*.crosslight merge=crosslight\n")
    git(root, "config", "merge.crosslight.name", "Crosslight study merge")
    git(root, "config", "merge.crosslight.driver",
        f"'{sys.executable}' -m desktop merge-driver %O %A %B")
    return root


def test_git_merge_of_two_branches_with_the_driver(repo):
    study = repo / "study.crosslight"
    shared = base_study(study)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "anna")
    anna = edit(study, "pretended to fight ISIS", shared, "Anna's note")
    git(repo, "commit", "-qam", "anna")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "ben")
    ben = edit(study, "militia's ties to Iran", shared, "Ben's note")
    git(repo, "commit", "-qam", "ben")
    merged = git(repo, "merge", "anna", check=False)
    assert merged.returncode != 0  # the note changed on both branches: a conflict
    assert "conflict" in (merged.stdout + merged.stderr).lower()
    raw = study.read_bytes()
    assert b"<<<<<<<" not in raw and b">>>>>>>" not in raw
    result = load_study(study).study  # still a study that opens
    assert {anna, ben, shared} <= set(result.highlights)
    assert result.highlights[shared].note == "Ben's note"  # ours (the branch merged into)
    (conflict,) = result.conflicts
    assert conflict["id"] == shared and "Anna's note" in conflict["theirs"]


def test_git_merge_without_conflicts_is_clean(repo):
    study = repo / "study.crosslight"
    base_study(study)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "anna")
    anna = edit(study, "pretended to fight ISIS")
    git(repo, "commit", "-qam", "anna")
    git(repo, "checkout", "-q", "main")
    ben = edit(study, "militia's ties to Iran")
    git(repo, "commit", "-qam", "ben")
    merged = git(repo, "merge", "-q", "--no-edit", "anna", check=False)
    assert merged.returncode == 0, merged.stderr
    result = load_study(study).study
    assert {anna, ben} <= set(result.highlights) and result.conflicts == []
    assert git(repo, "status", "--porcelain").stdout == ""


def test_merge_command_writes_out_and_says_what_came(tmp_path, capsys):
    mine, theirs, out = (tmp_path / n for n in ("mine.crosslight", "theirs.crosslight",
                                                  "out.crosslight"))
    base_study(mine)
    theirs.write_bytes(mine.read_bytes().replace(b"\n", b"\r\n"))  # from another platform
    added = edit(theirs, "pretended to fight ISIS")
    assert cli_main(["merge", str(mine), str(theirs), "-o", str(out)]) == 0
    assert "From theirs, added: 1 highlight" in capsys.readouterr().out
    assert added in load_study(out).study.highlights
    # Merging the result with the same copy again adds nothing.
    assert cli_main(["merge", str(out), str(theirs)]) == 0
    assert "Nothing new" in capsys.readouterr().out


def test_merge_command_refuses_another_study(tmp_path, capsys):
    mine, other = tmp_path / "a.crosslight", tmp_path / "b.crosslight"
    base_study(mine)
    base_study(other)  # a study of its own: another id
    before = mine.read_bytes()
    assert cli_main(["merge", str(mine), str(other)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("crosslight: ") and "not two copies of one study" in err
    assert mine.read_bytes() == before


def test_study_file_is_sorted_and_line_diffable(tmp_path):
    path = tmp_path / "s.crosslight"
    hid = base_study(path)
    before = path.read_text("utf-8")
    data = orjson.loads(before)
    assert list(data) == sorted(data) and before.startswith("{\n  ")
    study = load_study(path).study
    study.highlights[hid].note = "changed"
    assert encode_study(study) == encode_study(study)  # stable
    save_study(study, path)
    changed = [line for line in difflib.unified_diff(before.splitlines(),
                                                      path.read_text("utf-8").splitlines(),
                                                      lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    # The note, its modified time, the study's, and one more revision stamp.
    assert len(changed) <= 8, changed


def test_merge_command_respects_a_window_that_has_the_study_open(tmp_path, capsys):
    from desktop.storage.locks import acquire

    mine, theirs = tmp_path / "mine.crosslight", tmp_path / "theirs.crosslight"
    base_study(mine)
    theirs.write_bytes(mine.read_bytes())
    edit(theirs, "pretended to fight ISIS")
    before = mine.read_bytes()
    lock = acquire(mine, "a-window")
    try:
        assert cli_main(["merge", str(mine), str(theirs)]) == 1
    finally:
        lock.release()
    assert "crosslight: " in capsys.readouterr().err and mine.read_bytes() == before
