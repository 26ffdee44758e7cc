"""Saving over a study keeps its previous versions (rotating backups in the state dir) and,
the first time an older-format file is saved in the new format, a copy of the original."""

import shutil
from pathlib import Path

import pytest

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage import backups, saving
from desktop.storage.backups import KEEP_BACKUPS, backup_dir_for, keep_backup, list_backups
from desktop.storage.errors import StorageError
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import load_study

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "study-v1.crosslight"


def make_study():
    doc = Document(text="One claim here. Another claim there. گزارش 😀", title="T")
    study = new_study_for(doc)
    h = make_highlight(doc, 4, 9, "claim")
    study.highlights[h.id] = h
    return study


def test_backups_live_in_the_state_dir_not_beside_the_study(tmp_path, state_dir):
    study = make_study()
    path = tmp_path / "shared" / "s.crosslight"
    path.parent.mkdir()
    save_study(study, path)
    study.note = "second"
    result = save_study(study, path)
    assert result.backup is not None
    assert result.backup.is_relative_to(state_dir / "backups")
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.crosslight"]


def test_rotation_keeps_the_last_n_and_each_backup_loads(tmp_path):
    study = make_study()
    path = tmp_path / "s.crosslight"
    saved_notes = []
    for n in range(KEEP_BACKUPS + 4):
        study.note = f"version {n}"
        save_study(study, path)
        saved_notes.append(study.note)
    kept = list_backups(path)
    assert len(kept) == KEEP_BACKUPS
    # newest first: the version before the current one, and so on back
    notes = [load_study(b).study.note for b in kept]
    assert notes == saved_notes[-2 : -2 - KEEP_BACKUPS : -1]
    assert load_study(path).study.note == saved_notes[-1]


def test_first_save_of_a_new_file_has_nothing_to_back_up(tmp_path):
    result = save_study(make_study(), tmp_path / "new.crosslight")
    assert result.backup is None and result.original_copy is None and result.warnings == []
    assert list_backups(tmp_path / "new.crosslight") == []


def test_saving_identical_bytes_twice_does_not_fill_the_rotation(tmp_path, monkeypatch):
    monkeypatch.setattr("desktop.storage.saving.utc_now", lambda: "2030-01-01T00:00:00Z")
    study = make_study()
    path = tmp_path / "s.crosslight"
    for _ in range(4):
        save_study(study, path)
    assert len(list_backups(path)) == 1


def test_backup_failure_is_a_warning_and_the_save_still_happens(tmp_path, monkeypatch):
    study = make_study()
    path = tmp_path / "s.crosslight"
    save_study(study, path)

    def no_space(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving, "keep_backup", no_space)
    study.note = "newer"
    result = save_study(study, path)
    assert load_study(path).study.note == "newer"
    assert result.backup is None
    (warning,) = result.warnings
    assert "No backup" in warning and "disk is full" in warning


def test_backup_folders_are_per_study_path(tmp_path):
    a, b = tmp_path / "a" / "s.crosslight", tmp_path / "b" / "s.crosslight"
    assert backup_dir_for(a) != backup_dir_for(b)
    assert backup_dir_for(a) == backup_dir_for(tmp_path / "a" / ".." / "a" / "s.crosslight")


def test_keep_backup_with_keep_of_one(tmp_path):
    path = tmp_path / "s.crosslight"
    for n in range(3):
        keep_backup(path, f"v{n}".encode(), keep=1)
    (only,) = list_backups(path)
    assert only.read_bytes() == b"v2"


def test_backup_names_sort_by_time_even_within_one_microsecond(tmp_path, monkeypatch):
    path = tmp_path / "s.crosslight"

    class Frozen:
        @staticmethod
        def now(_tz=None):
            from datetime import UTC, datetime

            return datetime(2030, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)

    monkeypatch.setattr(backups, "datetime", Frozen)
    first = keep_backup(path, b"one")
    second = keep_backup(path, b"two")
    assert first != second and first.exists() and second.exists()


# -- migration keeps the original ---------------------------------------------------------

@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "old.crosslight"
    shutil.copyfile(FIXTURE_V1, path)
    return path


def test_first_save_after_migration_keeps_the_original_beside_it(v1_copy):
    original = v1_copy.read_bytes()
    loaded = load_study(v1_copy)
    assert loaded.format_version == 1 < VERSION
    result = save_study(loaded.study, v1_copy)
    assert result.original_copy == v1_copy.with_name("old.v1.crosslight")
    assert result.original_copy.read_bytes() == original  # byte for byte
    assert load_study(result.original_copy).format_version == 1  # and still opens
    assert load_study(v1_copy).format_version == VERSION
    # The next save is in the current format already: no second copy.
    again = save_study(load_study(v1_copy).study, v1_copy)
    assert again.original_copy is None
    assert sorted(p.name for p in v1_copy.parent.iterdir()) == [
        "old.crosslight", "old.v1.crosslight"]


def test_an_existing_original_copy_is_never_overwritten(v1_copy):
    taken = v1_copy.with_name("old.v1.crosslight")
    taken.write_bytes(b"someone's file")
    result = save_study(load_study(v1_copy).study, v1_copy)
    assert taken.read_bytes() == b"someone's file"
    assert result.original_copy == v1_copy.with_name("old.v1-2.crosslight")


def test_no_copy_of_the_original_means_no_save(v1_copy, monkeypatch):
    original = v1_copy.read_bytes()
    study = load_study(v1_copy).study
    real = saving.atomic_write_bytes

    def refuse_copies(path, data):
        if ".v1" in Path(path).name:
            raise PermissionError(13, "Permission denied")
        return real(path, data)

    monkeypatch.setattr(saving, "atomic_write_bytes", refuse_copies)
    with pytest.raises(StorageError, match=r"older format.*copy of the original"):
        save_study(study, v1_copy)
    assert v1_copy.read_bytes() == original


def test_save_as_over_a_foreign_file_backs_it_up(tmp_path):
    target = tmp_path / "s.crosslight"
    target.write_bytes(b"not even JSON")
    result = save_study(make_study(), target)
    assert result.original_copy is None
    assert result.backup.read_bytes() == b"not even JSON"


def test_unusable_state_dir_still_saves(tmp_path, monkeypatch):
    study = make_study()
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")  # works as root too, unlike chmod
    monkeypatch.setenv("CROSSLIGHT_STATE_DIR", str(blocker))
    study.note = "newer"
    result = save_study(study, path)
    assert result.backup is None and result.warnings
    assert load_study(path).study.note == "newer"
    assert encode_study(load_study(path).study) == path.read_bytes()


def test_a_file_marked_read_only_is_not_replaced(tmp_path, monkeypatch):
    """Replacing would work (the folder is writable), but the owner said no."""
    path = tmp_path / "s.crosslight"
    save_study(make_study(), path)
    before = path.read_bytes()
    monkeypatch.setattr(saving.os, "access", lambda *_a, **_k: False)  # chmod is moot as root
    with pytest.raises(StorageError, match="read-only"):
        save_study(make_study(), path)
    assert path.read_bytes() == before


def test_format_version_read_from_the_tail_agrees_with_a_full_parse(tmp_path):
    """The quick tail read must give what parsing the whole file gives, for every shape."""
    import orjson

    from desktop.storage.saving import _format_version, encode_study

    written = encode_study(make_study())
    shapes = {
        "as saved": (written, VERSION),
        "compact": (orjson.dumps(orjson.loads(written)), VERSION),
        "unsorted, version first": (orjson.dumps({"version": 1, "format": "crosslight-study",
                                                  "study": {"version": 7}}), 1),
        "other format": (orjson.dumps({"format": "crosslight-recovery", "version": 1}), None),
        "envelope with a study inside": (orjson.dumps({"format": "crosslight-recovery",
                                                       "study": orjson.loads(written)}), None),
        "not json": (b"garbage", None),
        "list": (b"[1]", None),
        "bool version": (b'{"format": "crosslight-study", "version": true}', None),
    }
    for name, (data, expected) in shapes.items():
        assert _format_version(data) == expected, name


def test_the_backup_is_the_replaced_file_itself_not_a_copy(tmp_path):
    """A save replaces the file by a new one, so the old one can become the backup as it
    is (a hard link): no second copy of a 50 MB study written and synced on every save."""
    study = make_study()
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    before = path.stat()
    old_bytes = path.read_bytes()
    study.note = "second"
    backup = save_study(study, path).backup
    assert backup is not None
    assert (backup.stat().st_ino, backup.stat().st_dev) == (before.st_ino, before.st_dev)
    assert backup.read_bytes() == old_bytes
    assert path.stat().st_ino != before.st_ino and load_study(path).study.note == "second"
    assert backup.stat().st_nlink == 1  # the study's own name now belongs to the new file


def test_a_file_changed_after_it_was_read_is_backed_up_as_read(tmp_path):
    path = tmp_path / "s.crosslight"
    path.write_bytes(b"as read")
    read_from = path.stat()
    path.write_bytes(b"changed meanwhile, and longer")
    backup = keep_backup(path, b"as read", read_from=read_from)
    assert backup is not None and backup.read_bytes() == b"as read"
    assert backup.stat().st_ino != path.stat().st_ino


def test_a_file_with_another_name_or_on_another_disk_is_copied(tmp_path, monkeypatch):
    path = tmp_path / "s.crosslight"
    path.write_bytes(b"version 1")
    (tmp_path / "other-name.crosslight").hardlink_to(path)
    backup = keep_backup(path, b"version 1", read_from=path.stat())
    assert backup is not None and backup.stat().st_ino != path.stat().st_ino

    def no_links(*_args, **_kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(backups.os, "link", no_links)
    single = tmp_path / "t.crosslight"
    single.write_bytes(b"version 2")
    backup = keep_backup(single, b"version 2", read_from=single.stat())
    assert backup is not None and backup.read_bytes() == b"version 2"
    assert backup.stat().st_ino != single.stat().st_ino


def test_a_newest_backup_with_the_same_length_but_other_bytes_is_not_taken_for_it(tmp_path):
    path = tmp_path / "s.crosslight"
    first = keep_backup(path, b"A" + b"x" * 100_000)
    assert keep_backup(path, b"A" + b"x" * 100_000) is None  # the same bytes: nothing new
    second = keep_backup(path, b"B" + b"x" * 100_000)  # differs only far from the tail
    assert first is not None and second is not None and second != first
    assert second.read_bytes().startswith(b"B")
