"""Settings: defaults on any damage, recent-file list rules, unknown keys kept."""

import orjson
import pytest

from desktop.storage.settings import (
    MAX_RECENT,
    Settings,
    load_settings,
    save_settings,
    update_settings,
)
from desktop.storage.settings import config_dir as settings_dir


def test_config_dir_follows_env(config_dir):
    assert settings_dir() == config_dir


def test_round_trip(tmp_path):
    path = tmp_path / "s.json"
    settings = Settings(theme="sepia", reader_font_family="Vazirmatn", reader_font_size=13.5)
    settings.add_recent(tmp_path / "a.crosslight")
    save_settings(settings, path)
    again = load_settings(path)
    assert again.theme == "sepia"
    assert again.reader_font_size == 13.5
    assert again.recent_files == [str((tmp_path / "a.crosslight").resolve())]


def test_damaged_files_give_defaults(tmp_path):
    path = tmp_path / "s.json"
    for content in (b"", b"{", b"[1,2]", b"\xff\xfe", b'{"theme": "neon", "recent_files": [1]}'):
        path.write_bytes(content)
        assert load_settings(path) == Settings()
    assert load_settings(tmp_path / "missing.json") == Settings()


def test_wrong_types_fall_back_per_key(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"theme": "dark", "reader_font_size": "big"}))
    settings = load_settings(path)
    assert settings.theme == "dark"
    assert settings.reader_font_size == 0.0


def test_unknown_keys_survive_a_save(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"theme": "light", "future_option": {"x": 1}}))
    settings = load_settings(path)
    save_settings(settings, path)
    assert orjson.loads(path.read_bytes())["future_option"] == {"x": 1}


def test_recent_files_most_recent_first_unique_and_capped(tmp_path):
    settings = Settings()
    files = [tmp_path / f"{i}.crosslight" for i in range(MAX_RECENT + 3)]
    for f in files:
        f.write_text("x")
        settings.add_recent(f)
    settings.add_recent(files[0])
    assert len(settings.recent_files) == MAX_RECENT
    assert settings.recent_files[0] == str(files[0].resolve())
    assert len(set(settings.recent_files)) == MAX_RECENT


def test_missing_recent_files_are_pruned(tmp_path):
    settings = Settings()
    kept, gone = tmp_path / "kept.crosslight", tmp_path / "gone.crosslight"
    kept.write_text("x")
    gone.write_text("x")
    settings.add_recent(kept)
    settings.add_recent(gone)
    gone.unlink()
    assert settings.existing_recent() == [str(kept.resolve())]
    assert settings.recent_files == [str(kept.resolve())]


def test_unwritable_location_is_skipped(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    save_settings(Settings(theme="dark"), blocker / "sub" / "s.json")  # no exception


def test_a_file_from_before_the_minimap_options_loads_with_their_defaults(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"theme": "dark", "reader_font_size": 14}))
    settings = load_settings(path)
    assert (settings.show_minimap, settings.minimap_by_verdict) == (True, False)
    assert settings.theme == "dark" and settings.reader_font_size == 14.0


def test_minimap_options_must_be_booleans(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"show_minimap": 0, "minimap_by_verdict": "yes"}))
    settings = load_settings(path)
    assert (settings.show_minimap, settings.minimap_by_verdict) == (True, False)
    path.write_bytes(orjson.dumps({"show_minimap": False, "minimap_by_verdict": True}))
    settings = load_settings(path)
    assert (settings.show_minimap, settings.minimap_by_verdict) == (False, True)


def test_update_settings_changes_only_what_it_is_given(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"theme": "sepia", "recent_files": ["/a"], "future": [1]}))
    update_settings(path, show_minimap=False)
    data = orjson.loads(path.read_bytes())
    assert data["show_minimap"] is False
    assert (data["theme"], data["recent_files"], data["future"]) == ("sepia", ["/a"], [1])
    with pytest.raises(TypeError):
        update_settings(path, colour="red")
