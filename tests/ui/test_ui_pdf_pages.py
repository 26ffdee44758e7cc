"""A PDF read as its pages, as a user does it: drag over the words on the page, Ctrl+1,
the highlight is in the list, on the page, in the report (p. N) and in the Text view,
and Ctrl+Z takes it away. A study made by the pypdf-based reader re-anchors."""

import shutil
from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.storage.exporters import export_text
from desktop.storage.formats.pdf import HYPHEN_MARK
from tests.format_fixtures import make_pdf

PAGES = ["Report on the militia\nIntroduction to the matter", "The claim on page two here",
         "Third page ends the report"]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


@pytest.fixture
def pdf_path(tmp_path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(PAGES, title="Militia report"))
    return path


def page_point(qtbot, view, offset: int, right: bool = False) -> QPoint:
    """Viewport pixels just inside the left (or right) edge of character ``offset``."""
    number = max(i for i, s in enumerate(view.starts) if s <= offset)
    view.reveal(offset, offset + 1)
    qtbot.waitUntil(lambda: view.page_is_ready(number))
    view.ensure_visible(offset, centre=True)
    box = view._boxes[number][offset - view.starts[number]]
    page = view.layout_.page_rect(number, view.viewport().width())
    z = view.zoom
    x = box[2] * z - 1 if right else box[0] * z + 1
    return QPoint(round(page.x() + x - view.horizontalScrollBar().value()),
                  round(page.y() + (box[1] + box[3]) / 2 * z - view.verticalScrollBar().value()))


def drag_select(qtbot, view, start: int, end: int) -> None:
    a = page_point(qtbot, view, start)
    b = page_point(qtbot, view, end - 1, right=True)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)


def test_select_on_the_page_and_highlight_with_ctrl_1(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    assert win.pdf.showing and win.reader_stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.page_count == 3)
    text = win.session.document.text
    start = text.index("claim on page two")
    drag_select(qtbot, view, start, start + len("claim on page two"))
    assert view.selection_range() == (start, start + len("claim on page two"))
    ui.press(qtbot, view, Qt.Key.Key_1, ui.CTRL)
    (row,) = ui.rows(win)
    assert row["text"] == "p. 2 · claim on page two"
    assert [(r.start, r.end) for r in view.ranges()] == [(start, start + 17)]
    assert view.selection_range() is None  # the colour shows, not the selection
    # The report cites the page.
    html = export_text(win.session.study, "html")
    assert "claim on page two" in html and "p. 2" in html
    # The Text view shows the same highlight on the same words.
    ui.press(qtbot, view, Qt.Key.Key_P, ui.CTRL | ui.SHIFT)
    assert not win.pdf.showing and win.reader.isVisible()
    (painted,) = win.reader.ranges
    assert win.reader.toPlainText()[painted.start:painted.end] == "claim on page two"
    # Undo takes it away everywhere.
    ui.press(qtbot, win.reader, Qt.Key.Key_Z, ui.CTRL)
    assert ui.rows(win) == [] and win.reader.ranges == []
    win.menu_actions.pdf_text.setChecked(False)
    assert win.pdf.showing and view.ranges() == []


def test_a_highlight_made_in_the_text_view_shows_on_the_page(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    win.menu_actions.pdf_text.setChecked(True)
    ui.highlight(qtbot, win, "Third page", 2)
    win.menu_actions.pdf_text.setChecked(False)
    start = win.session.document.text.index("Third page")
    (painted,) = win.pdf.view.ranges()
    assert (painted.start, painted.end, painted.color) == (start, start + 10, "#3fb57d")


def test_clicking_a_highlight_on_the_page_selects_it_in_the_list(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    text = win.session.document.text
    start = text.index("Introduction")
    drag_select(qtbot, view, start, start + len("Introduction"))
    ui.press(qtbot, view, Qt.Key.Key_3, ui.CTRL)
    hid = ui.rows(win)[0]["id"]
    win.notes.list.clearSelection()
    at = page_point(qtbot, view, start + 3)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert win.notes.current_id() == hid


def test_keyboard_selection_and_copy_on_the_page(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    text = win.session.document.text
    start = text.index("militia")
    at = page_point(qtbot, view, start)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    for _ in range(len("militia")):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range() == (start, start + 7)
    ui.press(qtbot, view, Qt.Key.Key_C, ui.CTRL)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "militia"


def test_a_pypdf_study_reanchors_onto_pdfium_text(qtbot, window, tmp_path, ui):
    """The fixture was saved by the pypdf-based reader: 'adip-\\niscing' in its text."""
    pdf = tmp_path / "pdf_multicolumn.pdf"
    shutil.copyfile(FIXTURES / "pdf_multicolumn.pdf", pdf)
    data = orjson.loads((FIXTURES / "pypdf-multicolumn.crosslight").read_bytes())
    data["documents"][0]["source_path"] = str(pdf)
    study = tmp_path / "old.crosslight"
    study.write_bytes(orjson.dumps(data))
    old_text = data["documents"][0]["text"]
    assert "adip-\niscing" in old_text
    win = window(study)
    qtbot.waitUntil(lambda: win.session.document.text != old_text, timeout=10000)
    document = win.session.document
    assert f"adip{HYPHEN_MARK}iscing" in document.text
    assert document.versions[-1].text == old_text  # the old text is kept
    highlights = {h.note or h.category_id: h for h in win.session.study.highlights.values()}
    hyphen = highlights["Across a hyphenated line end."]
    assert not hyphen.is_orphan
    assert document.text[hyphen.start:hyphen.end].startswith("onsectetuer adip")
    assert document.text[highlights["question"].start:highlights["question"].end] == "Abstract"
    assert all(not h.is_orphan for h in highlights.values())
    assert [r.key for r in win.pdf.view.ranges()] and win.isWindowModified()
    ui.press(qtbot, win.pdf.view, Qt.Key.Key_Z, ui.CTRL)  # one undo restores the old text
    assert win.session.document.text == old_text


def test_the_pypdf_4pages_study_opens_with_its_highlights_in_place(qtbot, window, tmp_path):
    pdf = tmp_path / "pdf_4pages.pdf"
    shutil.copyfile(FIXTURES / "pdf_4pages.pdf", pdf)
    data = orjson.loads((FIXTURES / "pypdf-4pages.crosslight").read_bytes())
    data["documents"][0]["source_path"] = str(pdf)
    study = tmp_path / "old.crosslight"
    study.write_bytes(orjson.dumps(data))
    win = window(study)
    assert win.pdf.showing
    qtbot.waitUntil(lambda: win.pdf.view.page_count == 4)
    starts = sorted((h.start, h.end) for h in win.session.study.highlights.values())
    assert starts == [(73, 114), (4061, 4080), (11942, 12002)]
    assert sorted((r.start, r.end) for r in win.pdf.view.ranges()) == starts


def test_a_missing_pdf_file_shows_the_text(qtbot, window, pdf_path, tmp_path):
    win = window(pdf_path)
    target = tmp_path / "s.crosslight"
    win.prompts.save_paths.append(target)
    assert win.files.save()
    pdf_path.unlink()
    again = window(target)
    assert not again.pdf.showing and again.reader.isVisible()
    assert not again.menu_actions.pdf_text.isEnabled()


def test_the_text_view_joins_hyphens_and_a_highlight_made_there_shows_on_the_page(
        qtbot, window, tmp_path, ui):
    pdf = tmp_path / "pdf_multicolumn.pdf"
    shutil.copyfile(FIXTURES / "pdf_multicolumn.pdf", pdf)
    win = window(pdf)
    win.menu_actions.pdf_text.setChecked(True)
    shown = win.reader.toPlainText()
    assert "consectetuer adipiscing elit" in shown and HYPHEN_MARK not in shown
    at = shown.index("adipiscing elit")
    win.reader.select_range(at, at + len("adipiscing elit"))  # as the reader shows it
    ui.press(qtbot, win.reader, Qt.Key.Key_1, ui.CTRL)
    (h,) = win.session.study.highlights.values()
    document = win.session.document
    assert document.text[h.start:h.end] == f"adip{HYPHEN_MARK}iscing elit"
    win.menu_actions.pdf_text.setChecked(False)
    assert [(r.start, r.end) for r in win.pdf.view.ranges()] == [(h.start, h.end)]
    # And back: made on the page, shown in the text on the joined word.
    view = win.pdf.view
    start = document.text.index("Abstract")
    drag_select(qtbot, view, start, start + len("Abstract"))
    ui.press(qtbot, view, Qt.Key.Key_5, ui.CTRL)
    win.menu_actions.pdf_text.setChecked(True)
    spans = sorted(shown[r.start:r.end] for r in win.reader.ranges)
    assert spans == ["Abstract", "adipiscing elit"]


def test_find_shows_its_matches_on_the_page_and_ctrl_1_highlights_one(qtbot, window,
                                                                       pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 3)
    ui.press(qtbot, view, Qt.Key.Key_F, ui.CTRL)
    assert win.find_bar.isVisible()
    qtbot.keyClicks(win.find_bar.edit, "report")
    text = win.session.document.text
    first = text.index("Report")
    second = text.index("report", first + 1)
    assert view._matches == [(first, first + 6), (second, second + 6)]
    assert win.find_bar.count_label.text() == "1 of 2"
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Return)
    assert view.selection_range() == (second, second + 6)
    qtbot.waitUntil(lambda: view._pending_reveal is None)
    assert win.document_status.text() == "PDF  ·  p. 3 of 3"  # scrolled to the match
    ui.press(qtbot, view, Qt.Key.Key_2, ui.CTRL)
    (row,) = ui.rows(win)
    assert row["text"] == "p. 3 · report"
    qtbot.keyClick(win.find_bar.edit, Qt.Key.Key_Escape)
    assert view._matches == []


def test_verdicts_in_the_margin_and_highlights_on_the_minimap(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    assert win.page_minimap.isVisible() and not win.minimap.isVisible()
    text = win.session.document.text
    start = text.index("Third page")
    drag_select(qtbot, view, start, start + len("Third page"))
    ui.press(qtbot, view, Qt.Key.Key_1, ui.CTRL)  # a claim: its verdict shows in the margin
    ui.press(qtbot, view, Qt.Key.Key_2, ui.CTRL | Qt.KeyboardModifier.AltModifier)
    hid = ui.rows(win)[0]["id"]
    verdict = win.session.study.highlights[hid].verdict
    assert verdict.value != "unverified"
    (rect, badge), = view.badge_rects(2)
    assert badge.key == hid and badge.badge == verdict.symbol
    page = view.layout_.page_rect(2, view.viewport().width())
    assert rect.right() <= page.left()  # left of the page, in the margin
    assert view.badge_chip is not None  # drawn as the reader's verdict chips
    # Clicking the badge selects the highlight in the list.
    win.notes.list.clearSelection()
    centre = rect.center().toPoint() - QPoint(view.horizontalScrollBar().value(),
                                              view.verticalScrollBar().value())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert win.notes.current_id() == hid
    # The minimap marks the passage near the bottom (page 3 of 3) and goes there on a click.
    mini = win.page_minimap
    y = mini.y_of(start)
    assert mini.height() * 2 / 3 < y < mini.height()
    image = mini.grab().toImage()
    assert image.pixelColor(mini.width() // 2, round(y) + 1).name() == "#f2b134"
    view.verticalScrollBar().setValue(0)
    qtbot.mouseClick(mini, Qt.MouseButton.LeftButton, pos=QPoint(5, round(y)))
    top = view.verticalScrollBar().value()
    assert top > 0 and top <= mini.content_y(start) <= top + view.viewport().height()
    win.look.actions.show_minimap.setChecked(False)
    assert not mini.isVisible() and not win.minimap.isVisible()
    win.look.actions.show_minimap.setChecked(True)
    win.menu_actions.pdf_text.setChecked(True)
    assert win.minimap.isVisible() and not mini.isVisible()


def test_right_click_on_the_page_highlights_the_selection(qtbot, window, pdf_path, ui,
                                                         dialog_guard):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    win = window(pdf_path)
    view = win.pdf.view
    text = win.session.document.text
    start = text.index("militia")
    drag_select(qtbot, view, start, start + len("militia"))
    seen = []

    def handle(menu):
        entries = {a.text(): a for a in menu.actions() if not a.isSeparator()}
        seen.append(list(entries))
        menu.close()
        if len(seen) == 1:
            sub = {a.text(): a for a in entries["Highlight &as"].menu().actions()}
            sub["Evidence"].trigger()

    dialog_guard.popup_handler = handle
    point = page_point(qtbot, view, start + 2)

    def right_click():
        viewport = view.viewport()
        QApplication.sendEvent(viewport, QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)))

    right_click()
    (h,) = win.session.study.highlights.values()
    assert (h.quote.exact, h.category_id) == ("militia", "evidence")
    right_click()  # over the highlight: the commands on it, and it is selected
    assert "&Delete Highlight" in seen[1] and win.notes.current_id() == h.id


def test_update_from_a_new_version_of_the_pdf_shows_its_pages(qtbot, window, pdf_path,
                                                              tmp_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    text = win.session.document.text
    start = text.index("Third page")
    drag_select(qtbot, view, start, start + 10)
    ui.press(qtbot, view, Qt.Key.Key_1, ui.CTRL)
    newer = tmp_path / "report-v2.pdf"
    newer.write_bytes(make_pdf(["A new first line\n" + PAGES[0], PAGES[1], PAGES[2]],
                               title="Militia report"))
    win.prompts.script("update_report", False)
    win.documents.update_document(newer)
    document = win.session.document
    assert document.source_path == str(newer.resolve())
    moved = document.text.index("Third page")
    assert moved != start
    (h,) = win.session.study.highlights.values()
    assert (h.start, h.end) == (moved, moved + 10)
    assert [(r.start, r.end) for r in view.ranges()] == [(moved, moved + 10)]
    assert view.starts == document.pages
    view.reveal(moved, moved + 10)
    qtbot.waitUntil(lambda: view.page_is_ready(2))
    assert view._texts[2] == "Third page ends the report"
    ui.press(qtbot, view, Qt.Key.Key_Z, ui.CTRL)  # undo: the old file and text again
    assert win.session.document.source_path == str(pdf_path.resolve())
    assert [(r.start, r.end) for r in view.ranges()] == [(start, start + 10)]


REPO = Path(__file__).resolve().parents[2]
CORPUS = next((p for p in (REPO.parent / "shared" / "corpus" / "real",
                           REPO.parents[1] / "shared" / "corpus" / "real") if p.is_dir()), None)


def corpus(name: str) -> Path:
    if CORPUS is None or not (CORPUS / name).is_file():
        pytest.skip("shared corpus not available")
    return CORPUS / name


@pytest.mark.parametrize("name", ["pdf_multicolumn.pdf", "pdf_arabic.pdf", "pdf_forms.pdf",
                                  "pdf_googledoc.pdf"])
def test_real_pdfs_open_as_pages(qtbot, window, seed_copy, tmp_path, ui, name):
    path = tmp_path / name
    shutil.copyfile(corpus(name), path)
    win = window(seed_copy)
    assert win.files.open(path) and not win.prompts.errors
    view = win.pdf.view
    assert win.pdf.showing
    qtbot.waitUntil(lambda: view.page_is_ready(0) and 0 in view.rendered_pages())
    # The page's characters are the document's first page.
    assert win.session.document.text.startswith(view._texts[0])
    assert sum(b is not None for b in view._boxes[0]) > 0


@pytest.mark.parametrize(("name", "message"), [
    ("pdf_encrypted.pdf", "protected by a password"),
    ("pdf_truncated_download.pdf", "not a readable PDF"),
    ("pdf_grayscale_image.pdf", "run OCR first"),
])
def test_real_pdfs_refused_in_the_window(qtbot, window, seed_copy, tmp_path, ui, name,
                                         message):
    path = tmp_path / name
    shutil.copyfile(corpus(name), path)
    win = window(seed_copy)
    session = win.session
    assert not win.files.open(path)
    ((_title, text),) = win.prompts.errors
    assert message in text and win.session is session


def test_an_imagemagick_scan_is_refused_in_the_window(qtbot, window, seed_copy, tmp_path):
    from tests.format_fixtures import make_image_pdf

    path = tmp_path / "convert-out.pdf"
    path.write_bytes(make_image_pdf(6))
    win = window(seed_copy)
    assert not win.files.open(path)
    ((_title, text),) = win.prompts.errors
    assert "no text layer" in text and "run OCR first" in text


def test_find_sees_the_words_as_read_across_line_end_hyphens(qtbot, window, tmp_path, ui):
    pdf = tmp_path / "pdf_multicolumn.pdf"
    shutil.copyfile(FIXTURES / "pdf_multicolumn.pdf", pdf)
    win = window(pdf)
    view = win.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 3)
    ui.press(qtbot, view, Qt.Key.Key_F, ui.CTRL)
    qtbot.keyClicks(win.find_bar.edit, "consectetuer adipiscing")
    text = win.session.document.text
    start = text.index(f"consectetuer adip{HYPHEN_MARK}iscing")
    assert view._matches[0] == (start, start + len("consectetuer adipiscing") + 1)
    win.menu_actions.pdf_text.setChecked(True)  # the same match in the Text view
    shown = win.reader.toPlainText()
    starts, ends, _current = win.reader.matches()
    assert shown[starts[0]:ends[0]] == "consectetuer adipiscing"


def test_select_all_and_copy_on_the_pages(qtbot, window, pdf_path, ui):
    win = window(pdf_path)
    view = win.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 3)
    ui.press(qtbot, view, Qt.Key.Key_A, ui.CTRL)
    assert view.selection_range() == (0, len(win.session.document.text))
    # Shift+Right at the very end stays at the end.
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection_range() == (0, len(win.session.document.text))


def test_rtl_words_select_and_highlight_on_their_own_glyphs(qtbot, window, tmp_path, ui):
    """A Hebrew line stored in logical order reads in logical order, and dragging over
    a word on the page highlights that word (its boxes, not its mirror image's)."""
    from tests.format_fixtures import RTL_FONT, make_rtl_pdf

    if not RTL_FONT.is_file():
        pytest.skip("DejaVu Sans is not installed")
    path = tmp_path / "rtl.pdf"
    path.write_bytes(make_rtl_pdf("שלום עולם", logical=True))
    win = window(path)
    view = win.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 1)
    text = win.session.document.text
    assert text == "שלום עולם"
    start = text.index("עולם")
    drag_select(qtbot, view, start, start + 4)
    assert view.selection_range() == (start, start + 4)
    ui.press(qtbot, view, Qt.Key.Key_1, ui.CTRL)
    (row,) = ui.rows(win)
    assert row["text"] == "p. 1 · עולם"


def test_unreadable_characters_are_reported_on_open(qtbot, window, seed_copy, tmp_path):
    from tests.format_fixtures import _with_new_xref

    raw = _with_new_xref(make_pdf(["Plain words here ABAB"]).replace(
        b"/BaseFont /Helvetica >>",
        b"/BaseFont /Helvetica /Encoding << /Differences [65 /g1 /g2] >> >>"))
    path = tmp_path / "odd.pdf"
    path.write_bytes(raw)
    win = window(seed_copy)
    assert win.files.open(path)
    ((title, message),) = win.prompts.infos
    assert title == "Some text could not be read"
    assert "odd.pdf" in message and "page 1: 4 characters could not be read" in message
    assert win.session.document.text.endswith("\ufffd" * 4)


def test_zoom_keys_and_the_view_menu_zoom_the_pages(qtbot, window, tmp_path, ui):
    """Ctrl++ / Ctrl+- step the zoom, Ctrl+0 and View › Fit Width fit the width, Fit
    Page a whole page, Ctrl+wheel zooms: on the pages, not the hidden text reader."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "pages.pdf"
    path.write_bytes(make_pdf(["First page words", "Second page words"]))
    win = window(path)
    view = win.pdf.view
    qtbot.waitUntil(lambda: view.page_count == 2)
    fitted, text_zoom = view.zoom, win.reader.font().pointSizeF()
    ui.press(qtbot, view, Qt.Key.Key_Plus, ui.CTRL)
    assert view.zoom == pytest.approx(fitted * 1.2) and view.fit == ""
    ui.press(qtbot, view, Qt.Key.Key_Minus, ui.CTRL)
    ui.press(qtbot, view, Qt.Key.Key_Minus, ui.CTRL)
    assert view.zoom == pytest.approx(fitted / 1.2)
    ui.press(qtbot, view, Qt.Key.Key_0, ui.CTRL)
    assert view.zoom == pytest.approx(fitted) and view.fit == "width"
    win.menu_actions.fit_page.trigger()
    assert view.fit == "page" and 792 * view.zoom <= view.viewport().height()
    win.menu_actions.fit_width.trigger()
    assert view.zoom == pytest.approx(fitted)
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, QPointF(view.mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom == pytest.approx(fitted * 1.2)
    assert win.reader.font().pointSizeF() == text_zoom  # the text reader is untouched
