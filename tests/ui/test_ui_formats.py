"""Opening PDFs, web pages and Markdown through the window; page numbers, styles, encodings,
the background import with its progress dialog, and Reopen with Encoding."""

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QProgressBar, QPushButton

from desktop.domain.reflow import Reflow
from desktop.storage.formats import pdf as pdf_format
from desktop.storage.studyfile import load_study
from desktop.ui.core.import_worker import load_document_in_background
from desktop.ui.dialogs.prompts import SaveChoice
from desktop.ui.reader.document_styles import styler_of
from tests.format_fixtures import ARTICLE_PAGE, make_pdf
from tests.ui import helpers as ui

PAGES = ["Report on the militia\nIntroduction to the matter", "The claim on page two here",
         "Third page ends the report"]
ARABIC = ("تقرير خاص: أعلنت الجماعة المسلحة أنها ستستهدف القوات الأجنبية في العراق إذا لم "
          "تنسحب قبل نهاية العام.\nوقال المتحدث باسم الجماعة إن الهجمات ستستمر.\n")


@pytest.fixture
def pdf_path(tmp_path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(PAGES, title="Militia report"))
    return path


def open_via_menu(qtbot, win, path, ui):
    win.prompts.open_paths.append(path)
    ui.press(qtbot, win.reader, Qt.Key.Key_O, ui.CTRL)
    ui.activate(qtbot, win)  # after the progress dialog, if reading took long enough


def test_open_a_pdf_and_cite_its_pages(qtbot, window, seed_copy, pdf_path):
    win = window(seed_copy)
    open_via_menu(qtbot, win, pdf_path, ui)
    assert not win.prompts.errors
    assert win.pdf.showing  # as pages; these checks read the text view
    win.menu_actions.pdf_text.setChecked(True)
    text = win.reader.toPlainText()
    assert "The claim on page two here" in text
    assert text == Reflow(win.session.document.text).text  # paragraphs, not the lines
    assert win.document_status.text() == "PDF  ·  p. 1 of 3"
    assert "Untitled study — report.pdf" in win.windowTitle()
    hid = ui.highlight(qtbot, win, "claim on page two", 1)
    (row,) = ui.rows(win)
    assert row["id"] == hid and row["text"] == "p. 2 · claim on page two"
    assert win.notes.card.quote.text() == "p. 2 · “claim on page two”"
    ui.highlight(qtbot, win, "Third page", 2)
    assert [r["text"][:5] for r in ui.rows(win)] == ["p. 2 ", "p. 3 "]


def test_the_status_bar_follows_the_page_scrolled_to(qtbot, window, tmp_path):
    pages = ["\n".join(f"Page {n} line {i}" for i in range(30)) for n in range(1, 11)]
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(pages))
    win = window(path)
    assert win.document_status.text() == "PDF  ·  p. 1 of 10"
    block = win.reader.document().findBlock(win.session.document.text.index("Page 5 line 0"))
    win.reader.verticalScrollBar().setValue(block.blockNumber())
    assert win.document_status.text() == "PDF  ·  p. 5 of 10"
    win.reader.verticalScrollBar().setValue(0)
    assert win.document_status.text() == "PDF  ·  p. 1 of 10"


def test_plain_text_has_no_page_numbers(qtbot, window, seed_copy):
    win = window(seed_copy)
    ui.highlight(qtbot, win, "Harakat al-Nujaba", 1)
    assert ui.rows(win)[0]["text"] == "Harakat al-Nujaba"
    assert win.document_status.text() == "Text  ·  Unicode (UTF-8)"


def test_a_bad_pdf_says_why_and_keeps_the_study(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    session = win.session
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(make_pdf([""]))
    open_via_menu(qtbot, win, scanned, ui)
    ((title, message),) = win.prompts.errors
    assert title == "Could not open" and "no text layer; run OCR first" in message.replace(
        " (it is probably scanned);", ";")
    assert win.session is session


def test_web_page_opens_as_its_article_with_details(qtbot, window, seed_copy, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_PAGE, encoding="utf-8")
    win = window(seed_copy)
    assert win.files.open(page)
    document = win.session.document
    assert win.reader.toPlainText().startswith("Militia threatens troops\n\nThe armed group")
    assert "Subscribe" not in win.reader.toPlainText()
    assert (document.author, document.url) == ("Jane Roe", "https://news.example.org/militia")
    assert win.document_status.text() == "Web page  ·  Unicode (UTF-8)"


def char_format_at(win, cp: int):
    block = win.reader.document().findBlock(cp)
    local = cp - block.position()
    formats = block.layout().formats()
    for r in formats:
        if r.start <= local < r.start + r.length:
            return QTextCharFormat(r.format)
    return None


def test_markdown_is_shown_formatted_and_highlights_anchor_to_it(qtbot, window, seed_copy,
                                                                 tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("# The title\n\nA **strong** claim and *soft* words.\n", encoding="utf-8")
    win = window(seed_copy)
    assert win.files.open(md)
    assert win.reader.toPlainText() == "The title\n\nA strong claim and soft words."
    styler = styler_of(win.reader)
    assert styler is not None and styler.document() is win.reader.document()
    assert styler.ranges == [(0, 9, "heading1"), (13, 19, "bold"), (30, 34, "italic")]
    heading = char_format_at(win, 2)
    assert heading is not None and heading.fontWeight() == QFont.Weight.Bold
    assert char_format_at(win, 31).fontItalic()
    assert char_format_at(win, 22) is None  # plain words stay plain
    hid = ui.highlight(qtbot, win, "strong claim", 1)
    assert win.session.study.highlights[hid].quote.exact == "strong claim"
    # A plain text document afterwards shows no leftover formatting.
    plain = tmp_path / "plain.txt"
    plain.write_text("Just text here.\n", encoding="utf-8")
    win.prompts.save_choices.append(SaveChoice.DISCARD)
    assert win.files.open(plain)
    assert styler.document() is None and char_format_at(win, 1) is None


def test_reopen_with_encoding_replaces_the_text_and_undoes(qtbot, window, tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    win = window(path)
    assert win.session.document.text == ARABIC
    assert win.document_status.text() == "Text  ·  Arabic (Windows-1256)"
    win.prompts.script("choose_encoding", "cp1251")
    win.menu_actions.reopen_encoding.trigger()
    assert win.prompts.dialog_calls[-1] == ("choose_encoding", ("ar.txt", "cp1256"))
    assert win.session.document.text == ARABIC.encode("cp1256").decode("cp1251")
    assert win.reader.toPlainText() == win.session.document.text
    assert win.document_status.text() == "Text  ·  Cyrillic (Windows-1251)"
    assert win.isWindowModified()
    misread_title = ARABIC.encode("cp1256").decode("cp1251").split("\n")[0][:120]
    assert win.session.document.title == win.session.study.title == misread_title
    win.undo_group.undo()
    assert win.reader.toPlainText() == ARABIC
    assert win.session.study.title == win.session.document.title == ARABIC.split("\n")[0]
    assert win.document_status.text() == "Text  ·  Arabic (Windows-1256)"
    win.undo_group.redo()
    assert win.session.document.encoding == "cp1251"


def test_reopen_with_encoding_cancelled_or_impossible(qtbot, window, tmp_path, pdf_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    win = window(path)
    win.prompts.script("choose_encoding", None)
    win.menu_actions.reopen_encoding.trigger()
    assert win.session.document.text == ARABIC and not win.isWindowModified()
    win.prompts.script("choose_encoding", "utf-8")
    win.menu_actions.reopen_encoding.trigger()
    ((title, message),) = win.prompts.errors
    assert title == "Could not reopen" and "cannot be read as Unicode (UTF-8)" in message
    assert win.session.document.text == ARABIC
    # With highlights, the user is told they will be re-placed and may decline.
    ui.highlight(qtbot, win, "تقرير خاص", 1)
    win.prompts.confirms.append(False)
    win.menu_actions.reopen_encoding.trigger()
    (title, message, _label), = win.prompts.asked_confirm
    assert "has 1 highlight" in message and "re-place" in message
    assert win.session.document.text == ARABIC
    # A PDF has no encoding to choose.
    other = window(pdf_path)
    other.menu_actions.reopen_encoding.trigger()
    assert "Only text documents" in other.prompts.infos[-1][1]


def test_reopen_with_encoding_re_places_the_highlights_made_on_a_misreading(
        qtbot, window, tmp_path):
    """A Western file read as Cyrillic: highlights on plain ASCII words come through
    unchanged, one on a misread word is reported; undo brings back the first reading."""
    text = ("Letter from the café owner\n\nThe owner said the rent doubled in one year.\n\n"
            "“Nobody can pay this,” said the café’s manager.\n")
    path = tmp_path / "letter.txt"
    path.write_bytes(text.encode("cp1252"))
    win = window(path)
    win.prompts.script("choose_encoding", "cp1251")
    win.menu_actions.reopen_encoding.trigger()  # no highlights yet: no question
    misread = win.session.document.text
    assert "café" not in misread and not win.prompts.asked_confirm
    plain = ui.highlight(qtbot, win, "the rent doubled in one year", 1)
    at = misread.index("said the caf")
    misread_phrase = misread[at:at + len("said the café’s manager")]
    assert misread_phrase != "said the café’s manager"
    accented = ui.highlight(qtbot, win, misread_phrase, 2)
    before = {hid: (h.start, h.end) for hid, h in win.session.study.highlights.items()}

    win.prompts.confirms.append(True)
    win.prompts.script("choose_encoding", "cp1252")
    win.prompts.script("update_report", False)
    win.menu_actions.reopen_encoding.trigger()
    study, document = win.session.study, win.session.document
    assert document.text == text and document.encoding == "cp1252"
    assert win.reader.toPlainText() == text
    assert study.highlights[plain].quote.exact == "the rent doubled in one year"
    assert study.highlights[plain].start == text.index("the rent doubled")
    assert study.highlights[accented].quote.exact != misread_phrase
    (_name, (report,)), = [c for c in win.prompts.dialog_calls if c[0] == "update_report"]
    assert report.counts["unchanged"] + report.counts["moved"] == 1
    assert report.counts["changed"] + report.counts["orphaned"] == 1
    assert document.versions and document.versions[-1].text == misread  # nothing lost

    win.undo_group.undo()  # one step: text, encoding and positions come back
    assert win.session.document.text == misread
    assert win.session.document.encoding == "cp1251"
    assert {hid: (h.start, h.end) for hid, h in study.highlights.items()} == before


def test_save_and_reopen_keeps_encoding_pages_and_styles(qtbot, window, tmp_path, pdf_path,
                                                         ):
    win = window(pdf_path)
    win.menu_actions.pdf_text.setChecked(True)  # PDF as Text
    ui.highlight(qtbot, win, "claim on page two", 1)
    target = tmp_path / "study.crosslight"
    win.prompts.save_paths.append(target)
    assert win.files.save()
    saved = load_study(target).study.main_document
    assert saved.pages == win.session.document.pages and len(saved.pages) == 3
    reopened = window(target)
    assert ui.rows(reopened)[0]["text"] == "p. 2 · claim on page two"
    # As pages: the status names the page the view shows.
    view = reopened.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 3)
    assert reopened.document_status.text() == f"PDF  ·  p. {view.visible_page() + 1} of 3"

    md = tmp_path / "ar.md"
    md.write_bytes(("# عنوان\n\n" + ARABIC).encode("cp1256"))
    win2 = window(md)
    target2 = tmp_path / "md.crosslight"
    win2.prompts.save_paths.append(target2)
    assert win2.files.save()
    again = window(target2)
    document = again.session.document
    assert document.encoding == "cp1256" and document.styles == [(0, 5, "heading1")]
    assert styler_of(again.reader).ranges == [(0, 5, "heading1")]


# --- the background import -----------------------------------------------------------
def test_large_files_load_in_a_worker_with_progress(qtbot, window, seed_copy, pdf_path):
    win = window(seed_copy)
    values: list[int] = []
    make_dialog = win.prompts.progress

    def recording(title, label):
        dialog = make_dialog(title, label)
        dialog.findChild(QProgressBar).valueChanged.connect(values.append)
        return dialog

    win.prompts.progress = recording
    document = load_document_in_background(win, pdf_path, win.prompts, sync_bytes=0)
    assert document is not None and len(document.pages) == 3
    (dialog,) = win.prompts.progress_dialogs
    assert dialog.windowTitle() == "Opening document" and "report.pdf" in dialog.labelText()
    assert values == [0, 333, 666, 1000]  # per page, then done
    assert not dialog.isVisible()


def test_small_files_load_without_a_dialog(qtbot, window, seed_copy, pdf_path):
    win = window(seed_copy)
    assert load_document_in_background(win, pdf_path, win.prompts) is not None
    assert win.prompts.progress_dialogs == []


def test_cancel_stops_the_import(qtbot, window, seed_copy, pdf_path, monkeypatch):
    def slow(source):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            source.step(0.5)  # raises once Cancel was pressed
            time.sleep(0.01)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(pdf_format, "load_pdf", slow)
    win = window(seed_copy)
    pressed: list[bool] = []

    def press_cancel():
        dialogs = win.prompts.progress_dialogs
        if dialogs and dialogs[0].isVisible():
            qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.MouseButton.LeftButton)
            pressed.append(True)
            poll.stop()

    poll = QTimer(interval=20)
    poll.timeout.connect(press_cancel)
    poll.start()
    assert load_document_in_background(win, pdf_path, win.prompts, sync_bytes=0) is None
    poll.stop()
    assert pressed == [True]
    assert win.prompts.errors == []  # cancelling is not an error


def test_errors_in_the_worker_are_shown(qtbot, window, seed_copy, tmp_path):
    win = window(seed_copy)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    assert load_document_in_background(win, bad, win.prompts, sync_bytes=0) is None
    ((title, message),) = win.prompts.errors
    assert title == "Could not open" and "not a readable PDF" in message


def test_a_pdf_added_to_a_study_keeps_its_pages(qtbot, window, seed_copy, pdf_path):
    """Add Document goes through the same loader as Open: every format, pages kept."""
    win = window(seed_copy)
    first = win.session.document.id
    win.prompts.script("import_path", pdf_path)
    win.menu_actions.add_document.trigger()
    assert not win.prompts.errors
    assert win.session.document.id != first and win.session.document.pages
    win.menu_actions.pdf_text.setChecked(True)  # PDF as Text
    hid = ui.highlight(qtbot, win, "claim on page two", 1)
    assert win.notes.card.quote.text() == "p. 2 · “claim on page two”"
    assert win.session.study.highlights[hid].document_id == win.session.document.id


def test_a_damaged_file_added_to_a_study_is_refused_with_a_message(qtbot, window, seed_copy,
                                                                    tmp_path):
    win = window(seed_copy)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    win.prompts.script("import_path", bad)
    win.menu_actions.add_document.trigger()
    ((title, message),) = win.prompts.errors
    assert title == "Document not opened" and "broken.pdf" in message
    assert len(win.session.study.documents) == 1


def test_the_margin_marks_where_each_pdf_page_begins(qtbot, window, pdf_path, seed_copy):
    win = window(pdf_path)
    win.menu_actions.pdf_text.setChecked(True)  # PDF as Text
    marks = win.reader.gutter.visible_page_marks()
    assert [label for _, label in marks] == ["p. 1", "p. 2", "p. 3"]
    tops = [top for top, _ in marks]
    assert tops == sorted(tops) and len(set(tops)) == 3  # each on its own line, in order
    gutter = win.reader.gutter
    image = gutter.grab().toImage()
    y = tops[1] + win.reader.viewport().y() - gutter.y()
    inked = {image.pixelColor(x, y + dy).name() for x in range(4, 30) for dy in range(12)}
    assert len(inked) > 1  # the label is painted there
    win.files.open(seed_copy)  # a text without pages: no marks
    assert win.reader.gutter.visible_page_marks() == []
