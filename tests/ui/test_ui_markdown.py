"""Notes render as sanitized Markdown, and links never open without a question."""

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QTextCursor

from tests.ui import helpers as ui

NOTE = (
    "A **bold** claim.\n\n"
    "<script>alert('owned')</script>\n\n"
    '<img src="file:///etc/passwd">\n\n'
    "[x](javascript:alert(1)) and [site](https://example.org/check)\n"
)


@pytest.fixture
def opened_urls(monkeypatch):
    opened: list[str] = []

    def record(url):
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return opened


@pytest.fixture
def noted(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    ui.type_text(qtbot, win.notes.card.note.editor, NOTE)
    assert win.notes.current_highlight().note == NOTE
    return win


def bold_words(browser) -> set[str]:
    words = set()
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                words.add(fragment.text())
            it += 1
        block = block.next()
    return words


def test_preview_renders_markdown_and_drops_active_content(qtbot, noted):
    note = noted.notes.card.note
    qtbot.mouseClick(note.preview_button, Qt.MouseButton.LeftButton)
    assert note.preview.isVisible()  # the Preview toggle shows the rendered note
    assert bold_words(note.preview) == {"bold"}
    html = note.preview.toHtml()
    for banned in ("<script", "alert", "<img", "javascript:", "file:", "passwd"):
        assert banned not in html, banned
    assert 'href="https://example.org/check"' in html
    shown = note.preview.toPlainText()
    assert "A bold claim." in shown and "x and site" in shown
    # Typing while the preview shows is impossible; an undo re-renders it.
    qtbot.keyClick(noted.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert noted.notes.current_highlight().note == ""
    assert note.preview.toPlainText().startswith("Nothing written yet.")  # says what to do


def click_link(qtbot, browser, text):
    """Click on the middle of the link ``text`` in the preview."""
    found = browser.document().find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + len(text) // 2)
    point = browser.cursorRect(cursor).center()
    assert browser.anchorAt(point), f"no link under {text!r}"
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_clicking_a_web_link_asks_first(qtbot, noted, opened_urls):
    note = noted.notes.card.note
    note.show_preview()
    noted.prompts.confirms.extend([False, True])
    click_link(qtbot, note.preview, "site")
    ((title, message, label),) = noted.prompts.asked_confirm
    assert title == "Open link?"
    assert "https://example.org/check" in message and label == "Open in Browser"
    assert opened_urls == []  # declined
    click_link(qtbot, note.preview, "site")
    assert opened_urls == ["https://example.org/check"]
    assert noted.prompts.errors == []
    # The sanitized javascript: link is not a link any more.
    found = note.preview.document().find("x and")
    cursor = QTextCursor(note.preview.document())
    cursor.setPosition(found.selectionStart())
    assert note.preview.anchorAt(note.preview.cursorRect(cursor).center()) == ""


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "JavaScript:alert(1)", "data:text/html,hi",
     "ftp://example.org/x", "mailto:someone@example.org"],
)
def test_unsafe_links_are_refused_with_a_message(noted, opened_urls, url):
    noted.links.open(QUrl(url))
    ((title, message),) = noted.prompts.errors
    assert title == "Link not opened"
    assert "only opens web links" in message
    assert noted.prompts.asked_confirm == []
    assert opened_urls == []


def test_study_note_preview_is_sanitized_too(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.click_tab(qtbot, win.notes.tabs, "Study note")
    ui.type_text(qtbot, win.notes.study_note.editor, NOTE)
    assert win.session.study.note == NOTE
    win.notes.study_note.show_preview()
    html = win.notes.study_note.preview.toHtml()
    assert bold_words(win.notes.study_note.preview) == {"bold"}
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
