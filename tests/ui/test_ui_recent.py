"""File > Open Recent: updated on open and save, pruned when shown, cleared, persisted."""

from __future__ import annotations

import shutil

from desktop.storage.settings import load_settings
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.window.recent_menu import entry_text, folder_text
from tests.ui import helpers as ui
from tests.ui.helpers import SEED


def entries(win) -> list[tuple[str, str]]:
    """(text, tooltip) of each recent entry, as the menu shows them when opened; the
    folder after the name (issue #17) is checked here, then left out."""
    menu = win.recent_menu
    menu.aboutToShow.emit()
    out = []
    for a in menu.actions():
        if a.data():
            name, _, folder = a.text().partition("   —  ")
            assert folder == folder_text(a.data())
            out.append((name, a.toolTip()))
    return out


def clear_action(win):
    (action,) = [a for a in win.recent_menu.actions() if a.objectName() == "clearRecent"]
    return action


def test_recent_menu_is_in_the_file_menu(window, seed_copy):
    win = window(seed_copy)
    file_menu = win.menuBar().actions()[0].menu()
    assert win.recent_menu.menuAction() in file_menu.actions()
    assert win.recent_menu.title() == "Open &Recent"


def test_save_and_open_put_files_on_top_with_full_path_tooltips(qtbot, window, seed_copy,
                                                                  tmp_path):
    win = window(seed_copy)
    assert entries(win) == []
    assert not clear_action(win).isEnabled()
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    study = tmp_path / "first.crosslight"
    win.prompts.save_paths.append(study)
    assert win.files.save()
    assert entries(win) == [("&1  first.crosslight", str(study.resolve()))]
    assert load_settings().recent_files == [str(study.resolve())]  # persisted at once

    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    assert win.files.open(other)
    assert [t for t, _ in entries(win)] == ["&1  other.txt", "&2  first.crosslight"]
    assert clear_action(win).isEnabled()


def test_only_the_last_ten_are_kept(window, seed_copy, tmp_path):
    win = window(seed_copy)
    for n in range(12):
        path = tmp_path / f"doc{n:02}.txt"
        shutil.copyfile(SEED, path)
        assert win.files.open(path)
    shown = entries(win)
    assert len(shown) == 10
    assert shown[0][0] == "&1  doc11.txt"
    assert shown[9][0] == "1&0  doc02.txt"


def test_missing_files_are_pruned_when_the_menu_opens(window, seed_copy, tmp_path):
    win = window(seed_copy)
    keep, gone = tmp_path / "keep.txt", tmp_path / "gone.txt"
    for path in (keep, gone):
        shutil.copyfile(SEED, path)
        assert win.files.open(path)
    gone.unlink()
    assert [t for t, _ in entries(win)] == ["&1  keep.txt"]
    assert load_settings().recent_files == [str(keep.resolve())]


def test_clear_menu_empties_it(window, seed_copy, tmp_path):
    win = window(seed_copy)
    assert win.files.open(seed_copy)
    assert entries(win)
    clear_action(win).trigger()
    assert entries(win) == []
    assert load_settings().recent_files == []
    texts = [a.text() for a in win.recent_menu.actions()]
    assert "No Recent Files" in texts
    assert not clear_action(win).isEnabled()


def test_choosing_an_entry_opens_it_after_asking_to_save(qtbot, window, seed_copy, tmp_path,
                                                         ):
    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    win = window(seed_copy)
    assert win.files.open(other)
    assert win.files.open(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    entries(win)
    target = next(a for a in win.recent_menu.actions() if a.data() == str(other.resolve()))
    win.prompts.save_choices.append(SaveChoice.CANCEL)
    target.trigger()
    assert win.prompts.asked_save == ["Untitled study"]
    assert win.session.document.source_path == str(seed_copy.resolve())  # still open
    win.prompts.save_choices.append(SaveChoice.DISCARD)
    target.trigger()
    assert win.session.document.source_path == str(other.resolve())


def test_an_entry_gone_since_the_menu_opened_says_so(window, seed_copy, tmp_path):
    other = tmp_path / "other.txt"
    shutil.copyfile(SEED, other)
    win = window(seed_copy)
    assert win.files.open(other)
    assert win.files.open(seed_copy)
    entries(win)
    target = next(a for a in win.recent_menu.actions() if a.data() == str(other.resolve()))
    other.unlink()
    target.trigger()
    assert "no longer there" in win.statusBar().currentMessage()
    assert win.session.document.source_path == str(seed_copy.resolve())
    assert str(other.resolve()) not in load_settings().recent_files


def test_ampersands_and_the_tenth_entry_have_proper_mnemonics():
    assert entry_text(1, "/x/R&D notes.txt") == "&1  R&&D notes.txt"
    assert entry_text(10, "/x/a.txt") == "1&0  a.txt"


def test_a_file_named_on_the_command_line_is_remembered_not_the_sample(monkeypatch, seed_copy):
    import desktop.ui.app
    from desktop.cli import main

    started = []
    monkeypatch.setattr(desktop.ui.app, "run", lambda opened: started.append(opened) or 0)
    assert main([]) == 0  # the bundled sample: not the user's file
    assert load_settings().recent_files == []
    assert main([str(seed_copy)]) == 0
    assert load_settings().recent_files == [str(seed_copy.resolve())]
    assert len(started) == 2
