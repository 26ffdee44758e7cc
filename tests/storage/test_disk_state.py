"""Fingerprints notice another program's changes to a study file, and only real ones."""

import os

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage.disk_state import changed_on_disk, fingerprint_bytes
from desktop.storage.saving import save_study
from desktop.storage.state_dir import ENV_VAR, state_dir
from desktop.storage.studyfile import load_study


def small_study():
    doc = Document(text="A claim and its evidence. 😀", title="T")
    study = new_study_for(doc)
    h = make_highlight(doc, 2, 7, "claim")
    study.highlights[h.id] = h
    return study


def test_unchanged_file_is_not_reported(tmp_path):
    path = tmp_path / "s.crosslight"
    fingerprint = save_study(small_study(), path).fingerprint
    assert fingerprint == load_study(path).fingerprint
    assert not changed_on_disk(path, fingerprint)


def test_touch_or_identical_rewrite_is_not_a_change(tmp_path):
    path = tmp_path / "s.crosslight"
    fingerprint = save_study(small_study(), path).fingerprint
    os.utime(path, (1, 1))
    assert not changed_on_disk(path, fingerprint)
    path.write_bytes(path.read_bytes())  # a sync tool writing the same bytes
    assert not changed_on_disk(path, fingerprint)


def test_same_size_different_content_is_a_change(tmp_path):
    path = tmp_path / "s.crosslight"
    fingerprint = save_study(small_study(), path).fingerprint
    data = bytearray(path.read_bytes())
    data[-3] = ord("X") if data[-3] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, fingerprint.mtime_ns))  # even within one mtime tick
    assert changed_on_disk(path, fingerprint)


def test_other_size_or_deleted_is_a_change(tmp_path):
    path = tmp_path / "s.crosslight"
    fingerprint = save_study(small_study(), path).fingerprint
    path.write_bytes(path.read_bytes() + b"\n")
    assert changed_on_disk(path, fingerprint)
    path.unlink()
    assert changed_on_disk(path, fingerprint)


def test_fingerprint_of_bytes_matches_the_file(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"abc")
    fp = fingerprint_bytes(path, b"abc")
    assert fp.size == 3 and fp.mtime_ns == os.stat(path).st_mtime_ns
    assert fingerprint_bytes(tmp_path / "missing", b"").mtime_ns == 0


def test_state_dir_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "elsewhere"))
    assert state_dir() == tmp_path / "elsewhere"


def test_state_dir_defaults_to_platformdirs(monkeypatch):
    import platformdirs

    monkeypatch.delenv(ENV_VAR)
    expected = platformdirs.user_state_dir("crosslight", appauthor=False)
    assert str(state_dir()) == expected
    assert "crosslight" in expected.lower()


def test_the_suite_never_uses_the_real_state_dir(state_dir):
    assert os.environ[ENV_VAR] == str(state_dir)
    assert "pytest" in str(state_dir) or "tmp" in str(state_dir).lower()


def test_the_writer_leaves_a_changed_file_alone(tmp_path):
    import pytest

    from desktop.storage.errors import ChangedOnDiskError
    from desktop.storage.saving import Snapshot
    from desktop.storage.schema import study_to_data

    path = tmp_path / "s.crosslight"
    study = small_study()
    fingerprint = save_study(study, path).fingerprint
    study.note = "mine"
    result = save_study(Snapshot(study_to_data(study)), path, expect=fingerprint)  # unchanged
    assert load_study(path).study.note == "mine"
    theirs = small_study()
    theirs.note = "theirs"
    save_study(theirs, path)  # another program writes
    with pytest.raises(ChangedOnDiskError, match="changed by another program"):
        save_study(Snapshot(study_to_data(study)), path, expect=result.fingerprint)
    assert load_study(path).study.note == "theirs"
    path.unlink()  # deleted: writing it back loses nothing
    save_study(Snapshot(study_to_data(study)), path, expect=result.fingerprint)
    assert load_study(path).study.note == "mine"
