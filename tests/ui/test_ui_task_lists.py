"""A note's task list shows its boxes as the bullets (not "• ☐")."""

from PySide6.QtGui import QTextListFormat

from tests.ui import helpers as ui


def test_the_preview_of_a_task_list_draws_no_bullet_before_the_box(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "pretended to fight ISIS", 4)
    note = win.notes.card.note
    note.editor.setPlainText("- [ ] DoD briefing\n- [x] Reuters\n\nOther:\n\n* one")
    note.show_preview()
    styles = {}
    block = note.preview.document().firstBlock()
    while block.isValid():
        if block.textList() is not None:
            styles[block.text()] = block.textList().format().style()
        block = block.next()
    disc = QTextListFormat.Style.ListDisc
    assert styles["☐ DoD briefing"] != disc and styles["☑ Reuters"] != disc
    assert styles["one"] == disc
