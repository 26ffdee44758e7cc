"""Compact cards show the note rendered (bold, code, task boxes), rendered only for the
rows painted, kept per highlight and dropped when a change set touches it."""

from PySide6.QtCore import Qt

from desktop.storage.saving import save_study
from desktop.ui.notes.highlight_list import NOTE_HTML_ROLE
from tests.builders import study_with
from tests.ui import helpers as ui

TROOPS = "the 9,000 troops that are currently stationed in Iraq"
TIES = "ties to Iran"


def test_a_compact_card_shows_its_note_rendered_and_follows_undo(qtbot, window, seed_copy):
    win = window(seed_copy)
    notes = win.notes
    troops = ui.highlight(qtbot, win, TROOPS, 1)
    ui.type_text(qtbot, notes.card.note.editor, "**Check** the `cap`")
    notes.card.note.editor.setPlainText("**Check** the `cap`\n\n- [ ] DoD\n- [x] Reuters")
    qtbot.waitUntil(lambda: win.session.study.highlights[troops].note.endswith("Reuters"),
                    timeout=3000)
    ui.highlight(qtbot, win, TIES, 1)  # another card opens: the troops card is compact
    row = notes.model.index(notes.model.row_of(troops))
    qtbot.waitUntil(lambda: "<strong>" in row.data(NOTE_HTML_ROLE), timeout=3000)
    preview = row.data(NOTE_HTML_ROLE)
    assert "<strong>Check</strong> the <code>cap</code>" in preview
    assert "☐ DoD" in preview and "☑ Reuters" in preview and "**" not in preview
    # The note changes by undo while the card is compact: the preview follows.
    notes.list.viewport().repaint()
    assert troops in notes.model.previews._html
    study = win.session.study
    for _ in range(4):  # the new highlight, then the note's edits
        if not study.highlights[troops].note.endswith("Reuters"):
            break
        ui.press(qtbot, win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert troops not in notes.model.previews._html
    row = notes.model.index(notes.model.row_of(troops))
    assert "Reuters" not in row.data(NOTE_HTML_ROLE)


def test_previews_are_rendered_only_for_the_rows_painted(qtbot, window, tmp_path):
    words = [f"passage{i:04d}" for i in range(800)]
    study = study_with(" ".join(words), words, note="**{phrase}** and `code`")
    path = tmp_path / "many.crosslight"
    save_study(study, path)
    win = window(path)
    notes = win.notes
    notes.list.viewport().repaint()
    qtbot.waitUntil(lambda: len(notes.model.previews) > 0, timeout=3000)
    notes.list.viewport().repaint()
    shown = len(notes.model.previews)
    rows_on_screen = notes.list.viewport().height() // notes.list.sizeHintForRow(0) + 2
    assert 0 < shown <= rows_on_screen
    notes.list.scrollToBottom()
    notes.list.viewport().repaint()
    assert shown < len(notes.model.previews) <= 2 * rows_on_screen + 2


def test_the_markdown_engine_is_built_off_the_ui_thread(qtbot, monkeypatch):
    """Building python-markdown (~100 ms) was the longest stall after a large study's
    window showed; a worker thread builds it while the cards show plain words."""
    import threading

    from desktop.domain import markdown_engine, markdown_safe
    from desktop.ui.notes.note_previews import NotePreviews

    built_on = []
    real = markdown_engine.new_markdown

    def recording():
        built_on.append(threading.current_thread())
        return real()

    monkeypatch.setattr(markdown_safe, "_converter", None)
    monkeypatch.setattr(markdown_engine, "new_markdown", recording)
    previews = NotePreviews()
    study = study_with("Some bold words here.", ["bold words"], note="**bold** words")
    h = next(iter(study.highlights.values()))
    assert "<strong>" not in previews.get(h)  # plain while the engine is built
    with qtbot.waitSignal(previews.changed, timeout=5000):
        pass
    assert built_on and built_on[0] is not threading.main_thread()
    assert "<strong>bold</strong>" in previews.get(h)
