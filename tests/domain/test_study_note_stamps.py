"""The study note records who wrote it and who changed it last, like every object
(issue #19): stamped through commands, undone with them, kept in the file, carried by a
merge, shown under the note and in reports; notes from older files are "unknown"."""

from __future__ import annotations

import orjson

from desktop.domain.commands import SetStudyNote
from desktop.domain.display_text import study_note_byline
from desktop.domain.factory import new_study_for
from desktop.domain.identity import Person
from desktop.domain.merge import THEIRS, merge_studies
from desktop.domain.model import Document, NoteStamps
from desktop.domain.stamping import Stamped
from desktop.storage.exporters import ExportOptions, export_text
from desktop.storage.saving import encode_study
from desktop.storage.studyfile import study_from_json

RAHIMI, LEE = Person("A. Rahimi", "Factcheck Desk"), Person("B. Lee")
DAY3, DAY4 = "2026-12-03T10:00:00Z", "2026-12-04T09:00:00Z"


def _study():
    return new_study_for(Document(text="Some text to read.", title="Doc", id="d-1"))


def _through_file(study):
    return study_from_json(orjson.loads(encode_study(study)), "copy").study


def test_writing_and_editing_the_study_note_stamps_it_and_undo_unstamps():
    study = _study()
    assert study_note_byline(study) == ""
    first = Stamped(SetStudyNote("Our question"), RAHIMI, DAY3)
    first.apply(study)
    assert study.note_stamps == NoteStamps(RAHIMI, RAHIMI, DAY3, DAY3)
    assert study_note_byline(study) == "written by A. Rahimi (Factcheck Desk), 3 Dec"
    second = Stamped(SetStudyNote("Our question, answered"), LEE, DAY4)
    second.apply(study)
    assert study.note_stamps == NoteStamps(RAHIMI, LEE, DAY3, DAY4)
    assert study_note_byline(study) == (
        "written by A. Rahimi (Factcheck Desk), 3 Dec · edited by B. Lee, 4 Dec")
    second.revert(study)
    assert study.note_stamps == NoteStamps(RAHIMI, RAHIMI, DAY3, DAY3)
    first.revert(study)
    assert study.note_stamps == NoteStamps() and study.note == ""
    second_again = Stamped(SetStudyNote("x"), LEE, DAY4)  # typing merges into one step
    second_again.apply(study)
    later = Stamped(SetStudyNote("xy"), RAHIMI, DAY4)
    later.apply(study)
    assert second_again.merge(later)
    second_again.revert(study)
    assert study.note_stamps == NoteStamps()
    second_again.apply(study)
    assert study.note_stamps.editor == RAHIMI and study.note == "xy"


def test_a_note_from_an_older_file_is_unknown_until_edited():
    study = _study()
    study.note = "Written before names were kept"
    data = orjson.loads(encode_study(study))
    data["study"].pop("note_stamps", None)
    old = study_from_json(data, "old").study
    assert old.note_stamps == NoteStamps()
    assert study_note_byline(old) == "written by unknown"
    Stamped(SetStudyNote("Written before, edited now"), LEE, DAY4).apply(old)
    assert study_note_byline(old) == "written by unknown · edited by B. Lee, 4 Dec"


def test_the_stamps_survive_the_file_and_reach_the_reports():
    study = _study()
    Stamped(SetStudyNote("Our question"), RAHIMI, DAY3).apply(study)
    Stamped(SetStudyNote("Our answer"), LEE, DAY4).apply(study)
    back = _through_file(study)
    assert back.note_stamps == study.note_stamps
    for name in ("html", "md"):
        text = export_text(back, name, ExportOptions())
        assert "written by A. Rahimi (Factcheck Desk), 3 Dec" in text, name
        assert "edited by B. Lee, 4 Dec" in text, name


def test_a_merge_carries_the_note_with_its_people():
    base = _study()
    Stamped(SetStudyNote("Base"), RAHIMI, DAY3).apply(base)
    base = _through_file(base)
    mine, theirs = _through_file(base), _through_file(base)
    Stamped(SetStudyNote("Lee's summary"), LEE, DAY4).apply(theirs)
    merged = merge_studies(mine, _through_file(theirs)).study
    assert merged.note == "Lee's summary"
    assert merged.note_stamps == NoteStamps(RAHIMI, LEE, DAY3, DAY4)
    # Both changed it: theirs, chosen, comes with its people.
    Stamped(SetStudyNote("Rahimi's summary"), RAHIMI, DAY4).apply(mine)
    chosen = merge_studies(_through_file(mine), _through_file(theirs), lambda _c: THEIRS)
    assert chosen.study.note_stamps.editor == LEE


def test_a_damaged_note_stamp_is_refused_with_its_place():
    import pytest

    from desktop.storage.errors import StudyFileError

    study = _study()
    Stamped(SetStudyNote("Our question"), RAHIMI, DAY3).apply(study)
    data = orjson.loads(encode_study(study))
    data["study"]["note_stamps"]["creator"] = "A. Rahimi"  # a string, not a person
    with pytest.raises(StudyFileError, match="note_stamps"):
        study_from_json(data, "bad")
