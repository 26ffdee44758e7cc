"""Format-version checks and the step-by-step upgrade mechanism."""

import pytest

from desktop.storage import migrations
from desktop.storage.errors import StudyFileError
from desktop.storage.migrations import STEPS, migrate
from desktop.storage.schema import VERSION


def test_current_version_passes_unchanged():
    data = {"format": "crosslight-study", "version": VERSION, "study": {"id": "s"}}
    assert migrate(dict(data)) == data


def test_every_older_version_has_a_step():
    assert VERSION >= 1
    assert sorted(STEPS) == list(range(1, VERSION))


@pytest.mark.parametrize("version", [None, True, False, "1", 1.0, 0, -3, [1], {}])
def test_invalid_versions_rejected(version):
    with pytest.raises(StudyFileError, match="no valid format version"):
        migrate({"version": version})


def test_missing_version_rejected():
    with pytest.raises(StudyFileError, match="no valid format version"):
        migrate({"format": "crosslight-study"})


@pytest.mark.parametrize("version", [VERSION + 1, VERSION + 50, 2**64])
def test_newer_version_rejected_with_advice(version):
    with pytest.raises(StudyFileError) as info:
        migrate({"version": version})
    message = str(info.value)
    assert "newer Crosslight" in message
    assert f"format version {version}" in message
    assert f"reads up to {VERSION}" in message


def test_steps_run_in_order_and_bump_version(monkeypatch):
    seen = []

    def v1_to_v2(data):
        seen.append(("1->2", data["version"]))
        data["renamed"] = data.pop("old")
        return data

    def v2_to_v3(data):
        seen.append(("2->3", data["version"]))
        return {**data, "added": True}

    monkeypatch.setattr(migrations, "VERSION", 3)
    monkeypatch.setattr(migrations, "STEPS", {1: v1_to_v2, 2: v2_to_v3})
    result = migrate({"version": 1, "old": "x"})
    assert seen == [("1->2", 1), ("2->3", 2)]
    assert result == {"version": 3, "renamed": "x", "added": True}
    seen.clear()
    assert migrate({"version": 2, "renamed": "y"}) == {"version": 3, "renamed": "y", "added": True}
    assert seen == [("2->3", 2)]
    with pytest.raises(StudyFileError, match="newer"):
        migrate({"version": 4})
