"""File › Open Recent's list, kept in the settings (moved below the UI)."""

from desktop.storage.recent import clear_recent, recent_paths, remember
from desktop.storage.settings import load_settings


def test_remembered_files_come_back_newest_first_and_missing_ones_are_pruned(tmp_path):
    a, b = tmp_path / "a.crosslight", tmp_path / "b.txt"
    a.write_text("{}")
    b.write_text("x")
    remember(a)
    remember(b)
    assert recent_paths() == [str(b), str(a)]
    b.unlink()
    assert recent_paths() == [str(a)]
    assert load_settings().recent_files == [str(a)]  # pruned in the file too
    clear_recent()
    assert recent_paths() == []
