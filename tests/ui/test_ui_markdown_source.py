"""Document › View Markdown Source (Ctrl+U): the Markdown a document was rendered from,
opened with the selected highlight's passage selected and scrolled to — through the
document's source map, kept in the study file (issue #14, item 3)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.storage.studyfile import load_study
from desktop.ui.dialogs.markdown_source import MarkdownSourceDialog
from tests.ui import helpers as ui
from tests.ui.helpers import CTRL

FILLER = "".join(f"Filler paragraph number {n} to make the source scroll.\n\n"
                 for n in range(60))
MARKDOWN = (
    "# سلام 😀 دنیا\n\n"
    "Intro with **bold words** and [a link](https://example.org/a?b=1&c=2).\n\n"
    + FILLER +
    "- first item\n"
    "  - nested 👍 item with `code`\n\n"
    "Fish &amp; chips, all the same.\n"
)


def open_markdown(window, tmp_path, text=MARKDOWN):
    path = tmp_path / "readme.md"
    path.write_text(text, encoding="utf-8")
    return window(path), path


def view_source(qtbot, win):
    """Press Ctrl+U; return what the source view was given."""
    before = len(win.prompts.dialog_calls)
    ui.press(qtbot, win.reader, Qt.Key.Key_U, CTRL)
    calls = win.prompts.dialog_calls[before:]
    assert [name for name, _ in calls] == ["markdown_source"]
    return calls[0][1][0]


def selected(source) -> str:
    assert source.selection is not None, source.note
    start, end = source.selection
    return source.text[start:end]


def test_the_source_opens_with_the_selected_highlights_passage_selected(qtbot, window,
                                                                        tmp_path):
    win, _ = open_markdown(window, tmp_path)
    first = ui.highlight(qtbot, win, "bold words and a link", 1)
    nested = ui.highlight(qtbot, win, "nested 👍 item with code", 2)
    title = ui.highlight(qtbot, win, "سلام 😀 دنیا", 3)
    fish = ui.highlight(qtbot, win, "Fish & chips", 1)
    expected = {first: "bold words** and [a link", nested: "nested 👍 item with `code",
                title: "سلام 😀 دنیا", fish: "Fish &amp; chips"}
    for hid, passage in expected.items():
        ui.click_list(qtbot, win, hid)
        assert win.notes.current_id() == hid
        source = view_source(qtbot, win)
        assert source.name == "readme.md" and source.text == MARKDOWN
        assert selected(source) == passage
        assert source.selection[0] == MARKDOWN.index(passage)  # code points, not UTF-16


def test_the_dialog_selects_and_scrolls_to_the_passage(qtbot, window, tmp_path):
    win, _ = open_markdown(window, tmp_path)
    hid = ui.highlight(qtbot, win, "nested 👍 item with code", 2)
    ui.click_list(qtbot, win, hid)
    source = view_source(qtbot, win)
    dialog = MarkdownSourceDialog(source, win)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    editor = dialog.text
    assert editor.isReadOnly() and editor.toPlainText() == MARKDOWN
    assert editor.textCursor().selectedText() == "nested 👍 item with `code"
    start = MARKDOWN.index("nested 👍")
    assert dialog.selection() == (ui.u16(MARKDOWN, start),
                                  ui.u16(MARKDOWN, start + len("nested 👍 item with `code")))
    assert editor.verticalScrollBar().value() > 0  # scrolled down to the passage
    assert editor.viewport().rect().contains(editor.cursorRect().center())
    assert "selected" in dialog.hint.text()


def test_the_map_is_saved_and_used_after_reopening(qtbot, window, tmp_path):
    win, _ = open_markdown(window, tmp_path)
    hid = ui.highlight(qtbot, win, "bold words and a link", 1)
    target = tmp_path / "study.crosslight"
    win.prompts.save_paths.append(target)
    assert win.files.save()
    saved = load_study(target).study.main_document
    assert saved.source_map == win.session.document.source_map and saved.source_map
    again = window(target)
    ui.click_list(qtbot, again, hid)
    assert selected(view_source(qtbot, again)) == "bold words** and [a link"


def test_a_passage_selected_in_the_reader_is_found_without_a_highlight(qtbot, window,
                                                                       tmp_path):
    win, _ = open_markdown(window, tmp_path)
    assert win.notes.current_id() is None
    ui.select_phrase(win, "chips, all the same")
    assert selected(view_source(qtbot, win)) == "chips, all the same"


def test_a_reformatted_file_is_rendered_again_to_place_the_passage(qtbot, window,
                                                                   tmp_path):
    win, path = open_markdown(window, tmp_path)
    hid = ui.highlight(qtbot, win, "bold words", 1)
    changed = "<!-- moved -->\n\n" + MARKDOWN.replace("**bold words**", "__bold words__")
    path.write_text(changed, encoding="utf-8")
    ui.click_list(qtbot, win, hid)
    source = view_source(qtbot, win)
    assert source.selection[0] == changed.index("bold words")
    assert selected(source) == "bold words"


def test_a_file_with_other_words_shows_without_a_selection_and_says_why(qtbot, window,
                                                                        tmp_path):
    win, path = open_markdown(window, tmp_path)
    hid = ui.highlight(qtbot, win, "bold words", 1)
    path.write_text(MARKDOWN.replace("bold words", "brave words"), encoding="utf-8")
    ui.click_list(qtbot, win, hid)
    source = view_source(qtbot, win)
    assert source.selection is None and "has changed" in source.note
    dialog = MarkdownSourceDialog(source, win)
    qtbot.addWidget(dialog)
    assert "has changed" in dialog.hint.text()
    assert not dialog.text.textCursor().hasSelection()


def test_other_documents_say_there_is_no_markdown_source(qtbot, window, seed_copy,
                                                         tmp_path):
    win = window(seed_copy)
    ui.press(qtbot, win.reader, Qt.Key.Key_U, CTRL)
    assert win.prompts.infos and win.prompts.infos[-1][0] == "View Markdown Source"
    assert "Only Markdown" in win.prompts.infos[-1][1]
    win2, path = open_markdown(window, tmp_path)
    path.unlink()
    ui.press(qtbot, win2.reader, Qt.Key.Key_U, CTRL)
    assert "could not be read" in win2.prompts.infos[-1][1]


def test_the_action_is_in_the_document_menu(qtbot, window, tmp_path):
    win, _ = open_markdown(window, tmp_path)
    action = win.menu_actions.markdown_source
    menus = [m for m in win.menuBar().actions() if m.text() == "&Document"]
    assert action in menus[0].menu().actions()
    assert action.shortcut().toString() == "Ctrl+U"


def test_a_new_version_brings_its_own_map_and_styles(qtbot, window, tmp_path):
    from desktop.storage.formats.markdown_text import markdown_document

    win, _ = open_markdown(window, tmp_path)
    hid = ui.highlight(qtbot, win, "bold words", 1)
    newer = tmp_path / "newer.md"
    text = MARKDOWN.replace("Intro with", "## Added\n\nIntro, now with")
    newer.write_text(text, encoding="utf-8")
    win.prompts.script("import_path", newer)
    win.prompts.script("update_report", False)
    win.menu_actions.update_document.trigger()
    document = win.session.document
    rendered = markdown_document(text)
    assert document.text == rendered.text
    assert (document.source_map, document.styles) == (rendered.source_map, rendered.styles)
    ui.click_list(qtbot, win, hid)
    source = view_source(qtbot, win)
    assert source.name == "newer.md" and source.selection[0] == text.index("bold words")
    win.session.undo_stack.undo()
    assert document.source_map == markdown_document(MARKDOWN).source_map
