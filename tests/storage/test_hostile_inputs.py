"""Hostile files beyond malformed JSON: sizes, devices, encodings, numbers, nesting,
positions, versions — and clear messages when a save cannot be written."""

import errno
import json
import os
import time
from pathlib import Path

import pytest

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage import saving, studyfile
from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.saving import encode_study, save_study
from desktop.storage.schema import VERSION
from desktop.storage.studyfile import MAX_STUDY_BYTES, explain_os_error, load_study

FIXTURES = Path(__file__).parent / "fixtures"


def make_study():
    doc = Document(text="A claim here, and «evidence» there. 😀", title="T")
    study = new_study_for(doc)
    h = make_highlight(doc, 2, 7, "claim")
    study.highlights[h.id] = h
    return study


def refused(path) -> str:
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    return str(info.value)


def test_a_500_mb_file_is_refused_by_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.crosslight"
    with path.open("wb") as handle:  # sparse: costs no disk space
        handle.truncate(500 * 1024 * 1024)
    assert path.stat().st_size > MAX_STUDY_BYTES

    def no_open(*_args, **_kwargs):
        raise AssertionError("the file was opened for reading")

    monkeypatch.setattr(Path, "open", no_open)
    started = time.perf_counter()
    message = refused(path)
    assert time.perf_counter() - started < 1.0
    assert "larger than any study file" in message and "huge.crosslight" in message


def test_never_reads_more_than_the_cap_even_if_the_file_grows(tmp_path, monkeypatch):
    path = tmp_path / "growing.crosslight"
    path.write_bytes(b"{" + b" " * 200)
    real_stat = Path.stat
    monkeypatch.setattr(studyfile, "MAX_STUDY_BYTES", 100)
    # stat says small (the file grew after it was checked)…
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result(
        (*real_stat(self)[:6], 10, *real_stat(self)[7:])))
    assert "larger than any study file" in refused(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.crosslight"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_forever(tmp_path):
    link = tmp_path / "zero.crosslight"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in refused(link)


def test_utf16_study_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "notepad.crosslight"
    path.write_bytes(encode_study(make_study()).decode().encode("utf-16"))
    assert "UTF-16" in refused(path)


def test_a_byte_order_mark_added_by_an_editor_is_harmless(tmp_path):
    path = tmp_path / "bom.crosslight"
    path.write_bytes(b"\xef\xbb\xbf" + encode_study(make_study()))
    assert len(load_study(path).study.highlights) == 1


def test_deep_nesting_is_refused_clearly(tmp_path):
    path = tmp_path / "deep.crosslight"
    raw = encode_study(make_study()).replace(
        b'"note": ""', b'"note": ' + b"[" * 100_000 + b"]" * 100_000, 1)
    path.write_bytes(raw)
    message = refused(path)
    assert "nested too deeply" in message and "deep.crosslight" in message


@pytest.mark.parametrize("token", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e999"])
def test_non_finite_numbers_are_refused(tmp_path, token):
    path = tmp_path / "n.crosslight"
    raw = encode_study(make_study()).replace(b'"end": 7', b'"end": ' + token, 1)
    path.write_bytes(raw)
    assert "not valid JSON" in refused(path)


@pytest.mark.parametrize("value", [2**70, 10**30, 1e300])
def test_huge_numbers_are_out_of_range(tmp_path, value):
    data = json.loads(encode_study(make_study()))
    data["highlights"][0]["target"]["selectors"][1]["end"] = value
    path = tmp_path / "n.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    message = refused(path)
    assert "highlights[0].target.selectors[1].end" in message
    assert "out of range" in message


@pytest.mark.parametrize(
    ("start", "end"), [(5, 99), (0, 10_000), (6, 2), (3, 3)], ids=["past-end", "far", "reversed",
                                                                    "empty"])
def test_positions_outside_the_text_are_refused(tmp_path, start, end):
    data = json.loads(encode_study(make_study()))
    data["highlights"][0]["target"]["selectors"][1].update(start=start, end=end)
    path = tmp_path / "p.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    message = refused(path)
    assert "damaged" in message and "does not lie within the document" in message
    assert f"{start}–{end}" in message


def test_every_format_version_has_a_fixture_that_loads():
    for version in range(1, VERSION + 1):
        (fixture,) = list(FIXTURES.glob(f"study-v{version}.crosslight")) or list(
            FIXTURES.glob(f"study-v{version}-early.crosslight"))
        assert json.loads(fixture.read_bytes())["version"] == version
        loaded = load_study(fixture)
        assert loaded.format_version == version and loaded.study.highlights


def test_newer_version_is_refused_clearly(tmp_path):
    data = json.loads((FIXTURES / f"study-v{VERSION}.crosslight").read_bytes())
    data["version"] = data["requires"] = VERSION + 1
    path = tmp_path / "future.crosslight"
    path.write_text(json.dumps(data), encoding="utf-8")
    message = refused(path)
    assert "newer Crosslight" in message and "update" in message.lower()


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "disk is full"), (errno.EACCES, "permission"), (errno.EROFS, "read-only"),
     (errno.ENOENT, "folder does not exist"), (errno.EIO, "input/output")],
)
def test_failed_saves_say_why_in_plain_words(tmp_path, monkeypatch, code, words):
    path = tmp_path / "s.crosslight"
    study = make_study()
    save_study(study, path)
    before = path.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(saving, "atomic_write_bytes", fail)
    study.note = "unsaved work"
    with pytest.raises(StorageError) as info:
        save_study(study, path)
    message = str(info.value)
    assert words in message and os.strerror(code) in message and "s.crosslight" in message
    assert path.read_bytes() == before
    assert study.note == "unsaved work"  # nothing lost from memory


def test_explain_unknown_error_falls_back_to_the_system_text():
    assert explain_os_error(OSError(errno.EBUSY, "Device busy")) == "Device busy"
    assert explain_os_error(OSError("odd")) == "odd"
