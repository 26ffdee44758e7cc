"""Recovery files: autosaved work in the state dir, never over the study, offered after a
crash (and only then), for saved and untitled studies alike."""

import json
import os
import subprocess
import sys

import pytest

from desktop.domain.factory import make_highlight, new_study_for
from desktop.domain.model import Document
from desktop.storage import host, recovery
from desktop.storage.disk_state import Fingerprint
from desktop.storage.errors import StorageError, StudyFileError
from desktop.storage.recovery import (
    RECOVERY_SUFFIX,
    discard_recovery,
    load_recovery,
    pending_for,
    pending_recoveries,
    read_entry,
    recovery_dir,
    write_recovery,
)
from desktop.storage.saving import encode_study, save_study


def make_study(note="work in progress"):
    doc = Document(text="One claim here. گزارش 😀 another.", title="Doc")
    study = new_study_for(doc)
    h = make_highlight(doc, 4, 9, "claim")
    h.note = note
    study.highlights[h.id] = h
    study.note = note
    return study


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def orphan(file):
    """Make a recovery file look as if its writer crashed: a process that is gone."""
    data = json.loads(file.read_bytes())
    data["pid"] = dead_pid()
    file.write_bytes(json.dumps(data).encode())


def test_written_in_the_state_dir_with_path_time_and_study(tmp_path, state_dir):
    study = make_study()
    path = tmp_path / "s.crosslight"
    save_study(study, path)
    before = path.read_bytes()
    base = Fingerprint(10, 20, "ab" * 32)
    file = write_recovery(study, path, "tok123", base)
    assert file.parent == recovery_dir() == state_dir / "recovery"
    assert file.name.endswith(".tok123" + RECOVERY_SUFFIX)
    assert path.read_bytes() == before  # the user's file is never touched
    entry = read_entry(file)
    assert entry.original == path.resolve()
    assert entry.saved.endswith("Z") and entry.title == "Doc"
    assert entry.pid == os.getpid() and entry.base == base and entry.token == "tok123"
    assert entry.name == "s.crosslight"
    loaded = load_recovery(entry)
    assert encode_study(loaded.study) == encode_study(study)


def test_untitled_studies_are_recoverable(state_dir):
    study = make_study("never saved")
    file = write_recovery(study, None, "u1")
    orphan(file)
    (entry,) = pending_recoveries()
    assert entry.original is None and "Untitled" in entry.name
    assert load_recovery(entry).study.note == "never saved"


def test_a_live_writer_s_file_is_not_offered(tmp_path):
    write_recovery(make_study(), tmp_path / "s.crosslight", "mine")
    assert pending_recoveries() == []  # this process is alive: it is still working on it


def test_after_a_crash_it_is_offered_for_that_study_only(tmp_path):
    a, b = tmp_path / "a.crosslight", tmp_path / "b.crosslight"
    orphan(write_recovery(make_study("for a"), a, "t1"))
    orphan(write_recovery(make_study("for b"), b, "t2"))
    assert [load_recovery(e).study.note for e in pending_for(a)] == ["for a"]
    assert {e.original.name for e in pending_recoveries()} == {"a.crosslight", "b.crosslight"}


def test_a_writer_from_before_a_reboot_is_dead_even_if_its_pid_runs(tmp_path):
    file = write_recovery(make_study(), tmp_path / "s.crosslight", "t")
    data = json.loads(file.read_bytes())
    data["pid"] = os.getpid()  # certainly running now…
    data["boot"] = host.boot_time() - 86400  # …but the file is from the previous boot
    file.write_bytes(json.dumps(data).encode())
    assert len(pending_recoveries()) == 1


def test_another_host_name_counts_as_gone(tmp_path):
    """The state dir is local: another host name means this machine was renamed."""
    file = write_recovery(make_study(), tmp_path / "s.crosslight", "t")
    data = json.loads(file.read_bytes())
    data["host"] = "some-other-name"
    file.write_bytes(json.dumps(data).encode())
    assert len(pending_recoveries()) == 1


def test_newest_first_and_discard(tmp_path):
    path = tmp_path / "s.crosslight"
    first = write_recovery(make_study("older"), path, "t1")
    second = write_recovery(make_study("newer"), path, "t2")
    for file, when in ((first, "2030-01-01T00:00:00Z"), (second, "2030-01-02T00:00:00Z")):
        data = json.loads(file.read_bytes())
        data["pid"], data["saved"] = dead_pid(), when
        file.write_bytes(json.dumps(data).encode())
    assert [e.saved for e in pending_for(path)] == ["2030-01-02T00:00:00Z",
                                                     "2030-01-01T00:00:00Z"]
    discard_recovery(second)
    assert [e.file for e in pending_for(path)] == [first]
    discard_recovery(second)  # twice is fine


def test_rewriting_replaces_the_session_s_file_atomically(tmp_path):
    path = tmp_path / "s.crosslight"
    file = write_recovery(make_study("one"), path, "t")
    again = write_recovery(make_study("two"), path, "t")
    assert again == file
    assert sorted(p.name for p in recovery_dir().iterdir()) == [file.name]
    assert load_recovery(read_entry(file)).study.note == "two"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"format": "crosslight-study"}',
     b'{"format": "crosslight-recovery", "version": 99}',
     b'{"format": "crosslight-recovery", "version": 1, "pid": "x", "base": 3}'],
)
def test_damaged_recovery_files_are_skipped_not_deleted(content):
    recovery_dir().mkdir(parents=True)
    bad = recovery_dir() / f"untitled.bad{RECOVERY_SUFFIX}"
    bad.write_bytes(content)
    assert pending_recoveries() == []
    assert bad.exists()
    with pytest.raises(StudyFileError):
        read_entry(bad)


def test_damaged_study_inside_a_recovery_file_is_refused_clearly(tmp_path):
    file = write_recovery(make_study(), None, "t")
    data = json.loads(file.read_bytes())
    data["study"]["documents"][0]["text"] += "tampered"
    file.write_bytes(json.dumps(data).encode())
    with pytest.raises(StudyFileError, match=r"recovered copy.*SHA-256"):
        load_recovery(read_entry(file))


def test_unwritable_state_dir_raises_storage_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("CROSSLIGHT_STATE_DIR", str(blocker))
    with pytest.raises(StorageError, match="recovery copy"):
        write_recovery(make_study(), None, "t")


def test_no_recovery_dir_means_nothing_pending():
    assert not recovery_dir().exists()
    assert pending_recoveries() == [] and pending_for(recovery_dir() / "x") == []


def test_path_key_is_stable_and_untitled_is_separate(tmp_path):
    p = tmp_path / "s.crosslight"
    assert recovery.path_key(p) == recovery.path_key(tmp_path / "." / "s.crosslight")
    assert recovery.path_key(None) == "untitled" != recovery.path_key(p)
