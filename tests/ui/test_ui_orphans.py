"""A highlight whose passage is gone is kept, listed as orphaned, and saved again."""

import json

from PySide6.QtCore import Qt

from desktop.storage.studyfile import load_study
from desktop.ui.notes.highlight_list import ORPHAN_ROLE
from tests.ui import helpers as ui

KEPT = "Harakat al-Nujaba"
LOST = "Akram al-Kaabi"
GONE = "a sentence that is not in the article"


def summary(win):
    """The pane's count line: (first part, the orphan part if any)."""
    parts = win.notes.summary.text().split(" · ")
    return parts[0], next((p for p in parts if "orphaned" in p), None)


def make_orphan_file(qtbot, window, seed_copy, tmp_path, ui):
    """Save a study with two highlights, then edit the file so one cannot be placed."""
    win = window(seed_copy)
    kept = ui.highlight(qtbot, win, KEPT, 1)
    lost = ui.highlight(qtbot, win, LOST, 3)
    win.notes.select_highlight(lost)
    win.notes.card.note.editor.setFocus()
    qtbot.keyClicks(win.notes.card.note.editor, "Who is he?")
    path = tmp_path / "orphan.crosslight"
    win.prompts.save_paths.append(path)
    assert win.files.save()
    assert win.close()

    data = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [h for h in data["highlights"] if h["id"] == lost]
    selectors = entry["target"]["selectors"]
    for selector in selectors:
        if selector["type"] == "TextQuoteSelector":
            selector.update(exact=GONE, prefix="", suffix="")
    selectors[:] = [s for s in selectors if s["type"] != "TextPositionSelector"]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path, kept, lost


def test_orphan_is_listed_and_kept_on_save(qtbot, window, seed_copy, tmp_path):
    path, kept, lost = make_orphan_file(qtbot, window, seed_copy, tmp_path, ui)

    win = window(path)
    study = win.session.study
    assert study.highlights[lost].is_orphan and not study.highlights[kept].is_orphan
    rows = ui.rows(win)
    assert [(r["id"], r["orphan"]) for r in rows] == [(kept, False), (lost, True)]  # last
    assert rows[1]["text"] == GONE
    index = win.notes.model.index(1)
    assert index.data(ORPHAN_ROLE) is True
    assert "orphaned" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    message = win.statusBar().currentMessage()
    assert "1 highlight could not be placed" in message and "orphaned" in message
    assert summary(win) == ("2 highlights", "1 orphaned")
    # Nothing painted for it; the kept one is where it was.
    text = win.session.document.text
    painted = {r.key for pos in range(len(text)) for r in win.reader.ranges_at(pos)}
    assert painted == {kept}
    assert not win.isWindowModified()  # opening is not an edit

    # Selecting it says why the reader does not go there; its note is still there.
    ui.click_list(qtbot, win, lost)
    assert win.notes.current_id() == lost
    assert "orphaned" in win.statusBar().currentMessage()
    assert not win.reader.flashing
    assert win.notes.card.quote.text().startswith("⚠ Orphaned")
    assert win.notes.card.note.text() == "Who is he?"

    # Edit its note and save: the orphan survives with its quote and no position.
    editor = win.notes.card.note.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Check.")
    assert win.isWindowModified()
    ui.press(qtbot, win.reader, Qt.Key.Key_S, ui.CTRL)
    assert not win.isWindowModified()
    assert win.prompts.errors == []

    data = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [h for h in data["highlights"] if h["id"] == lost]
    types = [s["type"] for s in entry["target"]["selectors"]]
    assert types == ["TextQuoteSelector"]
    assert entry["target"]["selectors"][0]["exact"] == GONE
    assert entry["note"] == "Who is he? Check."
    reloaded = load_study(path)
    assert reloaded.orphans == [lost]
    assert reloaded.study.highlights[kept].start == ui.span(win, KEPT)[0]


def test_orphan_can_be_deleted_and_restored(qtbot, window, seed_copy, tmp_path):
    path, _kept, lost = make_orphan_file(qtbot, window, seed_copy, tmp_path, ui)
    win = window(path)
    win.notes.select_highlight(lost)
    ui.press(qtbot, win.notes.list, Qt.Key.Key_Delete)
    assert lost not in win.session.study.highlights
    assert summary(win) == ("1 highlight", None)
    qtbot.keyClick(win.notes.list, Qt.Key.Key_Z, ui.CTRL)
    assert win.session.study.highlights[lost].is_orphan
    assert summary(win) == ("2 highlights", "1 orphaned")
    assert not win.isWindowModified()
