"""The writer thread's save overlaps its waits: the previous version is read (and hashed,
for the on-disk check) while the new bytes are encoded, and the new bytes are hashed
while they are written and synced. Checked by making each side wait for the other: a
save that did them one after the other would time out."""

from __future__ import annotations

import threading

import pytest

from desktop.storage import beside, saving
from desktop.storage.disk_state import fingerprint_bytes
from desktop.storage.errors import ChangedOnDiskError
from desktop.storage.saving import save_study
from tests.builders import study_with

TEXT = "The minister said the plan works. Critics said it fails."


@pytest.fixture(autouse=True)
def _every_size_beside(monkeypatch):
    """Small files are read and hashed at once (a thread costs more): not here."""
    monkeypatch.setattr(beside, "BESIDE_ABOVE", -1)


def _saved(tmp_path):
    study = study_with(TEXT, ["plan works"])
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    return study, path


def test_the_previous_version_is_read_while_the_new_one_is_encoded(tmp_path, monkeypatch):
    study, path = _saved(tmp_path)
    read = threading.Event()
    real_read, real_encode = saving._previous_bytes, saving.encode_study_data

    def reading(p):
        read.set()
        return real_read(p)

    def encoding(data):
        assert read.wait(10), "the previous version was not read beside the encoding"
        return real_encode(data)

    monkeypatch.setattr(saving, "_previous_bytes", reading)
    monkeypatch.setattr(saving, "encode_study_data", encoding)
    study.note = "changed"
    result = save_study(study, path, expect=fingerprint_bytes(path, path.read_bytes()))
    assert result.backup is not None and result.backup.read_bytes() != path.read_bytes()
    assert result.fingerprint == fingerprint_bytes(path, path.read_bytes())


def test_the_new_bytes_are_hashed_while_they_are_written(tmp_path, monkeypatch):
    study, path = _saved(tmp_path)
    hashed = threading.Event()
    real_hash, real_write = saving.sha256_hex, saving.atomic_write_bytes

    def hashing(data):
        hashed.set()
        return real_hash(data)

    def writing(p, data):
        assert hashed.wait(10), "the new bytes were not hashed beside the write"
        real_write(p, data)

    monkeypatch.setattr(saving, "sha256_hex", hashing)
    monkeypatch.setattr(saving, "atomic_write_bytes", writing)
    study.note = "changed"
    result = save_study(study, path)
    assert result.fingerprint == fingerprint_bytes(path, path.read_bytes())


def test_a_file_changed_on_disk_is_still_left_alone(tmp_path):
    study, path = _saved(tmp_path)
    expect = fingerprint_bytes(path, path.read_bytes())
    path.write_bytes(path.read_bytes().replace(b"plan works", b"plan WORKS"))
    before = path.read_bytes()
    study.note = "mine"
    with pytest.raises(ChangedOnDiskError):
        save_study(study, path, expect=expect)
    assert path.read_bytes() == before


def test_what_a_helper_raises_is_raised_by_the_save(tmp_path, monkeypatch):
    study, path = _saved(tmp_path)

    def broken(_p, _expect):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(saving, "_previous", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        save_study(study, path)


def test_opening_hashes_the_file_beside_the_parse(tmp_path, monkeypatch):
    """The fingerprint's hash is made on a thread while the study is built."""
    from desktop.storage import studyfile
    from desktop.storage.studyfile import load_study

    _study, path = _saved(tmp_path)
    hashed = threading.Event()
    real_hash, real_build = studyfile.sha256_hex, studyfile.study_from_json

    def hashing(data):
        hashed.set()
        return real_hash(data)

    def building(*args, **kwargs):
        assert hashed.wait(10), "the file was not hashed beside the parse"
        return real_build(*args, **kwargs)

    monkeypatch.setattr(studyfile, "sha256_hex", hashing)
    monkeypatch.setattr(studyfile, "study_from_json", building)
    loaded = load_study(path)
    assert loaded.fingerprint == fingerprint_bytes(path, path.read_bytes())
