"""The map of where the flat desktop/ui modules went stays true (for merging branches)."""

import importlib.util

from desktop.devtools.ui_moves import MODULES, MOVED_NAMES, rewrite


def test_every_new_home_exists_and_no_old_one_does():
    for old, new in MODULES.items():
        assert importlib.util.find_spec(new) is not None, new
        gone = importlib.util.find_spec(old)
        assert gone is None or gone.submodule_search_locations, old  # at most a room now


def test_moved_names_are_where_the_map_says():
    for new in MOVED_NAMES.values():
        module, _, name = new.rpartition(".")
        assert hasattr(importlib.import_module(module), name), new


def test_rewrite_follows_imports_and_strings_once():
    text = ("from desktop.ui.reader import PaintRange\nimport desktop.ui.main_window\n"
            'monkeypatch.setattr("desktop.ui.file_ops.save_study_data", x)\n')
    assert rewrite(text) == (
        "from desktop.ui.reader.view import PaintRange\nimport desktop.ui.window.main_window\n"
        'monkeypatch.setattr("desktop.ui.controllers.files.save_study_data", x)\n')
    assert rewrite(rewrite(text)) == rewrite(text)  # new paths are left alone
