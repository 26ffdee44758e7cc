"""A saved study with one noted highlight, for the file-safety tests (the ``study_file``
fixture in conftest)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.commands import SetHighlightNote
from desktop.domain.factory import make_highlight
from desktop.storage.opening import open_path
from desktop.storage.saving import save_study

PHRASE = "Harakat al-Nujaba"


def make_study_file(tmp_path: Path, seed_copy: Path) -> Path:
    """A saved study with one highlight, noted "on disk"."""
    opened = open_path(seed_copy)
    document = opened.study.main_document
    start = document.text.index(PHRASE)
    h = make_highlight(document, start, start + len(PHRASE), "claim")
    h.note = "on disk"
    opened.study.highlights[h.id] = h
    path = tmp_path / "study.crosslight"
    save_study(opened.study, path)
    return path


def note_of(study) -> str:
    return next(iter(study.highlights.values())).note


def edit_note(win, text: str) -> None:
    hid = next(iter(win.session.study.highlights))
    win.session.execute(SetHighlightNote(hid, text))
    assert win.isWindowModified()
