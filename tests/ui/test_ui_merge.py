"""Merging another copy of the study in the window: File › Merge Study… as one undo
step with a report, conflicts decided through the prompts seam, the conflict dialog
itself, and *Merge* when the file changed on disk under an open study."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.commands import SetHighlightNote
from desktop.domain.factory import make_highlight
from desktop.domain.merge import BOTH, MINE, THEIRS, Conflict
from desktop.storage.saving import save_study
from desktop.storage.studyfile import load_study
from desktop.ui.dialogs.merge_dialog import ConflictDialog
from desktop.ui.dialogs.safety_prompts import DiskChoice
from tests.ui.study_files import edit_note, note_of

PHRASE = "pretended to fight ISIS"


def colleague_copy(study_file: Path, target: Path, note: str | None = None) -> str:
    """A copy of the study with one more highlight (and maybe another note); its id."""
    study = load_study(study_file).study
    doc = study.main_document
    start = doc.text.index(PHRASE)
    h = make_highlight(doc, start, start + len(PHRASE), "opinion")
    study.highlights[h.id] = h
    if note is not None:
        next(iter(study.highlights.values())).note = note
    save_study(study, target)
    return h.id


def test_merge_study_adds_their_highlight_as_one_undo_step(qtbot, window, study_file, tmp_path):
    theirs = tmp_path / "colleague.crosslight"
    added = colleague_copy(study_file, theirs)
    win = window(study_file)
    win.prompts.script("import_path", theirs)
    win.menu_actions.merge_study.trigger()
    assert added in win.session.study.highlights
    title, report = win.prompts.infos[-1]
    assert title == "Study merged" and "From theirs, added: 1 highlight" in report
    assert win.isWindowModified()
    assert win.notes.model.card_count == 2  # the list shows it
    win.session.undo_stack.undo()
    assert added not in win.session.study.highlights
    assert not win.isWindowModified()
    win.session.undo_stack.redo()
    assert added in win.session.study.highlights


def test_conflicts_go_through_the_prompts_and_the_choice_holds(qtbot, window, study_file,
                                                              tmp_path):
    theirs = tmp_path / "colleague.crosslight"
    colleague_copy(study_file, theirs, note="Ben's note")
    win = window(study_file)
    edit_note(win, "Anna's note")
    hid = next(iter(win.session.study.highlights))
    win.prompts.script("import_path", theirs)
    win.prompts.script("resolve_conflicts", {("highlight", hid): BOTH})
    win.menu_actions.merge_study.trigger()
    name, (conflicts, their_name) = win.prompts.dialog_calls[-1]
    assert name == "resolve_conflicts" and their_name == "colleague.crosslight"
    assert [c.key for c in conflicts] == [("highlight", hid)]
    assert "Anna's note" in conflicts[0].mine and "Ben's note" in conflicts[0].theirs
    note = win.session.study.highlights[hid].note
    assert "Anna's note" in note and "Ben's note" in note
    assert win.session.study.conflicts == []  # decided here: nothing left in the file


def test_cancelling_the_conflicts_changes_nothing(qtbot, window, study_file, tmp_path):
    theirs = tmp_path / "colleague.crosslight"
    colleague_copy(study_file, theirs, note="Ben's note")
    win = window(study_file)
    edit_note(win, "Anna's note")
    steps = win.session.undo_stack.count()
    win.prompts.script("import_path", theirs)
    win.prompts.script("resolve_conflicts", None)
    win.menu_actions.merge_study.trigger()
    assert win.session.undo_stack.count() == steps and len(win.session.study.highlights) == 1


def test_another_study_is_refused_with_a_message(qtbot, window, study_file, tmp_path,
                                                seed_copy):
    from tests.ui.study_files import make_study_file

    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = make_study_file(other_dir, seed_copy)  # a study of its own
    win = window(study_file)
    win.prompts.script("import_path", other)
    win.menu_actions.merge_study.trigger()
    title, message = win.prompts.errors[-1]
    assert title == "Could not merge" and "not two copies of one study" in message


def test_save_after_a_colleague_saved_offers_merge_and_keeps_both(qtbot, window, study_file):
    win = window(study_file)
    hid = next(iter(win.session.study.highlights))
    win.session.execute(SetHighlightNote(hid, "in the window"))
    added = colleague_copy(study_file, study_file)  # a colleague saves into the shared folder
    win.prompts.script("ask_changed_on_disk", DiskChoice.MERGE)
    assert win.files.save()
    on_disk = load_study(study_file).study
    assert added in on_disk.highlights and note_of(on_disk) == "in the window"
    assert not win.isWindowModified()
    assert win.files.save()  # the merged file is the one we know now: no second question
    assert [n for n, _ in win.prompts.dialog_calls].count("ask_changed_on_disk") == 1


def test_raced_note_merge_asks_and_takes_theirs(qtbot, window, study_file):
    win = window(study_file)
    edit_note(win, "in the window")
    study = load_study(study_file).study
    next(iter(study.highlights.values())).note = "from elsewhere"
    save_study(study, study_file)
    hid = next(iter(win.session.study.highlights))
    win.prompts.script("ask_changed_on_disk", DiskChoice.MERGE)
    win.prompts.script("resolve_conflicts", {("highlight", hid): THEIRS})
    assert win.files.save()
    assert note_of(load_study(study_file).study) == "from elsewhere"


def test_conflict_dialog_shows_both_sides_and_collects_choices(qtbot):
    conflicts = [
        Conflict("highlight", "h-1", "changed on both sides", "“quote”\nNote: mine",
                 "“quote”\nNote: theirs", (MINE, THEIRS, BOTH)),
        Conflict("highlight", "h-2", "deleted there, changed here", "“other”\nNote: kept", ""),
    ]
    dialog = ConflictDialog(conflicts, "colleague.crosslight")
    qtbot.addWidget(dialog)
    assert dialog.mine[1].toPlainText().endswith("Note: mine")
    assert dialog.theirs[1].toPlainText().endswith("Note: theirs")
    dialog.radios[BOTH].setChecked(True)
    dialog.list.setCurrentRow(1)
    assert dialog.theirs[1].toPlainText() == "(deleted)"
    assert dialog.radios[BOTH].isHidden()  # "both" makes no sense for a deletion
    dialog.radios[THEIRS].setChecked(True)
    assert dialog.value() == {("highlight", "h-1"): BOTH, ("highlight", "h-2"): THEIRS}


def test_conflicts_left_by_the_command_line_merge_are_decided_in_the_merge_dialog(
        qtbot, window, study_file, tmp_path, seed_copy):
    from desktop.merge_cli import run

    theirs = tmp_path / "colleague.crosslight"
    colleague_copy(study_file, theirs, note="Ben's note")
    study = load_study(study_file).study
    hid = next(iter(study.highlights))
    study.highlights[hid].note = "Anna's note"
    save_study(study, study_file)
    assert run(study_file, theirs, study_file) == 3  # conflicts: kept mine, recorded
    win = window(seed_copy)  # File › Open of the merged study, as a user would
    assert win.files.open(study_file)
    assert "1 merge conflict recorded" in win.statusBar().currentMessage()
    win.prompts.script("resolve_conflicts", {("highlight", hid): THEIRS})
    win.menu_actions.merge_conflicts.trigger()
    (name, (conflicts, _their_name)) = win.prompts.dialog_calls[-1]
    assert name == "resolve_conflicts"  # the same dialog as Merge Study…
    assert "Ben's note" in conflicts[0].theirs and BOTH in conflicts[0].choices
    assert win.session.study.highlights[hid].note == "Ben's note"
    assert win.session.study.conflicts == []
    win.session.undo_stack.undo()  # one step
    assert win.session.study.highlights[hid].note == "Anna's note"
    assert len(win.session.study.conflicts) == 1


def test_conflicts_recorded_without_their_version_are_shown_and_marked_resolved(
        qtbot, window, study_file, tmp_path, seed_copy):
    import orjson

    from desktop.merge_cli import run

    theirs = tmp_path / "colleague.crosslight"
    colleague_copy(study_file, theirs, note="Ben's note")
    study = load_study(study_file).study
    next(iter(study.highlights.values())).note = "Anna's note"
    save_study(study, study_file)
    assert run(study_file, theirs, study_file) == 3
    data = orjson.loads(study_file.read_bytes())  # as an older Crosslight recorded it
    for record in data["study"]["conflicts"]:
        record.pop("theirs_data")
    study_file.write_bytes(orjson.dumps(data))
    win = window(seed_copy)
    assert win.files.open(study_file)
    win.prompts.script("recorded_conflicts", True)
    win.menu_actions.merge_conflicts.trigger()
    (name, (conflicts,)) = win.prompts.dialog_calls[-1]
    assert name == "recorded_conflicts" and "Ben's note" in conflicts[0].theirs
    assert win.session.study.conflicts == []
    win.session.undo_stack.undo()
    assert len(win.session.study.conflicts) == 1


def test_recorded_conflicts_dialog_only_reads(qtbot):
    conflict = Conflict("highlight", "h-1", "changed on both sides", "mine", "theirs", ())
    dialog = ConflictDialog([conflict], "the other copy", recorded=True)
    qtbot.addWidget(dialog)
    assert all(r.isHidden() for r in dialog.radios.values())
    assert dialog.merge_button.text() == "Mark Resolved"
    assert dialog.theirs[1].toPlainText() == "theirs"


def test_the_lines_that_differ_are_marked_in_both_versions(qtbot):
    mine = "“the troops” (claim)\nVerdict: ✘ False\nNote: same"
    theirs = "“the troops” (claim)\nVerdict: ⚖ Disputed\nNote: same"
    dialog = ConflictDialog([Conflict("highlight", "h-1", "changed on both sides", mine,
                                      theirs, (MINE, THEIRS, BOTH))], "the other copy")
    qtbot.addWidget(dialog)
    for pane, text in ((dialog.mine[1], "Verdict: ✘ False"),
                       (dialog.theirs[1], "Verdict: ⚖ Disputed")):
        (mark,) = pane.extraSelections()
        assert mark.cursor.selectedText() == text
